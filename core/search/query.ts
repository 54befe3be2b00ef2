import { foldText, ftsQuery } from '#core/text/fold';

/**
 * The folded words of a query, split exactly as `ftsQuery` splits them.
 *
 * The snippet marks and the party filter must agree with what FTS5 matched: the same folding
 * and the same word boundaries, so a word is marked if and only if it could have matched.
 */
export function queryWords(typed: string): string[] {
  return foldText(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
}

/**
 * The FTS5 query of the search box: every word as a prefix (`ftsQuery`), ranked higher where
 * every word is also a whole word.
 *
 * `(prefixes) OR (whole words)` matches exactly what the prefixes match (a whole word is also a
 * prefix of itself), but bm25 scores the second phrase set too, so RPW/512/2026 comes before
 * RPW/5120/2026 for "RPW/512" and GK.6730.77 before GK.6730.7797 for "GK.6730.77". The words are
 * letters and digits only, so quoting them is safe. Null when nothing searchable was typed.
 */
export function rankedMatch(typed: string): string | null {
  const prefixes = ftsQuery(typed);
  const words = queryWords(typed);
  if (!prefixes || words.length === 0) return null;
  return `(${prefixes}) OR (${words.map((w) => `"${w}"`).join(' ')})`;
}
