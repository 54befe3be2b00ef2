import { pgTable, text, integer, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Last number given per scope (`RPW/2026`, `SPIS/<unit>/<jrwa>/2026`). Bumped in the
 * transaction that stores the numbered record (server/db/counters.ts), never through a
 * SEQUENCE: `nextval` is not rolled back, so an aborted command would leave a gap.
 */
export const counters = pgTable(
  'counters',
  {
    scope: text('scope').primaryKey(),
    last: integer('last').notNull(),
  },
  (t) => [check('counters_last_positive', sql`${t.last} > 0`)],
);
