import { pgTable, bigint, text, jsonb, timestamp, index } from 'drizzle-orm/pg-core';

/**
 * The server's append-only, hash-chained audit log: who did what to which record.
 *
 * `seq` is 1, 2, 3 … with no gaps (given by the sequencer, server/db/audit.ts, not by a sequence)
 * and `hash = sha256(prev_hash + "\n" + canonical JSON of the row)`, the workstation's event-log
 * rule (core/events/canonical.ts). UPDATE, DELETE and TRUNCATE are refused by triggers
 * (migration 0001).
 */
/** What an entry says, the same in the queue and in the log (built anew for each table). */
const entryColumns = () => ({
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  /** A user's login, `cli:<system user>` for the admin CLI, `system` for the server itself. */
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  summary: text('summary').notNull(),
  data: jsonb('data').notNull(),
  /** The server version of the write transaction (server/db/tx.ts); null outside one. */
  version: bigint('version', { mode: 'number' }),
});

export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  ...entryColumns(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull().unique(),
});

/**
 * Audit entries written by transactions and not yet in the chain.
 *
 * A write transaction only adds its entries here (no lock shared with other writers); the
 * sequencer (server/db/audit.ts `sealAudit`) moves them into `audit_log` in the order of the
 * transactions' positions once every transaction below them has ended, links and hashes them
 * there, and deletes them here — as a transparency log's sequencer integrates queued entries.
 * `position` is the writing transaction's server version (its transaction id on the version
 * base), also for transactions that workstations do not pull.
 */
export const auditQueue = pgTable(
  'audit_queue',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    position: bigint('position', { mode: 'number' }).notNull(),
    ...entryColumns(),
  },
  (t) => [index('audit_queue_position').on(t.position, t.id)],
);
