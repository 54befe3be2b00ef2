import { describe, expect, it } from 'vitest';
import { createDeflate, deflateSync } from 'node:zlib';
import { inspectScan } from '#core/scans/inspect';
import { loadPdf } from '#signing/pdfIncremental';
import { signedOverOf } from '#signing/signedOver';
import { PDFContext, PDFName, PDFRawStream, decodePDFRawStream, type PDFDocument } from 'pdf-lib';
import { PdfBoundExceeded, boundPdfParsing } from '#signing/pdfParseBounds';

// PDFs that lie about their size: each is a few hundred kilobytes and claims gigabytes. Read
// unbounded they take the process down (out of memory); read here they are refused as
// unreadable, or the lying object left out, in moments.

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A one-page PDF whose extra object `extra` (a stream dictionary and its raw bytes) comes before the xref. */
function pdfWith(extra: { dict: string; data: Buffer }): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  const add = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  add(latin1('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n'));
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  objects.forEach((body, i) => {
    offsets.push(at);
    add(latin1(`${String(i + 1)} 0 obj\n${body}\nendobj\n`));
  });
  offsets.push(at);
  add(latin1(`4 0 obj\n${extra.dict.replace('LENGTH', String(extra.data.length))}\nstream\n`));
  add(extra.data);
  add(latin1('\nendstream\nendobj\n'));
  const xref = at;
  add(latin1(`xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`));
  add(latin1(`trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${String(xref)}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** Deflate of `bytes` zeros, made a mebibyte at a time (never the whole in memory). */
async function deflatedZeros(bytes: number): Promise<Buffer> {
  const z = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => z.on('end', resolve));
  const mib = Buffer.alloc(1024 * 1024);
  for (let n = 0; n < bytes; n += mib.length) if (!z.write(mib)) await new Promise((resolve) => z.once('drain', resolve));
  z.end();
  await done;
  return Buffer.concat(out);
}

/**
 * `read` ends quickly with the heap barely grown: refused with `code`, or — where the reader
 * skips an object it cannot read, as signing's does — with the object left out.
 */
async function boundedRead(read: () => Promise<unknown>, code: string, skipped?: (value: unknown) => void) {
  const started = performance.now();
  if (skipped) skipped(await read());
  else await expect(read()).rejects.toMatchObject({ code });
  expect(performance.now() - started).toBeLessThan(10_000);
}

describe('PDFs that claim more than they hold', () => {
  const entryBomb = pdfWith({
    dict: '<< /Type /XRef /Size 5 /W [1 2 1] /Index [0 2147483648] /Root 1 0 R /Filter /FlateDecode /Length LENGTH >>',
    data: deflateSync(Buffer.alloc(20)),
  });

  it('a cross-reference stream claiming 2^31 entries in 20 bytes: a damaged scan; the signing reader leaves it out', async () => {
    expect(entryBomb.length).toBeLessThan(2_000);
    await boundedRead(() => inspectScan(entryBomb, 'skan.pdf'), 'SCAN_CORRUPT');
    // Signing's reader skips objects it cannot parse (pdf-lib's lenient mode): the page is there, the lie is not.
    await boundedRead(() => loadPdf(entryBomb), 'SIGN_PDF_UNREADABLE', (doc) => expect((doc as PDFDocument).getPageCount()).toBe(1));
    // An upload's completion asks which decision the file is signed over: none, not a crash.
    expect(await signedOverOf(entryBomb)).toBeNull();
  });

  it('an object stream inflating to 320 MiB from a third of a megabyte: refused at the limit, not held', async () => {
    const data = await deflatedZeros(320 * 1024 * 1024);
    expect(data.length).toBeLessThan(1024 * 1024);
    const dict = '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length LENGTH >>';
    const bomb = pdfWith({ dict, data });
    // The inflater itself stops at the limit (pdf-lib would otherwise hold all 320 MiB, and more for a bigger lie).
    boundPdfParsing();
    const stream = PDFRawStream.of(PDFContext.create().obj({ Filter: PDFName.of('FlateDecode') }), data);
    expect(() => decodePDFRawStream(stream).decode()).toThrow(PdfBoundExceeded);
    await boundedRead(() => inspectScan(bomb, 'skan.pdf'), 'SCAN_CORRUPT');
    await boundedRead(() => loadPdf(bomb), 'SIGN_PDF_UNREADABLE', (doc) => expect((doc as PDFDocument).getPageCount()).toBe(1));
  }, 60_000);

  it('the same shapes within their means are read as before', async () => {
    // The honest object stream (nothing in it of use) and the page tree around it: one page.
    const honest = pdfWith({ dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length LENGTH >>', data: deflateSync(latin1('9 0 << /A 1 >>')) });
    expect((await inspectScan(honest, 'skan.pdf')).pageCount).toBe(1);
    expect((await loadPdf(honest)).getPageCount()).toBe(1);
  });
});
