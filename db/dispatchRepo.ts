import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Store } from '#db/store';
import { dispatchItems } from '#db/schema/index';

export type DispatchItemRow = typeof dispatchItems.$inferSelect;

export function insertDispatchItem(store: Store, row: typeof dispatchItems.$inferInsert) {
  store.db.insert(dispatchItems).values(row).run();
}

export function getDispatchItem(store: Store, id: string): DispatchItemRow | null {
  return store.db.select().from(dispatchItems).where(eq(dispatchItems.id, id)).get() ?? null;
}

export function updateDispatchItem(store: Store, id: string, changes: Partial<typeof dispatchItems.$inferInsert>) {
  store.db.update(dispatchItems).set(changes).where(eq(dispatchItems.id, id)).run();
}

export function dispatchItemsOfDecision(store: Store, decisionId: string): DispatchItemRow[] {
  return store.db.select().from(dispatchItems).where(eq(dispatchItems.decisionId, decisionId)).orderBy(asc(dispatchItems.seqInDecision)).all();
}

/** Letters to send made for this party (by any decision), newest first. */
export function dispatchItemsForParty(store: Store, partyId: string): DispatchItemRow[] {
  return store.db.select().from(dispatchItems).where(eq(dispatchItems.partyId, partyId)).orderBy(desc(dispatchItems.createdAt)).limit(200).all();
}

/** "Do wysyłki": waiting items, oldest first (optionally only of some units). */
export function awaitingDispatch(store: Store, unitIds: readonly string[] | null): DispatchItemRow[] {
  const waiting = eq(dispatchItems.status, 'awaiting');
  return store.db
    .select()
    .from(dispatchItems)
    .where(unitIds ? and(waiting, inArray(dispatchItems.unitId, [...unitIds])) : waiting)
    .orderBy(asc(dispatchItems.createdAt), asc(dispatchItems.seqInDecision))
    .all();
}

export function dispatchItemOfOutgoing(store: Store, correspondenceId: string): DispatchItemRow | null {
  return store.db.select().from(dispatchItems).where(eq(dispatchItems.correspondenceId, correspondenceId)).get() ?? null;
}
