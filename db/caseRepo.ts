import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Store } from '#db/store';
import type { Statement } from 'better-sqlite3';
import { blobs, caseDocuments, cases, caseItems, caseParties, caseSuspensions, correspondence, opinionRequests, parties, users } from '#db/schema/index';
import { foldText } from '#core/text/fold';

export type CaseRow = typeof cases.$inferSelect;
export type NewCase = typeof cases.$inferInsert;

export function insertCase(store: Store, row: NewCase): CaseRow {
  const inserted = store.db.insert(cases).values(row).returning().get();
  indexCase(store, inserted);
  return inserted;
}

export function updateCase(store: Store, id: string, changes: Partial<NewCase>): CaseRow {
  // drizzle types .get() as always found; an unknown id gives undefined at run time.
  const updated = store.db.update(cases).set(changes).where(eq(cases.id, id)).returning().get() as CaseRow | undefined;
  if (!updated) throw new Error(`no case ${id}`);
  indexCase(store, updated);
  return updated;
}

export function getCase(store: Store, id: string): CaseRow | null {
  return store.db.select().from(cases).where(eq(cases.id, id)).get() ?? null;
}

/**
 * The case's parties now (those taken off it stay in its metryka, not here): the applicant
 * first, then in the order they joined (rows added in one second keep the order written).
 */
export function partiesOfCase(store: Store, caseId: string) {
  return store.db
    .select({ party: parties, role: caseParties.role })
    .from(caseParties)
    .innerJoin(parties, eq(parties.id, caseParties.partyId))
    .where(and(eq(caseParties.caseId, caseId), isNull(caseParties.removedAt)))
    .orderBy(desc(sql`${caseParties.role} = 'wnioskodawca'`), asc(caseParties.addedAt), asc(sql`${caseParties}.rowid`))
    .all();
}

/** Writes the case's row for a party whole (added, taken off, added again); the search text follows. */
export function upsertCaseParty(store: Store, row: typeof caseParties.$inferInsert) {
  const { caseId: _c, partyId: _p, ...set } = row;
  store.db.insert(caseParties).values(row).onConflictDoUpdate({ target: [caseParties.caseId, caseParties.partyId], set }).run();
  reindexCase(store, row.caseId);
}

/** Documents in the case's file besides its letters, oldest first, with what the file is. */
export function documentsOfCase(store: Store, caseId: string) {
  return store.db
    .select({ d: caseDocuments, mime: blobs.mime, pageCount: blobs.pageCount, size: blobs.size, addedByName: users.fullName })
    .from(caseDocuments)
    .leftJoin(blobs, eq(blobs.sha256, caseDocuments.sha256))
    .leftJoin(users, eq(users.id, caseDocuments.addedBy))
    .where(eq(caseDocuments.caseId, caseId))
    .orderBy(asc(caseDocuments.addedAt))
    .all();
}

/** Opinions asked on the case, oldest first. */
export function opinionRequestsOfCase(store: Store, caseId: string) {
  return store.db.select().from(opinionRequests).where(eq(opinionRequests.caseId, caseId)).orderBy(asc(opinionRequests.askedAt)).all();
}

/** Opinions these people were asked for and have not given, with their cases, oldest first. */
export function openOpinionRequestsOf(store: Store, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return store.db
    .select({ r: opinionRequests, c: cases })
    .from(opinionRequests)
    .innerJoin(cases, eq(cases.id, opinionRequests.caseId))
    .where(and(inArray(opinionRequests.askedOf, [...userIds]), isNull(opinionRequests.answeredAt)))
    .orderBy(asc(opinionRequests.askedAt))
    .all();
}

export function linkItem(store: Store, row: typeof caseItems.$inferInsert) {
  store.db.insert(caseItems).values(row).run();
}

export function itemsOfCase(store: Store, caseId: string) {
  return store.db
    .select({ item: correspondence, initiating: caseItems.initiating, linkedAt: caseItems.linkedAt })
    .from(caseItems)
    .innerJoin(correspondence, eq(correspondence.id, caseItems.correspondenceId))
    .where(eq(caseItems.caseId, caseId))
    // The letter that started the case first, then the file in the order letters joined it.
    .orderBy(desc(caseItems.initiating), asc(caseItems.linkedAt), asc(correspondence.receivedAt))
    .all();
}

/** The cases a letter belongs to (a letter normally joins one case's file). */
export function casesOfItem(store: Store, correspondenceId: string): CaseRow[] {
  return store.db
    .select({ c: cases })
    .from(caseItems)
    .innerJoin(cases, eq(cases.id, caseItems.caseId))
    .where(eq(caseItems.correspondenceId, correspondenceId))
    .all()
    .map((r) => r.c);
}

export function suspensionsOf(store: Store, caseId: string) {
  return store.db.select().from(caseSuspensions).where(eq(caseSuspensions.caseId, caseId)).orderBy(asc(caseSuspensions.fromOn)).all();
}

export function addSuspension(store: Store, row: typeof caseSuspensions.$inferInsert) {
  store.db.insert(caseSuspensions).values(row).run();
}

/** Ends the open suspension of a case (there is at most one). */
export function endSuspension(store: Store, caseId: string, toOn: string) {
  store.db
    .update(caseSuspensions)
    .set({ toOn })
    .where(and(eq(caseSuspensions.caseId, caseId), sql`${caseSuspensions.toOn} IS NULL`))
    .run();
}

/** Spis spraw: one unit's cases of one JRWA class and year, in sign order. */
export function caseRegister(store: Store, unitId: string, jrwaSymbol: string, year: number): CaseRow[] {
  return store.db
    .select()
    .from(cases)
    .where(and(eq(cases.unitId, unitId), eq(cases.jrwaSymbol, jrwaSymbol), eq(cases.year, year)))
    .orderBy(asc(cases.seq), asc(cases.pk))
    .all();
}

/**
 * The letter that started each case of a spis spraw (its sender, reference and date), by case id:
 * one query for the whole register, not one per case (5,000 cases printed in one spis).
 */
export function initiatingLettersOfRegister(store: Store, unitId: string, jrwaSymbol: string, year: number): Map<string, { senderName: string; senderReference: string | null; letterDate: string | null }> {
  const rows = store.db
    .select({ caseId: caseItems.caseId, senderName: correspondence.senderName, senderReference: correspondence.senderReference, letterDate: correspondence.letterDate })
    .from(caseItems)
    .innerJoin(cases, eq(cases.id, caseItems.caseId))
    .innerJoin(correspondence, eq(correspondence.id, caseItems.correspondenceId))
    .where(and(eq(cases.unitId, unitId), eq(cases.jrwaSymbol, jrwaSymbol), eq(cases.year, year), eq(caseItems.initiating, true)))
    .orderBy(asc(caseItems.linkedAt))
    .all();
  const byCase = new Map<string, { senderName: string; senderReference: string | null; letterDate: string | null }>();
  // A case has one initiating letter; should two be marked, the first linked counts, as before.
  for (const { caseId, ...letter } of rows) if (!byCase.has(caseId)) byCase.set(caseId, letter);
  return byCase;
}

/** Open cases (not closed, not cancelled) these people own, earliest term first. */
export function openCasesOwnedBy(store: Store, ownerIds: string[]): CaseRow[] {
  if (ownerIds.length === 0) return [];
  return store.db
    .select()
    .from(cases)
    .where(and(inArray(cases.ownerId, ownerIds), inArray(cases.status, ['opened', 'in_progress', 'suspended'])))
    .orderBy(asc(cases.dueOn), asc(cases.pk))
    .all();
}

/** Open cases of these units; with `dueBy`, only those with a term on or before that day. */
export function openCasesOfUnits(store: Store, unitIds: string[], dueBy?: string): CaseRow[] {
  if (unitIds.length === 0) return [];
  return store.db
    .select()
    .from(cases)
    .where(and(inArray(cases.unitId, unitIds), inArray(cases.status, ['opened', 'in_progress', 'suspended']), dueBy === undefined ? undefined : lte(cases.dueOn, dueBy)))
    .orderBy(asc(cases.dueOn), asc(cases.pk))
    .all();
}

// Prepared once per database: a pull re-indexes thousands of cases in one go.
const caseFts = new WeakMap<Store['sqlite'], { names: Statement; remove: Statement; add: Statement }>();

function caseFtsOf(store: Store) {
  let s = caseFts.get(store.sqlite);
  if (!s) {
    s = {
      // The parties of partiesOfCase, in its order: who is on the case is what search finds it by.
      names: store.sqlite
        .prepare(
          `SELECT p.name || ' ' || coalesce(p.city, '') FROM case_parties cp JOIN parties p ON p.id = cp.party_id
           WHERE cp.case_id = ? AND cp.removed_at IS NULL ORDER BY cp.role = 'wnioskodawca' DESC, cp.added_at, cp.rowid`,
        )
        .pluck(),
      remove: store.sqlite.prepare('DELETE FROM cases_fts WHERE rowid = ?'),
      add: store.sqlite.prepare('INSERT INTO cases_fts (rowid, sign, title, parties, remarks) VALUES (?, ?, ?, ?, ?)'),
    };
    caseFts.set(store.sqlite, s);
  }
  return s;
}

/** Writes the case's search entry anew (its parties read from the replica). */
export function indexCase(store: Store, c: Pick<CaseRow, 'pk' | 'id' | 'sign' | 'provisionalLabel' | 'title' | 'remarks' | 'cancelReason'>) {
  const fts = caseFtsOf(store);
  const names = (fts.names.all(c.id) as string[]).join(' ');
  fts.remove.run(c.pk);
  fts.add.run(c.pk, foldText([c.sign, c.provisionalLabel].filter(Boolean).join(' ')), foldText(c.title), foldText(names), foldText([c.remarks, c.cancelReason].filter(Boolean).join(' ')));
}

/** Re-indexes the case stored under `pk`; false when there is none (an undo removed it). */
export function reindexCaseRow(store: Store, pk: number): boolean {
  const row = store.db.select().from(cases).where(eq(cases.pk, pk)).get();
  if (row) indexCase(store, row);
  return row !== undefined;
}

export function dropCaseFromIndex(store: Store, pk: number) {
  caseFtsOf(store).remove.run(pk);
}

/** Re-indexes a case after its parties changed. */
export function reindexCase(store: Store, caseId: string) {
  const c = getCase(store, caseId);
  if (c) indexCase(store, c);
}

/** Whether some case here already carries this provisional label. */
export function provisionalCaseLabelTaken(store: Store, label: string): boolean {
  return store.db.select({ id: cases.id }).from(cases).where(eq(cases.provisionalLabel, label)).get() !== undefined;
}
