import { PDFDocument, rgb } from 'pdf-lib';
import type { PDFPage } from 'pdf-lib';
import { drawCode128 } from '#documents/barcode';
import { CAP_HEIGHT, embedDocumentFonts } from '#documents/fonts';
import type { DocumentFonts } from '#documents/fonts';
import { A4_PORTRAIT, mm } from '#documents/geometry';
import { MUTED } from '#documents/officeHeader';
import { baselineIn } from '#documents/pageFlow';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { formatDateTime } from '#documents/polishDates';
import { textMeasurer } from '#documents/textWrap';

/** A barcode label stuck on a registered paper letter (etykieta z kodem kreskowym). */
export type LabelData = {
  /** "UG Zażółć": the full name rarely fits. */
  officeShortName: string;
  /** `RPW/124/2026`, or a provisional label such as `RPW/tymcz./A7K2`. */
  registerNumber: string;
  provisional?: boolean;
  /** ISO 8601 instant. */
  receivedAt: string;
  /** Symbol of the unit the letter is routed to: `GK`, `GK-I`. */
  unitSymbol: string;
};

export type LabelOptions = {
  /** Resolution of the label printer (203 or 300 for thermal printers); bars snap to its dots. */
  dotsPerInch?: number;
};

export type LabelSheetOptions = {
  /**
   * Position of the first free label on the sheet, 1–24, counted left to right, top to bottom,
   * so a partly used sheet can go back into the printer. Defaults to 1.
   */
  startAt?: number;
  /** Draw the label outlines: for test prints on plain paper, never on a label sheet. */
  outlines?: boolean;
};

export const LABEL_WIDTH = mm(70);
export const LABEL_HEIGHT = mm(36);
const SHEET_COLUMNS = 3;
const SHEET_ROWS = 8;
export const LABELS_PER_SHEET = SHEET_COLUMNS * SHEET_ROWS;
// 8 × 36 mm = 288 mm of labels on 297 mm of paper: the sheet has 4.5 mm above and below.
const SHEET_TOP = mm((297 - SHEET_ROWS * 36) / 2);

// Inner padding: a label printer or a sheet in a laser printer is off by a millimetre or two.
const PAD_X = mm(3);
const PAD_Y = mm(2.5);
const TEXT = rgb(0, 0, 0);

function fitText(text: string, font: DocumentFonts['bold'], size: number, maxWidth: number): number {
  const width = textMeasurer(font, 1)(text);
  return Math.min(size, maxWidth / width);
}

/** Draw one label with its bottom-left corner at (x, y). */
function drawLabel(page: PDFPage, fonts: DocumentFonts, data: LabelData, x: number, y: number, dotsPerInch?: number): void {
  const left = x + PAD_X;
  const right = x + LABEL_WIDTH - PAD_X;
  const top = y + LABEL_HEIGHT - PAD_Y;
  const width = right - left;

  // Line 1: who and when.
  const smallSize = 7;
  const small = smallSize * 1.25;
  const date = formatDateTime(data.receivedAt);
  const dateWidth = textMeasurer(fonts.regular, smallSize)(date);
  const nameSize = fitText(data.officeShortName, fonts.bold, smallSize, width - dateWidth - mm(2));
  page.drawText(data.officeShortName, { x: left, y: baselineIn(top, fonts.bold, nameSize, small), font: fonts.bold, size: nameSize, color: TEXT });
  page.drawText(date, { x: right - dateWidth, y: baselineIn(top, fonts.regular, smallSize, small), font: fonts.regular, size: smallSize, color: TEXT });

  // Line 2: the number, large, and the unit it goes to, boxed on the right, on one baseline.
  const lineTop = top - small - mm(1);
  const lineHeight = 13 * 1.25;
  const baseline = baselineIn(lineTop, fonts.bold, 13, lineHeight);
  const unitSize = 11;
  const unitPad = mm(1.3);
  const unitWidth = textMeasurer(fonts.bold, unitSize)(data.unitSymbol) + 2 * unitPad;
  page.drawRectangle({
    x: right - unitWidth,
    y: baseline - unitPad,
    width: unitWidth,
    height: unitSize * CAP_HEIGHT + 2 * unitPad,
    borderColor: TEXT,
    borderWidth: 0.9,
  });
  page.drawText(data.unitSymbol, { x: right - unitWidth + unitPad, y: baseline, font: fonts.bold, size: unitSize, color: TEXT });
  const numberSize = fitText(data.registerNumber, fonts.bold, 13, width - unitWidth - mm(2));
  page.drawText(data.registerNumber, { x: left, y: baseline, font: fonts.bold, size: numberSize, color: TEXT });

  // The bars take what is left; their quiet zones may reach into the padding, not past it.
  let barsTop = lineTop - lineHeight - mm(1.5);
  if (data.provisional === true) {
    const note = 'NUMER TYMCZASOWY';
    const noteSize = 6.5;
    page.drawText(note, { x: left, y: baselineIn(barsTop, fonts.bold, noteSize, noteSize * 1.2), font: fonts.bold, size: noteSize, color: MUTED });
    barsTop -= noteSize * 1.2 + mm(0.5);
  }
  const barsBottom = y + PAD_Y;
  drawCode128(page, data.registerNumber, {
    x: x + mm(1.5),
    y: barsBottom,
    maxWidth: LABEL_WIDTH - mm(3),
    barHeight: barsTop - barsBottom,
    align: 'center',
    ...(dotsPerInch === undefined ? {} : { dotsPerInch }),
  });
}

async function createLabelDocument(title: string): Promise<{ doc: PDFDocument; fonts: DocumentFonts }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc);
  setDocumentInfo(doc, { title, author: 'Kancelaria' });
  return { doc, fonts };
}

/**
 * Render one label on a page exactly 70 × 36 mm, for a roll label printer.
 */
export async function renderLabel(data: LabelData, opts: LabelOptions = {}): Promise<Uint8Array> {
  const { doc, fonts } = await createLabelDocument(`Etykieta ${data.registerNumber}`);
  const page = doc.addPage([LABEL_WIDTH, LABEL_HEIGHT]);
  drawLabel(page, fonts, data, 0, 0, opts.dotsPerInch);
  return doc.save();
}

/**
 * Render labels on A4 sheets of 3 × 8 labels of 70 × 36 mm, as many sheets as needed.
 *
 * The first label goes to position `startAt` of the first sheet; later sheets start at 1.
 */
export async function renderLabelSheet(labels: readonly LabelData[], opts: LabelSheetOptions = {}): Promise<Uint8Array> {
  const startAt = opts.startAt ?? 1;
  if (!Number.isInteger(startAt) || startAt < 1 || startAt > LABELS_PER_SHEET) {
    throw new RangeError(`startAt must be 1–${LABELS_PER_SHEET}, got ${startAt}`);
  }
  const { doc, fonts } = await createLabelDocument(
    labels.length === 1 ? `Etykieta ${labels[0]?.registerNumber ?? ''}` : `Etykiety (${labels.length})`,
  );
  const [, pageHeight] = A4_PORTRAIT;
  let page: PDFPage | undefined;
  labels.forEach((label, i) => {
    const slot = (startAt - 1 + i) % LABELS_PER_SHEET;
    if (page === undefined || slot === 0) page = doc.addPage([...A4_PORTRAIT]);
    const column = slot % SHEET_COLUMNS;
    const row = Math.floor(slot / SHEET_COLUMNS);
    const x = column * LABEL_WIDTH;
    const y = pageHeight - SHEET_TOP - (row + 1) * LABEL_HEIGHT;
    if (opts.outlines === true) {
      page.drawRectangle({ x, y, width: LABEL_WIDTH, height: LABEL_HEIGHT, borderColor: rgb(0.75, 0.75, 0.75), borderWidth: 0.3 });
    }
    drawLabel(page, fonts, label, x, y);
  });
  if (page === undefined) doc.addPage([...A4_PORTRAIT]); // an empty sheet rather than an invalid PDF
  return doc.save();
}
