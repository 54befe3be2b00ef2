import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';

// Sample scans for tests, made in code so every file is small, distinct and known to be valid
// (or broken in exactly one known way). No binary fixtures to keep in the repository.

/** A one-page A4 PDF with one line of text (WinAnsi only: the standard Helvetica has no ą, ć, ę, ł, ń, ś, ź, ż). */
export async function onePagePdf(text: string, opts: { objectStreams?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // Fixed dates: the same text gives the same bytes, so tests can rely on hashes.
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  const page = doc.addPage([595.28, 841.89]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(text, { x: 72, y: 760, size: 14, font });
  // Without object streams the file has a classic `xref` table and `trailer`, as most scanners write.
  return doc.save({ useObjectStreams: opts.objectStreams ?? true });
}

/**
 * A classic-xref PDF cut just before its cross-reference table: every object is whole, but the
 * xref, trailer, startxref and %%EOF are gone, as when a transfer stops near the end.
 */
export function cutBeforeXref(bytes: Uint8Array): Uint8Array {
  const at = Buffer.from(bytes).lastIndexOf('\nxref');
  if (at < 0) throw new Error('not a classic-xref PDF: make it with onePagePdf(text, { objectStreams: false })');
  return bytes.slice(0, at + 1);
}

/** A PDF cut at `fraction` of its length, as an interrupted transfer leaves it. */
export function truncated(bytes: Uint8Array, fraction = 0.5): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.byteLength * fraction));
}

// --- PNG ------------------------------------------------------------------------------------

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.byteLength, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A grey-scale PNG whose pixels depend on `seed` (distinct seeds, distinct files). */
export function pngImage(seed: number, width = 32, height = 32): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (x * 7 + y * 13 + seed * 31) & 0xff;
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', new Uint8Array())]));
}

// --- JPEG -----------------------------------------------------------------------------------

function segment(marker: number, body: number[]): number[] {
  const len = body.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...body];
}

/**
 * A baseline JPEG of one flat grey 8×8 block (grey level `grey`) with `comment` in a COM
 * segment: a real, decodable file in about 200 bytes, written by hand.
 *
 * With a flat block only the DC coefficient is non-zero (DC = 8 × (grey − 128) with all
 * quantisers 1), so one Huffman code per table suffices: DC table {category → "0"}, AC table
 * {EOB → "0"}.
 */
export function jpegImage(comment: string, grey = 160): Uint8Array {
  const dc = 8 * (grey - 128);
  const category = dc === 0 ? 0 : Math.floor(Math.log2(Math.abs(dc))) + 1;
  const extra = dc >= 0 ? dc : dc + (1 << category) - 1; // negative values: ones' complement
  let bits = '0' + (category > 0 ? extra.toString(2).padStart(category, '0') : '') + '0';
  while (bits.length % 8 !== 0) bits += '1';
  const scan: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    const byte = parseInt(bits.slice(i, i + 8), 2);
    scan.push(byte);
    if (byte === 0xff) scan.push(0x00); // byte stuffing
  }
  // DHT: how many codes of each length 1..16 — here one code of length 1.
  const counts = [1, ...new Array<number>(15).fill(0)];
  const bytes = [
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    ...segment(0xfe, [...Buffer.from(comment, 'utf8')]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...counts, category]),
    ...segment(0xc4, [0x10, ...counts, 0x00]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    0xff, 0xd9,
  ];
  return new Uint8Array(bytes);
}

// --- Encrypted PDF --------------------------------------------------------------------------

const PASSWORD_PADDING = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
  }
  const out = Buffer.alloc(data.byteLength);
  for (let n = 0, i = 0, j = 0; n < data.byteLength; n++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
    out[n] = (data[n] ?? 0) ^ (s[((s[i] ?? 0) + (s[j] ?? 0)) & 0xff] ?? 0);
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => createHash('md5').update(Buffer.concat(parts)).digest();
const padded = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), PASSWORD_PADDING]).subarray(0, 32);

/**
 * A one-page PDF really encrypted with the Standard security handler (RC4, 40-bit, revision 2;
 * PDF 1.7 §7.6.3), written by hand because qpdf is not installed here. With a user password
 * nobody can open it without the password; poppler's `pdftotext -upw` reads it.
 */
export function encryptedPdf(text: string, userPassword = 'tajne', ownerPassword = 'wlasciciel'): Uint8Array {
  const permissions = -3904; // print and copy allowed, the rest refused (bits 7–8 and 13+ set)
  const id = createHash('md5').update(text).digest();
  const o = rc4(md5(padded(ownerPassword)).subarray(0, 5), padded(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions, 0);
  const key = md5(padded(userPassword), o, p, id).subarray(0, 5);
  const u = rc4(key, PASSWORD_PADDING);
  const objectKey = (num: number) => md5(key, Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0])).subarray(0, 10);

  const content = Buffer.from(`BT /F1 14 Tf 72 760 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`, 'latin1');
  const encryptedContent = rc4(objectKey(4), content);
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'),
    Buffer.concat([Buffer.from(`<< /Length ${encryptedContent.byteLength} >>\nstream\n`), encryptedContent, Buffer.from('\nendstream')]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
    Buffer.from(`<< /Filter /Standard /V 1 /R 2 /O <${o.toString('hex')}> /U <${u.toString('hex')}> /P ${permissions} >>`),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]?.byteLength ?? 0;
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(obj);
    length += obj.byteLength;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((off) => `${String(off).padStart(10, '0')} 00000 n \n`)].join('');
  const hexId = id.toString('hex');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${hexId}> <${hexId}>] >>\nstartxref\n${length}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * The text of a PDF as pdftotext reads it, whitespace collapsed so phrases can be looked for.
 * The file stays in artifacts/pdf/<name>.pdf, to be rendered and looked at.
 */
export function pdfText(bytes: Uint8Array, name = `tekst-${randomUUID()}`): string {
  const dir = join(process.cwd(), 'artifacts', 'pdf');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-layout', path, '-']).toString().replace(/\s+/g, ' ');
}
