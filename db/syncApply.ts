import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Store } from '#db/store';
import { assignments, blobs, documentTemplates, decisionReviews, decisionVersions, decisions, dispatchItems, substitutions, caseDocuments, caseItems, caseParties, correspondenceScans, opinionRequests, caseSuspensions, cases, correspondence, jrwaClasses, outbox, parties, syncState, units, users } from '#db/schema/index';
import { foldText } from '#core/text/fold';
import { takeServerEvents } from '#db/eventLog';
import { dropLetters } from '#db/replica';
import { indexLetterForSearch, updateCorrespondence } from '#db/correspondenceRepo';
import { indexCase, updateCase } from '#db/caseRepo';
import { preparedUpsert, type UpsertOptions } from '#db/preparedWrite';
import type { PullResponse, WireCase, WireLetter, WireParty } from '#sync/protocol/commands';

// Writing what the server sent into the workstation's replica. Server rows replace local ones
// (the server is the authority); a letter or case this workstation created keeps its
// provisional label, so receipts printed with it stay findable.

export function readSyncState(store: Store, key: string): string | null {
  return store.db.select({ value: syncState.value }).from(syncState).where(eq(syncState.key, key)).get()?.value ?? null;
}

export function writeSyncState(store: Store, key: string, value: string) {
  store.db.insert(syncState).values({ key, value }).onConflictDoUpdate({ target: syncState.key, set: { value } }).run();
}

export function clearSyncState(store: Store, key: string) {
  store.db.delete(syncState).where(eq(syncState.key, key)).run();
}

export type OutboxRow = typeof outbox.$inferSelect;

/** One user's pending commands in their order (what that user's next push sends). */
export function pendingCommands(store: Store, userId: string, limit: number): OutboxRow[] {
  return store.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), eq(outbox.userId, userId)))
    .orderBy(asc(outbox.userSeq))
    .limit(limit)
    .all();
}

/**
 * Refused or dropped commands of one user numbered between `after` and `before` (exclusive):
 * a restored server must hear of them (as passed over) before the next waiting one, or it sees
 * a gap in the person's numbering.
 */
export function passedOverBetween(store: Store, userId: string, after: number, before: number): OutboxRow[] {
  return store.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.userId, userId), inArray(outbox.status, ['rejected', 'discarded']), sql`${outbox.userSeq} > ${after}`, sql`${outbox.userSeq} < ${before}`))
    .orderBy(asc(outbox.userSeq))
    .all();
}

/**
 * The server was restored from a copy older than some of this person's accepted commands: they
 * wait again, under their own numbers, so the next push brings them back (their metryka entries
 * keep their ids). Returns how many.
 */
export function requeueLostCommands(store: Store, userId: string, serverLastMutationId: number): number {
  return store.db
    .update(outbox)
    .set({ status: 'pending', confirmed: 0, speculative: 0 })
    .where(and(eq(outbox.userId, userId), eq(outbox.status, 'applied'), sql`${outbox.userSeq} > ${serverLastMutationId}`))
    .run().changes;
}

/** Waiting and refused commands: all of them, or one user's. */
export function countOutbox(store: Store, userId: string | null = null): { pending: number; rejected: number } {
  const rows = store.sqlite
    .prepare(`SELECT status, count(*) AS n FROM outbox WHERE status IN ('pending', 'rejected')${userId ? ' AND user_id = ?' : ''} GROUP BY status`)
    .all(...(userId ? [userId] : [])) as { status: string; n: number }[];
  return { pending: rows.find((r) => r.status === 'pending')?.n ?? 0, rejected: rows.find((r) => r.status === 'rejected')?.n ?? 0 };
}

/** One person's waiting and refused commands ("do wyjaśnienia"), newest first, for the sync panel. */
export function unsettledCommands(store: Store, userId: string, limit: number): OutboxRow[] {
  return store.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.userId, userId), inArray(outbox.status, ['pending', 'rejected'])))
    .orderBy(sql`${outbox.mutationId} DESC`)
    .limit(limit)
    .all();
}

/** The server's answer for one command: applied (or a duplicate of one it had) or rejected. */
export function settleCommand(store: Store, mutationId: number, status: 'applied' | 'rejected', result: unknown) {
  store.db.update(outbox).set({ status, result: JSON.stringify(result) }).where(eq(outbox.mutationId, mutationId)).run();
}

/** A final number the server gave to a row this workstation created. */
export function applyAssignedNumber(store: Store, a: { entity: 'correspondence' | 'case'; id: string; number: string }) {
  if (a.entity === 'correspondence') {
    if (store.db.select({ id: correspondence.id }).from(correspondence).where(eq(correspondence.id, a.id)).get()) updateCorrespondence(store, a.id, { number: a.number });
  } else if (store.db.select({ id: cases.id }).from(cases).where(eq(cases.id, a.id)).get()) {
    updateCase(store, a.id, { sign: a.number });
  }
}

// A pull writes thousands of rows: each table's upsert is prepared once per database
// (db/preparedWrite.ts), not built row by row through the query builder (bench/RESULTS.md:
// that was most of a first sync).
function prepareUpserts(store: Store) {
  const up = (table: Parameters<typeof preparedUpsert>[1], o: UpsertOptions) => preparedUpsert(store, table, o);
  const byId: UpsertOptions = { target: ['id'] };
  return {
    unit: up(units, byId),
    user: up(users, byId),
    jrwa: up(jrwaClasses, { target: ['symbol'] }),
    party: up(parties, byId),
    // The provisional label this workstation printed stays when the server sends none.
    letter: up(correspondence, { ...byId, keepWhenNull: ['provisionalLabel'], returning: 'pk, provisional_label AS provisionalLabel' }),
    // The server read the file's type and pages from its bytes: its word replaces an older guess.
    blob: up(blobs, { target: ['sha256'], update: ['mime', 'pageCount'] }),
    scan: up(correspondenceScans, { target: ['correspondenceId', 'sha256'], update: 'nothing' }),
    assignment: up(assignments, { ...byId, update: ['state'] }),
    case: up(cases, { ...byId, keepWhenNull: ['provisionalLabel'], returning: 'pk, provisional_label AS provisionalLabel' }),
    // A party's row carries its removal mark: the server's word replaces what is here.
    caseParty: up(caseParties, { target: ['caseId', 'partyId'] }),
    caseDocument: up(caseDocuments, { ...byId, update: 'nothing' }),
    opinionRequest: up(opinionRequests, { ...byId, update: ['answeredAt'] }),
    caseItem: up(caseItems, { target: ['caseId', 'correspondenceId'], update: 'nothing' }),
    caseSuspension: up(caseSuspensions, { target: [], update: 'nothing' }),
    decision: up(decisions, byId),
    decisionVersion: up(decisionVersions, { target: ['decisionId', 'version'], update: 'nothing' }),
    decisionReview: up(decisionReviews, { target: [], update: 'nothing' }),
    reviewHeld: store.sqlite.prepare('SELECT 1 FROM decision_reviews WHERE decision_id = ? AND version = ? AND reviewer_id = ?').pluck(),
    dispatchItem: up(dispatchItems, byId),
    template: up(documentTemplates, { target: ['code', 'version'], update: 'nothing' }),
    substitution: up(substitutions, byId),
    dropSuspensions: store.sqlite.prepare('DELETE FROM case_suspensions WHERE case_id = ?'),
  };
}
const pullUpserts = new WeakMap<Store['sqlite'], ReturnType<typeof prepareUpserts>>();

function upsertsOf(store: Store) {
  let u = pullUpserts.get(store.sqlite);
  if (!u) pullUpserts.set(store.sqlite, (u = prepareUpserts(store)));
  return u;
}

function upsertParty(store: Store, p: WireParty) {
  upsertsOf(store).party.run({ ...p, searchText: foldText([p.name, p.pesel, p.nip, p.regon, p.city, p.street].filter(Boolean).join(' ')) });
}

function upsertLetter(store: Store, l: WireLetter) {
  const { scans, assignments: assigned, ...row } = l;
  const up = upsertsOf(store);
  const written = up.letter.get(row) as { pk: number; provisionalLabel: string | null };
  indexLetterForSearch(store, { ...row, pk: written.pk, provisionalLabel: written.provisionalLabel });
  for (const { size, mime, pageCount, ...s } of scans) {
    up.blob.run({ sha256: s.sha256, size, mime, pageCount, createdAt: s.addedAt });
    up.scan.run({ ...s, correspondenceId: l.id });
  }
  for (const a of assigned) up.assignment.run({ ...a, correspondenceId: l.id });
}

function upsertCase(store: Store, c: WireCase) {
  const { parties: ps, items, suspensions, documents, opinionRequests: asked, ...row } = c;
  const up = upsertsOf(store);
  const written = up.case.get(row) as { pk: number; provisionalLabel: string | null };
  for (const p of ps) up.caseParty.run({ ...p, caseId: c.id });
  for (const { size, mime, pageCount, ...d } of documents) {
    up.blob.run({ sha256: d.sha256, size, mime, pageCount, createdAt: d.addedAt });
    up.caseDocument.run({ ...d, caseId: c.id });
  }
  for (const r of asked) up.opinionRequest.run({ ...r, caseId: c.id });
  for (const i of items) up.caseItem.run({ ...i, caseId: c.id });
  // Suspensions have no identity of their own: the server's list replaces the local one.
  up.dropSuspensions.run(c.id);
  for (const s of suspensions) up.caseSuspension.run({ ...s, caseId: c.id });
  // Indexed once its parties are written; the label kept here is the one the row now holds.
  indexCase(store, { ...row, pk: written.pk, provisionalLabel: written.provisionalLabel });
}

/**
 * Applies one pull in the caller's transaction: the directory, the office's reference data,
 * parties, letters, cases, the metryka entries in the office's order, and the letters that
 * left the person's units. `owner` is the person whose replica this is (their own parties stay).
 */
export function applyPull(store: Store, r: PullResponse, settingsWriter: (value: unknown) => void, owner: string | null) {
  // Every pull carries the directory, so these run for every window. The SET leaves the key
  // out: an UPDATE that sets `id` (even to itself) makes SQLite check each table referring to
  // units/users for rows of the old key, a full scan of letters, cases, assignments … per row.
  const up = upsertsOf(store);
  for (const u of r.units) up.unit.run(u);
  for (const u of r.users) up.user.run(u);
  const importedAt = new Date().toISOString();
  for (const j of r.jrwa) up.jrwa.run({ ...j, importedAt });
  if (r.settings) settingsWriter(r.settings);
  for (const p of r.parties) upsertParty(store, p);
  for (const l of r.letters) upsertLetter(store, l);
  for (const c of r.cases) upsertCase(store, c);
  for (const { versions, reviews, ...d } of r.decisions) {
    up.decision.run(d);
    for (const v of versions) up.decisionVersion.run({ ...v, decisionId: d.id });
    // A reviewer reviews a version once: a review this workstation wrote is the server's too.
    for (const rv of reviews) if (up.reviewHeld.get(d.id, rv.version, rv.reviewerId) === undefined) up.decisionReview.run({ ...rv, decisionId: d.id });
  }
  for (const x of r.dispatchItems) up.dispatchItem.run(x);
  for (const t of r.templates) up.template.run(t);
  for (const s of r.substitutions) up.substitution.run(s);
  takeServerEvents(store, r.events, !r.hasMore);
  // What left the person's units since the cursor leaves their replica.
  dropLetters(store, r.departed.filter((d) => d.entityType === 'correspondence').map((d) => d.entityId), owner);
}

/** Letters and cases this workstation made that the server has not numbered yet (and may never). */
export function unnumbered(store: Store) {
  return {
    letters: store.db.select({ id: correspondence.id }).from(correspondence).where(and(sql`${correspondence.number} IS NULL`, sql`${correspondence.provisionalLabel} IS NOT NULL`)).all().length,
    cases: store.db.select({ id: cases.id }).from(cases).where(and(sql`${cases.sign} IS NULL`, sql`${cases.provisionalLabel} IS NOT NULL`)).all().length,
  };
}
