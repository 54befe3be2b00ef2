import { PDFDocument } from 'pdf-lib';
import type { DocumentFonts } from '#documents/fonts';
import { embedDocumentFonts } from '#documents/fonts';
import { A4_PORTRAIT, mm } from '#documents/geometry';
import { drawRunningHeader } from '#documents/officeHeader';
import type { OfficeHeader } from '#documents/officeHeader';
import { FOOTER_HEIGHT, drawPageFooters } from '#documents/pageFooter';
import { PageFlow } from '#documents/pageFlow';
import type { Margins } from '#documents/pageFlow';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { formatCalendarDate, formatDate, formatDateTime, formatTime, parseInstant } from '#documents/polishDates';
import { drawLabelledField, type LabelledFieldStyle } from '#documents/labelledField';
import { drawTable } from '#documents/table';
import type { TableColumn, TableRow } from '#documents/table';

/** One action recorded in the metryka sprawy. */
export type MetrykaEntry = {
  /** ISO 8601 instant of the action. */
  at: string;
  actorName: string;
  actorPosition: string;
  /** The absent person the actor acted for (zastępstwo), if any. */
  onBehalfOfName: string | null;
  /** What was done, in a sentence. */
  summary: string;
  /** The document the action concerns: `RPW/12/2026`, or the case sign. */
  documentRef: string | null;
};

export type MetrykaData = {
  office: OfficeHeader;
  case: {
    /** The case sign, or its provisional label while there is none. */
    sign: string;
    title: string;
    /** `name` is null when the unit is no longer in the office's structure. */
    unit: { symbol: string; name: string | null };
    ownerName: string;
    /** `YYYY-MM-DD`. */
    startedOn: string;
    /** Polish label of the status when printed: "w toku". */
    status: string;
  };
  /** In log order, oldest first. */
  entries: readonly MetrykaEntry[];
  /** ISO 8601 instant. */
  generatedAt: string;
  generatedBy: string;
};

const MARGINS: Margins = { top: mm(12), right: mm(12), bottom: mm(8) + FOOTER_HEIGHT, left: mm(15) };

// The columns the regulation names for each entry (Rozporządzenie MAiC z 6 marca 2012 r.,
// Dz.U. 2012 poz. 250): date, person, action, document. The case sign and title are printed once above the
// table, as they are the same for every entry. Fixed widths fit their longest usual value at
// the table's size: "GK-I.6733.1234.2026" on one line, a date over a time.
const COLUMNS: readonly TableColumn[] = [
  { title: 'Lp.', width: { mm: 9 }, align: 'right' },
  { title: 'Data czynności', width: { mm: 19 } },
  { title: 'Osoba (imię i nazwisko, stanowisko)', width: { share: 1.45 } },
  { title: 'Czynność', width: { share: 2.3 } },
  { title: 'Identyfikator dokumentu', width: { mm: 34 } },
];

const TABLE_STYLE = { fontSize: 8, headerFontSize: 7.5 };

function toTableRow(entry: MetrykaEntry, index: number): TableRow {
  const person = [entry.actorName, entry.actorPosition, entry.onBehalfOfName ? `w zastępstwie: ${entry.onBehalfOfName}` : '']
    .filter((line) => line !== '')
    .join('\n');
  return {
    cells: [String(index + 1), `${formatDate(entry.at)}\n${formatTime(entry.at)}`, person, entry.summary, entry.documentRef ?? ''],
  };
}

const FIELD_SIZE = 9.5;
const LABEL_SIZE = 8;
const LABEL_COLUMN = mm(40);

const FIELD_STYLE: LabelledFieldStyle = { labelColumn: LABEL_COLUMN, fieldSize: FIELD_SIZE, labelSize: LABEL_SIZE, gapAfter: mm(1) };

function drawField(flow: PageFlow, fonts: DocumentFonts, label: string, value: string, bold = false): void {
  drawLabelledField(flow, fonts, FIELD_STYLE, label, value, bold);
}

/**
 * Render the metryka sprawy (KPA art. 66a; Rozporządzenie MAiC z 6 marca 2012 r., Dz.U. 2012
 * poz. 250), A4 portrait.
 *
 * The case sign and title head the first page, and the sign repeats in every page's header
 * and footer: the metryka is filed with the case, and a loose page must still say whose it is.
 * One table row per action, oldest first, with who acted (and for whom, in a substitution).
 */
export async function renderMetryka(data: MetrykaData): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc);
  const title = 'Metryka sprawy';
  setDocumentInfo(doc, {
    title: `${title} ${data.case.sign}`,
    author: data.office.name,
    subject: data.case.title,
    createdAt: parseInstant(data.generatedAt),
  });

  const flow = new PageFlow(doc, {
    size: A4_PORTRAIT,
    margins: MARGINS,
    startPage: (page) => drawRunningHeader(page, fonts, MARGINS, { office: data.office, title, subtitle: `Znak sprawy: ${data.case.sign}` }),
  });

  flow.moveDown(mm(1));
  drawField(flow, fonts, 'Znak sprawy', data.case.sign, true);
  drawField(flow, fonts, 'Tytuł sprawy', data.case.title, true);
  const unit = data.case.unit;
  drawField(flow, fonts, 'Komórka organizacyjna', unit.name === null ? unit.symbol : `${unit.symbol} — ${unit.name}`);
  drawField(flow, fonts, 'Prowadzący sprawę', data.case.ownerName);
  drawField(flow, fonts, 'Data wszczęcia', formatCalendarDate(data.case.startedOn));
  drawField(flow, fonts, 'Stan sprawy', `${data.case.status} (na dzień ${formatDate(data.generatedAt)})`);
  flow.moveDown(mm(3));

  if (data.entries.length === 0) {
    flow.paragraph('W metryce tej sprawy nie ma jeszcze wpisów.', { font: fonts.regular, size: 10 });
  } else {
    drawTable(flow, fonts, COLUMNS, data.entries.map(toTableRow), TABLE_STYLE);
  }

  drawPageFooters(doc, fonts, MARGINS, {
    left: `Metryka sprawy ${data.case.sign} · wygenerowano ${formatDateTime(data.generatedAt)} przez ${data.generatedBy} · wpisów: ${String(data.entries.length)}`,
  });
  return doc.save();
}
