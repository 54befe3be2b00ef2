import { PDFDict, PDFHexString, PDFName, type PDFDocument } from 'pdf-lib';

export type DocumentInfo = {
  title: string;
  author: string;
  subject?: string;
  keywords?: readonly string[];
  /** Omitted: no dates are written, and the same data gives the same bytes. */
  createdAt?: Date;
  /** Keys of our own (ISO 32000-1 §14.3.3), e.g. the decision a signed file is of (core/decisions/signedMark.ts). */
  custom?: Readonly<Record<string, string>>;
};

/**
 * Fill the document information dictionary and the catalog language.
 *
 * pdf-lib writes these as UTF-16 hex strings (`PDFHexString.fromText`), so "Zażółć" survives;
 * only `PDFString.of` would mangle it. Dates come from the caller, never the clock, so the same
 * data always gives the same bytes.
 */
export function setDocumentInfo(doc: PDFDocument, info: DocumentInfo): void {
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  if (info.subject !== undefined) doc.setSubject(info.subject);
  if (info.keywords !== undefined) doc.setKeywords([...info.keywords]);
  doc.setCreator('Kancelaria');
  doc.setProducer('Kancelaria (pdf-lib)');
  doc.setLanguage('pl-PL');
  if (info.custom !== undefined) {
    const dict = doc.context.lookup(doc.context.trailerInfo.Info);
    if (!(dict instanceof PDFDict)) throw new Error('setDocumentInfo: the document has no information dictionary');
    for (const [key, text] of Object.entries(info.custom)) dict.set(PDFName.of(key), PDFHexString.fromText(text));
  }
  if (info.createdAt !== undefined) {
    doc.setCreationDate(info.createdAt);
    doc.setModificationDate(info.createdAt);
  }
}
