import { pgTable, bigint, text, jsonb, timestamp } from 'drizzle-orm/pg-core';

/**
 * The server's append-only, hash-chained audit log: who did what to which record.
 *
 * `seq` is 1, 2, 3 … with no gaps (given under a lock by server/db/audit.ts, not by a sequence)
 * and `hash = sha256(prev_hash + "\n" + canonical JSON of the row)`, the workstation's event-log
 * rule (core/events/canonical.ts). UPDATE, DELETE and TRUNCATE are refused by triggers
 * (migration 0001).
 */
export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
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
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull().unique(),
});
