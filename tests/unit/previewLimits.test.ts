import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fitScale, pagesToDraw, PREVIEW_MAX_CANVAS_SIDE, PREVIEW_MAX_PAGES, tiffPageAllowed } from '../../renderer/components/previewLimits';

// The scan preview draws files from outside: these are its limits, and a guard on the pdf.js it
// bundles (CVE-2024-4367 was pdf.js compiling a font's data into a function).

describe('what the scan preview agrees to draw', () => {
  it('the first pages of a long file, all of a short one', () => {
    expect(pagesToDraw(3)).toBe(3);
    expect(pagesToDraw(10_000)).toBe(PREVIEW_MAX_PAGES);
    expect(pagesToDraw(0)).toBe(0);
  });

  it('an A4 page fits the width; a page a mile long is scaled to a canvas a browser can hold; a degenerate one is not drawn', () => {
    expect(fitScale(595, 842, 595)).toBeCloseTo(1);
    const scale = fitScale(10, 100_000, 600);
    expect(scale).not.toBeNull();
    expect(100_000 * (scale ?? 0)).toBeLessThanOrEqual(PREVIEW_MAX_CANVAS_SIDE);
    expect(fitScale(0, 842, 600)).toBeNull();
    expect(fitScale(Number.NaN, 842, 600)).toBeNull();
    expect(fitScale(595, Number.POSITIVE_INFINITY, 600)).toBeNull();
  });

  it('a TIFF page of 600 dpi A4 is decoded; a forged 100 000 × 100 000 one is not', () => {
    expect(tiffPageAllowed(4960, 7016)).toBe(true);
    expect(tiffPageAllowed(100_000, 100_000)).toBe(false);
    expect(tiffPageAllowed(0, 10)).toBe(false);
  });

  it('the bundled pdf.js builds no code from a file’s data (no eval, no new Function)', () => {
    const require = createRequire(import.meta.url);
    for (const file of ['pdfjs-dist/build/pdf.worker.min.mjs', 'pdfjs-dist/build/pdf.min.mjs']) {
      const code = readFileSync(require.resolve(file), 'utf8');
      expect(code.length).toBeGreaterThan(100_000);
      expect(code, file).not.toMatch(/new Function\(|[^\w.$]eval\(|\bFunction\("/);
    }
  });
});
