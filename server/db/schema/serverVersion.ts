import { pgTable, smallint, bigint, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * The change cursor: one row, bumped as the first statement of every write transaction
 * (server/db/tx.ts). Its row lock is held until commit, so versions are handed out in commit
 * order and a pull that has seen version N has seen every change up to N — which a bigserial
 * read as a cursor does not guarantee (a lower id can commit after a higher one).
 */
export const serverVersion = pgTable(
  'server_version',
  {
    id: smallint('id').primaryKey(),
    v: bigint('v', { mode: 'number' }).notNull(),
  },
  (t) => [check('server_version_one_row', sql`${t.id} = 1`)],
);
