import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Store } from '#db/store';
import { documentTemplates, decisionReviews, decisionVersions, decisions, dispatchItems, substitutions, caseDocuments, caseItems, caseParties, opinionRequests, caseSuspensions, cases, correspondence, jrwaClasses, outbox, syncState, units, users } from '#db/schema/index';
import { foldText } from '#core/text/fold';
import { chainStagedEvents, stageServerEvents } from '#db/eventLog';
import { dropLetters } from '#db/replica';
import { indexLetterForSearch, updateCorrespondence } from '#db/correspondenceRepo';
import type { Statement } from 'better-sqlite3';
import { insertCase, reindexCase, updateCase } from '#db/caseRepo';
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

// A pull writes thousands of rows: its statements are prepared once per database, not built
// row by row through the query builder (bench/RESULTS.md: that was most of a first sync).
type PullStatements = Record<'party' | 'letter' | 'blob' | 'scan' | 'assignment', Statement>;
const pullStatements = new WeakMap<Store['sqlite'], PullStatements>();

function statementsOf(store: Store): PullStatements {
  let s = pullStatements.get(store.sqlite);
  if (s) return s;
  const db = store.sqlite;
  s = {
    party: db.prepare(`INSERT INTO parties (id, kind, name, first_name, last_name, pesel, nip, regon, street, postal_code, city, country, email, phone, electronic_address, search_text, created_at, created_by)
      VALUES (@id, @kind, @name, @firstName, @lastName, @pesel, @nip, @regon, @street, @postalCode, @city, @country, @email, @phone, @electronicAddress, @searchText, @createdAt, @createdBy)
      ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, first_name = excluded.first_name, last_name = excluded.last_name, pesel = excluded.pesel,
        nip = excluded.nip, regon = excluded.regon, street = excluded.street, postal_code = excluded.postal_code, city = excluded.city, country = excluded.country,
        email = excluded.email, phone = excluded.phone, electronic_address = excluded.electronic_address, search_text = excluded.search_text`),
    // The provisional label this workstation printed stays when the server sends none.
    letter: db.prepare(`INSERT INTO correspondence (id, direction, register, year, seq, number, provisional_label, status, received_at, channel, sender_id, sender_name, sender_reference,
        letter_date, subject, attachments_count, tracking_number, remarks, unit_id, status_code, registered_by, registered_at, updated_at, revision, cancel_reason, case_id,
        postage_grosze, mass_grams, dispatched_on, delivery, postmarked_on, postmark_operator, appeal_decision_id, appeal_kind, appeal_party_id, external_id, return_receipt)
      VALUES (@id, @direction, @register, @year, @seq, @number, @provisionalLabel, @status, @receivedAt, @channel, @senderId, @senderName, @senderReference,
        @letterDate, @subject, @attachmentsCount, @trackingNumber, @remarks, @unitId, @statusCode, @registeredBy, @registeredAt, @updatedAt, @revision, @cancelReason, @caseId,
        @postageGrosze, @massGrams, @dispatchedOn, @delivery, @postmarkedOn, @postmarkOperator, @appealDecisionId, @appealKind, @appealPartyId, @externalId, @returnReceipt)
      ON CONFLICT(id) DO UPDATE SET direction = excluded.direction, register = excluded.register, year = excluded.year, seq = excluded.seq, number = excluded.number,
        provisional_label = COALESCE(excluded.provisional_label, correspondence.provisional_label), status = excluded.status, received_at = excluded.received_at,
        channel = excluded.channel, sender_id = excluded.sender_id, sender_name = excluded.sender_name, sender_reference = excluded.sender_reference,
        letter_date = excluded.letter_date, subject = excluded.subject, attachments_count = excluded.attachments_count, tracking_number = excluded.tracking_number,
        remarks = excluded.remarks, unit_id = excluded.unit_id, status_code = excluded.status_code, registered_by = excluded.registered_by,
        registered_at = excluded.registered_at, updated_at = excluded.updated_at, revision = excluded.revision, cancel_reason = excluded.cancel_reason,
        case_id = excluded.case_id, postage_grosze = excluded.postage_grosze, mass_grams = excluded.mass_grams, dispatched_on = excluded.dispatched_on, delivery = excluded.delivery,
        postmarked_on = excluded.postmarked_on, postmark_operator = excluded.postmark_operator, appeal_decision_id = excluded.appeal_decision_id, appeal_kind = excluded.appeal_kind, appeal_party_id = excluded.appeal_party_id,
        external_id = excluded.external_id, return_receipt = excluded.return_receipt
      RETURNING pk, provisional_label AS provisionalLabel`),
    // The server read the file's type and pages from its bytes: its word replaces an older guess.
    blob: db.prepare('INSERT INTO blobs (sha256, size, mime, page_count, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(sha256) DO UPDATE SET mime = excluded.mime, page_count = excluded.page_count'),
    scan: db.prepare('INSERT INTO correspondence_scans (correspondence_id, sha256, file_name, position, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    assignment: db.prepare(`INSERT INTO assignments (id, correspondence_id, assigned_by, on_behalf_of, assignee_user_id, assignee_unit_id, instruction, deadline, note, at, state)
      VALUES (@id, @correspondenceId, @assignedBy, @onBehalfOf, @assigneeUserId, @assigneeUnitId, @instruction, @deadline, @note, @at, @state)
      ON CONFLICT(id) DO UPDATE SET state = excluded.state`),
  };
  pullStatements.set(db, s);
  return s;
}

function upsertParty(store: Store, p: WireParty) {
  statementsOf(store).party.run({ ...p, searchText: foldText([p.name, p.pesel, p.nip, p.regon, p.city, p.street].filter(Boolean).join(' ')) });
}

function upsertLetter(store: Store, l: WireLetter) {
  const { scans, assignments: assigned, ...row } = l;
  const st = statementsOf(store);
  // SQLite binds no booleans: the flag is stored as 0 or 1.
  const written = st.letter.get({ ...row, returnReceipt: row.returnReceipt ? 1 : 0 }) as { pk: number; provisionalLabel: string | null };
  indexLetterForSearch(store, { ...row, pk: written.pk, provisionalLabel: written.provisionalLabel });
  for (const s of scans) {
    st.blob.run(s.sha256, s.size, s.mime, s.pageCount, s.addedAt);
    st.scan.run(l.id, s.sha256, s.fileName, s.position, s.addedAt, s.addedBy);
  }
  for (const a of assigned) st.assignment.run({ ...a, correspondenceId: l.id });
}

function upsertCase(store: Store, c: WireCase) {
  const { parties: ps, items, suspensions, documents, opinionRequests: asked, ...row } = c;
  const existing = store.db.select({ id: cases.id, provisionalLabel: cases.provisionalLabel }).from(cases).where(eq(cases.id, c.id)).get();
  if (existing) updateCase(store, c.id, { ...row, provisionalLabel: row.provisionalLabel ?? existing.provisionalLabel });
  else insertCase(store, row);
  // A party's row carries its removal mark: the server's word replaces what is here.
  for (const p of ps) {
    const { partyId: _p, ...set } = p;
    store.db.insert(caseParties).values({ caseId: c.id, ...p }).onConflictDoUpdate({ target: [caseParties.caseId, caseParties.partyId], set }).run();
  }
  for (const { size, mime, pageCount, ...d } of documents) {
    statementsOf(store).blob.run(d.sha256, size, mime, pageCount, d.addedAt);
    store.db.insert(caseDocuments).values({ caseId: c.id, ...d }).onConflictDoNothing().run();
  }
  for (const r of asked) store.db.insert(opinionRequests).values({ caseId: c.id, ...r }).onConflictDoUpdate({ target: opinionRequests.id, set: { answeredAt: r.answeredAt } }).run();
  for (const i of items) store.db.insert(caseItems).values({ caseId: c.id, ...i }).onConflictDoNothing().run();
  // Suspensions have no identity of their own: the server's list replaces the local one.
  store.db.delete(caseSuspensions).where(eq(caseSuspensions.caseId, c.id)).run();
  for (const s of suspensions) store.db.insert(caseSuspensions).values({ caseId: c.id, ...s }).run();
  reindexCase(store, c.id);
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
  for (const { id, ...u } of r.units) {
    store.db.insert(units).values({ id, ...u }).onConflictDoUpdate({ target: units.id, set: u }).run();
  }
  for (const { id, ...u } of r.users) {
    store.db.insert(users).values({ id, ...u }).onConflictDoUpdate({ target: users.id, set: u }).run();
  }
  for (const j of r.jrwa) {
    const row = { ...j, importedAt: new Date().toISOString() };
    store.db.insert(jrwaClasses).values(row).onConflictDoUpdate({ target: jrwaClasses.symbol, set: row }).run();
  }
  if (r.settings) settingsWriter(r.settings);
  for (const p of r.parties) upsertParty(store, p);
  for (const l of r.letters) upsertLetter(store, l);
  for (const c of r.cases) upsertCase(store, c);
  for (const d of r.decisions) {
    const { versions, reviews, ...row } = d;
    store.db.insert(decisions).values(row).onConflictDoUpdate({ target: decisions.id, set: row }).run();
    for (const v of versions) store.db.insert(decisionVersions).values({ decisionId: d.id, ...v }).onConflictDoNothing().run();
    // A reviewer reviews a version once: a review this workstation wrote is the server's too.
    for (const rv of reviews) {
      const held = store.db
        .select({ at: decisionReviews.at })
        .from(decisionReviews)
        .where(and(eq(decisionReviews.decisionId, d.id), eq(decisionReviews.version, rv.version), eq(decisionReviews.reviewerId, rv.reviewerId)))
        .get();
      if (!held) store.db.insert(decisionReviews).values({ decisionId: d.id, ...rv }).run();
    }
  }
  for (const x of r.dispatchItems) {
    store.db.insert(dispatchItems).values(x).onConflictDoUpdate({ target: dispatchItems.id, set: x }).run();
  }
  for (const t of r.templates) store.db.insert(documentTemplates).values(t).onConflictDoNothing().run();
  for (const s of r.substitutions) {
    store.db.insert(substitutions).values(s).onConflictDoUpdate({ target: substitutions.id, set: s }).run();
  }
  stageServerEvents(store, r.events);
  if (!r.hasMore) chainStagedEvents(store);
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
