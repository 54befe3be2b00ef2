import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Store } from '#db/store';
import { assignments, documentTemplates, decisionReviews, decisionVersions, decisions, dispatchItems, substitutions, blobs, caseItems, caseParties, caseSuspensions, cases, correspondence, correspondenceScans, events, jrwaClasses, outbox, parties, syncState, units, users } from '#db/schema/index';
import { foldText } from '#core/text/fold';
import { appendEvent } from '#db/eventLog';
import { insertCorrespondence, updateCorrespondence } from '#db/correspondenceRepo';
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

/** Waiting and refused commands: all of them, or one user's. */
export function countOutbox(store: Store, userId: string | null = null): { pending: number; rejected: number } {
  const rows = store.sqlite
    .prepare(`SELECT status, count(*) AS n FROM outbox WHERE status IN ('pending', 'rejected')${userId ? ' AND user_id = ?' : ''} GROUP BY status`)
    .all(...(userId ? [userId] : [])) as { status: string; n: number }[];
  return { pending: rows.find((r) => r.status === 'pending')?.n ?? 0, rejected: rows.find((r) => r.status === 'rejected')?.n ?? 0 };
}

/** Commands still waiting or refused ("do wyjaśnienia"), newest first, for the sync panel. */
export function unsettledCommands(store: Store, limit: number): OutboxRow[] {
  return store.db.select().from(outbox).where(inArray(outbox.status, ['pending', 'rejected'])).orderBy(sql`${outbox.mutationId} DESC`).limit(limit).all();
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

function upsertParty(store: Store, p: WireParty) {
  const row = { ...p, searchText: foldText([p.name, p.pesel, p.nip, p.regon, p.city, p.street].filter(Boolean).join(' ')) };
  store.db.insert(parties).values(row).onConflictDoUpdate({ target: parties.id, set: row }).run();
}

function upsertLetter(store: Store, l: WireLetter) {
  const { scans, assignments: assigned, ...row } = l;
  const channel = row.channel as typeof correspondence.$inferInsert.channel;
  const existing = store.db.select({ id: correspondence.id, provisionalLabel: correspondence.provisionalLabel }).from(correspondence).where(eq(correspondence.id, l.id)).get();
  if (existing) updateCorrespondence(store, l.id, { ...row, channel, provisionalLabel: row.provisionalLabel ?? existing.provisionalLabel });
  else insertCorrespondence(store, { ...row, channel });
  for (const s of scans) {
    store.db
      .insert(blobs)
      .values({ sha256: s.sha256, size: s.size, mime: s.mime, pageCount: s.pageCount, createdAt: s.addedAt })
      .onConflictDoNothing()
      .run();
    store.db
      .insert(correspondenceScans)
      .values({ correspondenceId: l.id, sha256: s.sha256, fileName: s.fileName, position: s.position, addedAt: s.addedAt, addedBy: s.addedBy })
      .onConflictDoNothing()
      .run();
  }
  for (const a of assigned) {
    const values = { ...a, correspondenceId: l.id };
    store.db.insert(assignments).values(values).onConflictDoUpdate({ target: assignments.id, set: { state: a.state } }).run();
  }
}

function upsertCase(store: Store, c: WireCase) {
  const { parties: ps, items, suspensions, ...row } = c;
  const existing = store.db.select({ id: cases.id, provisionalLabel: cases.provisionalLabel }).from(cases).where(eq(cases.id, c.id)).get();
  if (existing) updateCase(store, c.id, { ...row, provisionalLabel: row.provisionalLabel ?? existing.provisionalLabel });
  else insertCase(store, row);
  for (const p of ps) store.db.insert(caseParties).values({ caseId: c.id, ...p }).onConflictDoNothing().run();
  for (const i of items) store.db.insert(caseItems).values({ caseId: c.id, ...i }).onConflictDoNothing().run();
  // Suspensions have no identity of their own: the server's list replaces the local one.
  store.db.delete(caseSuspensions).where(eq(caseSuspensions.caseId, c.id)).run();
  for (const s of suspensions) store.db.insert(caseSuspensions).values({ caseId: c.id, ...s }).run();
  reindexCase(store, c.id);
}

/**
 * Applies one pull in the caller's transaction: the directory, the office's reference data,
 * parties, letters, cases and the metryka entries this workstation does not have yet (its own
 * are already in its log under the same ids).
 */
export function applyPull(store: Store, r: PullResponse, settingsWriter: (value: unknown) => void) {
  for (const u of r.units) {
    store.db.insert(units).values(u).onConflictDoUpdate({ target: units.id, set: u }).run();
  }
  for (const u of r.users) {
    store.db.insert(users).values(u).onConflictDoUpdate({ target: users.id, set: u }).run();
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
  for (const e of r.events) {
    if (store.db.select({ id: events.id }).from(events).where(eq(events.id, e.id)).get()) continue;
    appendEvent(store, e);
  }
}

/** Letters and cases this workstation made that the server has not numbered yet (and may never). */
export function unnumbered(store: Store) {
  return {
    letters: store.db.select({ id: correspondence.id }).from(correspondence).where(and(sql`${correspondence.number} IS NULL`, sql`${correspondence.provisionalLabel} IS NOT NULL`)).all().length,
    cases: store.db.select({ id: cases.id }).from(cases).where(and(sql`${cases.sign} IS NULL`, sql`${cases.provisionalLabel} IS NOT NULL`)).all().length,
  };
}
