/**
 * Push, pull and blobs (DESIGN.md "Sync"; docs/sync.md).
 *
 * Push: one write transaction for the push's commands, in the order sent. The client's row is
 * locked and its last mutation id (LMID) read: a lower id is a duplicate (no effect), a gap is
 * refused, otherwise the command is applied inside a savepoint of its own. A rule's refusal
 * rolls the savepoint back, records the command in the quarantine with the reason and still advances the
 * LMID — nothing is lost and nothing blocks the queue. The LMID and the effects commit
 * together, so an answer lost after the commit only makes the resend a duplicate.
 *
 * Pull: one REPEATABLE READ snapshot. The cursor is the server version (the writing
 * transaction's id on the version base), handed out only up to the snapshot's horizon — below
 * the oldest writer still running — so a writer that started earlier and commits later is
 * never passed over. Records of the user's units changed after the cursor, in windows of
 * about `limit` rows; a cursor from the future (another database) gets "resync required".
 */
import { and, asc, eq, exists, gt, inArray, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { fail, isDomainError } from '#core/errors';
import { defineRoute, type RouteDefinition } from '#server/api/route';
import { PUSH_BODY_LIMIT_BYTES } from '#server/api/limits';
import { HORIZON_COLUMN, writeTx, snapshotTx, SharedReads, type AuditRow, type WriteTx } from '#server/db/tx';
import type { ServerDb, ServerTx } from '#server/db/open';
import { appendAudit } from '#server/db/audit';
import { clients } from '#server/db/schema/clients';
import { units } from '#server/db/schema/units';
import { users } from '#server/db/schema/users';
import { settings } from '#server/db/schema/settings';
import { jrwaClasses } from '#server/db/schema/jrwa';
import { serverIdentity } from '#server/db/schema/serverIdentity';
import { assignments, blobs, caseDocuments, caseItems, caseParties, opinionRequests, caseSuspensions, cases, correspondence, correspondenceScans, decisionReviews, decisionVersions, decisions, dispatchItems, documentTemplates, parties, quarantine, recordEvents, recordMoves, substitutions } from '#server/db/schema/records';
import { scopeToday, type UnitScope } from '#server/auth/scope';
import { directoryDigest, directoryDigests, labelFor } from '#server/office/directory';
import { applyMutation, runOnServer } from '#server/sync/runCommand';
import { requestedCommands } from '#core/commands/registry';
import { pgReads, type Assigned } from '#server/sync/commandStore';
import { decisionNumberSchema, pullRequestSchema, pullResponseSchema, pushRequestSchema, pushResponseSchema, type Mutation, type MutationResult, type PullResponse, type WireParty } from '#sync/protocol/commands';
import type { SignedInUser } from '#server/auth/sessions';

/** PostgreSQL's unique violation: a record the workstation made clashes with one already here. */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (e as { cause?: { code?: unknown } } | null)?.cause?.code;
  return code === '23505';
}

/**
 * A push's commands in one write transaction, each all or nothing inside its own savepoint.
 *
 * The client's row is locked once and its LMID read once; each command is then a duplicate (no
 * effect), a gap (the push stops there: what came before commits), or applied — a rule's
 * refusal rolls its savepoint back and records it in the quarantine, the LMID still moving on.
 * One commit for the push instead of one a command; the price is that the push's register
 * counters stay locked to its end (a push is at most PUSH_BATCH commands, tens of milliseconds).
 * An error that is no rule's refusal ends the push where it happened: the commands before it
 * commit, it and the rest stay with the workstation for the next push.
 */
async function pushBatch(db: ServerDb, user: SignedInUser, clientId: string, mutations: readonly Mutation[]): Promise<{ results: MutationResult[]; failure: Error | null }> {
  return writeTx(db, async (tx) => {
    const w: WriteTx = { ...tx, reads: new SharedReads() };
    await w.tx.insert(clients).values({ clientId, userId: user.id }).onConflictDoNothing();
    const [client] = await w.tx.select().from(clients).where(eq(clients.clientId, clientId)).for('update');
    // A client is one person on one workstation: nobody pushes under another person's queue.
    if (client && client.userId !== user.id) throw fail('SYNC_CLIENT_OTHER_USER');
    let last = client?.lastMutationId ?? 0;
    const results: MutationResult[] = [];
    let failure: Error | null = null;
    for (const m of mutations) {
      if (m.id <= last) {
        results.push({ id: m.id, status: 'duplicate', error: null, assigned: [] });
        continue;
      }
      if (m.id !== last + 1) {
        failure = fail('SYNC_MUTATION_GAP', { expected: last + 1, got: m.id });
        break;
      }
      try {
        results.push(await pushOne(w, user, clientId, m));
      } catch (e) {
        failure = e instanceof Error ? e : new Error(String(e));
        break;
      }
      last = m.id;
    }
    // A push whose first command failed changed nothing: it is answered as that failure.
    if (results.length === 0 && failure !== null) throw failure;
    if (last !== (client?.lastMutationId ?? 0)) await w.tx.update(clients).set({ lastMutationId: last, version: w.version }).where(eq(clients.clientId, clientId));
    return { results, failure };
  });
}

/**
 * One command of a push, inside the push's transaction, in a savepoint of its own: a throw
 * takes back what the command did. A rule's refusal is then written outside that savepoint
 * (the quarantine entry and its audit row stay); any other error ends the push here.
 */
async function pushOne(w: WriteTx, user: SignedInUser, clientId: string, m: Mutation): Promise<MutationResult> {
  if (m.skip) {
    await appendAudit(w, { actor: user.login, action: 'sync.skipped', entityType: 'client', entityId: clientId, summary: `Pominięto czynność ${m.name} nr ${String(m.id)} (odrzuconą na stanowisku przed odtworzeniem serwera z kopii)`, data: { mutationId: m.id } });
    return { id: m.id, status: 'duplicate', error: null, assigned: [] };
  }
  const now = new Date();
  try {
    // The command's audit entries join the push's once its savepoint is released; a refusal drops them with the rest.
    const held: AuditRow[] = [];
    const assigned: Assigned[] = await w.tx.transaction(async (sp) => {
      const at: WriteTx = { tx: sp, version: w.version, reads: w.reads, ...(w.changes ? { changes: w.changes } : {}), audit: held };
      const given = await applyMutation(at, user, m, now, clientId);
      await appendAudit(at, { actor: user.login, action: 'sync.applied', entityType: 'client', entityId: clientId, summary: `Przyjęto czynność ${m.name} nr ${String(m.id)}`, data: { mutationId: m.id, assigned: given } });
      return given;
    });
    w.audit?.push(...held);
    return { id: m.id, status: 'applied', error: null, assigned };
  } catch (e) {
    const refusal = isDomainError(e) ? { code: e.code, message: e.message } : isUniqueViolation(e) ? { code: 'SYNC_CONFLICT', message: fail('SYNC_CONFLICT').message } : null;
    if (!refusal) throw e;
    await w.tx.insert(quarantine).values({ clientId, mutationId: m.id, userId: user.id, name: m.name, args: JSON.stringify(m.args), code: refusal.code, message: refusal.message, at: now.toISOString() });
    await appendAudit(w, { actor: user.login, action: 'sync.rejected', entityType: 'client', entityId: clientId, summary: `Odrzucono czynność ${m.name} nr ${String(m.id)}: ${refusal.message}`, data: { mutationId: m.id, code: refusal.code } });
    return { id: m.id, status: 'rejected', error: refusal, assigned: [] };
  }
}

function scoped(scope: UnitScope, column: AnyPgColumn): SQL | undefined {
  return scope.all ? undefined : inArray(column, [...scope.unitIds]);
}

/** The highest version that keeps a pull window near `limit` rows (at least one version further). */
async function windowEnd(tx: ServerTx, cursor: number, current: number, limit: number): Promise<number> {
  // Rows above the horizon may be in the snapshot already (a later writer committed first):
  // they wait for a pull whose horizon has passed them.
  // Each table gives at most its first limit + 1 versions (an index range scan): the window's
  // end is among them. Unbounded, the union read and sorted every row above the cursor, for
  // every window of a first sync (142 windows of 5,000 over 700,000 rows: most of its time).
  const first = (table: string) => sql`(SELECT version FROM ${sql.identifier(table)} WHERE version > ${cursor} AND version <= ${current} ORDER BY version LIMIT ${limit + 1})`;
  const tables = ['correspondence', 'cases', 'parties', 'record_events', 'decisions', 'dispatch_items'];
  const result = await tx.execute(sql`SELECT version FROM (${sql.join(tables.map(first), sql` UNION ALL `)}) changed ORDER BY version LIMIT 1 OFFSET ${limit}`);
  const rows = (result as { rows: { version: string | number }[] }).rows;
  const at = rows[0] ? Number(rows[0].version) : null;
  if (at === null) return current;
  return Math.max(cursor + 1, at - 1);
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

/** The directory as a pull sends it: units, people, zastępstwa and the office's settings. */
async function readDirectory(tx: ServerTx) {
  const unitRows = await tx.select().from(units);
  const userRows = await tx.select({ id: users.id, login: users.login, fullName: users.fullName, position: users.position, role: users.role, unitId: users.unitId, active: users.active }).from(users);
  const [office] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, 'office-settings'));
  const substitutionRows = await tx.select().from(substitutions);
  return { units: unitRows, users: userRows, substitutions: substitutionRows.map(({ version: _v, ...x }) => x), settings: (office?.value as Record<string, unknown> | undefined) ?? null };
}

/**
 * Where a pull starts, in one statement: the horizon, the office's epoch and the client's
 * queue (the last command applied, and the version it was applied at).
 */
async function pullStart(db: ServerDb, clientId: string) {
  const [row] = await db
    .select({ horizon: HORIZON_COLUMN, epoch: serverIdentity.epoch, lmid: clients.lastMutationId, clientVersion: clients.version })
    .from(serverIdentity)
    .leftJoin(clients, eq(clients.clientId, clientId))
    .where(eq(serverIdentity.id, 1));
  if (!row) throw new Error('server_identity has no row: the migrations did not run');
  return { horizon: Number(row.horizon), epoch: row.epoch, lastMutationId: row.lmid ?? 0, clientVersion: row.clientVersion ?? 0 };
}

const NOTHING = { directoryDigest: null, units: [], users: [], jrwa: [], settings: null, parties: [], letters: [], cases: [], events: [], departed: [], scope: { all: false, unitIds: [] }, substitutions: [], decisions: [], dispatchItems: [], templates: [] };

/** The answer to a pull whose cursor is the horizon: no records; the directory only if it changed. */
function nothingNew(start: Awaited<ReturnType<typeof pullStart>>, scope: UnitScope, digest: string, directory: Partial<Pick<PullResponse, 'units' | 'users' | 'substitutions' | 'settings'>> = {}): PullResponse {
  return {
    ...NOTHING,
    cursor: start.horizon,
    resyncRequired: false,
    epoch: start.epoch,
    hasMore: false,
    horizon: start.horizon,
    lastMutationId: start.lastMutationId,
    confirmedThrough: start.clientVersion <= start.horizon ? start.lastMutationId : 0,
    directoryDigest: digest,
    ...directory,
    scope: wireScopeOf(scope),
  };
}

function wireScopeOf(scope: UnitScope): PullResponse['scope'] {
  return { all: scope.all, unitIds: scope.all ? [] : [...scope.unitIds].sort() };
}

async function pull(db: ServerDb, user: SignedInUser, clientId: string, cursorIn: number | null, limit: number, directoryIn: string | null = null): Promise<PullResponse> {
  const scope = await scopeToday(db, user);
  // Most pulls of a working day find nothing new, with the directory the workstation holds: then
  // one statement (its own snapshot) is the whole pull — no transaction, no table of records.
  if (cursorIn !== null && directoryIn !== null && directoryDigests(db).get('digest') === directoryIn) {
    const start = await pullStart(db, clientId);
    if (start.horizon === cursorIn) return nothingNew(start, scope, directoryIn);
  }
  const since = directoryDigests(db).mark();
  return snapshotTx(db, async (tx) => {
    const start = await pullStart(tx, clientId);
    const { horizon: current, epoch, lastMutationId } = start;
    if (cursorIn !== null && cursorIn > current) return { cursor: 0, resyncRequired: true, epoch, hasMore: false, horizon: current, lastMutationId, ...NOTHING };
    const cursor = cursorIn ?? 0;
    // The directory and the settings travel when they changed; a full pull always carries them
    // (the workstation's replica may have been emptied since).
    const known = await directoryDigest(db, tx, since);
    const directoryHeld = cursorIn !== null && directoryIn === known.digest;
    const directory = directoryHeld ? { units: [], users: [], substitutions: [], settings: null } : await readDirectory(tx);
    const digest = directoryHeld ? known.digest : await labelFor(tx, known);
    if (cursorIn !== null && cursor === current) return nothingNew(start, scope, digest, directory);
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

    // The JRWA only on a full pull.
    // The whole list on a full pull; afterwards the classes imported or corrected since the cursor.
    const jrwaRows = cursorIn === null ? await tx.select().from(jrwaClasses) : await tx.select().from(jrwaClasses).where(inWindow(jrwaClasses.version));
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
      horizon: current,
      lastMutationId,
      // The person's last command committed above this pull's horizon (another writer that
      // started before it is still open): its rows come later, so none is confirmed yet.
      confirmedThrough: start.clientVersion <= upper ? lastMutationId : 0,
      directoryDigest: digest,
      units: directory.units,
      users: directory.users,
      jrwa: jrwaRows.map(({ importedAt: _i, version: _v, ...j }) => j),
      settings: directory.settings,
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
      scope: wireScopeOf(scope),
      substitutions: directory.substitutions,
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

export const syncRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'POST',
    url: '/sync/push',
    tag: 'synchronizacja',
    summary: 'Wysłanie czynności stanowiska (w kolejności numerów)',
    description: 'Czynności w jednej transakcji, każda w całości albo wcale (własny punkt zapisu): duplikat bez skutku, luka kończy wysyłkę, odmowa reguł do kwarantanny.',
    access: 'signedIn',
    bodyLimit: PUSH_BODY_LIMIT_BYTES,
    body: pushRequestSchema,
    response: pushResponseSchema,
    handler: async ({ body, user, deps }) => {
      const { results } = await pushBatch(deps.db, user, body.clientId, body.mutations);
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
    handler: async ({ body, user, deps }) => pull(deps.db, user, body.clientId, body.cursor, body.limit, body.directoryDigest),
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
        // The decision is read FOR UPDATE by the engine: two requests for one decision wait for
        // each other, and the second finds the number the first reserved.
        // Once per decision: its one metryka entry gets an id derived from the decision.
        await runOnServer(w, user, requestedCommands.numberDecision, { id: params.id }, { now: new Date(), clientId: `numer-decyzji:${params.id}`, mutationId: 1 });
        const d = await pgReads(w).decision(params.id);
        if (d?.number == null || d.year === null || d.seq === null) throw fail('DECISION_NOT_APPROVED');
        return { number: d.number, year: d.year, seq: d.seq };
      }),
  }),
];

/** Kept for the admin and the tests: what the quarantine holds for a user. */
export async function quarantineOf(db: ServerDb, userId: string) {
  return db.select().from(quarantine).where(eq(quarantine.userId, userId)).orderBy(asc(quarantine.at));
}
