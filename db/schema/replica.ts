import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { metrykaColumns } from './events.ts';

/**
 * What a command not yet confirmed by the server changed in this replica, row by row, so a
 * rebase can take it back before the server's rows are written (DESIGN.md "Sync": apply the
 * server's state, then the still-pending commands on top). Filled by temporary triggers while
 * such a command's effects are applied (db/replica.ts); `old_row` is the row before the change
 * as JSON, null when the command inserted it.
 */
export const undoLog = sqliteTable(
  'undo_log',
  {
    step: integer('step').primaryKey({ autoIncrement: true }),
    mutationId: integer('mutation_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: integer('row_id').notNull(),
    oldRow: text('old_row'),
  },
  (t) => [index('undo_log_mutation').on(t.mutationId, t.step)],
);

/**
 * Metryka entries of commands the server has not confirmed yet: shown with the record, marked
 * as waiting, and kept out of the hash chain. The chain holds only what the server recorded
 * (its time, its words), so every replica's chain reads the same; the server's copy of an entry
 * arrives with the pull under the same id and this one goes.
 */
export const pendingEvents = sqliteTable(
  'pending_events',
  {
    id: text('id').primaryKey(),
    mutationId: integer('mutation_id').notNull(),
    ...metrykaColumns(),
  },
  (t) => [index('pending_events_entity').on(t.entityType, t.entityId), index('pending_events_mutation').on(t.mutationId)],
);

/**
 * The server's metryka entries of a pull still under way: a pull comes in windows of server
 * versions, and an entry's place in the chain is its ordinal, which a later window may undercut
 * (a letter forwarded in brings its old history). They are chained once, in order, when the last
 * window has arrived, instead of re-linking the chain after every window.
 */
export const incomingEvents = sqliteTable('incoming_events', {
  id: text('id').primaryKey(),
  ordinal: integer('ordinal').notNull(),
  ...metrykaColumns(),
});

/**
 * A row here, inside one transaction only, lets the replica's own maintenance (a rebase taking
 * back a command, records leaving the person's scope) remove rows the triggers otherwise keep.
 */
export const replicaMaintenance = sqliteTable('replica_maintenance', {
  reason: text('reason').primaryKey(),
});
