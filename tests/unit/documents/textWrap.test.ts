import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedDocumentFonts } from '#documents/fonts';
import type { DocumentFonts } from '#documents/fonts';
import { textMeasurer, wrapText } from '#documents/textWrap';
import type { MeasureText } from '#documents/textWrap';

// One unit per character, spaces included: line widths can be checked by counting.
const perChar: MeasureText = (text) => Array.from(text).length;

describe('wrapText with one unit per character', () => {
  it('fills lines greedily and keeps words whole', () => {
    expect(wrapText('ala ma kota a kot ma ale', 10, perChar)).toEqual(['ala ma', 'kota a kot', 'ma ale']);
  });

  it('puts a word that exactly fills the width on its own line', () => {
    expect(wrapText('abcdefghij k', 10, perChar)).toEqual(['abcdefghij', 'k']);
  });

  it('cuts a word longer than a line, preferring just after / . or -', () => {
    expect(wrapText('RPW/tymcz./A7K2XYZ', 10, perChar)).toEqual(['RPW/tymcz.', '/A7K2XYZ']);
    expect(wrapText('nr RR-1234567890123PL', 10, perChar)).toEqual(['nr', 'RR-', '1234567890', '123PL']);
  });

  it('cuts a word without break characters at the width', () => {
    expect(wrapText('abcdefghijklmnopqrstuvwxy', 10, perChar)).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxy']);
  });

  it('never cuts a surrogate pair', () => {
    const lines = wrapText('😀😀😀😀😀', 2, perChar);
    expect(lines).toEqual(['😀😀', '😀😀', '😀']);
  });

  it('keeps forced breaks and empty lines, collapses runs of spaces', () => {
    expect(wrapText('a   b\n\nc\r\nd', 10, perChar)).toEqual(['a b', '', 'c', 'd']);
    expect(wrapText('', 10, perChar)).toEqual(['']);
  });

  it('keeps words joined by a non-breaking space together', () => {
    expect(wrapText('art. 227\u00a0KPA', 9, perChar)).toEqual(['art.', '227\u00a0KPA']);
  });
});

describe('wrapText with DejaVu Sans', () => {
  let fonts: DocumentFonts;
  beforeAll(async () => {
    fonts = await embedDocumentFonts(await PDFDocument.create());
  });

  const words = [
    'Zażółć', 'gęślą', 'jaźń', 'Łódź', 'wniosek', 'o', 'wydanie', 'decyzji', 'środowiskowych',
    'uwarunkowaniach', 'RPW/124/2026', 'GK.6730.15.2026', 'i', 'w', 'WWWWWWWWWWWWWWWW', 'ŻÓŁW',
  ];

  it('never exceeds the width, loses no character and matches pdf-lib’s own measuring', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    for (let round = 0; round < 200; round += 1) {
      const text = Array.from({ length: 5 + random(40) }, () => words[random(words.length)] ?? '').join(' ');
      const size = 7 + random(8);
      const width = 15 + random(300);
      const measure = textMeasurer(fonts.regular, size);
      const lines = wrapText(text, width, measure);
      for (const line of lines) {
        // The cached per-word sum must equal what pdf-lib measures for the whole line.
        expect(fonts.regular.widthOfTextAtSize(line, size)).toBeCloseTo(measure(line), 6);
        if (Array.from(line).length > 1) expect(measure(line)).toBeLessThanOrEqual(width + 1e-6);
      }
      expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
    }
  });

  it('keeps every word whole when each fits on a line', () => {
    const text = 'Wniosek o wydanie decyzji o środowiskowych uwarunkowaniach dla hali w Łodzi';
    const measure = textMeasurer(fonts.bold, 10);
    const lines = wrapText(text, 120, measure);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.flatMap((line) => line.split(' '))).toEqual(text.split(' '));
  });
});
