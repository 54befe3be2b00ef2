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
import { mayActOnCase, transition, type CaseAction } from '#core/cases/status';
import { addDays } from '#core/deadlines/holidays';
import { caseActionSummaries } from '#core/i18n/labels.pl';
import { fail } from '#core/errors';
import { valueOrThrow } from '#core/checkResult';
import { warsawDate, warsawYear, formatDate } from '#core/time';
import { formatNumber } from '#core/numbering/pattern';
import { caseRegisterScope, checkJrwaForCase, formatCaseSign } from '#core/cases/caseSign';
import { checkAssignment, type Assignment } from '#core/cases/dekretacja';
import type { CalendarDate, OfficeUser, Person, UnitRef } from '#core/cases/substitution';
import { caseDeadline, type StatutoryDeadlineKind } from '#core/deadlines/kpa';
import type { SessionUser } from '#sync/protocol';
import type { Mutation, SyncCommandArgs, SyncCommandName, WireEvent } from '#sync/protocol/commands';
import { syncCommandSchemas, isSyncCommandName } from '#sync/protocol/commands';
import type { WriteTx } from '#server/db/tx';
import { nextNumber } from '#server/db/counters';
import { appendAudit } from '#server/db/audit';
import { units } from '#server/db/schema/units';
import { users } from '#server/db/schema/users';
import { jrwaClasses } from '#server/db/schema/jrwa';
import { settings } from '#server/db/schema/settings';
import { assignments, blobs, caseItems, caseParties, caseSuspensions, cases, correspondence, correspondenceScans, parties, recordEvents } from '#server/db/schema/records';

export type Assigned = { entity: 'correspondence' | 'case'; id: string; number: string; provisionalLabel: string };

type Actor = SessionUser;

/** What one command needs around it: the transaction, who acts, when (server clock), its event ids. */
type Apply = { w: WriteTx; actor: Actor; now: Date; eventIds: string[]; position: string };

const INCOMING_REGISTER = 'RPW';
const INSTRUCTION_LABELS = { do_zalatwienia: 'do załatwienia', do_wiadomosci: 'do wiadomości', do_opinii: 'do opinii' } as const;
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

/** The office's units and active people, as the pure rules take them. */
async function office(a: Apply): Promise<{ units: UnitRef[]; users: OfficeUser[]; actor: Person; today: CalendarDate }> {
  const unitRows = await a.w.tx.select({ id: units.id, symbol: units.symbol, parentId: units.parentId }).from(units);
  const userRows = await a.w.tx.select({ id: users.id, fullName: users.fullName, role: users.role, unitId: users.unitId, active: users.active }).from(users);
  return {
    units: unitRows,
    users: userRows,
    actor: { id: a.actor.id, fullName: a.actor.fullName, role: a.actor.role, unitId: a.actor.unitId },
    today: warsawDate(a.now) as CalendarDate,
  };
}

function unitScope(actor: Actor, tree: readonly UnitRef[]): Set<string> | null {
  if (actor.role === 'registry' || actor.role === 'admin') return null;
  const out = new Set<string>([actor.unitId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of tree) {
      if (u.parentId !== null && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

async function incomingPattern(a: Apply): Promise<string> {
  const [row] = await a.w.tx.select({ value: settings.value }).from(settings).where(eq(settings.key, 'office-settings'));
  const pattern = (row?.value as { incomingPattern?: unknown } | undefined)?.incomingPattern;
  return typeof pattern === 'string' ? pattern : 'RPW/{nr}/{rok}';
}

async function createParty(a: Apply, args: SyncCommandArgs<'createParty'>): Promise<Assigned[]> {
  const p = args.party;
  if (p.pesel || p.nip) {
    const same = await a.w.tx
      .select({ name: parties.name })
      .from(parties)
      .where(p.pesel ? eq(parties.pesel, p.pesel) : eq(parties.nip, p.nip ?? ''));
    if (same[0]) throw fail('PARTY_EXISTS', { name: same[0].name });
  }
  const name = p.kind === 'person' ? [p.firstName, p.lastName].filter(Boolean).join(' ') : (p.name ?? '');
  await a.w.tx.insert(parties).values({
    id: args.id,
    kind: p.kind,
    name,
    firstName: p.firstName ?? null,
    lastName: p.lastName ?? null,
    pesel: p.pesel ?? null,
    nip: p.nip ?? null,
    regon: p.regon ?? null,
    street: p.street ?? null,
    postalCode: p.postalCode ?? null,
    city: p.city ?? null,
    country: 'Polska',
    email: p.email ?? null,
    phone: p.phone ?? null,
    electronicAddress: p.electronicAddress ?? null,
    createdAt: a.now.toISOString(),
    createdBy: a.actor.id,
    version: a.w.version,
  });
  await appendAudit(a.w, { actor: a.actor.login, action: 'party.created', entityType: 'party', entityId: args.id, summary: `Dodano stronę: ${name}` });
  return [];
}

async function registerIncoming(a: Apply, args: SyncCommandArgs<'registerIncoming'>): Promise<Assigned[]> {
  requireRoles(a.actor, REGISTRY_ROLES, 'rejestracja przesyłki');
  const [sender] = await a.w.tx.select().from(parties).where(eq(parties.id, args.senderId));
  if (!sender) throw fail('PARTY_NOT_FOUND');
  const [unit] = await a.w.tx.select().from(units).where(eq(units.id, args.unitId));
  if (!unit?.active) throw fail('UNIT_NOT_FOUND');
  if (args.scans.length > 0) {
    const held = await a.w.tx.select({ sha256: blobs.sha256, complete: blobs.complete }).from(blobs).where(inArray(blobs.sha256, args.scans.map((s) => s.sha256)));
    for (const s of args.scans) if (!held.find((h) => h.sha256 === s.sha256)?.complete) throw fail('SCAN_NOT_STAGED', { fileName: s.fileName });
  }
  if (!args.acknowledgeDuplicates && args.senderReference) {
    const same = await a.w.tx
      .select({ number: correspondence.number })
      .from(correspondence)
      .where(and(eq(correspondence.senderId, args.senderId), eq(correspondence.senderReference, args.senderReference), eq(correspondence.status, 'registered')));
    if (same[0]) throw fail('DUPLICATE_SUSPECTED', { list: `Pismo tego nadawcy o znaku „${args.senderReference}” jest już zarejestrowane jako ${same[0].number}.` });
  }
  const year = warsawYear(a.now);
  const seq = await nextNumber(a.w, `${INCOMING_REGISTER}/${String(year)}`);
  const number = formatNumber(await incomingPattern(a), { seq, year, date: a.now });
  const at = a.now.toISOString();
  await a.w.tx.insert(correspondence).values({
    id: args.id,
    direction: 'in',
    register: INCOMING_REGISTER,
    year,
    seq,
    number,
    provisionalLabel: args.provisionalLabel,
    status: 'registered',
    receivedAt: args.receivedAt,
    channel: args.channel,
    senderId: sender.id,
    senderName: sender.name,
    senderReference: args.senderReference,
    letterDate: args.letterDate,
    subject: args.subject,
    attachmentsCount: args.attachmentsCount,
    trackingNumber: args.trackingNumber,
    remarks: args.remarks,
    unitId: unit.id,
    statusCode: args.statusCode,
    registeredBy: a.actor.id,
    registeredAt: at,
    updatedAt: at,
    revision: 1,
    cancelReason: null,
    caseId: null,
    version: a.w.version,
  });
  if (args.scans.length > 0) {
    await a.w.tx.insert(correspondenceScans).values(args.scans.map((s, i) => ({ correspondenceId: args.id, sha256: s.sha256, fileName: s.fileName, position: i + 1, addedAt: at, addedBy: a.actor.id })));
  }
  await event(a, unit.id, {
    action: 'correspondence.registered',
    entityType: 'correspondence',
    entityId: args.id,
    documentRef: number,
    summary: `Zarejestrowano przesyłkę wpływającą ${number} (tymczasowo ${args.provisionalLabel}) od ${sender.name}: ${args.subject}`,
    data: { number, provisionalLabel: args.provisionalLabel, scans: args.scans.map((s) => s.sha256) },
  });
  return [{ entity: 'correspondence', id: args.id, number, provisionalLabel: args.provisionalLabel }];
}

async function assignItem(a: Apply, args: SyncCommandArgs<'assignItem'>): Promise<Assigned[]> {
  requireRoles(a.actor, CASE_ROLES, 'dekretacja');
  const o = await office(a);
  const [item] = await a.w.tx.select().from(correspondence).where(eq(correspondence.id, args.itemId));
  const scope = unitScope(a.actor, o.units);
  if (!item || (scope && !scope.has(item.unitId))) throw fail('CORRESPONDENCE_NOT_FOUND');
  const inCase = await a.w.tx.select({ caseId: caseItems.caseId }).from(caseItems).where(eq(caseItems.correspondenceId, item.id));
  if (inCase.length > 0) throw fail('FORWARD_CASE_OPENED');
  const existing = await a.w.tx.select().from(assignments).where(and(eq(assignments.correspondenceId, item.id), eq(assignments.state, 'active')));
  const actingFor = args.actingForId ? (o.users.find((u) => u.id === args.actingForId) ?? null) : null;
  const plan = valueOrThrow(
    checkAssignment({
      ...o,
      // Substitutions reach the server with their own command; until then none applies here.
      substitutions: [],
      actingFor: actingFor ? { id: actingFor.id, fullName: actingFor.fullName, role: actingFor.role, unitId: actingFor.unitId } : null,
      item: { id: item.id, unitId: item.unitId, assignments: existing.map(toRuleAssignment) },
      targets: args.userIds.map((userId) => ({ kind: 'user' as const, userId })),
      instruction: args.instruction,
      deadline: args.deadline as CalendarDate | null,
      note: args.note,
    }),
  );
  if (plan.replaces.length > 0) await a.w.tx.update(assignments).set({ state: 'withdrawn' }).where(inArray(assignments.id, [...plan.replaces]));
  const at = a.now.toISOString();
  await a.w.tx.insert(assignments).values(
    plan.create.map((x, i) => ({
      id: args.assignmentIds[i] ?? crypto.randomUUID(),
      correspondenceId: item.id,
      assignedBy: x.assignedBy,
      onBehalfOf: x.onBehalfOf,
      assigneeUserId: x.assignedTo.kind === 'user' ? x.assignedTo.userId : null,
      assigneeUnitId: x.assignedTo.kind === 'unit' ? x.assignedTo.unitId : null,
      instruction: x.instruction,
      deadline: x.deadline,
      note: x.note,
      at,
      state: 'active' as const,
    })),
  );
  await a.w.tx.update(correspondence).set({ version: a.w.version, updatedAt: at }).where(eq(correspondence.id, item.id));
  const names = plan.create.map((x) => (x.assignedTo.kind === 'user' ? (o.users.find((u) => u.id === (x.assignedTo as { userId: string }).userId)?.fullName ?? '?') : '?')).join(', ');
  await event(a, item.unitId, {
    action: 'correspondence.assigned',
    entityType: 'correspondence',
    entityId: item.id,
    documentRef: item.number,
    summary: `Dekretacja ${item.number}: ${names} — ${INSTRUCTION_LABELS[args.instruction]}${args.deadline ? `, termin ${formatDate(args.deadline)}` : ''}${args.note ? ` (${args.note})` : ''}`,
    data: { targets: args.userIds, instruction: args.instruction, deadline: args.deadline },
    onBehalfOf: actingFor ? { id: actingFor.id, fullName: actingFor.fullName } : null,
  });
  return [];
}

function toRuleAssignment(r: typeof assignments.$inferSelect): Assignment {
  return {
    id: r.id,
    itemId: r.correspondenceId,
    assignedBy: r.assignedBy,
    onBehalfOf: r.onBehalfOf,
    assignedTo: r.assigneeUserId ? { kind: 'user', userId: r.assigneeUserId } : { kind: 'unit', unitId: r.assigneeUnitId ?? '' },
    instruction: r.instruction,
    deadline: r.deadline as CalendarDate | null,
    note: r.note,
    at: r.at,
  };
}

async function openCase(a: Apply, args: SyncCommandArgs<'openCase'>): Promise<Assigned[]> {
  requireRoles(a.actor, CASE_ROLES, 'założenie sprawy');
  const [jrwa] = await a.w.tx.select().from(jrwaClasses).where(eq(jrwaClasses.symbol, args.jrwaSymbol));
  if (!jrwa) throw fail('CASE_JRWA_UNKNOWN', { symbol: args.jrwaSymbol });
  valueOrThrow(checkJrwaForCase(jrwa));
  const o = await office(a);
  const scope = unitScope(a.actor, o.units);
  const [item] = args.itemId ? await a.w.tx.select().from(correspondence).where(eq(correspondence.id, args.itemId)) : [];
  if (args.itemId) {
    if (!item || (scope && !scope.has(item.unitId))) throw fail('CORRESPONDENCE_NOT_FOUND');
    if (item.status === 'cancelled') throw fail('ALREADY_CANCELLED');
    const inCase = await a.w.tx.select({ caseId: caseItems.caseId }).from(caseItems).where(eq(caseItems.correspondenceId, item.id));
    const [other] = inCase[0] ? await a.w.tx.select({ sign: cases.sign }).from(cases).where(eq(cases.id, inCase[0].caseId)) : [];
    if (other) throw fail('CASE_ITEM_IN_CASE', { sign: other.sign });
  }
  const [unit] = await a.w.tx.select().from(units).where(eq(units.id, a.actor.unitId));
  if (!unit) throw fail('UNIT_NOT_FOUND');
  const year = warsawYear(a.now);
  const registerScope = valueOrThrow(caseRegisterScope({ unit: unit.symbol, jrwa, year }));
  const seq = await nextNumber(a.w, registerScope);
  const sign = valueOrThrow(formatCaseSign({ unit: unit.symbol, jrwa, seq, year }));
  // KPA art. 61 §3: a case on request starts the day the request reached the organ.
  const startedOn = args.startedOn ?? (item ? warsawDate(new Date(item.receivedAt)) : warsawDate(a.now));
  const due = caseDeadline({ kind: args.deadlineKind, start: startedOn as CalendarDate, suspensions: [] });
  const dueOn = due.state === 'running' ? due.due : null;
  const at = a.now.toISOString();
  await a.w.tx.insert(cases).values({
    id: args.id,
    unitId: unit.id,
    unitSymbol: unit.symbol,
    jrwaSymbol: jrwa.symbol,
    year,
    seq,
    sign,
    provisionalLabel: args.provisionalLabel,
    title: args.title,
    ownerId: a.actor.id,
    status: 'opened',
    deadlineKind: args.deadlineKind,
    startedOn,
    dueOn,
    openedAt: at,
    openedBy: a.actor.id,
    closedOn: null,
    cancelReason: null,
    remarks: null,
    revision: 1,
    version: a.w.version,
  });
  const partyIds = new Set(args.partyIds);
  if (item) partyIds.add(item.senderId);
  if (partyIds.size > 0) {
    const known = await a.w.tx.select({ id: parties.id }).from(parties).where(inArray(parties.id, [...partyIds]));
    if (known.length !== partyIds.size) throw fail('PARTY_NOT_FOUND');
    await a.w.tx.insert(caseParties).values([...partyIds].map((partyId) => ({ caseId: args.id, partyId, role: item && partyId === item.senderId ? ('wnioskodawca' as const) : ('strona' as const), addedAt: at })));
  }
  await event(a, unit.id, {
    action: 'case.opened',
    entityType: 'case',
    entityId: args.id,
    documentRef: sign,
    summary: `Założono sprawę ${sign} (tymczasowo ${args.provisionalLabel}): ${args.title} (termin: ${dueOn ? formatDate(dueOn) : '—'}, ${due.basis})`,
    data: { sign, jrwa: jrwa.symbol, itemId: item?.id ?? null },
  });
  if (item) {
    await a.w.tx.insert(caseItems).values({ caseId: args.id, correspondenceId: item.id, initiating: true, linkedAt: at, linkedBy: a.actor.id });
    await a.w.tx
      .update(assignments)
      .set({ state: 'done' })
      .where(and(eq(assignments.correspondenceId, item.id), eq(assignments.state, 'active'), eq(assignments.assigneeUserId, a.actor.id)));
    await a.w.tx.update(correspondence).set({ version: a.w.version, updatedAt: at }).where(eq(correspondence.id, item.id));
    await event(a, item.unitId, {
      action: 'correspondence.linked',
      entityType: 'correspondence',
      entityId: item.id,
      documentRef: item.number,
      summary: `Przesyłka ${item.number} wszczęła sprawę ${sign}`,
      data: { caseId: args.id },
    });
  }
  return [{ entity: 'case', id: args.id, number: sign, provisionalLabel: args.provisionalLabel }];
}

/** A case the actor may see (their units), or CASE_NOT_FOUND. */
async function visibleCase(a: Apply, tree: readonly UnitRef[], id: string) {
  const [c] = await a.w.tx.select().from(cases).where(eq(cases.id, id));
  const scope = unitScope(a.actor, tree);
  if (!c || (scope && !scope.has(c.unitId))) throw fail('CASE_NOT_FOUND');
  return c;
}

/** Whether the actor may act on the case (its owner, the head of its unit, an admin). */
function grant(o: Awaited<ReturnType<typeof office>>, c: typeof cases.$inferSelect, action: CaseAction) {
  // Substitutions are not on the server yet: a substitute's action is refused here, by name.
  return valueOrThrow(mayActOnCase({ user: o.actor, case: { unitId: c.unitId, ownerId: c.ownerId }, action, substitutions: [], today: o.today, units: o.units }));
}

async function linkItemToCase(a: Apply, args: SyncCommandArgs<'linkItem'>): Promise<Assigned[]> {
  requireRoles(a.actor, CASE_ROLES, 'dołączenie pisma do sprawy');
  const o = await office(a);
  const c = await visibleCase(a, o.units, args.caseId);
  grant(o, c, 'start');
  if (c.status === 'closed' || c.status === 'cancelled') throw fail('CASE_NOT_OPEN', { sign: c.sign });
  const [item] = await a.w.tx.select().from(correspondence).where(eq(correspondence.id, args.itemId));
  const scope = unitScope(a.actor, o.units);
  if (!item || (scope && !scope.has(item.unitId))) throw fail('CORRESPONDENCE_NOT_FOUND');
  const [already] = await a.w.tx.select({ caseId: caseItems.caseId }).from(caseItems).where(eq(caseItems.correspondenceId, item.id));
  if (already) {
    const [other] = await a.w.tx.select({ sign: cases.sign }).from(cases).where(eq(cases.id, already.caseId));
    throw fail('CASE_ITEM_IN_CASE', { sign: other?.sign ?? '?' });
  }
  const at = a.now.toISOString();
  await a.w.tx.insert(caseItems).values({ caseId: c.id, correspondenceId: item.id, initiating: false, linkedAt: at, linkedBy: a.actor.id });
  await a.w.tx.update(cases).set({ version: a.w.version }).where(eq(cases.id, c.id));
  await a.w.tx.update(correspondence).set({ version: a.w.version, updatedAt: at }).where(eq(correspondence.id, item.id));
  await event(a, item.unitId, { action: 'correspondence.linked', entityType: 'correspondence', entityId: item.id, documentRef: item.number, summary: `Przesyłkę ${item.number} dołączono do akt sprawy ${c.sign}`, data: { caseId: c.id } });
  await event(a, c.unitId, { action: 'case.itemLinked', entityType: 'case', entityId: c.id, documentRef: item.number, summary: `Do akt sprawy dołączono pismo ${item.number} od ${item.senderName}`, data: { itemId: item.id } });
  return [];
}

async function caseAction(a: Apply, args: SyncCommandArgs<'caseAction'>): Promise<Assigned[]> {
  const o = await office(a);
  const c = await visibleCase(a, o.units, args.id);
  // Someone changed the case after this person looked at it: their action may no longer fit.
  if (c.revision !== args.expectedRevision) throw fail('STALE_REVISION');
  grant(o, c, args.action);
  const next = valueOrThrow(transition(c.status, args.action));
  if ((args.action === 'cancel' || args.action === 'suspend' || args.action === 'reopen') && !args.reason) throw fail('CASE_REASON_REQUIRED');
  const today = o.today;
  if (args.action === 'suspend') await a.w.tx.insert(caseSuspensions).values({ caseId: c.id, fromOn: today, toOn: null, reason: args.reason ?? '' });
  if (args.action === 'resume') {
    const open = (await a.w.tx.select().from(caseSuspensions).where(eq(caseSuspensions.caseId, c.id))).find((s) => s.toOn === null);
    const lastStill = addDays(today, -1);
    // The suspension covers the days the case stood still; it runs again from the resume day.
    if (open) await a.w.tx.update(caseSuspensions).set({ toOn: lastStill < open.fromOn ? open.fromOn : lastStill }).where(and(eq(caseSuspensions.caseId, c.id), isNull(caseSuspensions.toOn)));
  }
  const suspensions = (await a.w.tx.select().from(caseSuspensions).where(eq(caseSuspensions.caseId, c.id))).map((s) => ({ from: s.fromOn as CalendarDate, to: s.toOn as CalendarDate | null }));
  // Cases are opened with a statutory kind (syncCommandSchemas.openCase); custom terms do not sync.
  const due = caseDeadline({ kind: c.deadlineKind as StatutoryDeadlineKind, start: c.startedOn as CalendarDate, suspensions });
  await a.w.tx
    .update(cases)
    .set({
      status: next,
      dueOn: due.state === 'running' ? due.due : null,
      closedOn: args.action === 'close' ? today : args.action === 'reopen' ? null : c.closedOn,
      cancelReason: args.action === 'cancel' ? args.reason : c.cancelReason,
      revision: c.revision + 1,
      version: a.w.version,
    })
    .where(eq(cases.id, c.id));
  await event(a, c.unitId, {
    action: `case.${args.action}`,
    entityType: 'case',
    entityId: c.id,
    documentRef: c.sign,
    summary: `${caseActionSummaries[args.action]} ${c.sign}${args.reason ? `: ${args.reason}` : ''}`,
    data: { from: c.status, to: next, reason: args.reason },
  });
  return [];
}

const APPLIERS: { [N in SyncCommandName]: (a: Apply, args: SyncCommandArgs<N>) => Promise<Assigned[]> } = {
  createParty,
  registerIncoming,
  assignItem,
  openCase,
  linkItem: linkItemToCase,
  caseAction,
};

/** Applies one pushed command in the caller's write transaction; throws a DomainError to refuse it. */
export async function applyMutation(w: WriteTx, actor: Actor, m: Mutation, now: Date): Promise<Assigned[]> {
  if (!isSyncCommandName(m.name)) throw fail('SYNC_COMMAND_UNKNOWN', { name: m.name });
  const parsed = syncCommandSchemas[m.name].safeParse(m.args);
  if (!parsed.success) throw fail('SYNC_COMMAND_INVALID', { name: m.name, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  const [me] = await w.tx.select({ position: users.position, active: users.active }).from(users).where(eq(users.id, actor.id));
  if (!me?.active) throw fail('AUTH_ACCOUNT_INACTIVE');
  const a: Apply = { w, actor, now, eventIds: [...m.eventIds], position: me.position };
  // Each applier takes its own command's arguments; the name picked the schema above.
  const apply = APPLIERS[m.name] as (a: Apply, args: unknown) => Promise<Assigned[]>;
  return apply(a, parsed.data);
}
