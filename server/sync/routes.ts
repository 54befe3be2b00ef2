/**
 * Push, pull and blobs (DESIGN.md "Sync"; docs/sync.md).
 *
 * Push: one write transaction per command, in the order sent. Inside it the client's row is
 * locked and its last mutation id (LMID) read: a lower id is a duplicate (no effect), a gap is
 * refused, otherwise the command is applied inside a savepoint. A rule's refusal rolls the
 * savepoint back, records the command in the quarantine with the reason and still advances the
 * LMID — nothing is lost and nothing blocks the queue. The LMID and the effects commit
 * together, so an answer lost after the commit only makes the resend a duplicate.
 *
 * Pull: one REPEATABLE READ snapshot. The cursor is the server version (bumped first in every
 * write transaction, so it follows commit order: a writer that started earlier but commits
 * later gets the later version). Records of the user's units changed after the cursor, in
 * windows of about `limit` rows; a cursor from the future (another database) gets
 * "resync required".
 */
import { and, asc, eq, exists, gt, gte, inArray, isNull, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { warsawDate } from '#core/time';
import { inspectScan } from '#core/scans/inspect';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { fail, isDomainError } from '#core/errors';
import { defineRoute, type RouteDefinition } from '#server/api/route';
import { writeTx, snapshotTx } from '#server/db/tx';
import type { ServerDb, ServerTx } from '#server/db/open';
import { appendAudit } from '#server/db/audit';
import { clients } from '#server/db/schema/clients';
import { units } from '#server/db/schema/units';
import { users } from '#server/db/schema/users';
import { settings } from '#server/db/schema/settings';
import { jrwaClasses } from '#server/db/schema/jrwa';
import { serverIdentity, serverVersion } from '#server/db/schema/serverVersion';
import { assignments, blobChunks, blobs, caseDocuments, caseItems, caseParties, opinionRequests, caseSuspensions, cases, correspondence, correspondenceScans, decisionReviews, decisionVersions, decisions, dispatchItems, documentTemplates, parties, quarantine, recordEvents, recordMoves, substitutions } from '#server/db/schema/records';
import { loadUnitScope, type UnitScope } from '#server/auth/scope';
import { applyMutation, runOnServer } from '#server/sync/runCommand';
import { requestedCommands } from '#core/commands/registry';
import { pgReads, type Assigned } from '#server/sync/commandStore';
import { blobStateSchema, decisionNumberSchema, pullRequestSchema, pullResponseSchema, pushRequestSchema, pushResponseSchema, type Mutation, type MutationResult, type PullResponse, type WireParty } from '#sync/protocol/commands';
import type { SignedInUser } from '#server/auth/sessions';

const shaParams = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Skrót SHA-256 to 64 znaki szesnastkowe.') });
/** The largest scan the office accepts unless its settings say otherwise (MB). */
const DEFAULT_MAX_MB = 100;

type Outcome = { result: MutationResult; stop: boolean };

/** PostgreSQL's unique violation: a record the workstation made clashes with one already here. */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (e as { cause?: { code?: unknown } } | null)?.cause?.code;
  return code === '23505';
}

async function pushOne(db: ServerDb, user: SignedInUser, clientId: string, m: Mutation): Promise<Outcome> {
  return writeTx(db, async (w) => {
    await w.tx.insert(clients).values({ clientId, userId: user.id }).onConflictDoNothing();
    const [client] = await w.tx.select().from(clients).where(eq(clients.clientId, clientId)).for('update');
    // A client is one person on one workstation: nobody pushes under another person's queue.
    if (client && client.userId !== user.id) throw fail('SYNC_CLIENT_OTHER_USER');
    const last = client?.lastMutationId ?? 0;
    if (m.id <= last) return { result: { id: m.id, status: 'duplicate', error: null, assigned: [] }, stop: false };
    if (m.id !== last + 1) throw fail('SYNC_MUTATION_GAP', { expected: last + 1, got: m.id });
    if (m.skip) {
      await appendAudit(w, { actor: user.login, action: 'sync.skipped', entityType: 'client', entityId: clientId, summary: `Pominięto czynność ${m.name} nr ${String(m.id)} (odrzuconą na stanowisku przed odtworzeniem serwera z kopii)`, data: { mutationId: m.id } });
      await w.tx.update(clients).set({ lastMutationId: m.id }).where(eq(clients.clientId, clientId));
      return { result: { id: m.id, status: 'duplicate', error: null, assigned: [] }, stop: false };
    }
    const now = new Date();
    let outcome: Outcome;
    try {
      // A savepoint: a refusal takes back what the command did, not the LMID bump below.
      const assigned: Assigned[] = await w.tx.transaction(async (sp) => applyMutation({ tx: sp, version: w.version }, user, m, now, clientId));
      outcome = { result: { id: m.id, status: 'applied', error: null, assigned }, stop: false };
      await appendAudit(w, { actor: user.login, action: 'sync.applied', entityType: 'client', entityId: clientId, summary: `Przyjęto czynność ${m.name} nr ${String(m.id)}`, data: { mutationId: m.id, assigned } });
    } catch (e) {
      const refusal = isDomainError(e) ? { code: e.code, message: e.message } : isUniqueViolation(e) ? { code: 'SYNC_CONFLICT', message: fail('SYNC_CONFLICT').message } : null;
      if (!refusal) throw e;
      await w.tx.insert(quarantine).values({ clientId, mutationId: m.id, userId: user.id, name: m.name, args: JSON.stringify(m.args), code: refusal.code, message: refusal.message, at: now.toISOString() });
      await appendAudit(w, { actor: user.login, action: 'sync.rejected', entityType: 'client', entityId: clientId, summary: `Odrzucono czynność ${m.name} nr ${String(m.id)}: ${refusal.message}`, data: { mutationId: m.id, code: refusal.code } });
      outcome = { result: { id: m.id, status: 'rejected', error: refusal, assigned: [] }, stop: false };
    }
    await w.tx.update(clients).set({ lastMutationId: m.id }).where(eq(clients.clientId, clientId));
    return outcome;
  });
}

function scoped(scope: UnitScope, column: AnyPgColumn): SQL | undefined {
  return scope.all ? undefined : inArray(column, [...scope.unitIds]);
}

/** The highest version that keeps a pull window near `limit` rows (at least one version further). */
async function windowEnd(tx: ServerTx, cursor: number, current: number, limit: number): Promise<number> {
  const result = await tx.execute(sql`
    SELECT version FROM (
      SELECT version FROM correspondence WHERE version > ${cursor}
      UNION ALL SELECT version FROM cases WHERE version > ${cursor}
      UNION ALL SELECT version FROM parties WHERE version > ${cursor}
      UNION ALL SELECT version FROM record_events WHERE version > ${cursor}
      UNION ALL SELECT version FROM decisions WHERE version > ${cursor}
      UNION ALL SELECT version FROM dispatch_items WHERE version > ${cursor}
    ) changed ORDER BY version LIMIT 1 OFFSET ${limit}`);
  const rows = (result as { rows: { version: string | number }[] }).rows;
  const at = rows[0] ? Number(rows[0].version) : null;
  if (at === null) return current;
  return Math.max(cursor + 1, at - 1);
}

/**
 * The user's units, and today (server clock) those of the people they substitute: a substitute
 * sees the absent person's trays, on the server as on the workstation.
 */
async function scopeOf(db: ServerDb, user: SignedInUser): Promise<UnitScope> {
  const today = warsawDate(new Date());
  const rows = await db
    .select({ unitId: users.unitId })
    .from(substitutions)
    .innerJoin(users, eq(users.id, substitutions.forUserId))
    .where(and(eq(substitutions.substituteId, user.id), isNull(substitutions.cancelledAt), lte(substitutions.fromOn, today), gte(substitutions.toOn, today)));
  return loadUnitScope(db, user, rows.map((r) => r.unitId));
}

/**
 * The parties a person's replica holds (PESEL and address are no one else's business): those
 * of the letters, cases and dispatch in their units, and those they added themselves. A pull
 * carries the ones changed in its window and every one the window's records name, however old.
 */
async function partiesInScope(tx: ServerTx, scope: UnitScope, user: SignedInUser, changed: SQL | undefined, named: string[]): Promise<WireParty[]> {
  const units = scope.all ? [] : [...scope.unitIds];
  const mine = scope.all
    ? undefined
    : or(
        eq(parties.createdBy, user.id),
        exists(tx.select({ one: sql`1` }).from(correspondence).where(and(eq(correspondence.senderId, parties.id), inArray(correspondence.unitId, units)))),
        exists(tx.select({ one: sql`1` }).from(caseParties).innerJoin(cases, eq(cases.id, caseParties.caseId)).where(and(eq(caseParties.partyId, parties.id), inArray(cases.unitId, units)))),
        exists(tx.select({ one: sql`1` }).from(dispatchItems).where(and(eq(dispatchItems.partyId, parties.id), inArray(dispatchItems.unitId, units)))),
      );
  const rows = await tx.select().from(parties).where(and(changed, mine)).orderBy(asc(parties.version));
  const have = new Set(rows.map((p) => p.id));
  const missing = [...new Set(named)].filter((id) => !have.has(id));
  const more = missing.length ? await tx.select().from(parties).where(inArray(parties.id, missing)) : [];
  return [...rows, ...more].map(({ version: _v, ...p }) => p);
}

async function pull(db: ServerDb, user: SignedInUser, clientId: string, cursorIn: number | null, limit: number): Promise<PullResponse> {
  const scope = await scopeOf(db, user);
  return snapshotTx(db, async (tx) => {
    const [v] = await tx.select({ v: serverVersion.v }).from(serverVersion).where(eq(serverVersion.id, 1));
    const current = v?.v ?? 0;
    const [client] = await tx.select({ lmid: clients.lastMutationId }).from(clients).where(eq(clients.clientId, clientId));
    const lastMutationId = client?.lmid ?? 0;
    const [identity] = await tx.select({ epoch: serverIdentity.epoch }).from(serverIdentity).where(eq(serverIdentity.id, 1));
    const epoch = identity?.epoch ?? '';
    const empty = { units: [], users: [], jrwa: [], settings: null, parties: [], letters: [], cases: [], events: [], departed: [], scope: { all: false, unitIds: [] }, substitutions: [], decisions: [], dispatchItems: [], templates: [] };
    if (cursorIn !== null && cursorIn > current) return { cursor: 0, resyncRequired: true, epoch, hasMore: false, lastMutationId, ...empty };
    const cursor = cursorIn ?? 0;
    const upper = await windowEnd(tx, cursor, current, limit);
    const inWindow = (col: AnyPgColumn) => and(gt(col, cursor), lte(col, upper));

    const letterRows = await tx
      .select()
      .from(correspondence)
      .where(and(inWindow(correspondence.version), scoped(scope, correspondence.unitId)))
      .orderBy(asc(correspondence.version));
    const letterIds = letterRows.map((l) => l.id);
    const scanRows = letterIds.length
      ? await tx
          .select({ s: correspondenceScans, size: blobs.size, mime: blobs.mime, pageCount: blobs.pageCount })
          .from(correspondenceScans)
          .innerJoin(blobs, eq(blobs.sha256, correspondenceScans.sha256))
          .where(inArray(correspondenceScans.correspondenceId, letterIds))
      : [];
    const assignmentRows = letterIds.length ? await tx.select().from(assignments).where(inArray(assignments.correspondenceId, letterIds)) : [];

    const caseRows = await tx
      .select()
      .from(cases)
      .where(and(inWindow(cases.version), scoped(scope, cases.unitId)))
      .orderBy(asc(cases.version));
    const caseIds = caseRows.map((c) => c.id);
    const [cp, ci, cs, cd, co] = caseIds.length
      ? await Promise.all([
          tx.select().from(caseParties).where(inArray(caseParties.caseId, caseIds)),
          tx.select().from(caseItems).where(inArray(caseItems.caseId, caseIds)),
          tx.select().from(caseSuspensions).where(inArray(caseSuspensions.caseId, caseIds)),
          tx
            .select({ d: caseDocuments, size: blobs.size, mime: blobs.mime, pageCount: blobs.pageCount })
            .from(caseDocuments)
            .innerJoin(blobs, eq(blobs.sha256, caseDocuments.sha256))
            .where(inArray(caseDocuments.caseId, caseIds)),
          tx.select().from(opinionRequests).where(inArray(opinionRequests.caseId, caseIds)),
        ])
      : [[], [], [], [], []];
    const eventRows = await tx
      .select()
      .from(recordEvents)
      .where(and(inWindow(recordEvents.version), scoped(scope, recordEvents.unitId)))
      .orderBy(asc(recordEvents.version), asc(recordEvents.ordinal));
    // Records that left the person's units since the cursor: their replica drops them.
    const departed = scope.all
      ? []
      : await tx
          .select({ entityType: recordMoves.entityType, entityId: recordMoves.entityId })
          .from(recordMoves)
          .where(and(inWindow(recordMoves.version), inArray(recordMoves.fromUnitId, [...scope.unitIds]), notInArray(recordMoves.toUnitId, [...scope.unitIds])))
          .orderBy(asc(recordMoves.id));

    // The directory and the settings are small: every pull carries them. The JRWA only on a full pull.
    const unitRows = await tx.select().from(units);
    const userRows = await tx.select({ id: users.id, login: users.login, fullName: users.fullName, position: users.position, role: users.role, unitId: users.unitId, active: users.active }).from(users);
    const [office] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, 'office-settings'));
    // The whole list on a full pull; afterwards the classes imported or corrected since the cursor.
    const jrwaRows = cursorIn === null ? await tx.select().from(jrwaClasses) : await tx.select().from(jrwaClasses).where(inWindow(jrwaClasses.version));
    const substitutionRows = await tx.select().from(substitutions);
    const templateRows = await tx.select().from(documentTemplates).where(inWindow(documentTemplates.serverVersion));
    // Decisions travel with their case's unit; a letter to send with the unit it is sent for.
    const decisionRows = await tx
      .select({ d: decisions })
      .from(decisions)
      .innerJoin(cases, eq(cases.id, decisions.caseId))
      .where(and(inWindow(decisions.version), scoped(scope, cases.unitId)));
    const decisionIds = decisionRows.map((r) => r.d.id);
    const [versionRows, reviewRows] = decisionIds.length
      ? await Promise.all([tx.select().from(decisionVersions).where(inArray(decisionVersions.decisionId, decisionIds)), tx.select().from(decisionReviews).where(inArray(decisionReviews.decisionId, decisionIds))])
      : [[], []];
    const dispatchRows = await tx
      .select()
      .from(dispatchItems)
      .where(and(inWindow(dispatchItems.version), scoped(scope, dispatchItems.unitId)));
    const partyRows = await partiesInScope(tx, scope, user, inWindow(parties.version), [
      ...letterRows.map((l) => l.senderId),
      ...cp.map((x) => x.partyId),
      ...dispatchRows.flatMap((x) => (x.partyId ? [x.partyId] : [])),
    ]);

    return {
      cursor: upper,
      resyncRequired: false,
      epoch,
      hasMore: upper < current,
      lastMutationId,
      units: unitRows,
      users: userRows,
      jrwa: jrwaRows.map(({ importedAt: _i, version: _v, ...j }) => j),
      settings: (office?.value as Record<string, unknown> | undefined) ?? null,
      parties: partyRows,
      letters: letterRows.map(({ version: _v, ...l }) => ({
        ...l,
        scans: scanRows.filter((s) => s.s.correspondenceId === l.id).map((s) => ({ sha256: s.s.sha256, fileName: s.s.fileName, position: s.s.position, addedAt: s.s.addedAt, addedBy: s.s.addedBy, size: s.size, mime: s.mime, pageCount: s.pageCount })),
        assignments: assignmentRows.filter((a) => a.correspondenceId === l.id).map(({ correspondenceId: _c, ...a }) => a),
      })),
      cases: caseRows.map(({ version: _v, ...c }) => ({
        ...c,
        parties: cp.filter((x) => x.caseId === c.id).map(({ caseId: _c, ...x }) => x),
        items: ci.filter((x) => x.caseId === c.id).map(({ caseId: _c, ...x }) => x),
        suspensions: cs.filter((x) => x.caseId === c.id).map(({ caseId: _c, ...x }) => x),
        documents: cd.filter((x) => x.d.caseId === c.id).map(({ d: { caseId: _c, ...d }, size, mime, pageCount }) => ({ ...d, size, mime, pageCount })),
        opinionRequests: co.filter((x) => x.caseId === c.id).map(({ caseId: _c, ...x }) => x),
      })),
      events: eventRows.map(({ version: _v, unitId: _u, ...e }) => e),
      departed,
      scope: { all: scope.all, unitIds: scope.all ? [] : [...scope.unitIds].sort() },
      substitutions: substitutionRows.map(({ version: _v, ...s }) => s),
      decisions: decisionRows.map(({ d: { version: _v, ...d } }) => ({
        ...d,
        versions: versionRows.filter((x) => x.decisionId === d.id).map(({ decisionId: _d, ...x }) => x),
        reviews: reviewRows.filter((x) => x.decisionId === d.id).map(({ decisionId: _d, ...x }) => x),
      })),
      dispatchItems: dispatchRows.map(({ version: _v, ...x }) => x),
      templates: templateRows.map(({ serverVersion: _v, ...t }) => t),
    };
  });
}

async function blobState(db: ServerDb, sha256: string) {
  const [b] = await db.select().from(blobs).where(eq(blobs.sha256, sha256));
  return { sha256, size: b?.size ?? 0, received: b?.received ?? 0, complete: b?.complete ?? false };
}

async function maxBlobBytes(db: ServerDb): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'office-settings'));
  const mb = (row?.value as { maxScanMb?: unknown } | undefined)?.maxScanMb;
  return (typeof mb === 'number' ? mb : DEFAULT_MAX_MB) * 1024 * 1024;
}

function header(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** Stores one piece at its offset; at the last piece, checks the hash before the blob is usable. */
async function receiveChunk(db: ServerDb, user: SignedInUser, sha256: string, offset: number, size: number, mime: string, chunk: Buffer) {
  const limit = await maxBlobBytes(db);
  if (size > limit) throw fail('BLOB_TOO_LARGE', { maxMb: Math.round(limit / 1024 / 1024) });
  return db.transaction(async (tx) => {
    await tx.insert(blobs).values({ sha256, size, mime, received: 0, complete: false, uploadedBy: user.id, createdAt: new Date().toISOString() }).onConflictDoNothing();
    const [b] = await tx.select().from(blobs).where(eq(blobs.sha256, sha256)).for('update');
    if (!b) throw new Error('blob row vanished');
    if (b.complete) return { sha256, size: b.size, received: b.received, complete: true };
    if (b.size !== size) throw fail('INVALID_INPUT', { detail: 'upload-length różni się od długości podanej wcześniej' });
    if (offset !== b.received) throw fail('BLOB_OFFSET_MISMATCH', { expected: b.received });
    if (offset + chunk.length > size) throw fail('INVALID_INPUT', { detail: 'fragment wychodzi poza długość pliku' });
    if (chunk.length > 0) await tx.insert(blobChunks).values({ sha256, offset, data: chunk });
    const received = offset + chunk.length;
    if (received < size) {
      await tx.update(blobs).set({ received }).where(eq(blobs.sha256, sha256));
      return { sha256, size, received, complete: false };
    }
    const pieces = await tx.select({ data: blobChunks.data }).from(blobChunks).where(eq(blobChunks.sha256, sha256)).orderBy(asc(blobChunks.offset));
    const hash = createHash('sha256');
    for (const p of pieces) hash.update(p.data);
    if (hash.digest('hex') !== sha256) {
      // Start again from nothing: a corrupted piece cannot be found by its offset alone.
      await tx.delete(blobChunks).where(eq(blobChunks.sha256, sha256));
      await tx.update(blobs).set({ received: 0 }).where(eq(blobs.sha256, sha256));
      return { sha256, size, received: 0, complete: false, mismatch: true };
    }
    // What the file is, and how many pages, is read from its bytes (the same inspection as at
    // intake), not taken from the uploader: every workstation shows the pages the scan has.
    const seen = await inspectScan(Buffer.concat(pieces.map((p) => p.data)), sha256).catch(() => null);
    await tx.update(blobs).set({ received, complete: true, ...(seen ? { mime: seen.mime, pageCount: seen.pageCount } : {}) }).where(eq(blobs.sha256, sha256));
    return { sha256, size, received, complete: true };
  });
}

/** Whether the user may read a blob: they sent it, or it belongs to a letter of their units. */
async function mayRead(db: ServerDb, user: SignedInUser, sha256: string): Promise<boolean> {
  const [b] = await db.select({ uploadedBy: blobs.uploadedBy, complete: blobs.complete }).from(blobs).where(eq(blobs.sha256, sha256));
  if (!b?.complete) return false;
  if (b.uploadedBy === user.id) return true;
  const scope = await scopeOf(db, user);
  const signed = await db
    .select({ unitId: cases.unitId })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .where(eq(decisions.signedPdfSha256, sha256));
  // A signed decision: whoever may see its case may read it.
  if (signed.some((s) => scope.all || scope.unitIds.has(s.unitId))) return true;
  // A document in a case's akta, likewise.
  const filed = await db.select({ unitId: cases.unitId }).from(caseDocuments).innerJoin(cases, eq(cases.id, caseDocuments.caseId)).where(eq(caseDocuments.sha256, sha256));
  if (filed.some((s) => scope.all || scope.unitIds.has(s.unitId))) return true;
  const letters = await db
    .select({ unitId: correspondence.unitId })
    .from(correspondenceScans)
    .innerJoin(correspondence, eq(correspondence.id, correspondenceScans.correspondenceId))
    .where(scope.all ? eq(correspondenceScans.sha256, sha256) : and(eq(correspondenceScans.sha256, sha256), or(...[...scope.unitIds].map((u) => eq(correspondence.unitId, u)))));
  return letters.length > 0;
}

export const syncRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'POST',
    url: '/sync/push',
    tag: 'synchronizacja',
    summary: 'Wysłanie czynności stanowiska (w kolejności numerów)',
    description: 'Każda czynność w osobnej transakcji: duplikat bez skutku, luka odrzucona, odmowa reguł do kwarantanny.',
    access: 'signedIn',
    body: pushRequestSchema,
    response: pushResponseSchema,
    handler: async ({ body, user, deps }) => {
      const results: MutationResult[] = [];
      for (const m of body.mutations) {
        try {
          const { result } = await pushOne(deps.db, user, body.clientId, m);
          results.push(result);
        } catch (e) {
          // A gap is answered for the whole push only when nothing before it went through.
          if (results.length === 0) throw e;
          break;
        }
      }
      const [client] = await deps.db.select({ lmid: clients.lastMutationId }).from(clients).where(eq(clients.clientId, body.clientId));
      return { lastMutationId: client?.lmid ?? 0, results };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/sync/pull',
    tag: 'synchronizacja',
    summary: 'Zmiany od kursora, w zakresie komórek użytkownika',
    access: 'signedIn',
    body: pullRequestSchema,
    response: pullResponseSchema,
    handler: async ({ body, user, deps }) => pull(deps.db, user, body.clientId, body.cursor, body.limit),
  }),
  defineRoute({
    method: 'POST',
    url: '/decisions/:id/number',
    tag: 'decyzje',
    summary: 'Numer w rejestrze decyzji dla zaakceptowanej decyzji (przed jej podpisaniem)',
    description: 'Numer należy odtąd do tej decyzji: ponowne zapytanie zwraca ten sam numer, więc rejestr nie ma luk.',
    access: ['head'],
    params: z.object({ id: z.uuid() }),
    response: decisionNumberSchema,
    handler: async ({ params, user, deps }) =>
      writeTx(deps.db, async (w) => {
        // Once per decision: its one metryka entry gets an id derived from the decision.
        await runOnServer(w, user, requestedCommands.numberDecision, { id: params.id }, { now: new Date(), clientId: `numer-decyzji:${params.id}`, mutationId: 1 });
        const d = await pgReads(w).decision(params.id);
        if (d?.number == null || d.year === null || d.seq === null) throw fail('DECISION_NOT_APPROVED');
        return { number: d.number, year: d.year, seq: d.seq };
      }),
  }),
  defineRoute({
    method: 'HEAD',
    url: '/blobs/:sha256',
    tag: 'pliki',
    summary: 'Ile bajtów pliku ma serwer (nagłówki Upload-Offset, Upload-Length, Upload-Complete)',
    description: 'Jak w protokole tus: przed wysłaniem pliku stanowisko pyta, od którego miejsca wznowić.',
    access: 'signedIn',
    params: shaParams,
    response: z.undefined(),
    handler: async ({ params, reply, deps }) => {
      const state = await blobState(deps.db, params.sha256);
      reply.header('upload-offset', String(state.received));
      reply.header('upload-length', String(state.size));
      reply.header('upload-complete', state.complete ? '?1' : '?0');
      return undefined;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/blobs/:sha256/state',
    tag: 'pliki',
    summary: 'Ile bajtów pliku ma serwer (wznawianie wysyłania)',
    access: 'signedIn',
    params: shaParams,
    response: blobStateSchema,
    handler: async ({ params, deps }) => blobState(deps.db, params.sha256),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/blobs/:sha256',
    tag: 'pliki',
    summary: 'Kolejny fragment pliku od podanego przesunięcia (Upload-Offset, Upload-Length)',
    description: 'Treść: surowe bajty (application/offset+octet-stream). Po ostatnim fragmencie serwer sprawdza SHA-256.',
    access: 'signedIn',
    params: shaParams,
    response: blobStateSchema,
    handler: async ({ params, user, request, deps }) => {
      const offset = Number(header(request.headers['upload-offset']) ?? 'NaN');
      const size = Number(header(request.headers['upload-length']) ?? 'NaN');
      if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(size) || size < 0) throw fail('INVALID_INPUT', { detail: 'brak nagłówków Upload-Offset i Upload-Length' });
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw fail('INVALID_INPUT', { detail: 'treść musi być typu application/offset+octet-stream' });
      const mime = header(request.headers['x-blob-mime']) ?? 'application/octet-stream';
      const state = await receiveChunk(deps.db, user, params.sha256, offset, size, mime.slice(0, 100), body);
      if ('mismatch' in state) throw fail('BLOB_HASH_MISMATCH');
      return state;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/blobs/:sha256',
    tag: 'pliki',
    summary: 'Treść pliku (dla uprawnionych do pisma, do którego należy)',
    access: 'signedIn',
    params: shaParams,
    response: z.custom<Buffer>((v) => Buffer.isBuffer(v)),
    handler: async ({ params, user, reply, deps }) => {
      if (!(await mayRead(deps.db, user, params.sha256))) throw fail('BLOB_NOT_FOUND');
      const pieces = await deps.db.select({ data: blobChunks.data }).from(blobChunks).where(eq(blobChunks.sha256, params.sha256)).orderBy(asc(blobChunks.offset));
      const [b] = await deps.db.select({ mime: blobs.mime }).from(blobs).where(eq(blobs.sha256, params.sha256));
      reply.header('content-type', b?.mime ?? 'application/octet-stream');
      return Buffer.concat(pieces.map((p) => p.data));
    },
  }),
];

/** Kept for the admin and the tests: what the quarantine holds for a user. */
export async function quarantineOf(db: ServerDb, userId: string) {
  return db.select().from(quarantine).where(eq(quarantine.userId, userId)).orderBy(asc(quarantine.at));
}
