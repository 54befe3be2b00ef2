import { PDFDocument } from 'pdf-lib';
import { embedDocumentFonts } from '#documents/fonts';
import { A4_PORTRAIT, mm } from '#documents/geometry';
import { drawRunningHeader } from '#documents/officeHeader';
import type { OfficeHeader } from '#documents/officeHeader';
import { FOOTER_HEIGHT, drawPageFooters } from '#documents/pageFooter';
import { PageFlow } from '#documents/pageFlow';
import type { Margins } from '#documents/pageFlow';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { formatCalendarDate, formatDateTime, parseInstant } from '#documents/polishDates';
import { drawTable } from '#documents/table';
import type { TableColumn } from '#documents/table';

/** One registered letter in the postal dispatch book (książka nadawcza). */
export type DispatchBookRow = {
  addressee: string;
  address: string;
  trackingNumber: string;
  massGrams: number | null;
  postageGrosze: number | null;
  remarks: string;
};

export type DispatchBookData = {
  office: OfficeHeader;
  /** `YYYY-MM-DD`: the day the letters are handed to the postal operator. */
  date: string;
  rows: readonly DispatchBookRow[];
  generatedAt: string;
  generatedBy: string;
};

const MARGINS: Margins = { top: mm(12), right: mm(12), bottom: mm(10) + FOOTER_HEIGHT, left: mm(12) };

const COLUMNS: readonly TableColumn[] = [
  { title: 'Lp.', width: { mm: 9 }, align: 'right' },
  { title: 'Adresat (imię i nazwisko lub nazwa)', width: { share: 1.6 } },
  { title: 'Dokładne miejsce doręczenia', width: { share: 2 } },
  { title: 'Numer nadawczy', width: { mm: 34 } },
  { title: 'Masa (g)', width: { mm: 13 }, align: 'right' },
  { title: 'Opłata (zł)', width: { mm: 16 }, align: 'right' },
  // Wide enough for "priorytet, GK-I.6730.123.2026" on one line: a case sign broken in two is misread.
  { title: 'Uwagi', width: { mm: 46 } },
];

function zloty(grosze: number | null): string {
  return grosze === null ? '' : (grosze / 100).toFixed(2).replace('.', ',');
}

/**
 * The książka nadawcza for one day: every registered letter the office hands to the postal
 * operator, numbered, with tracking numbers, mass and postage, and the day's total — the
 * operator stamps it as proof of posting.
 */
export async function renderDispatchBook(data: DispatchBookData): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc);
  const title = 'Książka nadawcza przesyłek poleconych';
  const subtitle = `Nadawca: ${data.office.name} · data nadania ${formatCalendarDate(data.date)}`;
  setDocumentInfo(doc, { title: `${title} ${formatCalendarDate(data.date)}`, author: data.office.name, createdAt: parseInstant(data.generatedAt) });
  const flow = new PageFlow(doc, { size: A4_PORTRAIT, margins: MARGINS, startPage: (page) => drawRunningHeader(page, fonts, MARGINS, { office: data.office, title, subtitle }) });
  if (data.rows.length === 0) {
    flow.paragraph('Tego dnia nie nadano listów poleconych.', { font: fonts.regular, size: 10 });
  } else {
    drawTable(
      flow,
      fonts,
      COLUMNS,
      data.rows.map((r, i) => ({ cells: [String(i + 1), r.addressee, r.address, r.trackingNumber, r.massGrams === null ? '' : String(r.massGrams), zloty(r.postageGrosze), r.remarks] })),
    );
    const total = data.rows.reduce((sum, r) => sum + (r.postageGrosze ?? 0), 0);
    flow.moveDown(mm(3));
    flow.paragraph(`Razem przesyłek: ${String(data.rows.length)} · łączna opłata: ${zloty(total)} zł`, { font: fonts.bold, size: 10 });
    flow.moveDown(mm(8));
    flow.paragraph('Przyjęto do nadania: ………………………………… (data, podpis i stempel placówki pocztowej)', { font: fonts.regular, size: 9 });
  }
  drawPageFooters(doc, fonts, MARGINS, { left: `Wygenerowano ${formatDateTime(data.generatedAt)} przez ${data.generatedBy}` });
  return doc.save();
}
