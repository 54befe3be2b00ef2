import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * Every command this workstation ran, with its per-client mutation id, written in the same
 * transaction as its effects. With a central server the pending ones are pushed in order; in a
 * one-workstation office the local store is the authority and they are recorded as `applied`.
 */
export const outbox = sqliteTable('outbox', {
  mutationId: integer('mutation_id').primaryKey(),
  name: text('name').notNull(),
  args: text('args').notNull(),
  createdAt: text('created_at').notNull(),
  status: text('status', { enum: ['pending', 'applied', 'rejected'] }).notNull(),
  result: text('result'),
});
