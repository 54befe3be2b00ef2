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
 * every word is also a whole word. A number typed (in part) is one phrase, its last part a prefix.
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
  if (words.length > 1 && looksLikeNumber(typed)) {
    // The parts of a number are next to each other in it: "rpw/6" is RPW/6…, not any letter
    // that holds "rpw" somewhere and a 6 somewhere else (a sender's reference "6").
    const phrase = words.join(' ');
    return `("${phrase}"*) OR ("${phrase}")`;
  }
  return `(${prefixes}) OR (${words.map((w) => `"${w}"`).join(' ')})`;
}

/** A register number or case sign typed in full or in part: RPW/6, rpw/12/2026, GK.6730.1. */
function looksLikeNumber(typed: string): boolean {
  return /^[\p{L}\p{N}]+(?:[/.][\p{L}\p{N}]*)+$/u.test(typed.trim());
}
