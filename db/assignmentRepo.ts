import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Store } from '#db/store';
import { assignments, substitutions } from '#db/schema/index';

export type AssignmentRow = typeof assignments.$inferSelect;
export type SubstitutionRow = typeof substitutions.$inferSelect;

export function insertAssignments(store: Store, rows: AssignmentRow[]) {
  if (rows.length > 0) store.db.insert(assignments).values(rows).run();
}

export function assignmentsOf(store: Store, correspondenceId: string): AssignmentRow[] {
  return store.db.select().from(assignments).where(eq(assignments.correspondenceId, correspondenceId)).orderBy(asc(assignments.at)).all();
}

export function setAssignmentState(store: Store, ids: string[], state: AssignmentRow['state']) {
  if (ids.length > 0) store.db.update(assignments).set({ state }).where(inArray(assignments.id, ids)).run();
}

/** Active assignments of these people (their "Moje" inbox). */
export function activeAssignmentsOf(store: Store, userIds: string[]): AssignmentRow[] {
  if (userIds.length === 0) return [];
  return store.db
    .select()
    .from(assignments)
    .where(and(inArray(assignments.assigneeUserId, userIds), eq(assignments.state, 'active')))
    .orderBy(asc(assignments.deadline), asc(assignments.at))
    .all();
}

/** Items routed to these units that no one has been assigned yet ("Do dekretacji"). */
export function unassignedItemIds(store: Store, unitIds: string[]): string[] {
  if (unitIds.length === 0) return [];
  // awaiting_assignment is kept by triggers (migration 0018) after the view awaiting_rule: the rule of "waiting for dekretacja".
  return store.sqlite
    .prepare(`SELECT correspondence_id FROM awaiting_assignment WHERE unit_id IN (${unitIds.map(() => '?').join(',')}) ORDER BY received_at`)
    .pluck()
    .all(...unitIds) as string[];
}

export function insertSubstitution(store: Store, row: SubstitutionRow) {
  store.db.insert(substitutions).values(row).run();
}

export function cancelSubstitution(store: Store, id: string, at: string) {
  store.db.update(substitutions).set({ cancelledAt: at }).where(eq(substitutions.id, id)).run();
}

export function listSubstitutions(store: Store): SubstitutionRow[] {
  return store.db.select().from(substitutions).where(isNull(substitutions.cancelledAt)).orderBy(asc(substitutions.fromOn)).all();
}

/** Substitutions of or for a person that are in force on a day. */
export function substitutionsOn(store: Store, userId: string, day: string): SubstitutionRow[] {
  return store.db
    .select()
    .from(substitutions)
    .where(
      and(
        isNull(substitutions.cancelledAt),
        or(eq(substitutions.substituteId, userId), eq(substitutions.forUserId, userId)),
        sql`${substitutions.fromOn} <= ${day} AND ${substitutions.toOn} >= ${day}`,
      ),
    )
    .all();
}
