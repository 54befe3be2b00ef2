import { pgTable, smallint, bigint, check, uuid, timestamp } from 'drizzle-orm/pg-core';
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

/**
 * Which history of the office this database holds: a random epoch made with the database and
 * made again when a copy is restored into it. A workstation that synced with another epoch
 * pulls from the start and sends again what the restored database no longer has (docs/sync.md
 * "After a restore"), instead of trusting a cursor that points into a history now gone.
 */
export const serverIdentity = pgTable(
  'server_identity',
  {
    id: smallint('id').primaryKey(),
    epoch: uuid('epoch').notNull(),
    /** When the copy this database was restored from was made (null: never restored). */
    restoredFrom: timestamp('restored_from', { withTimezone: true, mode: 'string' }),
    restoredAt: timestamp('restored_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [check('server_identity_one_row', sql`${t.id} = 1`)],
);
