import { AFRelationship, PDFDocument } from 'pdf-lib';
import { embedDocumentFonts, type DocumentFonts } from '#documents/fonts';
import { A4_PORTRAIT, mm } from '#documents/geometry';
import { drawLabelledField, type LabelledFieldStyle } from '#documents/labelledField';
import { FOOTER_HEIGHT, drawPageFooters } from '#documents/pageFooter';
import { PageFlow, type Margins } from '#documents/pageFlow';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { formatDateTime, parseInstant } from '#documents/polishDates';

/** An e-mail as the letter's first file shows it: its envelope and its text. */
export type MailMessagePdfData = {
  /** "Wiadomość e-mail", "Dokument elektroniczny (ePUAP)". */
  heading: string;
  /** Each signature of the document, in a sentence. */
  signatures?: readonly string[];
  fromName: string | null;
  fromAddress: string | null;
  to: readonly string[];
  subject: string;
  /** ISO 8601 instant, or null when the message carries no date. */
  sentAt: string | null;
  messageId: string | null;
  text: string;
  /** The attachments' names, as the message lists them. */
  attachmentNames: readonly string[];
  /** Where the file came from ("wiadomosc.eml"), for the footer. */
  sourceName: string;
  /**
   * The file as received, embedded in the PDF byte for byte (an ePUAP form's signed XML: its
   * signature covers that file, not our rendering). `pdfdetach` or any PDF reader's attachment
   * pane gives it back.
   */
  original?: { fileName: string; mime: string; bytes: Uint8Array };
};

const MARGINS: Margins = { top: mm(15), right: mm(15), bottom: mm(10) + FOOTER_HEIGHT, left: mm(20) };
const FIELD_STYLE: LabelledFieldStyle = { labelColumn: mm(30), fieldSize: 9.5, labelSize: 8, gapAfter: mm(1) };
/** A text longer than this is cut: the message file itself stays with the letter for the rest. */
const MAX_TEXT_CHARS = 200_000;

/** Text a PDF line can carry: tabs as spaces, other control characters dropped. */
function printable(s: string): string {
  // Control characters (C0 but the line feed, DEL, C1) and invisible format characters.
  return s.replace(/\t/g, '    ').replace(/\r\n?/g, '\n').replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => (c === '\n' ? c : ''));
}

function field(flow: PageFlow, fonts: DocumentFonts, label: string, value: string, bold = false) {
  drawLabelledField(flow, fonts, FIELD_STYLE, label, printable(value), bold);
}

/**
 * Render an e-mail as a PDF: who sent it to whom, when, its subject and Message-ID, the names of
 * its attachments, and its text. It becomes the letter's first file, so that the akta hold what
 * the message said, readable without a mail program, next to the attachments themselves.
 */
export async function renderMailMessage(data: MailMessagePdfData): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc);
  setDocumentInfo(doc, { title: `${data.heading}: ${printable(data.subject)}`, author: data.fromName ?? data.fromAddress ?? '', subject: printable(data.subject), createdAt: data.sentAt ? parseInstant(data.sentAt) : new Date(0) });
  const flow = new PageFlow(doc, { size: A4_PORTRAIT, margins: MARGINS });
  flow.paragraph(data.heading, { font: fonts.bold, size: 14 });
  flow.moveDown(mm(3));
  const from = [data.fromName, data.fromAddress ? `<${data.fromAddress}>` : null].filter(Boolean).join(' ');
  field(flow, fonts, 'Od', from || '(brak nadawcy)', true);
  field(flow, fonts, 'Do', data.to.join(', ') || '—');
  field(flow, fonts, 'Data wysłania', data.sentAt ? formatDateTime(data.sentAt) : '(brak daty w wiadomości)');
  field(flow, fonts, 'Temat', data.subject || '(bez tematu)', true);
  if (data.messageId) field(flow, fonts, 'Identyfikator', data.messageId);
  field(flow, fonts, 'Załączniki', data.attachmentNames.length ? data.attachmentNames.join('\n') : 'brak');
  if (data.signatures?.length) field(flow, fonts, 'Podpisy', data.signatures.join('\n'));
  flow.moveDown(mm(4));
  const text = data.text.length > MAX_TEXT_CHARS ? `${data.text.slice(0, MAX_TEXT_CHARS)}\n[…] (treść skrócona; całość w pliku wiadomości)` : data.text;
  flow.paragraph(printable(text) || '(wiadomość bez treści)', { font: fonts.regular, size: 10, lineHeight: 1.35 });
  if (data.original) {
    flow.moveDown(mm(4));
    flow.paragraph(`Oryginał „${printable(data.original.fileName)}” (${String(data.original.bytes.byteLength)} B) jest dołączony do tego pliku PDF jako załącznik — z nim sprawdza się podpis.`, { font: fonts.regular, size: 8.5 });
    await doc.attach(data.original.bytes, data.original.fileName, {
      mimeType: data.original.mime,
      description: `Oryginał: ${data.original.fileName}`,
      creationDate: data.sentAt ? parseInstant(data.sentAt) : new Date(0),
      modificationDate: data.sentAt ? parseInstant(data.sentAt) : new Date(0),
      afRelationship: AFRelationship.Source,
    });
  }
  drawPageFooters(doc, fonts, MARGINS, { left: `${data.heading} — odczytano z pliku ${printable(data.sourceName)}` });
  return doc.save();
}
