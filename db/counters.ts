import type { Store } from '#db/store';

/**
 * Takes the next number in a scope, inside the caller's transaction.
 *
 * One UPSERT statement reads and bumps the counter under the write lock, so two workstations
 * sharing the file (or two commands) can never get the same number, and a rolled-back command
 * rolls its number back with it: no gaps, no duplicates.
 */
export function nextNumber(store: Store, scope: string): number {
  const row = store.sqlite
    .prepare('INSERT INTO counters (scope, last) VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET last = last + 1 RETURNING last')
    .get(scope) as { last: number };
  return row.last;
}

export function allCounters(store: Store): { scope: string; last: number }[] {
  return store.sqlite.prepare('SELECT scope, last FROM counters ORDER BY scope').all() as { scope: string; last: number }[];
}

/** The numbered records of every register (core/register/numberingCheck.ts reads them by scope). */
export type NumberedRows = {
  letters: { register: string; year: number; seq: number | null }[];
  cases: { unitSymbol: string; jrwaSymbol: string; year: number; seq: number | null }[];
  decisions: { year: number | null; seq: number | null }[];
};

/** Every numbered record's register, year and number (what the numbering check compares with the counters). */
export function numberedRows(store: Store): NumberedRows {
  return {
    letters: store.sqlite.prepare('SELECT register, year, seq FROM correspondence WHERE seq IS NOT NULL').all() as NumberedRows['letters'],
    cases: store.sqlite.prepare('SELECT unit_symbol AS unitSymbol, jrwa_symbol AS jrwaSymbol, year, seq FROM cases WHERE seq IS NOT NULL').all() as NumberedRows['cases'],
    decisions: store.sqlite.prepare('SELECT year, seq FROM decisions WHERE seq IS NOT NULL').all() as NumberedRows['decisions'],
  };
}
