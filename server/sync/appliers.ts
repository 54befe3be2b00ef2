/**
 * The server's side of each synced command: the same rules as the workstation (the pure
 * functions of core/), applied to the office's authoritative records, inside the push's write
 * transaction for that command. A refusal throws a DomainError: the push records it in the
 * quarantine and rolls back everything else the command did (its number included).
 *
 * Numbers (RPW, case signs) are given here and only here, in the command's own transaction
 * (server/db/counters.ts). The year of a register is the office's calendar year by the
 * server's clock when it applies the command, never a workstation's clock.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { DomainError, fail } from '#core/errors';
import { validatePattern } from '#core/numbering/pattern';
import { validateDocumentTemplate } from '#core/decisions/templates';
import { templateByCode } from '#core/decisions/defaultTemplates';
import { valueOrThrow } from '#core/checkResult';
import { warsawDate, warsawYear, formatDate } from '#core/time';
import { headsUnit, visibleInboxOwners, type CalendarDate, type OfficeUser, type Person, type Substitution, type UnitRef } from '#core/cases/substitution';
import type { SessionUser } from '#sync/protocol';
import type { Mutation, SyncCommandArgs, SyncCommandName, WireEvent } from '#sync/protocol/commands';
import { syncCommandSchemas, isSyncCommandName } from '#sync/protocol/commands';
import type { WriteTx } from '#server/db/tx';
import { nextNumber } from '#server/db/counters';
import { appendAudit } from '#server/db/audit';
import { units } from '#server/db/schema/units';
import { users } from '#server/db/schema/users';
import { settings } from '#server/db/schema/settings';
import { blobs, cases, correspondence, correspondenceScans, decisionReviews, decisionVersions, decisions, dispatchItems, documentTemplates, parties, recordEvents, substitutions } from '#server/db/schema/records';
import { decisionContentSchema, settingsSchema, type OutgoingChannel } from '#core/contract';
import { decisionType, missingElements } from '#core/decisions/prefill';
import { afterApproval, configuredPath } from '#core/decisions/approvalPath';
import { outgoingChannelLabels } from '#core/i18n/labels.pl';
import { engineCommands, isEngineCommand, type EngineCommandName } from '#core/commands/registry';
import { decideAsync, type AnyCommand } from '#core/commands/engine';
import { metrykaId } from '#core/commands/metryka';
import { visibleUnits } from '#core/commands/office';
import { applyEffectsPg, pgReads, type Assigned } from '#server/sync/commandStore';

export type { Assigned } from '#server/sync/commandStore';


type Actor = SessionUser;

/** What one command needs around it: the transaction, who acts, when (server clock), its event ids. */
type Apply = { w: WriteTx; actor: Actor; now: Date; eventIds: string[]; position: string };

const REGISTRY_ROLES = ['registry', 'admin'];
const CASE_ROLES = ['clerk', 'head'];

function requireRoles(actor: Actor, roles: readonly string[], action: string) {
  if (!roles.includes(actor.role)) throw fail('FORBIDDEN', { action });
}

/** Writes one metryka entry under the next id the workstation gave (or a new one). */
async function event(a: Apply, unitId: string, e: Omit<WireEvent, 'id' | 'at' | 'actorId' | 'actorName' | 'actorPosition' | 'onBehalfOfId' | 'onBehalfOfName' | 'data'> & { data?: unknown; onBehalfOf?: { id: string; fullName: string } | null }) {
  const id = a.eventIds.shift() ?? crypto.randomUUID();
  await a.w.tx.insert(recordEvents).values({
    id,
    at: a.now.toISOString(),
    actorId: a.actor.id,
    actorName: a.actor.fullName,
    actorPosition: a.position,
    onBehalfOfId: e.onBehalfOf?.id ?? null,
    onBehalfOfName: e.onBehalfOf?.fullName ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    documentRef: e.documentRef,
    summary: e.summary,
    data: JSON.stringify(e.data ?? {}),
    unitId,
    version: a.w.version,
  });
  await appendAudit(a.w, { actor: a.actor.login, action: e.action, entityType: e.entityType, entityId: e.entityId, summary: e.summary, data: { eventId: id } });
}

type Office = { units: UnitRef[]; users: OfficeUser[]; actor: Person; today: CalendarDate; substitutions: Substitution[] };

/** The office's units, people and zastępstwa, as the pure rules take them (today by the server's clock). */
async function office(a: Apply): Promise<Office> {
  const unitRows = await a.w.tx.select({ id: units.id, symbol: units.symbol, parentId: units.parentId }).from(units);
  const userRows = await a.w.tx.select({ id: users.id, fullName: users.fullName, role: users.role, unitId: users.unitId, active: users.active }).from(users);
  const subRows = await a.w.tx.select().from(substitutions).where(isNull(substitutions.cancelledAt));
  return {
    units: unitRows,
    users: userRows,
    actor: { id: a.actor.id, fullName: a.actor.fullName, role: a.actor.role, unitId: a.actor.unitId },
    today: warsawDate(a.now) as CalendarDate,
    substitutions: subRows.map((s) => ({ id: s.id, substituteId: s.substituteId, forUserId: s.forUserId, from: s.fromOn as CalendarDate, to: s.toOn as CalendarDate, createdBy: s.createdBy })),
  };
}


/** A case the actor may see (their units), or CASE_NOT_FOUND. */
async function visibleCase(a: Apply, o: Office, id: string) {
  const [c] = await a.w.tx.select().from(cases).where(eq(cases.id, id));
  const scope = visibleUnits(a.actor, o);
  if (!c || (scope && !scope.has(c.unitId))) throw fail('CASE_NOT_FOUND');
  return c;
}


// --- Decisions ---------------------------------------------------------------------------------

const DECISION_REGISTER = 'DEC';
const OUTGOING_REGISTER = 'WYCH';

/** A decision the actor may see (through its case's unit). */
async function visibleDecision(a: Apply, o: Office, id: string) {
  const [d] = await a.w.tx.select().from(decisions).where(eq(decisions.id, id));
  if (!d) throw fail('DECISION_NOT_FOUND');
  const c = await visibleCase(a, o, d.caseId);
  return { d, c };
}

async function decisionEvent(a: Apply, c: typeof cases.$inferSelect, action: string, summary: string, onBehalfOf: { id: string; fullName: string } | null = null, data: unknown = {}) {
  await event(a, c.unitId, { action, entityType: 'case', entityId: c.id, documentRef: c.sign, summary, data, onBehalfOf });
}

const typeName = (code: string) => decisionType(code)?.name ?? code;

async function createDecision(a: Apply, args: SyncCommandArgs<'createDecision'>): Promise<Assigned[]> {
  requireRoles(a.actor, CASE_ROLES, 'przygotowanie projektu decyzji');
  if (!decisionType(args.typeCode)) throw fail('DECISION_TYPE_UNKNOWN_CODE', { code: args.typeCode });
  const o = await office(a);
  const c = await visibleCase(a, o, args.caseId);
  if (c.status === 'closed' || c.status === 'cancelled') throw fail('CASE_NOT_OPEN', { sign: c.sign });
  const at = a.now.toISOString();
  await a.w.tx.insert(decisions).values({ id: args.id, caseId: c.id, typeCode: args.typeCode, status: 'draft', currentVersion: 1, authorId: a.actor.id, createdAt: at, updatedAt: at, version: a.w.version });
  await a.w.tx.insert(decisionVersions).values({ decisionId: args.id, version: 1, content: JSON.stringify(args.content), createdAt: at, createdBy: a.actor.id });
  await decisionEvent(a, c, 'decision.drafted', `Przygotowano projekt: ${typeName(args.typeCode)} (wersja 1)`);
  return [];
}

async function saveDecision(a: Apply, args: SyncCommandArgs<'saveDecision'>): Promise<Assigned[]> {
  requireRoles(a.actor, CASE_ROLES, 'edycja projektu decyzji');
  const o = await office(a);
  const { d, c } = await visibleDecision(a, o, args.id);
  if (d.status !== 'draft' && d.status !== 'returned') throw fail('DECISION_NOT_EDITABLE');
  if (d.currentVersion !== args.expectedVersion) throw fail('STALE_REVISION');
  const version = d.currentVersion + 1;
  const at = a.now.toISOString();
  await a.w.tx.insert(decisionVersions).values({ decisionId: d.id, version, content: JSON.stringify(args.content), createdAt: at, createdBy: a.actor.id });
  await a.w.tx.update(decisions).set({ currentVersion: version, status: 'draft', updatedAt: at, version: a.w.version }).where(eq(decisions.id, d.id));
  await decisionEvent(a, c, 'decision.saved', `Zapisano projekt: ${typeName(d.typeCode)} (wersja ${String(version)})`);
  return [];
}

async function submitDecision(a: Apply, args: SyncCommandArgs<'submitDecision'>): Promise<Assigned[]> {
  requireRoles(a.actor, CASE_ROLES, 'przekazanie projektu do akceptacji');
  const o = await office(a);
  const { d, c } = await visibleDecision(a, o, args.id);
  if (d.status !== 'draft' && d.status !== 'returned') throw fail('DECISION_NOT_EDITABLE');
  const [latest] = await a.w.tx.select().from(decisionVersions).where(and(eq(decisionVersions.decisionId, d.id), eq(decisionVersions.version, d.currentVersion)));
  const content = decisionContentSchema.parse(JSON.parse(latest?.content ?? '{}'));
  const missing = missingElements(content, { isDecision: decisionType(d.typeCode)?.isDecision ?? true });
  if (missing.length > 0) throw fail('DECISION_INCOMPLETE', { list: missing.join(', ') });
  // The path of the workstation's rule (core/decisions/approvalPath.ts) from the office's settings.
  const [row] = await a.w.tx.select({ value: settings.value }).from(settings).where(eq(settings.key, 'office-settings'));
  const rules = settingsSchema.shape.approvalPaths.safeParse((row?.value as { approvalPaths?: unknown } | undefined)?.approvalPaths);
  const active = o.users.filter((u) => u.active);
  let path = configuredPath(rules.success ? rules.data : [], c.unitId, d.typeCode, o.units);
  if (path) {
    for (const id of path) if (!active.some((u) => u.id === id)) throw fail('DECISION_PATH_INACTIVE', { name: o.users.find((u) => u.id === id)?.fullName ?? id });
  } else {
    const heads = active.filter((u) => u.role === 'head');
    const head = heads.find((u) => u.unitId === c.unitId) ?? heads.find((u) => headsUnit(u, c.unitId, o.units));
    if (!head) throw fail('DECISION_NO_APPROVER');
    path = [head.id];
  }
  const approverId = path[0] ?? '';
  const at = a.now.toISOString();
  await a.w.tx.update(decisions).set({ status: 'submitted', approverId, approvalPath: JSON.stringify(path), approvalStage: 0, updatedAt: at, version: a.w.version }).where(eq(decisions.id, d.id));
  const name = (id: string) => o.users.find((u) => u.id === id)?.fullName ?? '?';
  const stages = path.length > 1 ? ` (ścieżka akceptacji: ${path.map(name).join(' → ')})` : '';
  await decisionEvent(a, c, 'decision.submitted', `Przekazano do akceptacji: ${typeName(d.typeCode)} (wersja ${String(d.currentVersion)}) — ${name(approverId)}${stages}`);
  return [];
}

async function reviewDecision(a: Apply, args: SyncCommandArgs<'reviewDecision'>): Promise<Assigned[]> {
  const o = await office(a);
  const { d, c } = await visibleDecision(a, o, args.id);
  if (d.status !== 'submitted') throw fail('DECISION_NOT_SUBMITTED');
  const onBehalf = visibleInboxOwners(a.actor.id, o.substitutions, o.today);
  if (!d.approverId || !onBehalf.includes(d.approverId)) throw fail('DECISION_NOT_YOUR_REVIEW');
  if (args.outcome === 'returned' && !args.remarks) throw fail('DECISION_REMARKS_REQUIRED');
  const at = a.now.toISOString();
  await a.w.tx.insert(decisionReviews).values({ decisionId: d.id, version: d.currentVersion, reviewerId: a.actor.id, outcome: args.outcome, remarks: args.remarks, at });
  const path = d.approvalPath ? (JSON.parse(d.approvalPath) as string[]) : [];
  const stage = d.approvalStage ?? 0;
  const next = args.outcome === 'approved' ? afterApproval(path, stage) : null;
  if (next?.kind === 'next') await a.w.tx.update(decisions).set({ approverId: next.approverId, approvalStage: next.stage, updatedAt: at, version: a.w.version }).where(eq(decisions.id, d.id));
  else if (next?.kind === 'approved') await a.w.tx.update(decisions).set({ status: 'approved', updatedAt: at, version: a.w.version }).where(eq(decisions.id, d.id));
  else await a.w.tx.update(decisions).set({ status: 'returned', approverId: null, approvalStage: null, updatedAt: at, version: a.w.version }).where(eq(decisions.id, d.id));
  const approver = d.approverId === a.actor.id ? null : o.users.find((u) => u.id === d.approverId);
  const what = `${typeName(d.typeCode)} (wersja ${String(d.currentVersion)})`;
  const stageNote = path.length > 1 ? ` — etap ${String(stage + 1)} z ${String(path.length)}` : '';
  const onward = next?.kind === 'next' ? `; przekazano do: ${o.users.find((u) => u.id === next.approverId)?.fullName ?? '?'}` : '';
  await decisionEvent(
    a,
    c,
    args.outcome === 'approved' ? 'decision.approved' : 'decision.returned',
    args.outcome === 'approved' ? `Zaakceptowano projekt: ${what}${stageNote}${onward}` : `Zwrócono projekt do poprawy: ${what}${stageNote} — ${args.remarks ?? ''}`,
    approver ? { id: approver.id, fullName: approver.fullName } : null,
  );
  return [];
}

/**
 * Reserves the decision-register number of an approved decision before it is printed and
 * signed (the number is part of the signed text). Once reserved it belongs to the decision:
 * asking again gives the same number, and a signature that failed is simply made again — the
 * register has no gaps.
 */
export async function reserveDecisionNumber(w: WriteTx, actor: Actor, id: string, now: Date): Promise<{ number: string; year: number; seq: number }> {
  const a: Apply = { w, actor, now, eventIds: [], position: '' };
  requireRoles(actor, ['head'], 'podpisanie decyzji');
  const o = await office(a);
  const { d, c } = await visibleDecision(a, o, id);
  if (d.number !== null && d.year !== null && d.seq !== null) return { number: d.number, year: d.year, seq: d.seq };
  if (d.status !== 'approved') throw fail('DECISION_NOT_APPROVED');
  if (!c.sign) throw fail('DECISION_CASE_PROVISIONAL', { sign: c.provisionalLabel ?? '?' });
  const year = warsawYear(now);
  const seq = await nextNumber(w, `${DECISION_REGISTER}/${String(year)}`);
  const number = `${String(seq)}/${String(year)}`;
  await w.tx.update(decisions).set({ year, seq, number, updatedAt: now.toISOString(), version: w.version }).where(eq(decisions.id, id));
  await appendAudit(w, { actor: actor.login, action: 'decision.numbered', entityType: 'case', entityId: c.id, summary: `Nadano numer decyzji ${number} (${c.sign})`, data: { decisionId: id } });
  return { number, year, seq };
}

async function signDecision(a: Apply, args: SyncCommandArgs<'signDecision'>): Promise<Assigned[]> {
  requireRoles(a.actor, ['head'], 'podpisanie decyzji');
  const o = await office(a);
  const { d, c } = await visibleDecision(a, o, args.id);
  if (d.status !== 'approved') throw fail('DECISION_NOT_APPROVED');
  // Signed with the number the server reserved for it, and no other.
  if (d.number !== args.number) throw fail('DECISION_NUMBER_MISMATCH', { number: args.number });
  const [blob] = await a.w.tx.select({ complete: blobs.complete }).from(blobs).where(eq(blobs.sha256, args.sha256));
  if (!blob?.complete) throw fail('SCAN_NOT_STAGED', { fileName: `decyzja ${args.number}` });
  const at = a.now.toISOString();
  await a.w.tx.update(decisions).set({ status: 'signed', signedAt: at, signedPdfSha256: args.sha256, templateVersion: args.templateVersion, updatedAt: at, version: a.w.version }).where(eq(decisions.id, d.id));
  const subject = `Decyzja nr ${args.number}: ${typeName(d.typeCode)} (${c.sign})`;
  if (args.dispatch.length > 0) {
    const known = await a.w.tx.select({ id: parties.id }).from(parties).where(inArray(parties.id, args.dispatch.flatMap((x) => (x.partyId ? [x.partyId] : []))));
    await a.w.tx.insert(dispatchItems).values(
      args.dispatch.map((x) => ({
        id: x.id,
        decisionId: d.id,
        caseId: c.id,
        unitId: c.unitId,
        partyId: x.partyId && known.some((k) => k.id === x.partyId) ? x.partyId : null,
        addresseeName: x.addresseeName,
        addresseeAddress: x.addresseeAddress,
        subject,
        documentSha256: args.sha256,
        status: 'awaiting' as const,
        createdAt: at,
        updatedAt: at,
        seqInDecision: x.seqInDecision,
        version: a.w.version,
      })),
    );
  }
  await decisionEvent(a, c, 'decision.signed', `Podpisano elektronicznie decyzję nr ${args.number}`, null, { sha256: args.sha256 });
  if (args.dispatch.length > 0) await decisionEvent(a, c, 'dispatch.created', `Przekazano do wysyłki decyzję nr ${args.number}: ${args.dispatch.map((x) => x.addresseeName).join(', ')}`);
  return [];
}

type OutgoingEntry = {
  id: string;
  provisionalLabel: string;
  statusCode: string;
  party: typeof parties.$inferSelect;
  theCase: typeof cases.$inferSelect | null;
  subject: string;
  channel: string;
  trackingNumber: string | null;
  postageGrosze: number | null;
  massGrams: number | null;
  dispatchedOn: string;
  remarks: string | null;
  attachment: { sha256: string; fileName: string } | null;
};

/** Enters a letter in the outgoing register (WYCH/n/year from the counter, in this transaction). */
async function enterOutgoing(a: Apply, e: OutgoingEntry): Promise<Assigned> {
  requireRoles(a.actor, REGISTRY_ROLES, 'wysyłka pisma');
  if (e.dispatchedOn > warsawDate(a.now)) throw fail('OUTGOING_IN_FUTURE', { date: formatDate(e.dispatchedOn) });
  if ((e.channel === 'registered' || e.channel === 'registered_priority') && !e.trackingNumber) throw fail('OUTGOING_TRACKING_REQUIRED');
  const year = warsawYear(a.now);
  const seq = await nextNumber(a.w, `${OUTGOING_REGISTER}/${String(year)}`);
  const number = `${OUTGOING_REGISTER}/${String(seq)}/${String(year)}`;
  const at = a.now.toISOString();
  const unitId = e.theCase?.unitId ?? a.actor.unitId;
  await a.w.tx.insert(correspondence).values({
    id: e.id,
    direction: 'out',
    register: OUTGOING_REGISTER,
    year,
    seq,
    number,
    provisionalLabel: e.provisionalLabel,
    status: 'registered',
    receivedAt: at,
    channel: e.channel,
    senderId: e.party.id,
    senderName: e.party.name,
    senderReference: null,
    letterDate: null,
    subject: e.subject,
    attachmentsCount: 0,
    trackingNumber: e.trackingNumber,
    remarks: e.remarks,
    unitId,
    statusCode: e.statusCode,
    registeredBy: a.actor.id,
    registeredAt: at,
    updatedAt: at,
    revision: 1,
    cancelReason: null,
    caseId: e.theCase?.id ?? null,
    postageGrosze: e.postageGrosze,
    massGrams: e.massGrams,
    dispatchedOn: e.dispatchedOn,
    version: a.w.version,
  });
  if (e.attachment) await a.w.tx.insert(correspondenceScans).values({ correspondenceId: e.id, sha256: e.attachment.sha256, fileName: e.attachment.fileName, position: 0, addedAt: at, addedBy: a.actor.id });
  const how = `${outgoingChannelLabels[e.channel as OutgoingChannel]}${e.trackingNumber ? ` ${e.trackingNumber}` : ''}`;
  await event(a, unitId, { action: 'correspondence.dispatched', entityType: 'correspondence', entityId: e.id, documentRef: number, summary: `Wysłano ${number} do ${e.party.name} (${how}): ${e.subject}` });
  if (e.theCase) await event(a, e.theCase.unitId, { action: 'case.letterSent', entityType: 'case', entityId: e.theCase.id, documentRef: number, summary: `W sprawie ${e.theCase.sign} wysłano pismo ${number} do ${e.party.name} (${how})` });
  return { entity: 'correspondence', id: e.id, number, provisionalLabel: e.provisionalLabel };
}

async function registerOutgoing(a: Apply, args: SyncCommandArgs<'registerOutgoing'>): Promise<Assigned[]> {
  const [party] = await a.w.tx.select().from(parties).where(eq(parties.id, args.addresseeId));
  if (!party) throw fail('PARTY_NOT_FOUND');
  const [theCase] = args.caseId ? await a.w.tx.select().from(cases).where(eq(cases.id, args.caseId)) : [];
  if (args.caseId && !theCase) throw fail('CASE_NOT_FOUND');
  return [await enterOutgoing(a, { ...args, party, theCase: theCase ?? null, attachment: null })];
}

async function sendDispatchItem(a: Apply, args: SyncCommandArgs<'sendDispatchItem'>): Promise<Assigned[]> {
  const [item] = await a.w.tx.select().from(dispatchItems).where(eq(dispatchItems.id, args.itemId));
  if (!item) throw fail('DISPATCH_NOT_FOUND');
  if (item.status !== 'awaiting') throw fail('DISPATCH_ALREADY_SENT');
  const partyId = item.partyId ?? args.addresseeId;
  if (!partyId) throw fail('DISPATCH_ADDRESSEE_REQUIRED', { name: item.addresseeName });
  const [party] = await a.w.tx.select().from(parties).where(eq(parties.id, partyId));
  if (!party) throw fail('PARTY_NOT_FOUND');
  if ((args.channel === 'epuap' || args.channel === 'edoreczenia') && !party.electronicAddress) throw fail('DISPATCH_NO_ELECTRONIC_ADDRESS', { name: party.name });
  if (args.channel === 'in_person' && !args.collectedBy) throw fail('DISPATCH_COLLECTED_BY_REQUIRED');
  const [theCase] = await a.w.tx.select().from(cases).where(eq(cases.id, item.caseId));
  const [decision] = item.decisionId ? await a.w.tx.select({ number: decisions.number }).from(decisions).where(eq(decisions.id, item.decisionId)) : [];
  const fileName = `decyzja-${(decision?.number ?? 'pismo').replace('/', '-')}.pdf`;
  const assigned = await enterOutgoing(a, {
    id: args.correspondenceId,
    provisionalLabel: args.provisionalLabel,
    statusCode: args.statusCode,
    party,
    theCase: theCase ?? null,
    subject: item.subject,
    channel: args.channel,
    trackingNumber: args.trackingNumber,
    postageGrosze: args.postageGrosze,
    massGrams: args.massGrams,
    dispatchedOn: args.dispatchedOn,
    remarks: args.channel === 'in_person' ? `odebrał(a): ${args.collectedBy ?? ''}` : null,
    attachment: { sha256: item.documentSha256, fileName },
  });
  await a.w.tx.update(dispatchItems).set({ status: 'dispatched', channel: args.channel, correspondenceId: args.correspondenceId, partyId, collectedBy: args.collectedBy, updatedAt: a.now.toISOString(), version: a.w.version }).where(eq(dispatchItems.id, item.id));
  return [assigned];
}

async function updateSettings(a: Apply, args: SyncCommandArgs<'updateSettings'>): Promise<Assigned[]> {
  requireRoles(a.actor, ['admin'], 'ustawienia urzędu');
  valueOrThrow(validatePattern(args.settings.incomingPattern));
  const o = await office(a);
  for (const path of args.settings.approvalPaths) {
    if (!o.units.some((u) => u.id === path.unitId)) throw fail('SETTINGS_PATH_UNIT_UNKNOWN');
    if (path.typeCode !== null && !decisionType(path.typeCode)) throw fail('DECISION_TYPE_UNKNOWN_CODE', { code: path.typeCode });
    for (const id of path.approverIds) if (!o.users.some((u) => u.id === id && u.active)) throw fail('DECISION_PATH_INACTIVE', { name: o.users.find((u) => u.id === id)?.fullName ?? id });
  }
  await a.w.tx.insert(settings).values({ key: 'office-settings', value: args.settings }).onConflictDoUpdate({ target: settings.key, set: { value: args.settings } });
  await appendAudit(a.w, { actor: a.actor.login, action: 'settings.updated', entityType: 'settings', entityId: 'office', summary: 'Zmieniono ustawienia urzędu' });
  return [];
}

async function saveTemplate(a: Apply, args: SyncCommandArgs<'saveTemplate'>): Promise<Assigned[]> {
  requireRoles(a.actor, ['admin'], 'zmiana szablonu pisma');
  const builtIn = templateByCode(args.code);
  if (!builtIn.ok) throw fail('TEMPLATE_NOT_FOUND', { code: args.code });
  // Only the wording is the office's: name, kind and procedure stay as built in.
  if (args.template.kind !== builtIn.value.kind || args.template.code !== args.code) throw fail('INVALID_INPUT', { detail: 'rodzaj szablonu nie może się zmienić' });
  const checked = validateDocumentTemplate(args.template);
  if (!checked.ok) throw new DomainError(checked.code, checked.message);
  const rows = await a.w.tx.select({ version: documentTemplates.version }).from(documentTemplates).where(eq(documentTemplates.code, args.code));
  const newest = Math.max(0, ...rows.map((r) => r.version));
  if (args.version !== newest + 1) throw fail('STALE_REVISION');
  await a.w.tx.insert(documentTemplates).values({ code: args.code, version: args.version, template: JSON.stringify(args.template), createdAt: a.now.toISOString(), createdBy: a.actor.id, serverVersion: a.w.version });
  await appendAudit(a.w, { actor: a.actor.login, action: 'template.saved', entityType: 'template', entityId: args.code, summary: `Zmieniono treść szablonu „${builtIn.value.name}” (wersja ${String(args.version)})` });
  return [];
}

const APPLIERS: { [N in Exclude<SyncCommandName, EngineCommandName>]: (a: Apply, args: SyncCommandArgs<N>) => Promise<Assigned[]> } = {
  createDecision,
  saveDecision,
  submitDecision,
  reviewDecision,
  signDecision,
  registerOutgoing,
  sendDispatchItem,
  updateSettings,
  saveTemplate,
};

/** Applies one pushed command in the caller's write transaction; throws a DomainError to refuse it. */
export async function applyMutation(w: WriteTx, actor: Actor, m: Mutation, now: Date, clientId: string): Promise<Assigned[]> {
  if (!isSyncCommandName(m.name)) throw fail('SYNC_COMMAND_UNKNOWN', { name: m.name });
  const parsed = syncCommandSchemas[m.name].safeParse(m.args);
  if (!parsed.success) throw fail('SYNC_COMMAND_INVALID', { name: m.name, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  const [me] = await w.tx.select({ position: users.position, active: users.active }).from(users).where(eq(users.id, actor.id));
  if (!me?.active) throw fail('AUTH_ACCOUNT_INACTIVE');
  if (isEngineCommand(m.name)) {
    // Defined once in core/commands: read, decide, apply here; the metryka ids derive from the
    // client and its mutation id, as the workstation derived its own.
    const command: AnyCommand = engineCommands[m.name];
    const env = { actor: { id: actor.id, fullName: actor.fullName, position: me.position, role: actor.role, unitId: actor.unitId }, now };
    const decided = await decideAsync(command, parsed.data, env, pgReads(w));
    return applyEffectsPg(w, decided.effects, { actor: env.actor, login: actor.login, at: now.toISOString(), metrykaId: (i) => metrykaId(clientId, m.id, i) });
  }
  const a: Apply = { w, actor, now, eventIds: [...m.eventIds], position: me.position };
  // Each applier takes its own command's arguments; the name picked the schema above.
  const apply = APPLIERS[m.name] as (a: Apply, args: unknown) => Promise<Assigned[]>;
  return apply(a, parsed.data);
}
