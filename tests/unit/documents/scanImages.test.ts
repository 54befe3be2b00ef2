import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { scannedPdfPages } from '#documents/scanImages';

/** A one-page PDF whose page shows one picture stream made of `dict` and `contents`. */
async function pageWith(dict: Record<string, unknown>, contents: Uint8Array): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const stream = PDFRawStream.of(doc.context.obj({ Type: 'XObject', Subtype: 'Image', ...dict }), contents);
  const ref = doc.context.register(stream);
  page.node.setXObject(PDFName.of('Im0'), ref);
  return doc;
}

describe('the pictures of a scanned PDF, as the text recognizer reads them', () => {
  it('gives a DCT picture as the JPEG it is, with the resolution it fills the page at', async () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]);
    const [p] = scannedPdfPages(await pageWith({ Width: 2480, Height: 3508, BitsPerComponent: 8, ColorSpace: 'DeviceGray', Filter: 'DCTDecode' }, jpeg));
    expect(p).toEqual({ page: 1, image: jpeg, dpi: 300 });
  });

  it('turns a Flate picture into a PNG whose pixels are the picture (white stays white)', async () => {
    const rows = Buffer.alloc(4 * 2, 0xff);
    rows[0] = 0; // one black pixel, top left
    const [p] = scannedPdfPages(await pageWith({ Width: 4, Height: 2, BitsPerComponent: 8, ColorSpace: 'DeviceGray', Filter: 'FlateDecode' }, deflateSync(rows)));
    if (!p || !('image' in p)) throw new Error(`no picture: ${JSON.stringify(p)}`);
    const png = Buffer.from(p.image);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const idat = png.indexOf('IDAT');
    const scanlines = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect([...scanlines]).toEqual([0, 0, 255, 255, 255, 0, 255, 255, 255, 255]);
  });

  it('says why a page cannot be read: typed text, fax coding, a picture too large, a stream that inflates past its picture', async () => {
    const typed = await PDFDocument.create();
    typed.addPage();
    expect(scannedPdfPages(typed)).toEqual([{ page: 1, skipped: 'strona nie jest obrazem (tekst zapisany w pliku)' }]);
    const fax = await pageWith({ Width: 2480, Height: 3508, BitsPerComponent: 1, ColorSpace: 'DeviceGray', Filter: 'CCITTFaxDecode' }, Uint8Array.of(0));
    expect(scannedPdfPages(fax)[0]).toMatchObject({ skipped: expect.stringContaining('CCITTFaxDecode') as string });
    const huge = await pageWith({ Width: 100_000, Height: 100_000, BitsPerComponent: 8, ColorSpace: 'DeviceGray', Filter: 'FlateDecode' }, deflateSync(Buffer.alloc(10)));
    expect(scannedPdfPages(huge)[0]).toEqual({ page: 1, skipped: 'obraz strony jest zbyt duży do rozpoznania' });
    // 64 MB of zeros in 64 KB, declared as a 10×10 picture: refused without inflating it all.
    const bomb = await pageWith({ Width: 10, Height: 10, BitsPerComponent: 8, ColorSpace: 'DeviceGray', Filter: 'FlateDecode' }, deflateSync(Buffer.alloc(64 * 1024 * 1024)));
    const started = performance.now();
    expect(scannedPdfPages(bomb)[0]).toEqual({ page: 1, skipped: 'obrazu strony nie da się odczytać' });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
