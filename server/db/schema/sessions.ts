import { pgTable, uuid, text, timestamp, index } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * A signed-in workstation: one login, its current access and refresh tokens.
 *
 * Only SHA-256 of each token is stored: a copy of the database does not let anyone act as a
 * user. A refresh rotates both tokens; the refresh token it replaced is kept (hashed) so that
 * its reuse — a stolen token, or a replay — ends the whole session.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    accessTokenHash: text('access_token_hash').notNull().unique(),
    accessExpiresAt: timestamp('access_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    refreshTokenHash: text('refresh_token_hash').notNull().unique(),
    /** The refresh token this one replaced (hash): presenting it again revokes the session. */
    previousRefreshHash: text('previous_refresh_hash'),
    /** Fixed at login: a refresh does not extend it, so a session lasts one working day at most. */
    refreshExpiresAt: timestamp('refresh_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** What the workstation calls itself (`Kancelaria — SEKRETARIAT-2`), for the admin's list. */
    clientName: text('client_name').notNull(),
    ip: text('ip').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('sessions_user').on(t.userId), index('sessions_previous_refresh').on(t.previousRefreshHash)],
);
