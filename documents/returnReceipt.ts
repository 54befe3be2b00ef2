import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { drawCode128 } from '#documents/barcode';
import { embedDocumentFonts, type DocumentFonts } from '#documents/fonts';
import { mm } from '#documents/geometry';
import type { OfficeHeader } from '#documents/officeHeader';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { textMeasurer, wrapText } from '#documents/textWrap';

export type ReturnReceiptData = {
  office: OfficeHeader;
  /** The letter's number in the outgoing register (WYCH/12/2026). */
  outgoingNumber: string;
  caseSign: string | null;
  /** What is sent, briefly ("Decyzja nr 1/2026"). */
  subject: string;
  addresseeName: string;
  addresseeAddress: string;
  /** The registered post number (S10), printed as the barcode the registry scans when the card comes back. */
  trackingNumber: string;
  /** ISO instant. */
  printedAt: string;
};

/** A4 halves: two cards per sheet would be cut by hand; one card on the upper half, A5 landscape sized. */
const WIDTH = mm(148);
const HEIGHT = mm(105);
const INK = rgb(0, 0, 0);
const LINE = rgb(0.3, 0.3, 0.3);

function box(page: PDFPage, x: number, y: number, w: number, h: number) {
  page.drawRectangle({ x, y, width: w, height: h, borderColor: LINE, borderWidth: 0.6 });
}

function text(page: PDFPage, fonts: DocumentFonts, s: string, x: number, y: number, size: number, bold = false) {
  page.drawText(s, { x, y, size, font: bold ? fonts.bold : fonts.regular, color: INK });
}

function wrapped(page: PDFPage, fonts: DocumentFonts, s: string, x: number, y: number, width: number, size: number, bold = false): number {
  const lines = wrapText(s, width, textMeasurer(bold ? fonts.bold : fonts.regular, size));
  lines.forEach((line, i) => text(page, fonts, line, x, y - i * size * 1.25, size, bold));
  return y - lines.length * size * 1.25;
}

function checkbox(page: PDFPage, fonts: DocumentFonts, label: string, x: number, y: number) {
  page.drawRectangle({ x, y: y - 1, width: 7, height: 7, borderColor: LINE, borderWidth: 0.6 });
  text(page, fonts, label, x + 10, y, 7.5);
}

/**
 * The return receipt card (formularz potwierdzenia odbioru) sent with registered post under the
 * KPA: the office as sender and where the card goes back, the addressee, the tracking number as
 * a Code 128 barcode (the registry scans it when the card returns, which finds the letter), and
 * the fields the postman fills in — who took it and when, the notices left, why it came back.
 * A5 landscape, to be printed on card or glued to the envelope.
 */
export async function renderReturnReceipt(d: ReturnReceiptData): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc);
  setDocumentInfo(doc, { title: `Potwierdzenie odbioru ${d.trackingNumber}`, author: d.office.name, subject: `${d.outgoingNumber}: ${d.subject}`, createdAt: new Date(d.printedAt) });
  const page = doc.addPage([WIDTH, HEIGHT]);
  const m = mm(6);
  const half = (WIDTH - 3 * m) / 2;
  let y = HEIGHT - m - 9;
  const title = 'POTWIERDZENIE ODBIORU';
  text(page, fonts, title, m, y, 10, true);
  text(page, fonts, 'przesyłki w trybie k.p.a. (art. 39–47)', m + fonts.bold.widthOfTextAtSize(title, 10) + 6, y, 7);
  y -= 6;

  // Left: whom the card goes back to; right: the barcode of the tracking number.
  const topBox = mm(24);
  box(page, m, y - topBox, half, topBox);
  text(page, fonts, 'Zwrot do nadawcy (adres do zwrotu):', m + 3, y - 9, 6.5);
  let ly = wrapped(page, fonts, d.office.name, m + 3, y - 18, half - 6, 8.5, true);
  for (const line of d.office.addressLines) ly = wrapped(page, fonts, line, m + 3, ly, half - 6, 8);
  box(page, 2 * m + half, y - topBox, half, topBox);
  drawCode128(page, d.trackingNumber, { x: 2 * m + half + 4, y: y - topBox + 4, maxWidth: half - 8, barHeight: mm(11), align: 'center', humanReadable: { font: fonts.regular, size: 8 } });
  text(page, fonts, `${d.outgoingNumber}${d.caseSign ? ` · ${d.caseSign}` : ''}`, 2 * m + half + 4, y - 8, 7);
  y -= topBox + 4;

  // The addressee and what is sent.
  const midBox = mm(17);
  box(page, m, y - midBox, WIDTH - 2 * m, midBox);
  text(page, fonts, 'Adresat:', m + 3, y - 9, 6.5);
  ly = wrapped(page, fonts, d.addresseeName, m + 32, y - 9, WIDTH - 2 * m - 36, 9, true);
  ly = wrapped(page, fonts, d.addresseeAddress, m + 32, ly, WIDTH - 2 * m - 36, 8.5);
  wrapped(page, fonts, `Przesyłka: ${d.subject}`, m + 32, ly - 1, WIDTH - 2 * m - 36, 7.5);
  y -= midBox + 4;

  // What the postman fills in.
  const low = y - m;
  box(page, m, m, half, low);
  text(page, fonts, 'Przesyłkę odebrał(a) dnia ……………………', m + 3, y - 10, 7.5);
  const who = ['adresat', 'pełnoletni domownik', 'administrator domu / dozorca', 'sołtys', 'pełnomocnik'];
  who.forEach((w, i) => checkbox(page, fonts, w, m + 4, y - 21 - i * 9));
  text(page, fonts, '……………………………………', m + 3, m + 10, 7.5);
  text(page, fonts, 'czytelny podpis odbierającego', m + 3, m + 3, 6);

  box(page, 2 * m + half, m, half, low);
  const rx = 2 * m + half + 3;
  text(page, fonts, 'Adresata nie zastano:', rx, y - 10, 7.5, true);
  text(page, fonts, 'awizo I dnia ………………  awizo II dnia ………………', rx, y - 20, 7);
  text(page, fonts, 'Zwrot do nadawcy — przyczyna:', rx, y - 32, 7.5, true);
  ['nie podjęto w terminie', 'adresat odmówił przyjęcia', 'adresat nieznany / wyprowadził się'].forEach((w, i) => checkbox(page, fonts, w, rx + 1, y - 43 - i * 9));
  text(page, fonts, '……………………………………', rx, m + 10, 7.5);
  text(page, fonts, 'data, podpis doręczającego', rx, m + 3, 6);
  return doc.save();
}
