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

/**
 * A standalone workstation's own sign-in (no central server): the person's password hash
 * (core/security/password.ts) and the failures that slow the next try down. Kept apart from the
 * directory row, which a server's pull rewrites; with a server, passwords are the server's.
 */
export const localAccounts = sqliteTable('local_accounts', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  passwordHash: text('password_hash').notNull(),
  failedLogins: integer('failed_logins').notNull().default(0),
  lastFailedAt: text('last_failed_at'),
  passwordSetAt: text('password_set_at').notNull(),
});
