/**
 * Bounds on what pdf-lib will build while it reads a PDF that came from outside (a scan, an
 * upload, a signed decision coming back). pdf-lib believes what a file says about itself:
 *  - a cross-reference stream's /Index (or /Size) says how many entries follow, and pdf-lib
 *    makes that many whatever the stream holds — `/Index [0 2147483648]` in a 17 KB file asks
 *    for 2^31 entries and the process dies out of memory (found by bench/fuzz.ts);
 *  - a compressed stream is inflated whole — a megabyte of Deflate can claim a gigabyte.
 * Both are checked here against what the file really holds, so such a file is refused as
 * unreadable in milliseconds instead of taking the workstation or the server down.
 *
 * pdf-lib has no option for either, so its two methods are wrapped once, on the very classes
 * pdf-lib itself uses (reached through its public exports, never a second copy of the module).
 */
import { PDFContext, PDFName, PDFNumber, PDFRawStream, PDFXRefStreamParser, decodePDFRawStream } from 'pdf-lib';
import { deflateSync } from 'node:zlib';

/**
 * The largest stream pdf-lib may inflate. What it inflates while reading and verifying are
 * cross-reference and object streams and signature dictionaries — kilobytes to a few
 * megabytes in the largest real files; page images are never inflated by pdf-lib.
 */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

export class PdfBoundExceeded extends Error {
  override name = 'PdfBoundExceeded';
}

type XrefParser = { bytes: { length: number }; subsections: { length: number }[]; byteWidths: number[]; parseEntries: (this: XrefParser) => unknown };
type Decoder = { ensureBuffer: (this: Decoder, requested: number) => Uint8Array };

let installed = false;

/** Wraps pdf-lib's cross-reference stream reader and stream inflater with the bounds above (once). */
export function boundPdfParsing(): void {
  if (installed) return;
  installed = true;

  const xref = PDFXRefStreamParser.prototype as unknown as XrefParser;
  const parseEntries = xref.parseEntries;
  xref.parseEntries = function (this: XrefParser) {
    // Every entry takes its field widths' bytes of the stream: more entries than that cannot be in it.
    const width = this.byteWidths.reduce((sum, w) => sum + Math.max(0, w), 0);
    const entries = this.subsections.reduce((sum, s) => sum + Math.max(0, s.length), 0);
    if (!Number.isFinite(entries) || entries * Math.max(1, width) > this.bytes.length) {
      throw new PdfBoundExceeded(`cross-reference stream claims ${String(entries)} entries in ${String(this.bytes.length)} bytes`);
    }
    return parseEntries.call(this);
  };

  // The inflater's class is not exported; a one-byte Deflate stream hands us its prototype chain,
  // up to the buffer-growing method every decoder shares.
  const probe = decodePDFRawStream(
    PDFRawStream.of(PDFContext.create().obj({ Filter: PDFName.of('FlateDecode'), Length: PDFNumber.of(1) }), deflateSync(Buffer.of(0))),
  ) as unknown as object;
  let proto: object | null = Object.getPrototypeOf(probe) as object | null;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'ensureBuffer')) proto = Object.getPrototypeOf(proto) as object | null;
  if (!proto) throw new Error('boundPdfParsing: pdf-lib changed: no ensureBuffer on its decoders');
  const decoder = proto as Decoder;
  const ensureBuffer = decoder.ensureBuffer;
  decoder.ensureBuffer = function (this: Decoder, requested: number) {
    if (requested > MAX_INFLATED_BYTES) throw new PdfBoundExceeded(`a stream inflates past ${String(MAX_INFLATED_BYTES)} bytes`);
    return ensureBuffer.call(this, requested);
  };
}
