import { PDFDocument, rgb } from 'pdf-lib';
import { embedDocumentFonts } from '#documents/fonts';
import { A4_PORTRAIT, mm } from '#documents/geometry';
import { PageFlow, type Margins } from '#documents/pageFlow';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { formatCalendarDate, formatDateTime, parseInstant } from '#documents/polishDates';
import type { OfficeHeader } from '#documents/officeHeader';

export type FinalityClauseData = {
  office: OfficeHeader;
  decisionNumber: string;
  decisionTitle: string;
  caseSign: string;
  /** `YYYY-MM-DD`: the day the decision became final. */
  finalOn: string;
  /** Why on that day, in the clause's words (all parties' periods passed; waivers). */
  basis: string;
  parties: readonly { name: string; detail: string }[];
  issuedByName: string;
  issuedByPosition: string;
  /** ISO 8601 instant the clause was printed. */
  issuedAt: string;
};

const MARGINS: Margins = { top: mm(25), right: mm(20), bottom: mm(20), left: mm(25) };
const MARK = rgb(0.1, 0.1, 0.45);

/**
 * A copy of a signed decision with the finality clause (klauzula ostateczności, KPA art. 16 §1):
 * the decision's pages as signed, each marked at its foot "Kopia — decyzja ostateczna z dniem
 * …", and a last page with the clause, on which the person who gives it signs by hand. The
 * signed original is never changed: a clause written into it would break its signature.
 */
export async function renderFinalityCopy(signedPdf: PDFDocument, data: FinalityClauseData): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc);
  setDocumentInfo(doc, { title: `Decyzja ${data.decisionNumber} z klauzulą ostateczności`, author: data.office.name, subject: data.decisionTitle, createdAt: parseInstant(data.issuedAt) });
  const finalOn = formatCalendarDate(data.finalOn);
  const mark = `Kopia — decyzja nr ${data.decisionNumber} ostateczna z dniem ${finalOn} (klauzula na ostatniej stronie)`;
  for (const page of await doc.copyPages(signedPdf, signedPdf.getPageIndices())) {
    doc.addPage(page);
    const { width } = page.getSize();
    const size = 7.5;
    const w = fonts.regular.widthOfTextAtSize(mark, size);
    page.drawText(mark, { x: Math.max(mm(5), (width - w) / 2), y: mm(5), size, font: fonts.regular, color: MARK });
  }

  const flow = new PageFlow(doc, { size: A4_PORTRAIT, margins: MARGINS });
  flow.paragraph(data.office.name, { font: fonts.bold, size: 11 });
  for (const line of data.office.addressLines) flow.paragraph(line, { font: fonts.regular, size: 10 });
  flow.moveDown(mm(12));
  flow.paragraph('KLAUZULA OSTATECZNOŚCI', { font: fonts.bold, size: 14, align: 'center' });
  flow.moveDown(mm(8));
  flow.paragraph(`Decyzja nr ${data.decisionNumber} (${data.decisionTitle}), znak sprawy ${data.caseSign}, stała się ostateczna z dniem ${finalOn} r. (art. 16 § 1 k.p.a.).`, { font: fonts.regular, size: 11, lineHeight: 1.5 });
  flow.moveDown(mm(3));
  flow.paragraph(data.basis, { font: fonts.regular, size: 10, lineHeight: 1.4 });
  flow.moveDown(mm(3));
  for (const p of data.parties) flow.paragraph(`• ${p.name}: ${p.detail}`, { font: fonts.regular, size: 10, lineHeight: 1.4, indent: mm(4) });
  flow.moveDown(mm(25));
  flow.paragraph('………………………………………………', { font: fonts.regular, size: 10, align: 'right' });
  flow.paragraph(data.issuedByName, { font: fonts.regular, size: 10, align: 'right' });
  flow.paragraph(data.issuedByPosition, { font: fonts.regular, size: 9, align: 'right' });
  flow.moveDown(mm(4));
  flow.paragraph(`Wydruk z dnia ${formatDateTime(data.issuedAt)}`, { font: fonts.regular, size: 8, align: 'right' });
  return doc.save();
}
