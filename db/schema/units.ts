import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/** Komórka organizacyjna: a department or sub-unit (`GK`, `GK-I`). */
export const units = sqliteTable('units', {
  id: text('id').primaryKey(),
  symbol: text('symbol').notNull().unique(),
  name: text('name').notNull(),
  parentId: text('parent_id'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});
