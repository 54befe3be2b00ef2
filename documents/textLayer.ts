import { PDFDocument } from 'pdf-lib';
import { setDocumentInfo } from '#documents/pdfMetadata';

/** What the recognizer made of one page: a PDF page of its own (tesseract's renderer). */
export type RecognizedPage = { page: number; pdf: Uint8Array };

/**
 * The scan's copy with a text layer: a new file, the original's bytes never touched.
 *
 * For a scanned PDF each recognized page's invisible text (tesseract's text-only page, drawn in
 * the same coordinates as the picture it was read from) is laid over the original page, which
 * keeps its picture as it was. For an image, tesseract's own page (the picture with its text
 * under it) is the page. Pages with nothing recognized are copied as they were.
 */
export async function textLayerPdf(source: { kind: 'pdf'; bytes: Uint8Array } | { kind: 'image' }, pages: readonly RecognizedPage[], title: string): Promise<Uint8Array> {
  let doc: PDFDocument;
  if (source.kind === 'pdf') {
    doc = await PDFDocument.load(source.bytes, { updateMetadata: false });
    const all = doc.getPages();
    for (const r of pages) {
      const target = all[r.page - 1];
      if (!target) continue;
      const [overlay] = await doc.embedPdf(r.pdf, [0]);
      if (!overlay) continue;
      const box = target.getMediaBox();
      target.drawPage(overlay, { x: box.x, y: box.y, width: box.width, height: box.height });
    }
  } else {
    doc = await PDFDocument.create();
    for (const r of pages) {
      const from = await PDFDocument.load(r.pdf);
      const [copied] = await doc.copyPages(from, [0]);
      if (copied) doc.addPage(copied);
    }
  }
  setDocumentInfo(doc, { title, author: 'Kancelaria — rozpoznawanie tekstu', subject: 'Kopia skanu z warstwą tekstową (OCR); oryginał pozostaje bez zmian' });
  return doc.save({ useObjectStreams: true });
}
