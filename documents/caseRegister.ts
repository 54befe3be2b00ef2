import { PDFDocument } from 'pdf-lib';
import { embedDocumentFonts } from '#documents/fonts';
import { A4_LANDSCAPE, mm } from '#documents/geometry';
import { drawRunningHeader } from '#documents/officeHeader';
import type { OfficeHeader } from '#documents/officeHeader';
import { FOOTER_HEIGHT, drawPageFooters } from '#documents/pageFooter';
import { PageFlow } from '#documents/pageFlow';
import type { Margins } from '#documents/pageFlow';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { formatCalendarDate, formatDateTime, parseInstant } from '#documents/polishDates';
import { drawTable } from '#documents/table';
import type { TableColumn, TableRow } from '#documents/table';

/** One line of the spis spraw (Instrukcja kancelaryjna, załącznik: columns of the case register). */
export type CaseRegisterRow = {
  seq: number | null;
  sign: string;
  title: string;
  /** From whom the case came; empty for cases the office started itself. */
  fromWhom: string | null;
  /** Sign and date of the letter that started the case. */
  letterReference: string | null;
  letterDate: string | null;
  /** `YYYY-MM-DD`. */
  startedOn: string;
  completedOn: string | null;
  remarks: string | null;
  cancelled: boolean;
};

export type CaseRegisterData = {
  office: OfficeHeader;
  unit: { symbol: string; name: string };
  jrwa: { symbol: string; name: string; category: string | null };
  year: number;
  rows: readonly CaseRegisterRow[];
  generatedAt: string;
  generatedBy: string;
};

const MARGINS: Margins = { top: mm(10), right: mm(10), bottom: mm(8) + FOOTER_HEIGHT, left: mm(10) };

const COLUMNS: readonly TableColumn[] = [
  { title: 'Lp.', width: { mm: 11 }, align: 'right' },
  { title: 'Znak sprawy', width: { mm: 34 } },
  { title: 'Sprawa (krótka treść)', width: { share: 3 } },
  { title: 'Od kogo wpłynęła', width: { share: 1.6 } },
  { title: 'Znak pisma', width: { mm: 28 } },
  { title: 'Z dnia', width: { mm: 20 } },
  { title: 'Data wszczęcia', width: { mm: 20 } },
  { title: 'Data ostatecznego załatwienia', width: { mm: 24 } },
  { title: 'Uwagi', width: { share: 1.4 } },
];

function toTableRow(r: CaseRegisterRow): TableRow {
  const remarks = [r.cancelled ? 'ANULOWANA' : '', r.remarks ?? ''].filter((x) => x !== '').join('\n');
  return {
    cells: [
      r.seq === null ? '' : String(r.seq),
      r.sign,
      r.title,
      r.fromWhom ?? '',
      r.letterReference ?? '',
      r.letterDate ? formatCalendarDate(r.letterDate) : '',
      formatCalendarDate(r.startedOn),
      r.completedOn ? formatCalendarDate(r.completedOn) : '',
      remarks,
    ],
    muted: r.cancelled,
  };
}

/**
 * Renders a spis spraw: one unit's cases of one JRWA class in one year, A4 landscape, the
 * header repeated on every page, "Strona N z M".
 */
export async function renderCaseRegister(data: CaseRegisterData): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc);
  const title = `Spis spraw ${data.unit.symbol}.${data.jrwa.symbol} — ${String(data.year)}`;
  const subtitle = `${data.unit.name} · klasa ${data.jrwa.symbol} ${data.jrwa.name}${data.jrwa.category ? ` (kat. arch. ${data.jrwa.category})` : ''}`;
  setDocumentInfo(doc, { title, author: data.office.name, createdAt: parseInstant(data.generatedAt) });
  const flow = new PageFlow(doc, {
    size: A4_LANDSCAPE,
    margins: MARGINS,
    startPage: (page) => drawRunningHeader(page, fonts, MARGINS, { office: data.office, title, subtitle }),
  });
  if (data.rows.length === 0) flow.paragraph('W tym spisie nie ma jeszcze spraw.', { font: fonts.regular, size: 10 });
  else drawTable(flow, fonts, COLUMNS, data.rows.map(toTableRow));
  drawPageFooters(doc, fonts, MARGINS, { left: `Wygenerowano ${formatDateTime(data.generatedAt)} przez ${data.generatedBy} · spraw: ${String(data.rows.length)}` });
  return doc.save();
}
