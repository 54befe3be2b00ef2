import { pgTable, uuid, text, boolean, integer, timestamp, check, index } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { units } from './units.ts';

/** The roles of the office's people; the same four as the workstation's contract. */
export const ROLES = ['registry', 'clerk', 'head', 'admin'] as const;

/**
 * Pracownik urzędu with one role in one unit, and what logging in needs.
 *
 * The lockout lives here, not in a process's memory: every server process behind one database
 * sees the same `failed_logins` and `locked_until`.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    login: text('login').notNull().unique(),
    fullName: text('full_name').notNull(),
    position: text('position').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    active: boolean('active').notNull().default(true),
    /** `$scrypt$ln=…,r=…,p=…$salt$hash` (core/security/password.ts); null until a password is set. */
    passwordHash: text('password_hash'),
    /** Failed logins in a row; reset by a successful login, an unlock or a new password. */
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    check('users_role_valid', sql`${t.role} in ('registry', 'clerk', 'head', 'admin')`),
    check('users_failed_logins_nonnegative', sql`${t.failedLogins} >= 0`),
    index('users_unit').on(t.unitId),
  ],
);
