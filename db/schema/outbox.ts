import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every command this workstation ran, with its per-client mutation id, written in the same
 * transaction as its effects. With a central server the pending ones are pushed in order; in a
 * one-workstation office the local store is the authority and they are recorded as `applied`.
 *
 * A pushed command ends `applied` (the server applied it, or it was a duplicate of one it had)
 * or `rejected` (the server's rules refused it: quarantined "do wyjaśnienia", `result` holds
 * the reason). A row is never removed before the server's last mutation id has reached it.
 */
export const outbox = sqliteTable('outbox', {
  mutationId: integer('mutation_id').primaryKey(),
  name: text('name').notNull(),
  args: text('args').notNull(),
  createdAt: text('created_at').notNull(),
  status: text('status', { enum: ['pending', 'applied', 'rejected', 'discarded'] }).notNull(),
  result: text('result'),
  /** What the command did, as the user would name it (the sync panel lists it). */
  label: text('label'),
  /** The ids of the events the command wrote locally; the server writes its own under them. */
  eventIds: text('event_ids'),
  /** The user who ran it: only their own session pushes it, under their own name. */
  userId: text('user_id'),
  /**
   * The command's number among this user's pushed commands on this workstation: the mutation
   * id the server sees (each person on a shared workstation is a client of their own, so one
   * person's waiting commands never go out under another's session). Null in local mode.
   */
  userSeq: integer('user_seq'),
  /**
   * 1 while the command's effects in this replica are its own guess, not yet the server's rows
   * (pending, or applied but not pulled back): a rebase takes them back (undo_log) and, if the
   * command is still unsettled, decides it again on top of what the server sent.
   */
  speculative: integer('speculative').notNull().default(0),
  /** 1 once a pull brought the server's rows with this command in them: nothing left to replay. */
  confirmed: integer('confirmed').notNull().default(0),
}, (t) => [uniqueIndex('outbox_user_seq').on(t.userId, t.userSeq)]);

/** The workstation's side of the sync: client id, pull cursor, last success (key → JSON). */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
