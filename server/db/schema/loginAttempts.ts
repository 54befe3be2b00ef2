import { pgTable, uuid, text, boolean, timestamp, index } from 'drizzle-orm/pg-core';

/**
 * Every login attempt, for the per-IP rate limit and for the lockout of logins that do not
 * exist (which must look the same as real ones). Kept in the database so that all server
 * processes count the same attempts; rows older than a day are swept.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    ip: text('ip').notNull(),
    login: text('login').notNull(),
    succeeded: boolean('succeeded').notNull(),
  },
  (t) => [index('login_attempts_ip_at').on(t.ip, t.at), index('login_attempts_login_at').on(t.login, t.at)],
);
