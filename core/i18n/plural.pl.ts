/**
 * The Polish form of a word after a number: 1 wpis, 2–4 (not 12–14) wpisy, otherwise wpisów.
 * One rule for every sentence that counts something.
 */
export function pluralWord(n: number | bigint, one: string, few: string, many: string): string {
  const k = Number(n);
  if (k === 1) return one;
  const last = k % 10;
  const lastTwo = k % 100;
  return last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14) ? few : many;
}

/** The number with its word: "1 strona", "3 strony", "12 stron". */
export function counted(n: number | bigint, one: string, few: string, many: string): string {
  return `${String(n)} ${pluralWord(n, one, few, many)}`;
}
