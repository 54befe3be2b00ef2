import { PDFDocument } from 'pdf-lib';
import { embedDocumentFonts } from '#documents/fonts';
import { A4_LANDSCAPE, mm } from '#documents/geometry';
import { drawRunningHeader } from '#documents/officeHeader';
import type { OfficeHeader } from '#documents/officeHeader';
import { FOOTER_HEIGHT, drawPageFooters } from '#documents/pageFooter';
import { PageFlow } from '#documents/pageFlow';
import type { Margins } from '#documents/pageFlow';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { formatCalendarDate, formatDate, formatDateTime, formatTime, parseInstant } from '#documents/polishDates';
import { drawTable } from '#documents/table';
import type { TableColumn, TableRow } from '#documents/table';

/** One entry of the incoming register (rejestr przesyłek wpływających, RPW). */
export type IncomingRegisterRow = {
  /** `RPW/124/2026`. */
  registerNumber: string;
  /** ISO 8601 instant. */
  receivedAt: string;
  senderName: string;
  /** Lines separated by `\n`; printed on one line, comma-separated. */
  senderAddress?: string | null;
  /** The sender's own reference (znak pisma). */
  senderReference?: string | null;
  /** `YYYY-MM-DD`. */
  letterDate?: string | null;
  subject: string;
  /** Polish label of the channel. */
  channel: string;
  attachmentCount: number;
  /** Unit symbol, and the person if assigned: `GK / Jan Kowalski`. */
  assignedTo?: string | null;
  /** Postal tracking number (nr nadania). */
  trackingNumber?: string | null;
  remarks?: string | null;
  /** Set when the entry was cancelled (anulowana): it keeps its number and shows the reason. */
  cancellationReason?: string | null;
};

export type IncomingRegisterData = {
  office: OfficeHeader;
  /** First and last day of the period printed, `YYYY-MM-DD`. */
  from: string;
  to: string;
  rows: readonly IncomingRegisterRow[];
  /** ISO 8601 instant. */
  generatedAt: string;
  /** Full name of the person who printed it. */
  generatedBy: string;
};

const MARGINS: Margins = { top: mm(10), right: mm(10), bottom: mm(8) + FOOTER_HEIGHT, left: mm(10) };

// Fixed widths fit their longest usual value at 7.5 pt (RPW/1234/2026, 01.11.2026,
// RR123456789PL) on one line; the free-text columns share the rest.
const COLUMNS: readonly TableColumn[] = [
  { title: 'Nr rej.', width: { mm: 24 } },
  { title: 'Data wpływu', width: { mm: 18 } },
  { title: 'Nadawca', width: { share: 2.3 } },
  { title: 'Znak i data pisma', width: { mm: 25 } },
  { title: 'Dotyczy', width: { share: 2.9 } },
  { title: 'Kanał', width: { mm: 21 } },
  { title: 'Liczba zał.', width: { mm: 12 }, align: 'right' },
  { title: 'Przydzielono', width: { mm: 24 } },
  { title: 'Nr nadania', width: { mm: 25 } },
  { title: 'Uwagi', width: { share: 1.8 } },
];

function present(value: string | null | undefined): value is string {
  return value != null && value !== '';
}

function toTableRow(row: IncomingRegisterRow): TableRow {
  const sender = [row.senderName, ...(row.senderAddress ?? '').split('\n')].filter(present).join(', ');
  const reference = [
    present(row.senderReference) ? row.senderReference : '',
    present(row.letterDate) ? `z ${formatCalendarDate(row.letterDate)}` : '',
  ]
    .filter(present)
    .join('\n');
  const cancelled = present(row.cancellationReason);
  const remarks = [cancelled ? `ANULOWANA: ${row.cancellationReason}` : '', row.remarks ?? '']
    .filter(present)
    .join('\n');
  return {
    cells: [
      row.registerNumber,
      `${formatDate(row.receivedAt)}\n${formatTime(row.receivedAt)}`,
      sender,
      reference,
      row.subject,
      row.channel,
      String(row.attachmentCount),
      row.assignedTo ?? '',
      row.trackingNumber ?? '',
      remarks,
    ],
    muted: cancelled,
  };
}

/**
 * Render the incoming register for a period (rejestr przesyłek wpływających), A4 landscape.
 *
 * One row per entry in register order, cancelled entries greyed with their reason; the column
 * header repeats on every page and every page says "Strona N z M".
 */
export async function renderIncomingRegister(data: IncomingRegisterData): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc);
  const title = 'Rejestr przesyłek wpływających';
  const period = `od ${formatCalendarDate(data.from)} do ${formatCalendarDate(data.to)}`;
  setDocumentInfo(doc, {
    title: `${title} ${period}`,
    author: data.office.name,
    createdAt: parseInstant(data.generatedAt),
  });

  const flow = new PageFlow(doc, {
    size: A4_LANDSCAPE,
    margins: MARGINS,
    startPage: (page) => drawRunningHeader(page, fonts, MARGINS, { office: data.office, title, subtitle: period }),
  });
  if (data.rows.length === 0) {
    flow.paragraph('Brak przesyłek zarejestrowanych w tym okresie.', { font: fonts.regular, size: 10 });
  } else {
    drawTable(flow, fonts, COLUMNS, data.rows.map(toTableRow));
  }

  drawPageFooters(doc, fonts, MARGINS, {
    left: `Wygenerowano ${formatDateTime(data.generatedAt)} przez ${data.generatedBy} · liczba pozycji: ${data.rows.length}`,
  });
  return doc.save();
}
