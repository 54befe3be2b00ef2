/**
 * The server's store for the command engine (core/commands): the queries a command reads and
 * the effects it returns, on PostgreSQL/PGlite inside the push's write transaction for that
 * command. It holds no rule: what to refuse and what to write is the command's decision.
 *
 * Only this store's own business is added: the server version on every record a write touches
 * (a scan or an assignment touches its letter), the metryka's unit for pulls, and the audit row
 * for every metryka entry. Numbers are final here (server/db/counters.ts), taken in this
 * transaction; a letter is inserted with its number, which PostgreSQL requires of it.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { AsyncReads } from '#core/commands/reads';
import type { Effect, NumberEffect } from '#core/commands/effects';
import { metrykaRow, renderNumber } from '#core/commands/effects';
import type { Actor } from '#core/commands/engine';
import type { LetterRecord } from '#core/commands/records';
import { noteChange, type WriteTx } from '#server/db/tx';
import { nextNumber } from '#server/db/counters';
import { writeOfficeSettings } from '#server/office/settings';
import { appendAudit } from '#server/db/audit';
import { revokeSessionsOf } from '#server/auth/sessions';
import { units } from '#server/db/schema/units';
import { users } from '#server/db/schema/users';
import { settings } from '#server/db/schema/settings';
import { assignments, blobs, caseDocuments, caseItems, caseParties, opinionRequests, caseSuspensions, cases, correspondence, correspondenceScans, decisionReviews, decisionVersions, decisions, dispatchItems, documentTemplates, parties, recordEvents, recordMoves, substitutions } from '#server/db/schema/records';
import { jrwaClasses } from '#server/db/schema/jrwa';

const SETTINGS_KEY = 'office-settings';

/** A record as commands read it: the server's row without the version only sync needs. */
function unversioned<T extends { version: number }>(row: T | undefined): Omit<T, 'version'> | null {
  if (!row) return null;
  const { version: _v, ...rest } = row;
  return rest;
}

/**
 * What a command reads, on the server. A record a command decides on (a party, letter, case,
 * decision, dispatch item, zastępstwo) is read FOR UPDATE: writers no longer take turns on one
 * row (server/db/tx.ts), so two commands on the same record — two heads assigning one letter at
 * once — wait for each other there, and the second decides on what the first committed.
 */
export function pgReads(w: WriteTx): AsyncReads {
  const tx = w.tx;
  const letterLabel = { id: correspondence.id, number: correspondence.number, provisionalLabel: correspondence.provisionalLabel };
  const shared = <T>(key: 'office' | 'settings', read: () => Promise<T>) => (w.reads ? w.reads.once(key, read) : read());
  return {
    office: () =>
      shared('office', async () => ({
        units: await tx.select().from(units).orderBy(asc(units.symbol)),
        users: await tx.select({ id: users.id, login: users.login, fullName: users.fullName, position: users.position, role: users.role, unitId: users.unitId, active: users.active }).from(users).orderBy(asc(users.fullName)),
        substitutions: (await tx.select().from(substitutions).where(isNull(substitutions.cancelledAt))).map(({ version: _v, ...s }) => s),
      })),
    settings: () => shared('settings', async () => (await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, SETTINGS_KEY)))[0]?.value),
    party: async (id) => unversioned((await tx.select().from(parties).where(eq(parties.id, id)).for('update'))[0]),
    partiesWithIdentifier: async (pesel, nip) => {
      const found = [...(pesel ? await tx.select().from(parties).where(eq(parties.pesel, pesel)) : []), ...(nip ? await tx.select().from(parties).where(eq(parties.nip, nip)) : [])];
      return found.map(({ version: _v, ...p }) => p);
    },
    letter: async (id) => {
      const [row] = await tx.select().from(correspondence).where(eq(correspondence.id, id)).for('update');
      if (!row) return null;
      const { version: _v, ...r } = row;
      // The column holds only the channels the contract allows (written through commands).
      return { ...r, channel: r.channel as LetterRecord['channel'] };
    },
    lettersWithFiles: async (sha256s) =>
      sha256s.length === 0
        ? []
        : tx
            .select({ ...letterLabel, sha256: correspondenceScans.sha256 })
            .from(correspondenceScans)
            .innerJoin(correspondence, eq(correspondence.id, correspondenceScans.correspondenceId))
            .where(inArray(correspondenceScans.sha256, sha256s)),
    lettersWithExternalId: async (externalId) => tx.select(letterLabel).from(correspondence).where(and(eq(correspondence.externalId, externalId), eq(correspondence.status, 'registered'))),
    referencedLettersOf: async (senderId) =>
      (
        await tx
          .select({ ...letterLabel, senderReference: correspondence.senderReference })
          .from(correspondence)
          .where(and(eq(correspondence.senderId, senderId), isNotNull(correspondence.senderReference), eq(correspondence.status, 'registered')))
      ).map((l) => ({ ...l, senderReference: l.senderReference ?? '' })),
    // Only whole files are blobs: an upload in progress is its sender's own (blobUploads).
    storedBlobs: async (sha256s) => (sha256s.length === 0 ? [] : (await tx.select({ sha256: blobs.sha256 }).from(blobs).where(inArray(blobs.sha256, sha256s))).map((b) => b.sha256)),
    signedOver: async (sha256) => (await tx.select({ over: blobs.signedOver }).from(blobs).where(eq(blobs.sha256, sha256)))[0]?.over ?? null,
    scansOf: async (letterId) => tx.select().from(correspondenceScans).where(eq(correspondenceScans.correspondenceId, letterId)).orderBy(asc(correspondenceScans.position)),
    activeAssignments: async (letterId) =>
      tx
        .select()
        .from(assignments)
        .where(and(eq(assignments.correspondenceId, letterId), eq(assignments.state, 'active')))
        .orderBy(asc(assignments.at)),
    caseOfLetter: async (letterId) => (await tx.select({ caseId: caseItems.caseId }).from(caseItems).where(eq(caseItems.correspondenceId, letterId)))[0]?.caseId ?? null,
    substitution: async (id) => unversioned((await tx.select().from(substitutions).where(eq(substitutions.id, id)).for('update'))[0]),
    case: async (id) => unversioned((await tx.select().from(cases).where(eq(cases.id, id)).for('update'))[0]),
    suspensionsOf: async (caseId) => tx.select().from(caseSuspensions).where(eq(caseSuspensions.caseId, caseId)).orderBy(asc(caseSuspensions.fromOn)),
    partiesOfCase: async (caseId) => tx.select().from(caseParties).where(eq(caseParties.caseId, caseId)).orderBy(asc(caseParties.addedAt)),
    openWorkOf: async (userId) => ({
      cases: (await tx.select({ n: count() }).from(cases).where(and(eq(cases.ownerId, userId), inArray(cases.status, ['opened', 'in_progress', 'suspended']))))[0]?.n ?? 0,
      letters: (await tx.select({ n: count() }).from(assignments).where(and(eq(assignments.assigneeUserId, userId), eq(assignments.state, 'active'))))[0]?.n ?? 0,
    }),
    opinionRequestsOf: async (caseId) => tx.select().from(opinionRequests).where(eq(opinionRequests.caseId, caseId)).orderBy(asc(opinionRequests.askedAt)),
    decision: async (id) => unversioned((await tx.select().from(decisions).where(eq(decisions.id, id)).for('update'))[0]),
    decisionVersion: async (decisionId, version) => (await tx.select().from(decisionVersions).where(and(eq(decisionVersions.decisionId, decisionId), eq(decisionVersions.version, version))))[0] ?? null,
    dispatchItem: async (id) => unversioned((await tx.select().from(dispatchItems).where(eq(dispatchItems.id, id)).for('update'))[0]),
    dispatchItemsOf: async (decisionId) => (await tx.select().from(dispatchItems).where(eq(dispatchItems.decisionId, decisionId)).orderBy(asc(dispatchItems.seqInDecision))).map(({ version: _v, ...r }) => r),
    newestTemplate: async (code) => {
      const [row] = await tx.select().from(documentTemplates).where(eq(documentTemplates.code, code)).orderBy(desc(documentTemplates.version)).limit(1);
      if (!row) return null;
      const { serverVersion: _v, ...t } = row;
      return t;
    },
    jrwa: async (symbol) => {
      const [row] = await tx.select().from(jrwaClasses).where(eq(jrwaClasses.symbol, symbol));
      if (!row) return null;
      const { importedAt: _i, version: _v, ...c } = row;
      return c;
    },
    jrwaCaseCount: async (symbol) => (await tx.select({ n: count() }).from(cases).where(eq(cases.jrwaSymbol, symbol)))[0]?.n ?? 0,
  };
}

/** A final number this server gave to a record a workstation created (the push answer). */
export type Assigned = { entity: 'correspondence' | 'case'; id: string; number: string; provisionalLabel: string };

export type PgApplyOptions = { actor: Actor; login: string; at: string; metrykaId: (index: number) => string };

/** Applies a command's effects in order inside the push's write transaction; the numbers given. */
export async function applyEffectsPg(w: WriteTx, effects: readonly Effect[], o: PgApplyOptions): Promise<Assigned[]> {
  const { tx, version } = w;
  const numbering = new Map<string, NumberEffect>(effects.flatMap((e) => (e.kind === 'number' ? [[e.id, e] as const] : [])));
  const labels = new Map<string, string>();
  const assigned: Assigned[] = [];
  let metryka = 0;
  const touchLetters = async (ids: readonly string[]) => {
    if (ids.length > 0) await tx.update(correspondence).set({ version }).where(inArray(correspondence.id, [...new Set(ids)]));
  };
  const touchCases = async (ids: readonly string[]) => {
    if (ids.length > 0) await tx.update(cases).set({ version }).where(inArray(cases.id, [...new Set(ids)]));
  };
  /** The number of a record being inserted: taken now, as PostgreSQL requires it of the row. */
  const numberFor = async (id: string, given: { seq: number | null; text: string | null; provisionalLabel: string | null }, entity: Assigned['entity']) => {
    const n = numbering.get(id);
    const seq = n ? await nextNumber(w, n.scope) : given.seq;
    const text = n && seq !== null ? renderNumber(n.format, seq) : given.text;
    if (seq === null || text === null) throw new Error(`${entity} ${id} has no number`);
    if (n) {
      labels.set(id, text);
      assigned.push({ entity, id, number: text, provisionalLabel: given.provisionalLabel ?? text });
    }
    return { seq, text };
  };
  for (const e of effects) {
    // The push's shared reads of what this effect changes are read again by the next command.
    if ((e.kind === 'insert' || e.kind === 'update') && (e.table === 'units' || e.table === 'users' || e.table === 'substitutions')) {
      w.reads?.drop('office', 'actor');
      noteChange(w, { what: 'directory' });
    }
    if (e.kind === 'settings') {
      w.reads?.drop('settings');
      noteChange(w, { what: 'directory' });
    }
    switch (e.kind) {
      case 'insert':
        if (e.rows.length === 0) break;
        if (e.table === 'units') await tx.insert(units).values(e.rows);
        // A person added on a workstation has no password yet: the IT officer sets it here.
        else if (e.table === 'users') await tx.insert(users).values(e.rows);
        else if (e.table === 'parties') await tx.insert(parties).values(e.rows.map((r) => ({ ...r, version })));
        else if (e.table === 'correspondence') {
          for (const r of e.rows) {
            const { seq, text } = await numberFor(r.id, { seq: r.seq, text: r.number, provisionalLabel: r.provisionalLabel }, 'correspondence');
            await tx.insert(correspondence).values({ ...r, seq, number: text, version });
          }
        } else if (e.table === 'cases') {
          for (const r of e.rows) {
            const { seq, text } = await numberFor(r.id, { seq: r.seq, text: r.sign, provisionalLabel: r.provisionalLabel }, 'case');
            await tx.insert(cases).values({ ...r, seq, sign: text, version });
          }
        } else if (e.table === 'caseParties') {
          await tx.insert(caseParties).values(e.rows);
          await touchCases(e.rows.map((r) => r.caseId));
        } else if (e.table === 'caseItems') {
          await tx.insert(caseItems).values(e.rows);
          await touchCases(e.rows.map((r) => r.caseId));
          await touchLetters(e.rows.map((r) => r.correspondenceId));
        } else if (e.table === 'caseDocuments' || e.table === 'opinionRequests') {
          // Both travel with their case: the case is changed.
          if (e.table === 'caseDocuments') await tx.insert(caseDocuments).values(e.rows);
          else await tx.insert(opinionRequests).values(e.rows);
          await touchCases(e.rows.map((r) => r.caseId));
        } else if (e.table === 'caseSuspensions') {
          await tx.insert(caseSuspensions).values(e.rows);
          await touchCases(e.rows.map((r) => r.caseId));
        } else if (e.table === 'decisions') await tx.insert(decisions).values(e.rows.map((r) => ({ ...r, version })));
        else if (e.table === 'decisionVersions' || e.table === 'decisionReviews') {
          if (e.table === 'decisionVersions') await tx.insert(decisionVersions).values(e.rows);
          else await tx.insert(decisionReviews).values(e.rows);
          // A decision travels whole: its new version or review makes it changed.
          await tx.update(decisions).set({ version }).where(inArray(decisions.id, [...new Set(e.rows.map((r) => r.decisionId))]));
        } else if (e.table === 'dispatchItems') await tx.insert(dispatchItems).values(e.rows.map((r) => ({ ...r, version })));
        else if (e.table === 'documentTemplates') await tx.insert(documentTemplates).values(e.rows.map((r) => ({ ...r, serverVersion: version })));
        else if (e.table === 'correspondenceScans') {
          await tx.insert(correspondenceScans).values(e.rows);
          await touchLetters(e.rows.map((r) => r.correspondenceId));
        } else if (e.table === 'assignments') {
          await tx.insert(assignments).values(e.rows);
          await touchLetters(e.rows.map((r) => r.correspondenceId));
        } else await tx.insert(substitutions).values(e.rows.map((r) => ({ ...r, version })));
        break;
      case 'update':
        if (e.ids.length === 0) break;
        if (e.table === 'units') await tx.update(units).set(e.set).where(inArray(units.id, e.ids));
        else if (e.table === 'users') {
          await tx.update(users).set(e.set).where(inArray(users.id, e.ids));
          // Who they are changed (role, unit, or they left): their sessions end, and the next
          // sign-in gives them what they may now see.
          if (e.set.role !== undefined || e.set.unitId !== undefined || e.set.active !== undefined) for (const userId of e.ids) await revokeSessionsOf(tx, userId);
        } else if (e.table === 'correspondence') {
          // Here every letter is numbered: a number is never taken back by an update.
          const { seq, number, ...set } = e.set;
          await tx
            .update(correspondence)
            .set({ ...set, ...(seq != null ? { seq } : {}), ...(number != null ? { number } : {}), version })
            .where(inArray(correspondence.id, e.ids));
        }
        else if (e.table === 'parties') await tx.update(parties).set({ ...e.set, version }).where(inArray(parties.id, e.ids));
        else if (e.table === 'substitutions') await tx.update(substitutions).set({ ...e.set, version }).where(inArray(substitutions.id, e.ids));
        else if (e.table === 'cases') {
          const { seq, sign, ...set } = e.set;
          await tx
            .update(cases)
            .set({ ...set, ...(seq != null ? { seq } : {}), ...(sign != null ? { sign } : {}), version })
            .where(inArray(cases.id, e.ids));
        } else if (e.table === 'decisions') await tx.update(decisions).set({ ...e.set, version }).where(inArray(decisions.id, e.ids));
        else if (e.table === 'dispatchItems') await tx.update(dispatchItems).set({ ...e.set, version }).where(inArray(dispatchItems.id, e.ids));
        else if (e.table === 'opinionRequests') {
          const changed = await tx.update(opinionRequests).set(e.set).where(inArray(opinionRequests.id, e.ids)).returning({ caseId: opinionRequests.caseId });
          await touchCases(changed.map((c) => c.caseId));
        }
        else {
          const changed = await tx.update(assignments).set(e.set).where(inArray(assignments.id, e.ids)).returning({ letterId: assignments.correspondenceId });
          await touchLetters(changed.map((c) => c.letterId));
        }
        break;
      case 'number':
        if (e.table === 'decisions') {
          // A decision exists before its number (taken when it is about to be signed).
          const seq = await nextNumber(w, e.scope);
          const number = renderNumber(e.format, seq);
          await tx.update(decisions).set({ seq, number, version }).where(eq(decisions.id, e.id));
          labels.set(e.id, number);
        } else if (!labels.has(e.id)) throw new Error(`number for ${e.id} without its record`);
        break;
      case 'settings':
        await writeOfficeSettings(w, e.value);
        break;
      case 'endSuspension':
        await tx
          .update(caseSuspensions)
          .set({ toOn: e.toOn })
          .where(and(eq(caseSuspensions.caseId, e.caseId), isNull(caseSuspensions.toOn)));
        await touchCases([e.caseId]);
        break;
      case 'jrwaClass': {
        // The version makes the class travel with the next pull of every workstation.
        const row = { ...e.row, importedAt: new Date(o.at), version };
        await tx.insert(jrwaClasses).values(row).onConflictDoUpdate({ target: jrwaClasses.symbol, set: row });
        break;
      }
      case 'caseParty': {
        const { caseId: _c, partyId: _p, ...set } = e.row;
        await tx.insert(caseParties).values(e.row).onConflictDoUpdate({ target: [caseParties.caseId, caseParties.partyId], set });
        await touchCases([e.row.caseId]);
        break;
      }
      case 'metryka': {
        const row = metrykaRow(e, { id: o.metrykaId(metryka++), at: o.at, actor: o.actor, labels });
        await tx.insert(recordEvents).values({ ...row, unitId: e.unitId, version });
        // The tamper evidence of the metryka is the audit log's hash chain, in this transaction.
        await appendAudit(w, { actor: o.login, action: row.action, entityType: row.entityType, entityId: row.entityId, summary: row.summary, data: { eventId: row.id } });
        break;
      }
      case 'rehome':
        // The receiving unit's people pull the record's whole history, not only what comes next.
        await tx.update(recordEvents).set({ unitId: e.unitId, version }).where(and(eq(recordEvents.entityType, e.entityType), eq(recordEvents.entityId, e.entityId)));
        // The people of the unit it left drop it from their replicas at their next pull.
        if (e.fromUnitId !== e.unitId) await tx.insert(recordMoves).values({ entityType: e.entityType, entityId: e.entityId, fromUnitId: e.fromUnitId, toUnitId: e.unitId, version });
        break;
    }
  }
  return assigned;
}
