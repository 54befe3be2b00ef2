import { pgTable, uuid, bigint, timestamp, index } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * A workstation's sync client and the last mutation id (LMID) the server has taken from it.
 * A push reads and bumps `last_mutation_id` in each command's transaction (DESIGN.md "Sync").
 */
export const clients = pgTable(
  'clients',
  {
    clientId: uuid('client_id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
    /** The version of the transaction that took that mutation: a pull below it cannot hold its effects yet. */
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('clients_user').on(t.userId)],
);
