import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * Last number given per scope (`RPW/2026`). Incremented in the transaction that stores the
 * numbered record, never through a sequence: a rolled-back command must leave no gap.
 */
export const counters = sqliteTable('counters', {
  scope: text('scope').primaryKey(),
  last: integer('last').notNull(),
});
