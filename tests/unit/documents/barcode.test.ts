import { describe, expect, it } from 'vitest';
import { code128 } from '#documents/barcode';

describe('code128', () => {
  it('gives the bars of a register number in whole modules', () => {
    const symbol = code128('RPW/124/2026');
    // Start, 8 characters in set B, a switch to set C, "20" "26", check character: 13 symbols
    // of 11 modules, then the 13-module stop pattern.
    expect(symbol.modules).toBe(13 * 11 + 13);
    for (const bar of symbol.bars) {
      expect(Number.isInteger(bar.x)).toBe(true);
      expect([1, 2, 3, 4]).toContain(bar.width);
    }
    // Each symbol character has 3 bars, the stop pattern 4.
    expect(symbol.bars).toHaveLength(13 * 3 + 4);
    expect(symbol.bars[0]).toEqual({ x: 0, width: 2 }); // start code: a 2-module bar first
  });

  it('keeps bars apart and inside the symbol', () => {
    const symbol = code128('RPW/tymcz./A7K2');
    symbol.bars.forEach((bar, i) => {
      const next = symbol.bars[i + 1];
      if (next !== undefined) expect(next.x).toBeGreaterThan(bar.x + bar.width - 1e-9);
      expect(bar.x + bar.width).toBeLessThanOrEqual(symbol.modules);
    });
  });

  it('refuses text a scanner would misread', () => {
    expect(() => code128('RPW/Łódź')).toThrow(RangeError);
    expect(() => code128('')).toThrow(RangeError);
  });
});
