import { PDFDocument, PDFHexString, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { Asn1Error, octets, oid, seq, setOf, smallInteger, tlvLength, toDer } from '#signing/asn1';
import { lastXref } from '#signing/pdfIncremental';
import { textOf } from '#signing/pdfSignatures';
import { formatPdfDate, parsePdfDate, pdfTextHex } from '#signing/pdfText';

describe('PDF dates for /M', () => {
  it('writes Warsaw wall-clock time with the offset of the day (CET in winter, CEST in summer)', () => {
    expect(formatPdfDate(new Date('2026-11-20T10:15:30Z'))).toBe("D:20261120111530+01'00'");
    expect(formatPdfDate(new Date('2026-07-01T22:30:00Z'))).toBe("D:20260702003000+02'00'");
  });

  it('reads back the instant, whatever the zone or precision', () => {
    for (const iso of ['2026-11-20T10:15:30.000Z', '2026-07-01T22:30:00.000Z', '2026-03-29T00:59:59.000Z']) {
      expect(parsePdfDate(formatPdfDate(new Date(iso)))?.toISOString()).toBe(iso);
    }
    expect(parsePdfDate('D:20261120101530Z')?.toISOString()).toBe('2026-11-20T10:15:30.000Z');
    expect(parsePdfDate("D:20261120101530-05'30")?.toISOString()).toBe('2026-11-20T15:45:30.000Z');
    expect(parsePdfDate('D:2026')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parsePdfDate('wczoraj')).toBeUndefined();
  });
});

describe('PDF text strings', () => {
  it('writes Polish names as UTF-16BE hex that PDF readers decode intact', () => {
    const name = 'Grażyna Łęcka-Żółć';
    const hex = pdfTextHex(name);
    expect(hex).toMatch(/^<FEFF[0-9A-F]+>$/);
    expect(PDFHexString.of(hex.slice(1, -1)).decodeText()).toBe(name);
  });

  it('reads UTF-16BE, PDFDocEncoding, and the bare UTF-8 poppler writes into /Name', () => {
    expect(textOf(PDFHexString.fromText('Łódź'))).toBe('Łódź');
    expect(textOf(PDFString.of('Zielona Gora'))).toBe('Zielona Gora');
    const utf8 = Buffer.from('Katarzyna Zielińska', 'utf8').toString('hex');
    expect(textOf(PDFHexString.of(utf8))).toBe('Katarzyna Zielińska');
    // Latin-1 "é" alone is not valid UTF-8: it stays PDFDocEncoding.
    expect(textOf(PDFHexString.of('436166e9'))).toBe('Café');
  });
});

describe('DER and BER lengths', () => {
  it('measures definite lengths, short and long', () => {
    const short = toDer(octets(Buffer.alloc(5)));
    expect(tlvLength(Buffer.concat([short, Buffer.alloc(10)]))).toBe(7);
    const long = toDer(octets(Buffer.alloc(300)));
    expect(tlvLength(Buffer.concat([long, Buffer.alloc(10)]))).toBe(304);
  });

  it('follows indefinite lengths to their end-of-contents, ignoring the zero padding after', () => {
    // SEQUENCE (indefinite) { [0] (indefinite) { OCTET STRING 'ab' } } then /Contents padding.
    const ber = Buffer.from([0x30, 0x80, 0xa0, 0x80, 0x04, 0x02, 0x61, 0x62, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
    expect(tlvLength(ber)).toBe(12);
  });

  it('refuses lengths that run past the end', () => {
    expect(() => tlvLength(Buffer.from([0x04, 0x82, 0x10, 0x00, 0x01]))).toThrow(Asn1Error);
    expect(() => tlvLength(Buffer.from([0x30, 0x80, 0x04, 0x01, 0x61]))).toThrow(Asn1Error);
  });

  it('sorts a SET OF by encoding, as DER and OpenSSL require of signed attributes', () => {
    const a = seq(oid('1.2.840.113549.1.9.4'), octets(Buffer.alloc(32)));
    const b = seq(oid('1.2.840.113549.1.9.3'), smallInteger(1));
    const set = toDer(setOf(a, b));
    expect(set.indexOf(toDer(b))).toBeLessThan(set.indexOf(toDer(a)));
  });
});

describe('the last cross-reference section', () => {
  async function onePage(objectStreams: boolean): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText('Pismo', { x: 72, y: 700, font, size: 12 });
    return doc.save({ useObjectStreams: objectStreams });
  }

  it('tells a classic table (which an update can follow) from a stream, a hybrid and a damaged end', async () => {
    const classic = await onePage(false);
    expect(lastXref(classic)).toMatchObject({ kind: 'table' });
    expect(lastXref(classic).size).toBeGreaterThan(3);
    expect(lastXref(await onePage(true)).kind).toBe('stream');

    const text = Buffer.from(classic).toString('latin1');
    const hybrid = Buffer.from(text.replace('trailer\n<<', 'trailer\n<<\n/XRefStm 9999'), 'latin1');
    expect(lastXref(hybrid).kind).toBe('hybrid');
    // Line ends and NUL padding after %%EOF are tolerated; anything else is not.
    expect(lastXref(Buffer.concat([classic, Buffer.from('\r\n\0\0')])).kind).toBe('table');
    expect(lastXref(Buffer.concat([classic, Buffer.from('<html>')])).kind).toBe('unknown');
  });
});
