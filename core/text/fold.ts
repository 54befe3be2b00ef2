/**
 * Folds text for matching: lower case, no diacritics, ł→l.
 *
 * Unicode has no decomposition for ł/Ł, so neither NFD nor SQLite's remove_diacritics folds
 * it; without this `lodz` would never find Łódź.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase();
}

/**
 * Turns what a person typed into an FTS5 query: every word must match as a prefix.
 *
 * Words are quoted, so FTS5 operators and punctuation typed by the user (`RPW/12/2026`,
 * `"`, `-`, `NOT`) are searched for as text and can never make the query invalid.
 */
export function ftsQuery(typed: string): string | null {
  const words = foldText(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}
