import { sql } from 'drizzle-orm';
import { counters } from './schema/counters.ts';
import type { WriteTx } from './tx.ts';

/**
 * The next number in `scope` (`RPW/2026`), given inside the command's write transaction.
 *
 * `INSERT … ON CONFLICT DO UPDATE SET last = last + 1 RETURNING last`: the row lock serialises
 * concurrent commands on one scope, and a rolled-back command takes its number back with it —
 * gap-free, unlike a SEQUENCE (DESIGN.md "Numbers"). Pair it with a UNIQUE constraint on
 * (scope, number) in the numbered table.
 */
export async function nextNumber(w: WriteTx, scope: string): Promise<number> {
  const [row] = await w.tx
    .insert(counters)
    .values({ scope, last: 1 })
    .onConflictDoUpdate({ target: counters.scope, set: { last: sql`${counters.last} + 1` } })
    .returning({ last: counters.last });
  if (!row) throw new Error(`counter ${scope} returned no row`);
  return row.last;
}
