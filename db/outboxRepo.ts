import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Store } from '#db/store';
import { outbox } from '#db/schema/index';

/** Records a command under the next mutation id of this workstation (inside its transaction). */
export function recordCommand(
  store: Store,
  c: { name: string; args: unknown; createdAt: string; status: 'pending' | 'applied'; result?: unknown; label?: string; eventIds?: string[]; userId?: string },
): { mutationId: number; userSeq: number | null } {
  const last = store.db.select({ id: outbox.mutationId }).from(outbox).orderBy(desc(outbox.mutationId)).limit(1).get();
  const mutationId = (last?.id ?? 0) + 1;
  // A pushed command's number in its user's own queue (see the schema).
  const userSeq =
    c.status === 'pending' && c.userId
      ? ((store.db.select({ n: sql<number | null>`max(${outbox.userSeq})` }).from(outbox).where(eq(outbox.userId, c.userId)).get()?.n ?? 0) + 1)
      : null;
  store.db
    .insert(outbox)
    .values({
      mutationId,
      name: c.name,
      args: JSON.stringify(c.args),
      createdAt: c.createdAt,
      status: c.status,
      result: c.result === undefined ? null : JSON.stringify(c.result),
      label: c.label ?? null,
      eventIds: c.eventIds ? JSON.stringify(c.eventIds) : null,
      userId: c.userId ?? null,
      userSeq,
      speculative: c.status === 'pending' ? 1 : 0,
      confirmed: c.status === 'applied' ? 1 : 0,
    })
    .run();
  return { mutationId, userSeq };
}

/** The metryka entries a command wrote, known once its mutation id was taken. */
export function setCommandEventIds(store: Store, mutationId: number, eventIds: readonly string[]) {
  store.db.update(outbox).set({ eventIds: JSON.stringify(eventIds) }).where(eq(outbox.mutationId, mutationId)).run();
}

export type OutboxEntry = typeof outbox.$inferSelect;

/** Commands whose effects in this replica are their own guess (pending, or applied and not pulled back). */
export function speculativeCommands(store: Store): OutboxEntry[] {
  return store.db.select().from(outbox).where(eq(outbox.speculative, 1)).orderBy(asc(outbox.mutationId)).all();
}

/** One person's commands the replica should show on top of the server's rows, in their order. */
export function unsettledCommandsOf(store: Store, userId: string): OutboxEntry[] {
  return store.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.userId, userId), inArray(outbox.status, ['pending', 'applied']), isNotNull(outbox.userSeq), eq(outbox.confirmed, 0)))
    .orderBy(asc(outbox.mutationId))
    .all();
}

export function markSpeculative(store: Store, mutationIds: readonly number[], speculative: boolean) {
  if (mutationIds.length > 0) store.db.update(outbox).set({ speculative: speculative ? 1 : 0 }).where(inArray(outbox.mutationId, [...mutationIds])).run();
}

/**
 * A pull brought the server's rows up to this person's last mutation id: their commands up to
 * it are in those rows. One still pending here (its answer was lost) stays pending: the next
 * push hears "duplicate" for it.
 */
export function confirmThrough(store: Store, userId: string, lastMutationId: number) {
  store.db
    .update(outbox)
    .set({ confirmed: 1 })
    .where(and(eq(outbox.userId, userId), sql`${outbox.userSeq} <= ${lastMutationId}`, inArray(outbox.status, ['pending', 'applied'])))
    .run();
}

export function outboxEntry(store: Store, mutationId: number): OutboxEntry | null {
  return store.db.select().from(outbox).where(eq(outbox.mutationId, mutationId)).get() ?? null;
}

/** A refused command the person has dealt with (dropped, or made again corrected): kept, no longer listed. */
export function discardCommand(store: Store, mutationId: number) {
  store.db.update(outbox).set({ status: 'discarded' }).where(and(eq(outbox.mutationId, mutationId), eq(outbox.status, 'rejected'))).run();
}

/** The whole outbox, oldest first: a workstation's command history, carried off a damaged profile. */
export function outboxHistory(store: Store): OutboxEntry[] {
  return store.db.select().from(outbox).orderBy(asc(outbox.mutationId)).all();
}

/** How many commands this profile has ever recorded (a profile taking over another's history must have none). */
export function outboxSize(store: Store): number {
  return store.db.select({ n: sql<number>`count(*)` }).from(outbox).get()?.n ?? 0;
}

/**
 * Writes another profile's history into this empty one, as it was: waiting commands wait here,
 * nothing of theirs is in this replica yet (a rebase after the next pull puts them on top).
 */
export function adoptOutbox(store: Store, rows: readonly OutboxEntry[]): void {
  for (const r of rows) store.db.insert(outbox).values({ ...r, speculative: 0 }).run();
}
