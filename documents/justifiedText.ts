import type { Color, PDFFont, PDFPage } from 'pdf-lib';
import { BLACK } from '#documents/pageFlow';
import type { PageFlow } from '#documents/pageFlow';
import { textMeasurer } from '#documents/textWrap';

// Body text of an official letter: justified lines, Polish typographic ties, and no paragraph
// that leaves a single line alone at the foot or the head of a page.

const NBSP = '\u00a0';
const MONTHS = 'stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia';

/**
 * Tie words that Polish typesetting keeps on one line with the next one.
 *
 * A one-letter word (a, i, o, u, w, z) never ends a line; nor does "art.", "§", "ust.", "pkt",
 * "nr" before its number, "ul." before the street, a postal code before its town, a day before
 * its month, or a number before "r.", "zł" or "dni"; a dash never starts a line. Ties
 * are no-break spaces, which wrapText never breaks at.
 */
export function tiePolishText(text: string): string {
  return text
    .replace(/(?<=^|[\s(„"«])([aiouwzAIOUWZ]) (?=\S)/g, `$1${NBSP}`)
    .replace(/(?<=^|[\s(„"])(art\.|ust\.|pkt|lit\.|nr|poz\.|§{1,2}|ul\.|al\.|pl\.|os\.) (?=\S)/g, `$1${NBSP}`)
    .replace(new RegExp(`(\\d{1,2}) (?=(${MONTHS})(?!\\p{L}))`, 'gu'), `$1${NBSP}`)
    .replace(/(\d) (?=(r\.|zł|gr|dni|dnia|m|ha)(?!\p{L}))/gu, `$1${NBSP}`)
    .replace(/(?<=^|\s)(\d{2}-\d{3}) (?=\S)/g, `$1${NBSP}`)
    .replace(/(?<=\S) ([–—])(?= )/g, `${NBSP}$1`);
}

export type LineStyle = {
  font: PDFFont;
  size: number;
  /** Multiple of the size. */
  lineHeight: number;
  color?: Color;
};

// A justified line whose word gaps would grow past this many ems is set ragged instead: a
// rare long word (an e-mail address, a parcel list) must not tear the line apart.
const MAX_GAP_EM = 1;

/**
 * Draw one line from `x`, `width` wide, spreading its word gaps to fill the width when
 * `justify` is set. No-break spaces are drawn as spaces, so copied text reads normally.
 */
export function drawTextLine(page: PDFPage, line: string, x: number, baseline: number, width: number, style: LineStyle, justify: boolean): void {
  const measure = textMeasurer(style.font, style.size);
  const color = style.color ?? BLACK;
  const words = line.split(' ').filter((w) => w !== '');
  const natural = measure(line);
  const gaps = words.length - 1;
  const extra = gaps > 0 ? (width - natural) / gaps : 0;
  if (!justify || gaps === 0 || extra <= 0 || extra > MAX_GAP_EM * style.size) {
    page.drawText(line.replaceAll(NBSP, ' '), { x, y: baseline, font: style.font, size: style.size, color });
    return;
  }
  const space = measure(' ');
  let at = x;
  for (const word of words) {
    page.drawText(word.replaceAll(NBSP, ' '), { x: at, y: baseline, font: style.font, size: style.size, color });
    at += measure(word) + space + extra;
  }
}

/**
 * Place `count` lines down the flow, breaking pages so that no page ends with the first line of
 * a paragraph alone (an orphan) and none starts with its last line alone (a widow).
 *
 * `keepWithNext` points must fit under the last line on its page (a signature that may not
 * stand alone on a page): when they do not, the last two lines (or the whole paragraph, if it
 * is short) move to the next page with it. `draw(i, top)` draws line `i` in the line box whose
 * top is `top`.
 */
export function flowLines(flow: PageFlow, count: number, lineHeight: number, draw: (index: number, top: number) => void, keepWithNext = 0): void {
  let index = 0;
  while (index < count) {
    const fit = Math.floor((flow.spaceLeft + 1e-6) / lineHeight);
    const remaining = count - index;
    const freshPage = flow.y === flow.pageTop;
    let take = Math.min(fit, remaining);
    if (take === remaining) {
      if (keepWithNext > 0 && !freshPage && flow.spaceLeft - remaining * lineHeight < keepWithNext - 1e-6) {
        take = index === 0 && remaining < 4 ? 0 : remaining - 2;
      }
    } else {
      if (index === 0 && take < 2) take = 0;
      else if (remaining - take === 1 && take >= 2) take -= 1;
    }
    // A page too short for even that: one line goes in, or the loop would never end.
    if (take === 0 && freshPage) take = 1;
    for (let i = 0; i < take; i += 1) {
      draw(index + i, flow.y);
      flow.y -= lineHeight;
    }
    index += take;
    if (index < count) flow.newPage();
  }
}
