/**
 * Incremental updates (ISO 32000-1 §7.5.6): new and changed objects appended after the last
 * byte of a PDF, with their own cross-reference section and a trailer pointing back (/Prev).
 *
 * A signature covers the file's bytes as they were; re-saving the document moves them and
 * breaks every earlier signature ("Digest Mismatch", TECH-NOTES "Signatures"). Appending
 * leaves them untouched. pdf-lib reads the document (objects as of its latest revision) and
 * serialises the objects that change; the xref section and trailer are written here.
 */
import { PDFArray, PDFDict, PDFDocument, PDFRef, ParseSpeeds, type PDFObject } from 'pdf-lib';
import { boundPdfParsing } from '#signing/pdfParseBounds';
import { fail } from '#core/errors';

/** How the file's last cross-reference section is written. */
export type XrefKind = 'table' | 'hybrid' | 'stream' | 'unknown';

/** A PDF opened for appending: the bytes, pdf-lib's view of them, and the last xref. */
export type Revision = {
  bytes: Uint8Array;
  doc: PDFDocument;
  /** Offset of the last cross-reference section: the new trailer's /Prev. */
  prevXref: number;
  /** The last trailer's /Size (one more than the highest object number in use). */
  size: number;
  /** Highest object number when the file was read: anything above it is new. */
  largestObjectNumber: number;
};

const latin1 = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, to - from)).toString('latin1');

/**
 * Finds the last cross-reference section and says how it is written.
 *
 * Only a classic table (`xref … trailer`) can be followed by our classic update section; a
 * cross-reference stream, or a hybrid file whose trailer points at one (/XRefStm), cannot.
 */
export function lastXref(bytes: Uint8Array): { kind: XrefKind; offset: number; size: number } {
  const tail = latin1(bytes, Math.max(0, bytes.byteLength - 2048), bytes.byteLength);
  // Some transfers leave line ends or NUL padding after %%EOF; tolerate those, nothing else.
  const match = /startxref\s+(\d+)\s+%%EOF[\s\0]*$/.exec(tail);
  if (match?.[1] === undefined) return { kind: 'unknown', offset: -1, size: 0 };
  const offset = Number(match[1]);
  if (offset >= bytes.byteLength) return { kind: 'unknown', offset, size: 0 };
  const head = latin1(bytes, offset, Math.min(bytes.byteLength, offset + 64));
  if (/^\s*\d+\s+\d+\s+obj\b/.test(head)) return { kind: 'stream', offset, size: 0 };
  if (!/^\s*xref\b/.test(head)) return { kind: 'unknown', offset, size: 0 };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trailerAt = buffer.indexOf('trailer', offset, 'latin1');
  if (trailerAt < 0) return { kind: 'unknown', offset, size: 0 };
  const end = buffer.indexOf('startxref', trailerAt, 'latin1');
  const trailer = latin1(bytes, trailerAt, end < 0 ? bytes.byteLength : end);
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1] ?? 0);
  return { kind: /\/XRefStm\b/.test(trailer) ? 'hybrid' : 'table', offset, size };
}

/** Reads a PDF with pdf-lib without changing anything in it (no metadata update). */
/** Pages, or 0 for a page tree pdf-lib cannot walk (a catalog without /Pages throws inside pdf-lib). */
function pageCountOf(doc: PDFDocument): number {
  try {
    return doc.getPageCount();
  } catch {
    return 0;
  }
}

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  let doc: PDFDocument;
  boundPdfParsing();
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, ignoreEncryption: true });
  } catch {
    throw fail('SIGN_PDF_UNREADABLE');
  }
  if (doc.isEncrypted) throw fail('SIGN_PDF_ENCRYPTED');
  // pdf-lib reads almost anything without complaint; a document needs a catalog with pages.
  const root = doc.context.trailerInfo.Root;
  if (root === undefined || !(doc.context.lookup(root) instanceof PDFDict) || pageCountOf(doc) === 0) throw fail('SIGN_PDF_UNREADABLE');
  return doc;
}

/** Opens a PDF whose last cross-reference section is a classic table, for appending to. */
export async function openRevision(bytes: Uint8Array): Promise<Revision> {
  const xref = lastXref(bytes);
  if (xref.kind !== 'table') throw new Error(`openRevision: last xref is ${xref.kind}`);
  const doc = await loadPdf(bytes);
  return {
    bytes,
    doc,
    prevXref: xref.offset,
    size: Math.max(xref.size, doc.context.largestObjectNumber + 1),
    largestObjectNumber: doc.context.largestObjectNumber,
  };
}

/** An object written by hand (the signature dictionary, whose placeholders we must find). */
export type RawObject = { ref: PDFRef; body: Uint8Array };

/** The appended bytes, and where each object's body starts in the whole file. */
export type Update = { bytes: Buffer; bodyOffsets: Map<number, number> };

function serialise(object: PDFObject): Uint8Array {
  const out = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(out, 0);
  return out;
}

/**
 * Appends an update holding `changed` (existing objects as now in `revision.doc`), every
 * object pdf-lib created since the file was read, and the `raw` objects.
 */
export function appendUpdate(revision: Revision, changed: readonly PDFRef[], raw: readonly RawObject[]): Update {
  const { context } = revision.doc;
  const entries = new Map<number, { ref: PDFRef; body: Uint8Array }>();
  for (const ref of changed) {
    const object = context.lookup(ref);
    if (object === undefined) throw new Error(`appendUpdate: ${ref.toString()} does not exist`);
    entries.set(ref.objectNumber, { ref, body: serialise(object) });
  }
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (ref.objectNumber > revision.largestObjectNumber) entries.set(ref.objectNumber, { ref, body: serialise(object) });
  }
  for (const object of raw) entries.set(object.ref.objectNumber, object);

  const start = revision.bytes.byteLength;
  const chunks: Buffer[] = [];
  let position = start;
  const push = (chunk: Buffer | Uint8Array) => {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    chunks.push(buffer);
    position += buffer.byteLength;
  };
  // The previous %%EOF must stay on a line of its own.
  const last = revision.bytes[start - 1];
  if (last !== 0x0a && last !== 0x0d) push(Buffer.from('\n'));

  const numbers = [...entries.keys()].sort((a, b) => a - b);
  const objectOffsets = new Map<number, number>();
  const bodyOffsets = new Map<number, number>();
  for (const number of numbers) {
    const entry = entries.get(number);
    if (entry === undefined) continue;
    objectOffsets.set(number, position);
    push(Buffer.from(`${number} ${entry.ref.generationNumber} obj\n`, 'latin1'));
    bodyOffsets.set(number, position);
    push(entry.body);
    push(Buffer.from('\nendobj\n', 'latin1'));
  }

  // Classic xref: one subsection per run of consecutive numbers, 20-byte entries (§7.5.4).
  const xrefAt = position;
  let xref = 'xref\n';
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] ?? 0) + 1) j++;
    xref += `${numbers[i] ?? 0} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const number = numbers[k] ?? 0;
      const generation = entries.get(number)?.ref.generationNumber ?? 0;
      xref += `${String(objectOffsets.get(number) ?? 0).padStart(10, '0')} ${String(generation).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  const { Root, Info, ID } = context.trailerInfo;
  if (!(Root instanceof PDFRef)) throw fail('SIGN_PDF_UNREADABLE');
  const size = Math.max(revision.size, (numbers[numbers.length - 1] ?? 0) + 1);
  let trailer = `trailer\n<< /Size ${size} /Root ${Root.toString()}`;
  if (Info instanceof PDFRef) trailer += ` /Info ${Info.toString()}`;
  if (ID instanceof PDFArray) trailer += ` /ID ${ID.toString()}`;
  trailer += ` /Prev ${revision.prevXref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  push(Buffer.from(xref + trailer, 'latin1'));

  return { bytes: Buffer.concat([Buffer.from(revision.bytes), ...chunks]), bodyOffsets };
}
