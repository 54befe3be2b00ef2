import type { PDFDocument } from 'pdf-lib';

export type DocumentInfo = {
  title: string;
  author: string;
  subject?: string;
  keywords?: readonly string[];
  /** Omitted: no dates are written, and the same data gives the same bytes. */
  createdAt?: Date;
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
  if (info.createdAt !== undefined) {
    doc.setCreationDate(info.createdAt);
    doc.setModificationDate(info.createdAt);
  }
}
