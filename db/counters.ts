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
