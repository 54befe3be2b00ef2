import type { PDFFont } from 'pdf-lib';

/** Width in points of a string, at a font and size fixed by whoever made the function. */
export type MeasureText = (text: string) => number;

// Points lost to floating-point sums of cached word widths; far below anything visible.
const EPSILON = 1e-6;

// Widths at size 1, per font: measuring runs fontkit's layout, which is slow, and documents
// repeat the same words (register headers, channels, unit symbols) thousands of times.
const unitWidths = new WeakMap<PDFFont, Map<string, number>>();

/**
 * A measuring function for `font` at `size` that remembers every string it has measured.
 *
 * Width is linear in size, so one cache per font serves every size.
 */
export function textMeasurer(font: PDFFont, size: number): MeasureText {
  let cache = unitWidths.get(font);
  if (cache === undefined) {
    cache = new Map();
    unitWidths.set(font, cache);
  }
  const widths = cache;
  return (text) => {
    let width = widths.get(text);
    if (width === undefined) {
      width = font.widthOfTextAtSize(text, 1);
      widths.set(text, width);
    }
    return width * size;
  };
}

// A word longer than a line is cut preferably just after one of these (RPW/124/2026, long
// e-mail or tracking numbers), so the pieces still read as parts of a reference.
const SOFT_BREAK_AFTER = new Set(['/', '-', '.', '_', ',', ';', '@']);

/**
 * Break a word that does not fit on a line into pieces that each do.
 *
 * A single character wider than the line is the one case left wider: it cannot be split.
 */
function breakLongWord(word: string, maxWidth: number, measure: MeasureText): string[] {
  const chars = Array.from(word); // code points, so a surrogate pair is never cut in half
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = start + 1; // at least one character per piece, or the loop would not advance
    let width = measure(chars[start] ?? '');
    while (end < chars.length) {
      const next = width + measure(chars[end] ?? '');
      if (next > maxWidth + EPSILON) break;
      width = next;
      end += 1;
    }
    if (end < chars.length) {
      for (let i = end - 1; i > start; i -= 1) {
        if (SOFT_BREAK_AFTER.has(chars[i] ?? '')) {
          end = i + 1;
          break;
        }
      }
    }
    pieces.push(chars.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}

/**
 * Wrap text into lines no wider than `maxWidth`.
 *
 * Words stay whole unless one alone is wider than a line; then it is cut (after a `/` or `-`
 * where possible). Runs of spaces collapse to one; `\n` forces a break and an empty line stays
 * as an empty line. Non-breaking spaces (U+00A0) keep their neighbours on one line.
 */
export function wrapText(text: string, maxWidth: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  const space = measure(' ');
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    const words = paragraph.split(/[ \t]+/).filter((word) => word !== '');
    let line = '';
    let lineWidth = 0;
    const startLine = (word: string): void => {
      const wordWidth = measure(word);
      if (wordWidth <= maxWidth + EPSILON) {
        line = word;
        lineWidth = wordWidth;
        return;
      }
      const pieces = breakLongWord(word, maxWidth, measure);
      const last = pieces.pop() ?? '';
      lines.push(...pieces);
      line = last;
      lineWidth = measure(last);
    };
    for (const word of words) {
      if (line === '') {
        startLine(word);
        continue;
      }
      const wordWidth = measure(word);
      if (lineWidth + space + wordWidth <= maxWidth + EPSILON) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
      } else {
        lines.push(line);
        startLine(word);
      }
    }
    lines.push(line);
  }
  return lines;
}
