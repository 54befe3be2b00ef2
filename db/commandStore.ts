/**
 * The workstation's store for the command engine (core/commands): the queries a command reads
 * and the effects it returns, on SQLite, synchronously inside the command's transaction.
 * What is only this replica's business is added here: the search text of parties and the
 * full-text index of letters.
 */
import { and, asc, count, desc, eq, inArray, isNull, isNotNull } from 'drizzle-orm';
import type { Store } from '#db/store';
import { assignments, blobs, caseDocuments, caseItems, caseParties, opinionRequests, caseSuspensions, cases, correspondence, correspondenceScans, decisionReviews, decisionVersions, decisions, dispatchItems, documentTemplates, jrwaClasses, parties, substitutions, units, users } from '#db/schema/index';
import { readSetting, writeSetting } from '#db/settingsRepo';
import { nextNumber } from '#db/counters';
import { addPendingEvent, appendEvent } from '#db/eventLog';
import { insertCorrespondence, updateCorrespondence } from '#db/correspondenceRepo';
import { endSuspension, insertCase, reindexCase, updateCase, upsertCaseParty } from '#db/caseRepo';
import { foldText } from '#core/text/fold';
import type { Reads } from '#core/commands/reads';
import type { Effect, MetrykaEffect } from '#core/commands/effects';
import { metrykaRow, renderNumber } from '#core/commands/effects';
import type { Actor } from '#core/commands/engine';
import type { PartyRecord } from '#core/commands/records';

const SETTINGS_KEY = 'office-settings';

/** A party's type-ahead text: name, identifiers and place folded to ASCII lower case. */
export function partySearchText(p: Pick<PartyRecord, 'name' | 'pesel' | 'nip' | 'regon' | 'city' | 'street'>): string {
  return foldText([p.name, p.pesel, p.nip, p.regon, p.city, p.street].filter(Boolean).join(' '));
}

export function sqliteReads(store: Store): Reads {
  const db = store.db;
  return {
    office: () => ({
      units: db.select().from(units).orderBy(asc(units.symbol)).all(),
      users: db.select().from(users).orderBy(asc(users.fullName)).all(),
      substitutions: db.select().from(substitutions).where(isNull(substitutions.cancelledAt)).all(),
    }),
    settings: () => readSetting(store, SETTINGS_KEY),
    party: (id) => {
      const row = db.select().from(parties).where(eq(parties.id, id)).get();
      if (!row) return null;
      const { searchText: _s, ...p } = row;
      return p;
    },
    partiesWithIdentifier: (pesel, nip) => {
      const found = [
        ...(pesel ? db.select().from(parties).where(eq(parties.pesel, pesel)).all() : []),
        ...(nip ? db.select().from(parties).where(eq(parties.nip, nip)).all() : []),
      ];
      return found.map(({ searchText: _s, ...p }) => p);
    },
    letter: (id) => {
      const row = db.select().from(correspondence).where(eq(correspondence.id, id)).get();
      if (!row) return null;
      const { pk: _pk, ...r } = row;
      return r;
    },
    lettersWithFiles: (sha256s) =>
      sha256s.length === 0
        ? []
        : db
            .select({ id: correspondence.id, number: correspondence.number, provisionalLabel: correspondence.provisionalLabel, sha256: correspondenceScans.sha256 })
            .from(correspondenceScans)
            .innerJoin(correspondence, eq(correspondence.id, correspondenceScans.correspondenceId))
            .where(inArray(correspondenceScans.sha256, sha256s))
            .all(),
    lettersWithExternalId: (externalId) =>
      db
        .select({ id: correspondence.id, number: correspondence.number, provisionalLabel: correspondence.provisionalLabel })
        .from(correspondence)
        .where(and(eq(correspondence.externalId, externalId), eq(correspondence.status, 'registered')))
        .all(),
    referencedLettersOf: (senderId) =>
      db
        .select({ id: correspondence.id, number: correspondence.number, provisionalLabel: correspondence.provisionalLabel, senderReference: correspondence.senderReference })
        .from(correspondence)
        .where(and(eq(correspondence.senderId, senderId), isNotNull(correspondence.senderReference), eq(correspondence.status, 'registered')))
        .all()
        .map((l) => ({ ...l, senderReference: l.senderReference ?? '' })),
    storedBlobs: (sha256s) => (sha256s.length === 0 ? [] : db.select({ sha256: blobs.sha256 }).from(blobs).where(inArray(blobs.sha256, sha256s)).all().map((b) => b.sha256)),
    signedOver: (sha256) => db.select({ over: blobs.signedOver }).from(blobs).where(eq(blobs.sha256, sha256)).get()?.over ?? null,
    scansOf: (letterId) => db.select().from(correspondenceScans).where(eq(correspondenceScans.correspondenceId, letterId)).orderBy(asc(correspondenceScans.position)).all(),
    activeAssignments: (letterId) =>
      db
        .select()
        .from(assignments)
        .where(and(eq(assignments.correspondenceId, letterId), eq(assignments.state, 'active')))
        .orderBy(asc(assignments.at))
        .all(),
    caseOfLetter: (letterId) => db.select({ caseId: caseItems.caseId }).from(caseItems).where(eq(caseItems.correspondenceId, letterId)).get()?.caseId ?? null,
    substitution: (id) => db.select().from(substitutions).where(eq(substitutions.id, id)).get() ?? null,
    case: (id) => {
      const row = db.select().from(cases).where(eq(cases.id, id)).get();
      if (!row) return null;
      const { pk: _pk, ...c } = row;
      return c;
    },
    suspensionsOf: (caseId) => db.select().from(caseSuspensions).where(eq(caseSuspensions.caseId, caseId)).orderBy(asc(caseSuspensions.fromOn)).all(),
    partiesOfCase: (caseId) => db.select().from(caseParties).where(eq(caseParties.caseId, caseId)).orderBy(asc(caseParties.addedAt)).all(),
    openWorkOf: (userId) => ({
      cases: db.select({ n: count() }).from(cases).where(and(eq(cases.ownerId, userId), inArray(cases.status, ['opened', 'in_progress', 'suspended']))).get()?.n ?? 0,
      letters: db.select({ n: count() }).from(assignments).where(and(eq(assignments.assigneeUserId, userId), eq(assignments.state, 'active'))).get()?.n ?? 0,
    }),
    opinionRequestsOf: (caseId) => db.select().from(opinionRequests).where(eq(opinionRequests.caseId, caseId)).orderBy(asc(opinionRequests.askedAt)).all(),
    decision: (id) => {
      const row = db.select().from(decisions).where(eq(decisions.id, id)).get();
      if (!row) return null;
      const { pk: _pk, ...d } = row;
      return d;
    },
    decisionVersion: (decisionId, version) => db.select().from(decisionVersions).where(and(eq(decisionVersions.decisionId, decisionId), eq(decisionVersions.version, version))).get() ?? null,
    dispatchItem: (id) => {
      return db.select().from(dispatchItems).where(eq(dispatchItems.id, id)).get() ?? null;
    },
    dispatchItemsOf: (decisionId) => db.select().from(dispatchItems).where(eq(dispatchItems.decisionId, decisionId)).orderBy(asc(dispatchItems.seqInDecision)).all(),
    newestTemplate: (code) => db.select().from(documentTemplates).where(eq(documentTemplates.code, code)).orderBy(desc(documentTemplates.version)).limit(1).get() ?? null,
    jrwa: (symbol) => {
      const row = db.select().from(jrwaClasses).where(eq(jrwaClasses.symbol, symbol)).get();
      if (!row) return null;
      const { importedAt: _i, ...c } = row;
      return c;
    },
    jrwaCaseCount: (symbol) => db.select({ n: count() }).from(cases).where(eq(cases.jrwaSymbol, symbol)).get()?.n ?? 0,
  };
}

/** How this store applies a command: as the numbering authority or not, and its metryka stamp. */
export type ApplyOptions = {
  /** True without a central server: numbers are final at once. */
  numbering: 'final' | 'provisional';
  actor: Actor;
  at: string;
  /** The id of the command's n-th metryka entry (core/commands/metryka.ts metrykaId). */
  metrykaId: (index: number) => string;
  /**
   * Set while the server has not confirmed the command: its metryka entries wait outside the
   * hash chain under this mutation id (the chain holds the server's entries only).
   */
  awaitingServer?: number;
};

/** Applies a command's effects in order, inside the caller's transaction. */
export function applyEffects(store: Store, effects: readonly Effect[], o: ApplyOptions): { metrykaIds: string[] } {
  const db = store.db;
  const labels = new Map<string, string>();
  const metrykaIds: string[] = [];
  for (const e of effects) {
    switch (e.kind) {
      case 'insert':
        if (e.rows.length === 0) break;
        if (e.table === 'units') db.insert(units).values(e.rows).run();
        else if (e.table === 'users') db.insert(users).values(e.rows).run();
        else if (e.table === 'parties') for (const p of e.rows) db.insert(parties).values({ ...p, searchText: partySearchText(p) }).run();
        else if (e.table === 'correspondence') for (const r of e.rows) insertCorrespondence(store, r);
        else if (e.table === 'correspondenceScans') db.insert(correspondenceScans).values(e.rows).run();
        else if (e.table === 'assignments') db.insert(assignments).values(e.rows).run();
        else if (e.table === 'substitutions') db.insert(substitutions).values(e.rows).run();
        else if (e.table === 'cases') for (const c of e.rows) insertCase(store, c);
        else if (e.table === 'caseParties') {
          db.insert(caseParties).values(e.rows).run();
          // The case's search text holds its parties' names.
          for (const caseId of new Set(e.rows.map((r) => r.caseId))) reindexCase(store, caseId);
        } else if (e.table === 'caseItems') db.insert(caseItems).values(e.rows).run();
        else if (e.table === 'caseDocuments') db.insert(caseDocuments).values(e.rows).run();
        else if (e.table === 'opinionRequests') db.insert(opinionRequests).values(e.rows).run();
        else if (e.table === 'caseSuspensions') db.insert(caseSuspensions).values(e.rows).run();
        else if (e.table === 'decisions') db.insert(decisions).values(e.rows).run();
        else if (e.table === 'decisionVersions') db.insert(decisionVersions).values(e.rows).run();
        else if (e.table === 'decisionReviews') db.insert(decisionReviews).values(e.rows).run();
        else if (e.table === 'dispatchItems') db.insert(dispatchItems).values(e.rows).run();
        else db.insert(documentTemplates).values(e.rows).run();
        break;
      case 'update':
        if (e.ids.length === 0) break;
        if (e.table === 'units') db.update(units).set(e.set).where(inArray(units.id, e.ids)).run();
        else if (e.table === 'users') db.update(users).set(e.set).where(inArray(users.id, e.ids)).run();
        else if (e.table === 'correspondence') for (const id of e.ids) updateCorrespondence(store, id, e.set);
        else if (e.table === 'parties') {
          for (const id of e.ids) {
            const row = db.update(parties).set(e.set).where(eq(parties.id, id)).returning().get();
            db.update(parties).set({ searchText: partySearchText(row) }).where(eq(parties.id, id)).run();
          }
        } else if (e.table === 'assignments') db.update(assignments).set(e.set).where(inArray(assignments.id, e.ids)).run();
        else if (e.table === 'substitutions') db.update(substitutions).set(e.set).where(inArray(substitutions.id, e.ids)).run();
        else if (e.table === 'cases') for (const id of e.ids) updateCase(store, id, e.set);
        else if (e.table === 'decisions') db.update(decisions).set(e.set).where(inArray(decisions.id, e.ids)).run();
        else if (e.table === 'opinionRequests') db.update(opinionRequests).set(e.set).where(inArray(opinionRequests.id, e.ids)).run();
        else db.update(dispatchItems).set(e.set).where(inArray(dispatchItems.id, e.ids)).run();
        break;
      case 'number': {
        if (o.numbering === 'final') {
          const seq = nextNumber(store, e.scope);
          const number = renderNumber(e.format, seq);
          if (e.table === 'correspondence') updateCorrespondence(store, e.id, { seq, number });
          else if (e.table === 'cases') updateCase(store, e.id, { seq, sign: number });
          else db.update(decisions).set({ seq, number }).where(eq(decisions.id, e.id)).run();
          labels.set(e.id, number);
        } else if (e.table === 'decisions') {
          // Decision numbers are taken by the server on request, never provisionally.
          throw new Error(`decision ${e.id} numbered on a synced workstation`);
        } else {
          const table = e.table === 'correspondence' ? correspondence : cases;
          labels.set(e.id, db.select({ label: table.provisionalLabel }).from(table).where(eq(table.id, e.id)).get()?.label ?? '?');
        }
        break;
      }
      case 'endSuspension':
        endSuspension(store, e.caseId, e.toOn);
        break;
      case 'caseParty':
        upsertCaseParty(store, e.row);
        break;
      case 'jrwaClass': {
        const row = { ...e.row, importedAt: o.at };
        db.insert(jrwaClasses).values(row).onConflictDoUpdate({ target: jrwaClasses.symbol, set: row }).run();
        break;
      }
      case 'settings':
        writeSetting(store, SETTINGS_KEY, e.value);
        break;
      case 'metryka':
        metrykaIds.push(appendMetryka(store, e, o, metrykaIds.length, labels));
        break;
      case 'rehome':
        // The workstation's log is one chain for the replica; what it may show follows the
        // record's unit, so there is nothing to move here.
        break;
    }
  }
  return { metrykaIds };
}

function appendMetryka(store: Store, e: MetrykaEffect, o: ApplyOptions, index: number, labels: ReadonlyMap<string, string>): string {
  const row = metrykaRow(e, { id: o.metrykaId(index), at: o.at, actor: o.actor, labels });
  if (o.awaitingServer === undefined) appendEvent(store, row);
  else addPendingEvent(store, o.awaitingServer, row);
  return row.id;
}
