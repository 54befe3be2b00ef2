import { PDFDocument } from 'pdf-lib';
import { boundPdfParsing } from '#signing/pdfParseBounds';
import { fail } from '#core/errors';

export type ScanMime = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';
export type Inspection = { mime: ScanMime; pageCount: number; warnings: string[] };

const EXT_OF: Record<ScanMime, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/tiff': ['tif', 'tiff'],
};
const NAME_OF: Record<ScanMime, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
};

/** Recognises a scan by its first bytes: the extension is a claim, the content is the fact. */
export function sniffMime(b: Uint8Array): ScanMime | null {
  const at = (i: number) => b[i] ?? -1;
  // A PDF may carry junk before its header; readers accept it within the first 1024 bytes.
  const head = new TextDecoder('latin1').decode(b.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'application/pdf';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png';
  if ((at(0) === 0x49 && at(1) === 0x49 && at(2) === 0x2a && at(3) === 0) || (at(0) === 0x4d && at(1) === 0x4d && at(2) === 0 && at(3) === 0x2a)) return 'image/tiff';
  return null;
}

/** Counts the pages (image file directories) of a TIFF, refusing a broken chain. */
export function tiffPageCount(b: Uint8Array): number {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = b[0] === 0x49;
  const u16 = (o: number) => view.getUint16(o, le);
  const u32 = (o: number) => view.getUint32(o, le);
  let offset = u32(4);
  let pages = 0;
  const seen = new Set<number>();
  while (offset !== 0) {
    if (offset + 2 > b.byteLength || seen.has(offset) || pages > 10_000) throw new RangeError('bad IFD chain');
    seen.add(offset);
    const entries = u16(offset);
    const next = offset + 2 + entries * 12;
    if (next + 4 > b.byteLength) throw new RangeError('IFD past end of file');
    pages++;
    offset = u32(next);
  }
  if (pages === 0) throw new RangeError('no IFD');
  return pages;
}

function extensionOf(fileName: string): string {
  const i = fileName.lastIndexOf('.');
  return i < 0 ? '' : fileName.slice(i + 1).toLowerCase();
}

/**
 * Checks that a file is a scan the office can keep and show: PDF, JPEG, PNG or TIFF that opens,
 * is not password-protected, and has at least one page. Refusals carry the Polish reason.
 */
export async function inspectScan(bytes: Uint8Array, fileName: string): Promise<Inspection> {
  if (bytes.byteLength === 0) throw fail('SCAN_EMPTY', { fileName });
  const mime = sniffMime(bytes);
  if (!mime) throw fail('SCAN_UNSUPPORTED', { fileName });
  const warnings: string[] = [];
  const ext = extensionOf(fileName);
  if (!EXT_OF[mime].includes(ext)) {
    warnings.push(`Plik „${fileName}” ma rozszerzenie „.${ext || '(brak)'}”, ale jego zawartość to ${NAME_OF[mime]}. Zapisano go jako ${NAME_OF[mime]}.`);
  }
  let pageCount = 1;
  if (mime === 'application/pdf') {
    pageCount = await pdfPageCount(bytes, fileName);
  } else if (mime === 'image/tiff') {
    try {
      pageCount = tiffPageCount(bytes);
    } catch {
      throw fail('SCAN_CORRUPT', { fileName, kind: 'nieprawidłowa struktura TIFF' });
    }
  } else if (mime === 'image/jpeg') {
    // A JPEG cut short (interrupted transfer) lacks its End Of Image marker.
    const n = bytes.byteLength;
    let end = n - 1;
    while (end > 0 && (bytes[end] === 0x00 || bytes[end] === 0x0a || bytes[end] === 0x0d)) end--;
    if (!(bytes[end - 1] === 0xff && bytes[end] === 0xd9)) throw fail('SCAN_CORRUPT', { fileName, kind: 'obraz JPEG jest niekompletny' });
  } else {
    const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.byteLength - 12)));
    if (!tail.includes('IEND')) throw fail('SCAN_CORRUPT', { fileName, kind: 'obraz PNG jest niekompletny' });
  }
  return { mime, pageCount, warnings };
}

async function pdfPageCount(bytes: Uint8Array, fileName: string): Promise<number> {
  // pdf-lib reads a PDF cut short before its cross-reference table without complaint, and later
  // pages may be missing: a complete file ends with %%EOF (perhaps followed by a line break).
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.byteLength - 1024)));
  if (!tail.includes('%%EOF')) throw fail('SCAN_CORRUPT', { fileName, kind: 'plik PDF jest niekompletny — przerwany zapis lub przesyłanie' });
  let doc: PDFDocument;
  boundPdfParsing();
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (e) {
    if (e instanceof Error && e.name === 'EncryptedPDFError') throw fail('SCAN_ENCRYPTED', { fileName });
    if (e instanceof Error && /encrypt/i.test(e.message)) throw fail('SCAN_ENCRYPTED', { fileName });
    throw fail('SCAN_CORRUPT', { fileName, kind: 'nie można odczytać struktury PDF' });
  }
  if (doc.isEncrypted) throw fail('SCAN_ENCRYPTED', { fileName });
  let count: number;
  try {
    count = doc.getPageCount();
  } catch {
    count = 0; // a page tree pdf-lib cannot walk is as good as no pages
  }
  if (count === 0) throw fail('SCAN_CORRUPT', { fileName, kind: 'PDF nie zawiera żadnej strony' });
  return count;
}
