import { inflateSync, deflateSync, crc32 } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';

/** One page of a scan as the text recognizer reads it. */
export type PageImage =
  | { page: number; image: Uint8Array; dpi: number }
  /** Nothing on this page to read: the reason, in Polish. */
  | { page: number; skipped: string };

/**
 * Pages beyond this are left for the person to read: 40 million pixels is an A4 page at 600 dpi
 * in colour with room to spare. A crafted file claiming more would cost memory, not reading.
 */
const MAX_PIXELS = 40_000_000;
/** Default resolution of a bare image without its own (office scanners save 300 dpi). */
export const DEFAULT_SCAN_DPI = 300;

/**
 * The page images of a scanned PDF: the picture each page shows, as a file the recognizer reads
 * (JPEG as stored, other pictures as PNG), with the resolution it was scanned at.
 *
 * A scanner's PDF holds one picture per page that fills it. We take the picture and do not
 * render the page: rendering needs a PDF renderer (pdf.js with a native canvas) on every desk,
 * where the picture is the page. A page without a picture (typed text, a born-digital letter)
 * or one coded as fax (CCITT) or JBIG2 is skipped and said why.
 */
export function scannedPdfPages(doc: PDFDocument): PageImage[] {
  return doc.getPages().map((page, i): PageImage => {
    const number = i + 1;
    const resources = page.node.Resources() ?? page.node.getInheritableAttribute(PDFName.of('Resources'));
    const dict = resources instanceof PDFDict ? resources : undefined;
    const xobjects = dict?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    let best: { stream: PDFRawStream; pixels: number } | null = null;
    for (const [, value] of xobjects?.entries() ?? []) {
      const stream = value instanceof PDFRef ? doc.context.lookup(value) : value;
      if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
      const pixels = numberOf(stream.dict, 'Width') * numberOf(stream.dict, 'Height');
      if (!best || pixels > best.pixels) best = { stream, pixels };
    }
    if (!best) return { page: number, skipped: 'strona nie jest obrazem (tekst zapisany w pliku)' };
    if (best.pixels > MAX_PIXELS) return { page: number, skipped: 'obraz strony jest zbyt duży do rozpoznania' };
    const { width } = page.getSize();
    const dpi = Math.round(numberOf(best.stream.dict, 'Width') / (width / 72));
    const image = imageFile(doc, best.stream);
    if (typeof image === 'string') return { page: number, skipped: image };
    return { page: number, image, dpi: Math.min(1200, Math.max(70, dpi)) };
  });
}

function numberOf(dict: PDFDict, key: string): number {
  const v = dict.get(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : 0;
}

function filtersOf(dict: PDFDict): string[] {
  const f = dict.get(PDFName.of('Filter'));
  if (f instanceof PDFName) return [f.asString()];
  if (f instanceof PDFArray) return f.asArray().map((x) => (x instanceof PDFName ? x.asString() : '?'));
  return [];
}

/** The number of colour components of an image's colour space; 0 for those we do not read. */
function componentsOf(doc: PDFDocument, cs: PDFObject | undefined): number {
  const space = cs instanceof PDFRef ? doc.context.lookup(cs) : cs;
  if (space instanceof PDFName) return ({ '/DeviceGray': 1, '/CalGray': 1, '/DeviceRGB': 3, '/CalRGB': 3 } as Record<string, number>)[space.asString()] ?? 0;
  if (space instanceof PDFArray && space.get(0) === PDFName.of('ICCBased')) {
    const profile = doc.context.lookup(space.get(1));
    const n = profile instanceof PDFRawStream ? numberOf(profile.dict, 'N') : 0;
    return n === 1 || n === 3 ? n : 0;
  }
  if (space instanceof PDFArray) return componentsOf(doc, space.get(0) instanceof PDFName && space.size() === 1 ? space.get(0) : undefined);
  return 0;
}

/** A page's picture as a JPEG or PNG file, or why it cannot be read. */
function imageFile(doc: PDFDocument, stream: PDFRawStream): Uint8Array | string {
  const filters = filtersOf(stream.dict);
  if (filters.length === 1 && filters[0] === '/DCTDecode') return stream.contents;
  if (filters.some((f) => f === '/CCITTFaxDecode' || f === '/JBIG2Decode' || f === '/JPXDecode')) {
    return `obraz strony zapisano w formacie ${filters.join(', ').replaceAll('/', '')}, którego rozpoznawanie tekstu nie czyta`;
  }
  if (filters.length > 1 || (filters.length === 1 && filters[0] !== '/FlateDecode')) return 'nieobsługiwany sposób zapisu obrazu strony';
  const width = numberOf(stream.dict, 'Width');
  const height = numberOf(stream.dict, 'Height');
  const bits = numberOf(stream.dict, 'BitsPerComponent');
  const components = stream.dict.get(PDFName.of('ImageMask')) ? 0 : componentsOf(doc, stream.dict.get(PDFName.of('ColorSpace')));
  if (components === 0 || !(bits === 8 || (bits === 1 && components === 1)) || width < 1 || height < 1) return 'nieobsługiwany rodzaj obrazu strony';
  const rowBytes = Math.ceil((width * components * bits) / 8);
  const params = stream.dict.lookupMaybe(PDFName.of('DecodeParms'), PDFDict);
  const predictor = params ? numberOf(params, 'Predictor') : 1;
  const expected = (rowBytes + (predictor >= 10 ? 1 : 0)) * height;
  let raw: Buffer;
  try {
    // Bounded: a stream that inflates past the picture's own size is not a picture.
    raw = filters.length === 0 ? Buffer.from(stream.contents) : inflateSync(stream.contents, { maxOutputLength: expected + 1024 });
  } catch {
    return 'obrazu strony nie da się odczytać';
  }
  if (raw.length < expected) return 'obraz strony jest niekompletny';
  if (predictor > 1 && predictor < 10) return 'nieobsługiwany sposób zapisu obrazu strony';
  // PNG's scanlines are PDF's PNG-predicted rows: with a predictor they are taken as they are,
  // without one each row gets the filter byte "none".
  let scanlines: Buffer;
  if (predictor >= 10) scanlines = raw.subarray(0, expected);
  else {
    scanlines = Buffer.alloc((rowBytes + 1) * height);
    for (let y = 0; y < height; y++) raw.copy(scanlines, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
  }
  const decode = stream.dict.lookupMaybe(PDFName.of('Decode'), PDFArray);
  const first = decode?.get(0);
  const inverted = first instanceof PDFNumber && first.asNumber() === 1;
  if (inverted && predictor >= 10) return 'nieobsługiwany sposób zapisu obrazu strony';
  if (inverted) {
    for (let y = 0; y < height; y++) {
      const row = y * (rowBytes + 1);
      for (let x = 1; x <= rowBytes; x++) scanlines.writeUInt8(255 - scanlines.readUInt8(row + x), row + x);
    }
  }
  return png(width, height, bits, components === 1 ? 0 : 2, scanlines);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function png(width: number, height: number, bits: number, colourType: 0 | 2, scanlines: Buffer): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bits;
  ihdr[9] = colourType;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(scanlines, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}
