import { drawLabelledField, type LabelledFieldStyle } from '#documents/labelledField';
import { PDFDocument, rgb } from 'pdf-lib';
import { drawCode128, fitCode128 } from '#documents/barcode';
import { embedDocumentFonts } from '#documents/fonts';
import type { DocumentFonts } from '#documents/fonts';
import { A4_PORTRAIT, mm } from '#documents/geometry';
import { MUTED, RULE } from '#documents/officeHeader';
import type { OfficeHeader } from '#documents/officeHeader';
import { FOOTER_HEIGHT, drawPageFooters } from '#documents/pageFooter';
import { PageFlow } from '#documents/pageFlow';
import type { Margins } from '#documents/pageFlow';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { formatCalendarDate, formatDateTime, parseInstant } from '#documents/polishDates';
import { textMeasurer, wrapText } from '#documents/textWrap';

/** What the sender gets when a letter is registered (potwierdzenie wpływu przesyłki). */
export type ReceiptData = {
  office: OfficeHeader;
  /** `RPW/124/2026`, or a provisional label such as `RPW/tymcz./A7K2`. */
  registerNumber: string;
  /** Registered offline: the number is a placeholder until the server gives the final one. */
  provisional: boolean;
  /** ISO 8601 instant. */
  receivedAt: string;
  /** Polish label of the channel: "osobiście w kancelarii", "Poczta Polska", "ePUAP". */
  channel: string;
  senderName: string;
  /** Lines separated by `\n`. */
  senderAddress?: string | null;
  /** The sender's own reference (znak pisma). */
  senderReference?: string | null;
  /** Date written on the letter, `YYYY-MM-DD`. */
  letterDate?: string | null;
  subject: string;
  attachmentCount: number;
  /** Short code the sender quotes when asking about their matter: `K7QM-2XHP`. */
  statusCode: string;
  /** Full name of the clerk who registered the letter. */
  registeredBy: string;
  /** ISO 8601 instant, printed in the footer. */
  generatedAt: string;
};

const MARGINS: Margins = { top: mm(15), right: mm(20), bottom: mm(10) + FOOTER_HEIGHT, left: mm(20) };
const LABEL_COLUMN = mm(48);
const FIELD_SIZE = 10.5;
const LABEL_SIZE = 9;
const BOX_FILL = rgb(0.95, 0.95, 0.95);
const WARNING = rgb(0.6, 0.1, 0.05);

function drawLetterhead(flow: PageFlow, fonts: DocumentFonts, data: ReceiptData): void {
  const page = flow.page;
  const top = flow.y;
  const barcodeWidth = mm(66);
  const textWidth = flow.width - barcodeWidth - mm(6);

  flow.paragraph(data.office.name, { font: fonts.bold, size: 13, width: textWidth, lineHeight: 1.2 });
  flow.moveDown(2);
  for (const line of data.office.addressLines) {
    flow.paragraph(line, { font: fonts.regular, size: 9.5, width: textWidth });
  }
  if (data.office.contactLine !== undefined) {
    flow.paragraph(data.office.contactLine, { font: fonts.regular, size: 8, color: MUTED, width: textWidth });
  }
  const textBottom = flow.y;

  // Bars flush with the right margin: the trailing quiet zone lies in the margin, white paper.
  const barHeight = mm(13);
  const fit = fitCode128(data.registerNumber, { maxWidth: barcodeWidth });
  const box = drawCode128(page, data.registerNumber, {
    x: flow.right + fit.quietZone - fit.width,
    y: top - barHeight - 14,
    maxWidth: fit.width,
    barHeight,
    humanReadable: { font: fonts.regular, size: 8.5 },
  });
  flow.y = Math.min(textBottom, top - box.height) - mm(5);
  page.drawLine({ start: { x: flow.left, y: flow.y }, end: { x: flow.right, y: flow.y }, thickness: 0.75, color: RULE });
  flow.moveDown(mm(10));
}

const FIELD_STYLE: LabelledFieldStyle = { labelColumn: LABEL_COLUMN, fieldSize: FIELD_SIZE, labelSize: LABEL_SIZE, gapAfter: mm(2.2) };

function drawField(flow: PageFlow, fonts: DocumentFonts, label: string, value: string, bold = false): void {
  drawLabelledField(flow, fonts, FIELD_STYLE, label, value, bold);
}

function drawRegisterNumber(flow: PageFlow, fonts: DocumentFonts, data: ReceiptData): void {
  flow.paragraph('Numer w rejestrze przesyłek wpływających', { font: fonts.regular, size: 9, color: MUTED });
  flow.moveDown(3);
  flow.paragraph(data.registerNumber, { font: fonts.bold, size: 24, lineHeight: 1.15 });
  if (!data.provisional) {
    flow.moveDown(mm(6));
    return;
  }
  flow.moveDown(mm(3));
  const note =
    'Przesyłkę zarejestrowano bez połączenia z serwerem urzędu. Po synchronizacji otrzyma ona ' +
    'numer stały; przesyłkę można odnaleźć również po tym numerze tymczasowym.';
  const size = 9;
  const padding = mm(3);
  const innerWidth = flow.width - 2 * padding;
  const lines = wrapText(note, innerWidth, textMeasurer(fonts.regular, size));
  const boxHeight = 2 * padding + 12 * 1.3 + lines.length * size * 1.3 + 2;
  flow.ensureSpace(boxHeight);
  flow.page.drawRectangle({
    x: flow.left,
    y: flow.y - boxHeight,
    width: flow.width,
    height: boxHeight,
    borderColor: WARNING,
    borderWidth: 1.25,
  });
  flow.moveDown(padding);
  flow.paragraph('NUMER TYMCZASOWY', { font: fonts.bold, size: 12, lineHeight: 1.3, indent: padding, color: WARNING });
  flow.moveDown(2);
  flow.paragraph(note, { font: fonts.regular, size, lineHeight: 1.3, indent: padding, width: innerWidth });
  flow.moveDown(padding + mm(6));
}

function drawStatusCode(flow: PageFlow, fonts: DocumentFonts, data: ReceiptData): void {
  const padding = mm(4);
  const innerWidth = flow.width - 2 * padding;
  const sentence =
    'Podając ten kod, może Pan/Pani zapytać o stan załatwienia sprawy w kancelarii urzędu — ' +
    'osobiście, telefonicznie lub pocztą elektroniczną. Prosimy zachować to potwierdzenie.';
  const size = 9.5;
  const lines = wrapText(sentence, innerWidth, textMeasurer(fonts.regular, size));
  const boxHeight = 2 * padding + 9 * 1.25 + 3 + 18 * 1.2 + 4 + lines.length * size * 1.35;
  flow.ensureSpace(boxHeight);
  flow.page.drawRectangle({
    x: flow.left,
    y: flow.y - boxHeight,
    width: flow.width,
    height: boxHeight,
    color: BOX_FILL,
    borderColor: RULE,
    borderWidth: 0.75,
  });
  flow.moveDown(padding);
  flow.paragraph('Kod do sprawdzania stanu sprawy', { font: fonts.regular, size: 9, color: MUTED, indent: padding });
  flow.moveDown(3);
  flow.paragraph(data.statusCode, { font: fonts.bold, size: 18, lineHeight: 1.2, indent: padding });
  flow.moveDown(4);
  flow.paragraph(sentence, { font: fonts.regular, size, lineHeight: 1.35, indent: padding, width: innerWidth });
  flow.moveDown(padding);
}

/**
 * Render the receipt for an incoming letter (potwierdzenie wpływu), A4 portrait.
 *
 * The sender keeps it: it names the register number (as text and as a Code 128 barcode) and
 * the short status code they can quote when asking how their matter stands.
 */
export async function renderReceipt(data: ReceiptData): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc);
  setDocumentInfo(doc, {
    title: `Potwierdzenie wpływu ${data.registerNumber}`,
    author: data.office.name,
    subject: data.subject,
    createdAt: parseInstant(data.generatedAt),
  });

  const flow = new PageFlow(doc, { size: A4_PORTRAIT, margins: MARGINS });
  drawLetterhead(flow, fonts, data);

  flow.paragraph('POTWIERDZENIE WPŁYWU PRZESYŁKI', { font: fonts.bold, size: 16, align: 'center' });
  flow.moveDown(mm(9));

  drawRegisterNumber(flow, fonts, data);

  drawField(flow, fonts, 'Data i godzina wpływu', formatDateTime(data.receivedAt), true);
  drawField(flow, fonts, 'Sposób doręczenia', data.channel);
  const sender = [data.senderName, data.senderAddress ?? ''].filter((part) => part !== '').join('\n');
  drawField(flow, fonts, 'Nadawca', sender);
  if (data.senderReference != null && data.senderReference !== '') {
    drawField(flow, fonts, 'Znak pisma nadawcy', data.senderReference);
  }
  if (data.letterDate != null && data.letterDate !== '') {
    drawField(flow, fonts, 'Data pisma', formatCalendarDate(data.letterDate));
  }
  drawField(flow, fonts, 'Dotyczy', data.subject);
  drawField(flow, fonts, 'Liczba załączników', data.attachmentCount === 0 ? 'brak' : String(data.attachmentCount));
  drawField(flow, fonts, 'Przyjął(-ęła)', data.registeredBy);
  flow.moveDown(mm(6));

  drawStatusCode(flow, fonts, data);

  drawPageFooters(doc, fonts, MARGINS, {
    left: `Wygenerowano ${formatDateTime(data.generatedAt)} · ${data.office.name} · ${data.registerNumber}`,
  });
  return doc.save();
}
