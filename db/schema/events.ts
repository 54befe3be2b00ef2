import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** What a metryka entry says: when, who (and for whom), what, on which record (besides its id). */
export function metrykaColumns() {
  return {
    at: text('at').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    actorPosition: text('actor_position').notNull(),
    onBehalfOfId: text('on_behalf_of_id'),
    onBehalfOfName: text('on_behalf_of_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    documentRef: text('document_ref'),
    summary: text('summary').notNull(),
    data: text('data').notNull(),
  };
}

/**
 * The append-only, hash-chained event log (the future metryka sprawy, Dz.U. 2012 poz. 250):
 * who (name, position, and on whose behalf), when, what, on which document.
 * UPDATE and DELETE are refused by triggers (migration 0001).
 */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    ...metrykaColumns(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /**
     * With a central server: the entry's place in the office's metryka. The replica's chain
     * follows it, so it is the same chain a new workstation of the same person would build.
     */
    serverOrdinal: integer('server_ordinal'),
  },
  (t) => [index('events_entity').on(t.entityType, t.entityId, t.seq), index('events_server_ordinal').on(t.serverOrdinal)],
);
