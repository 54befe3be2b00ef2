import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { units } from './units.ts';

/** Pracownik urzędu with one role in one unit. */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  login: text('login').notNull().unique(),
  fullName: text('full_name').notNull(),
  position: text('position').notNull(),
  role: text('role', { enum: ['registry', 'clerk', 'head', 'admin'] }).notNull(),
  unitId: text('unit_id').notNull().references(() => units.id),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});
