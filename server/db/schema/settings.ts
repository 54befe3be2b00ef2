import { pgTable, text, jsonb } from 'drizzle-orm/pg-core';

/** Office settings by key (`office-settings` holds the workstation's `Settings`), JSON values. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});
