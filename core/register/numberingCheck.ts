/**
 * Whether a register's numbers are continuous: the rule `db check` applies to a workstation's
 * profile and a restore applies to the server's database, so both read a gap the same way.
 */
import { caseRegisterScope } from '#core/cases/caseSign';
import { DECISION_REGISTER } from '#core/commands/decisions';

/** The numbered records of every register, as a store holds them (null seq: not numbered yet). */
export type NumberedRows = {
  letters: readonly { register: string; year: number; seq: number | null }[];
  cases: readonly { unitSymbol: string; jrwaSymbol: string; year: number; seq: number | null }[];
  decisions: readonly { year: number | null; seq: number | null }[];
};

/**
 * Every register's numbers under the counter scope that gives them, ascending: letters
 * `RPW/2026`, the case registers `SPIS/GK/6730/2026` (caseRegisterScope), decisions `DEC/2026`.
 * A counter with no scope here would read as a gap, so every numbered kind belongs here.
 */
export function numbersByScope(rows: NumberedRows): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (scope: string, seq: number) => {
    const list = out.get(scope) ?? [];
    list.push(seq);
    out.set(scope, list);
  };
  for (const r of rows.letters) if (r.seq !== null) add(`${r.register}/${String(r.year)}`, r.seq);
  for (const c of rows.cases) {
    if (c.seq === null) continue;
    const scope = caseRegisterScope({ unit: c.unitSymbol, jrwa: { symbol: c.jrwaSymbol, isLeaf: true }, year: c.year });
    add(scope.ok ? scope.value : `SPIS/${c.unitSymbol}/${c.jrwaSymbol}/${String(c.year)}`, c.seq);
  }
  for (const d of rows.decisions) if (d.seq !== null && d.year !== null) add(`${DECISION_REGISTER}/${String(d.year)}`, d.seq);
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/** A run of consecutive numbers: `from`–`to`, both included. */
export type NumberRange = { from: number; to: number };

/** One register scope (`RPW/2026`): the numbers stored against the counter that gives them. */
export type ScopeCheck = {
  scope: string;
  /** How many numbered records the scope has. */
  count: number;
  /** The highest number stored, or null when none. */
  highest: number | null;
  /** The counter's last given number, or null when the scope has no counter. */
  counterLast: number | null;
  /** Numbers between 1 and the counter's last (or the highest number) with no record. */
  gaps: NumberRange[];
  /** Numbers carried by more than one record. */
  duplicates: number[];
  problems: string[];
};

/** Formats ranges the way a person reads them: `3, 7–9, 12`. At most `max` shown. */
export function formatRanges(ranges: NumberRange[], max = 20): string {
  const shown = ranges.slice(0, max).map((r) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`));
  const rest = ranges.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} i ${rest} dalszych przedziałów` : shown.join(', ');
}

function countOf(ranges: NumberRange[]): number {
  return ranges.reduce((n, r) => n + (r.to - r.from + 1), 0);
}

/**
 * Checks one scope: its numbers must be exactly 1..N and its counter must stand at N.
 *
 * A counter above N means numbers were given and their records are missing (a gap in the
 * register); a counter below N means the next registration would be given a number already
 * taken (it would fail on the UNIQUE index).
 */
export function checkScope(scope: string, sortedNumbers: number[], counterLast: number | null): ScopeCheck {
  const gaps: NumberRange[] = [];
  const duplicates: number[] = [];
  let expected = 1;
  let previous: number | null = null;
  for (const n of sortedNumbers) {
    if (n === previous) {
      if (duplicates.at(-1) !== n) duplicates.push(n);
      continue;
    }
    if (n > expected) gaps.push({ from: expected, to: n - 1 });
    expected = n + 1;
    previous = n;
  }
  const highest = sortedNumbers.at(-1) ?? null;
  if (counterLast !== null && counterLast > (highest ?? 0)) gaps.push({ from: (highest ?? 0) + 1, to: counterLast });

  const problems: string[] = [];
  const below = sortedNumbers.filter((n) => n < 1);
  if (below.length > 0) problems.push(`${scope}: numery spoza zakresu (mniejsze od 1): ${[...new Set(below)].join(', ')}.`);
  if (gaps.length > 0) {
    const n = countOf(gaps);
    problems.push(`${scope}: luka w numeracji — ${n === 1 ? 'brak numeru' : `brak ${n} numerów:`} ${formatRanges(gaps)}.`);
  }
  if (duplicates.length > 0) problems.push(`${scope}: numery nadane więcej niż raz: ${duplicates.join(', ')}.`);
  if (counterLast === null && highest !== null) {
    problems.push(`${scope}: brak licznika dla zakresu, w którym są numery 1–${highest}; kolejna rejestracja dostałaby numer 1, już zajęty.`);
  } else if (counterLast !== null && highest !== null && counterLast < highest) {
    problems.push(`${scope}: licznik wskazuje ${counterLast}, a największy zapisany numer to ${highest}; kolejna rejestracja dostałaby numer już zajęty.`);
  }
  return { scope, count: sortedNumbers.length, highest, counterLast, gaps, duplicates, problems };
}

