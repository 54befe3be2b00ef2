import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Store } from '#db/store';
import { cases, decisions, decisionReviews, decisionVersions } from '#db/schema/index';

export type DecisionRow = typeof decisions.$inferSelect;

export function insertDecision(store: Store, row: typeof decisions.$inferInsert) {
  store.db.insert(decisions).values(row).run();
}

export function getDecision(store: Store, id: string): DecisionRow | null {
  return store.db.select().from(decisions).where(eq(decisions.id, id)).get() ?? null;
}

export function updateDecision(store: Store, id: string, changes: Partial<typeof decisions.$inferInsert>) {
  store.db.update(decisions).set(changes).where(eq(decisions.id, id)).run();
}

export function decisionsOfCase(store: Store, caseId: string): DecisionRow[] {
  return store.db.select().from(decisions).where(eq(decisions.caseId, caseId)).orderBy(asc(decisions.pk)).all();
}

/** Decisions in one state whose approver (or author) is one of these people, oldest change first. */
function decisionsOfPeople(store: Store, by: 'approverId' | 'authorId', people: string[], status: DecisionRow['status']): DecisionRow[] {
  if (people.length === 0) return [];
  return store.db
    .select()
    .from(decisions)
    .where(and(inArray(decisions[by], people), eq(decisions.status, status)))
    .orderBy(asc(decisions.updatedAt))
    .all();
}

export function decisionsAwaiting(store: Store, approverIds: string[]): DecisionRow[] {
  return decisionsOfPeople(store, 'approverId', approverIds, 'submitted');
}

/** Drafts returned for correction, written by these people, oldest return first. */
export function decisionsReturnedTo(store: Store, authorIds: string[]): DecisionRow[] {
  return decisionsOfPeople(store, 'authorId', authorIds, 'returned');
}

/** Approved decisions of cases in these units, waiting for a signature. */
export function approvedInUnits(store: Store, unitIds: string[]): DecisionRow[] {
  if (unitIds.length === 0) return [];
  return store.db
    .select({ d: decisions })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .where(and(eq(decisions.status, 'approved'), inArray(cases.unitId, unitIds)))
    .orderBy(asc(decisions.updatedAt))
    .all()
    .map((r) => r.d);
}

/** Signed decisions of cases in these units (null: all), signed since `since` (ISO), newest first. */
export function signedSince(store: Store, since: string, unitIds: readonly string[] | null): DecisionRow[] {
  const signed = and(eq(decisions.status, 'signed'), gte(decisions.signedAt, since));
  return store.db
    .select({ d: decisions })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .where(unitIds ? and(signed, inArray(cases.unitId, [...unitIds])) : signed)
    .orderBy(desc(decisions.signedAt))
    .all()
    .map((r) => r.d);
}

export function insertVersion(store: Store, row: typeof decisionVersions.$inferInsert) {
  store.db.insert(decisionVersions).values(row).run();
}

export function versionsOf(store: Store, decisionId: string) {
  return store.db.select().from(decisionVersions).where(eq(decisionVersions.decisionId, decisionId)).orderBy(asc(decisionVersions.version)).all();
}

export function latestVersion(store: Store, decisionId: string) {
  return store.db.select().from(decisionVersions).where(eq(decisionVersions.decisionId, decisionId)).orderBy(desc(decisionVersions.version)).limit(1).get() ?? null;
}

export function insertReview(store: Store, row: typeof decisionReviews.$inferInsert) {
  store.db.insert(decisionReviews).values(row).run();
}

export function reviewsOf(store: Store, decisionId: string) {
  return store.db.select().from(decisionReviews).where(eq(decisionReviews.decisionId, decisionId)).orderBy(asc(decisionReviews.at)).all();
}
