import { desc, eq, sql } from 'drizzle-orm';
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
    })
    .run();
  return { mutationId, userSeq };
}

/** The metryka entries a command wrote, known once its mutation id was taken. */
export function setCommandEventIds(store: Store, mutationId: number, eventIds: readonly string[]) {
  store.db.update(outbox).set({ eventIds: JSON.stringify(eventIds) }).where(eq(outbox.mutationId, mutationId)).run();
}
