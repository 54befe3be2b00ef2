import { pgTable, smallint, bigint, check, uuid, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

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
    /**
     * Added to PostgreSQL's transaction id to make a server version (server/db/tx.ts). Raised
     * when the versions the rows hold are ahead of this cluster's transaction ids — a copy
     * restored into another cluster, or a database moved by dump and restore — so versions
     * handed out afterwards are above every one handed out before.
     */
    versionBase: bigint('version_base', { mode: 'number' }).notNull().default(0),
    /**
     * The highest transaction id this database has seen (at start and at each audit seal): a
     * cluster whose ids are below it is another cluster (a dump restored elsewhere), and the
     * base is raised (server/db/tx.ts `keepVersionsAhead`).
     */
    transactionSeen: bigint('transaction_seen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('server_identity_one_row', sql`${t.id} = 1`)],
);
