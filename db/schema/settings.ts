import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Office settings by key, each value JSON and validated by core/settings on read and write. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
