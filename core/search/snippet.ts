import { foldText } from '#core/text/fold';

/**
 * A word of the original text: letters, digits and combining marks.
 *
 * Combining marks belong to the word so that text typed in decomposed form (z + U+0307) stays
 * one word here, as it is one word once folded in the index.
 */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

type Word = { start: number; end: number; hit: boolean };

/**
 * The original text around the first match, with the matched words wrapped in `[[` and `]]`.
 *
 * The index holds folded text, so FTS5's own `snippet()` would show "zolw" for "Żółw". Instead
 * the original text is cut into words and each word is folded on its own: a word is marked when
 * its folded form starts with a query word (FTS5 prefix semantics). Folding whole words rather
 * than the whole text keeps positions in the original: `foldText` does not preserve them (NFD
 * turns ą into two code units before the mark is dropped), a word's bounds do not depend on it.
 *
 * Whitespace is collapsed (remarks may hold line breaks) and a `[[`/`]]` already in the text is
 * split apart, so the only markers the UI sees are ours. Longer text is cut to about `width`
 * characters at word boundaries, starting a little before the first match, with `…` where cut.
 */
export function markSnippet(text: string, words: readonly string[], width = 120): string {
  const t = text.replace(/\s+/g, ' ').trim().replaceAll('[[', '[ [').replaceAll(']]', '] ]');
  const found: Word[] = [];
  for (const m of t.matchAll(WORD)) {
    const folded = foldText(m[0]);
    found.push({ start: m.index, end: m.index + m[0].length, hit: words.some((w) => folded.startsWith(w)) });
  }
  const first = found.find((w) => w.hit);
  let from = 0;
  let to = t.length;
  if (t.length > width) {
    // From the start when the first match is early enough to show with its context (a name is
    // better read whole); otherwise from a little before the match.
    const lead = Math.min(30, Math.floor(width / 4));
    from = !first || first.end <= (width * 3) / 4 ? 0 : first.start - lead;
    to = Math.min(t.length, from + width);
    if (to === t.length) from = Math.max(0, to - width);
    // Never cut a word in half: start at a word's beginning, end at a word's end.
    if (from > 0) from = found.find((w) => w.start >= from)?.start ?? from;
    if (first && from > first.start) from = first.start;
    if (to < t.length) to = found.filter((w) => w.end <= to && w.start >= from).at(-1)?.end ?? to;
    if (first && to < first.end) to = first.end;
  }
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const w of found) {
    if (!w.hit || w.start < from || w.end > to) continue;
    out += `${t.slice(at, w.start)}[[${t.slice(w.start, w.end)}]]`;
    at = w.end;
  }
  out += t.slice(at, to);
  return to < t.length ? `${out}…` : out;
}
