/**
 * Case commands: a case opened in the spis spraw (from a letter or on the office's own
 * initiative), another letter joining its file, and the status actions. Defined once
 * (engine.ts); the rules are core/cases (signs, status, who may act) and core/deadlines.
 */
import { z } from 'zod';
import { deadlineKindSchema, type Role } from '#core/contract';
import { fail } from '#core/errors';
import { valueOrThrow, type CheckResult } from '#core/checkResult';
import { warsawDate, warsawYear } from '#core/time';
import { caseRegisterScope, checkJrwaForCase } from '#core/cases/caseSign';
import { mayActOnCase, transition, type CaseAction, type CaseActionGrant } from '#core/cases/status';
import { isWithinUnit, visibleInboxOwners, type CalendarDate } from '#core/cases/substitution';
import { addDays } from '#core/deadlines/holidays';
import { caseDeadline, type StatutoryDeadlineKind } from '#core/deadlines/kpa';
import { ask, defineCommand } from '#core/commands/engine';
import { allowRoles, labelOf, ruleOffice, type RuleOffice, letterEntry, visibleCase, visibleLetter } from '#core/commands/office';
import type { Effect, MetrykaEffect, MetrykaEntry } from '#core/commands/effects';
import type { CaseItemRecord, CaseRecord, SuspensionRecord } from '#core/commands/records';

const id = z.uuid();

/** Who handles cases: clerks and heads (an admin only looks and cancels). */
export const CASE_ROLES = ['clerk', 'head'] as const satisfies readonly Role[];

/** A case's label: its sign, else the provisional label it was opened with. */
export function caseLabel(c: Pick<CaseRecord, 'sign' | 'provisionalLabel'>): string {
  return c.sign ?? c.provisionalLabel ?? '?';
}

/** A metryka entry of the case (about itself, a letter of its file, one of its decisions). */
export function caseEntry(c: CaseRecord, entry: MetrykaEntry, o: { documentRef?: string; onBehalfOf?: { id: string; fullName: string } | null } = {}): MetrykaEffect {
  return { kind: 'metryka', entityType: 'case', entityId: c.id, unitId: c.unitId, documentRef: o.documentRef ?? caseLabel(c), onBehalfOf: o.onBehalfOf ?? null, entry };
}

/** The term of a case from its start and suspensions (KPA art. 35 with art. 57). */
export function caseDue(c: Pick<CaseRecord, 'deadlineKind' | 'startedOn'>, suspensions: readonly Pick<SuspensionRecord, 'fromOn' | 'toOn'>[]): { dueOn: string | null; basis: string; suspendedDays: number } {
  const d = caseDeadline({ kind: c.deadlineKind as StatutoryDeadlineKind, start: c.startedOn as CalendarDate, suspensions: suspensions.map((s) => ({ from: s.fromOn as CalendarDate, to: s.toOn as CalendarDate | null })) });
  return d.state === 'running' ? { dueOn: d.due, basis: d.basis, suspendedDays: d.suspendedDays } : { dueOn: null, basis: d.basis, suspendedDays: 0 };
}

/**
 * Who may take `action` on the case: the person in their own right, or else in the name of
 * someone they substitute today (the owner, or the unit's head) — then recorded as such.
 */
export function caseGrant(o: RuleOffice, c: Pick<CaseRecord, 'unitId' | 'ownerId'>, action: CaseAction | 'reassign'): CheckResult<CaseActionGrant> {
  const own = mayActOnCase({ user: o.actor, case: c, action, substitutions: o.substitutions, today: o.today, units: o.units });
  if (own.ok) return own;
  for (const forId of visibleInboxOwners(o.actor.id, o.substitutions, o.today).filter((x) => x !== o.actor.id)) {
    const actingFor = o.users.find((u) => u.id === forId) ?? null;
    if (!actingFor) continue;
    const granted = mayActOnCase({ user: o.actor, actingFor, case: c, action, substitutions: o.substitutions, today: o.today, units: o.units });
    if (granted.ok) return granted;
  }
  return own;
}

/** The person in whose name a grant lets the actor act (null: in their own right). */
export function onBehalfOf(o: RuleOffice, grant: CaseActionGrant): { id: string; fullName: string } | null {
  const p = grant.actingForId === null ? undefined : o.users.find((u) => u.id === grant.actingForId);
  return p ? { id: p.id, fullName: p.fullName } : null;
}

/** A letter may join only one case's file. */
function* caseHolding(letterId: string | null) {
  const caseId = letterId === null ? null : yield* ask.caseOfLetter(letterId);
  return caseId === null ? null : yield* ask.case(caseId);
}

function refuseIfInCase(holding: CaseRecord | null) {
  if (holding) throw fail('CASE_ITEM_IN_CASE', { sign: caseLabel(holding) });
}

export const openCase = defineCommand({
  name: 'openCase',
  args: z.object({
    id,
    /** The label a synced workstation shows until the server gives the sign; null where the sign comes at once. */
    provisionalLabel: z.string().min(1).max(60).nullable(),
    itemId: id.nullable(),
    jrwaSymbol: z.string().regex(/^\d{1,4}$/),
    title: z.string().min(1).max(500),
    deadlineKind: deadlineKindSchema,
    startedOn: z.iso.date().nullable(),
    partyIds: z.array(id).max(50),
  }),
  *read(a) {
    const item = a.itemId === null ? null : yield* ask.letter(a.itemId);
    const partyIds = [...new Set([...a.partyIds, ...(item ? [item.senderId] : [])])];
    const parties = [];
    for (const pid of partyIds) parties.push({ id: pid, known: (yield* ask.party(pid)) !== null });
    return { jrwa: yield* ask.jrwa(a.jrwaSymbol), office: yield* ask.office(), item, holding: yield* caseHolding(a.itemId), parties, active: a.itemId === null ? [] : yield* ask.activeAssignments(a.itemId) };
  },
  decide(s, a, env) {
    allowRoles(env.actor, CASE_ROLES, 'założenie sprawy');
    if (!s.jrwa) throw fail('CASE_JRWA_UNKNOWN', { symbol: a.jrwaSymbol });
    valueOrThrow(checkJrwaForCase(s.jrwa));
    const o = ruleOffice(s.office, env);
    const item = a.itemId === null ? null : visibleLetter(s.item, o, env);
    if (item) {
      if (item.status === 'cancelled') throw fail('ALREADY_CANCELLED');
      refuseIfInCase(s.holding);
    }
    // A case is registered in the spis spraw of the unit of the person opening it.
    const unit = s.office.units.find((u) => u.id === env.actor.unitId);
    if (!unit) throw fail('UNIT_NOT_FOUND');
    if (s.parties.some((p) => !p.known)) throw fail('PARTY_NOT_FOUND');
    // The sign's year is the year the case is registered in the spis spraw (office calendar).
    const year = warsawYear(env.now);
    const scope = valueOrThrow(caseRegisterScope({ unit: unit.symbol, jrwa: s.jrwa, year }));
    // KPA art. 61 §3: a case on request starts the day the request reached the organ.
    const startedOn = a.startedOn ?? (item ? warsawDate(new Date(item.receivedAt)) : warsawDate(env.now));
    const due = caseDue({ deadlineKind: a.deadlineKind, startedOn }, []);
    const at = env.now.toISOString();
    const row: CaseRecord = {
      id: a.id,
      unitId: unit.id,
      unitSymbol: unit.symbol,
      jrwaSymbol: s.jrwa.symbol,
      year,
      seq: null,
      sign: null,
      provisionalLabel: a.provisionalLabel,
      title: a.title,
      ownerId: env.actor.id,
      status: 'opened',
      deadlineKind: a.deadlineKind,
      startedOn,
      dueOn: due.dueOn,
      openedAt: at,
      openedBy: env.actor.id,
      closedOn: null,
      cancelReason: null,
      remarks: null,
      revision: 1,
    };
    const label = a.provisionalLabel ?? '?';
    const effects: Effect[] = [
      { kind: 'insert', table: 'cases', rows: [row] },
      { kind: 'number', table: 'cases', id: a.id, scope, format: { kind: 'caseSign', unit: unit.symbol, jrwa: s.jrwa, year } },
      { kind: 'insert', table: 'caseParties', rows: s.parties.map((p) => ({ caseId: a.id, partyId: p.id, role: item && p.id === item.senderId ? 'wnioskodawca' : 'strona', addedAt: at, removedAt: null, removedBy: null, removalReason: null })) },
      {
        kind: 'metryka',
        entityType: 'case',
        entityId: a.id,
        unitId: unit.id,
        documentRef: label,
        numbered: { label: a.id },
        onBehalfOf: null,
        entry: { action: 'case.opened', data: { label, provisionalLabel: a.provisionalLabel, title: a.title, dueOn: due.dueOn, basis: due.basis, jrwa: s.jrwa.symbol, itemId: item?.id ?? null } },
      },
    ];
    if (item) {
      const link: CaseItemRecord = { caseId: a.id, correspondenceId: item.id, initiating: true, linkedAt: at, linkedBy: env.actor.id };
      effects.push(
        { kind: 'insert', table: 'caseItems', rows: [link] },
        // The letter is now handled within the case: its assignments to this person are done.
        { kind: 'update', table: 'assignments', ids: s.active.filter((x) => x.assigneeUserId === env.actor.id).map((x) => x.id), set: { state: 'done' } },
        { kind: 'update', table: 'correspondence', ids: [item.id], set: { updatedAt: at } },
        letterEntry(item, { action: 'correspondence.linked', data: { label: labelOf(item), caseLabel: label, caseId: a.id, initiating: true } }, { numbered: { caseLabel: a.id } }),
      );
    }
    return effects;
  },
  describe: (_s, a) => `Nowa sprawa ${a.provisionalLabel ?? ''}: ${a.title}`,
});

export const linkItem = defineCommand({
  name: 'linkItem',
  args: z.object({ caseId: id, itemId: id }),
  *read(a) {
    return { office: yield* ask.office(), theCase: yield* ask.case(a.caseId), item: yield* ask.letter(a.itemId), holding: yield* caseHolding(a.itemId) };
  },
  decide(s, a, env) {
    allowRoles(env.actor, CASE_ROLES, 'dołączenie pisma do sprawy');
    const o = ruleOffice(s.office, env);
    const c = visibleCase(s.theCase, o, env);
    const who = onBehalfOf(o, valueOrThrow(caseGrant(o, c, 'start')));
    if (c.status === 'closed' || c.status === 'cancelled') throw fail('CASE_NOT_OPEN', { sign: caseLabel(c) });
    const item = visibleLetter(s.item, o, env);
    refuseIfInCase(s.holding);
    const at = env.now.toISOString();
    return [
      { kind: 'insert', table: 'caseItems', rows: [{ caseId: c.id, correspondenceId: item.id, initiating: false, linkedAt: at, linkedBy: env.actor.id }] },
      { kind: 'update', table: 'correspondence', ids: [item.id], set: { updatedAt: at } },
      letterEntry(item, { action: 'correspondence.linked', data: { label: labelOf(item), caseLabel: caseLabel(c), caseId: c.id, initiating: false } }, { onBehalfOf: who }),
      caseEntry(c, { action: 'case.itemLinked', data: { label: labelOf(item), senderName: item.senderName, itemId: item.id } }, { documentRef: labelOf(item), onBehalfOf: who }),
    ];
  },
  describe: (s) => `Dołączenie ${s.item ? labelOf(s.item) : '?'} do akt ${s.theCase ? caseLabel(s.theCase) : '?'}`,
});

export const caseAction = defineCommand({
  name: 'caseAction',
  args: z.object({
    id,
    action: z.enum(['start', 'suspend', 'resume', 'close', 'reopen', 'cancel']),
    reason: z.string().max(1000).nullable(),
    /** The case's revision the person saw: a case changed meanwhile by someone else is refused. */
    expectedRevision: z.number().int().positive(),
  }),
  *read(a) {
    return { office: yield* ask.office(), theCase: yield* ask.case(a.id), suspensions: yield* ask.suspensionsOf(a.id) };
  },
  decide(s, a, env) {
    const o = ruleOffice(s.office, env);
    const c = visibleCase(s.theCase, o, env);
    // Someone changed the case after this person looked at it: their action may no longer fit.
    if (c.revision !== a.expectedRevision) throw fail('CASE_STALE_REVISION');
    const who = onBehalfOf(o, valueOrThrow(caseGrant(o, c, a.action)));
    const next = valueOrThrow(transition(c.status, a.action));
    if ((a.action === 'cancel' || a.action === 'suspend' || a.action === 'reopen') && !a.reason) throw fail('CASE_REASON_REQUIRED');
    const today = o.today;
    const effects: Effect[] = [];
    let suspensions: Pick<SuspensionRecord, 'fromOn' | 'toOn'>[] = s.suspensions;
    if (a.action === 'suspend') {
      const row: SuspensionRecord = { caseId: c.id, fromOn: today, toOn: null, reason: a.reason ?? '' };
      effects.push({ kind: 'insert', table: 'caseSuspensions', rows: [row] });
      suspensions = [...suspensions, row];
    }
    if (a.action === 'resume') {
      // The suspension covers the days the case stood still; it runs again from the resume day.
      const open = s.suspensions.find((x) => x.toOn === null);
      const lastStill = addDays(today, -1);
      const toOn = open && lastStill < open.fromOn ? open.fromOn : lastStill;
      effects.push({ kind: 'endSuspension', caseId: c.id, toOn });
      suspensions = suspensions.map((x) => (x.toOn === null ? { ...x, toOn } : x));
    }
    const due = caseDue(c, suspensions);
    effects.push(
      {
        kind: 'update',
        table: 'cases',
        ids: [c.id],
        set: {
          status: next,
          dueOn: due.dueOn,
          closedOn: a.action === 'close' ? today : a.action === 'reopen' ? null : c.closedOn,
          cancelReason: a.action === 'cancel' ? a.reason : c.cancelReason,
          revision: c.revision + 1,
        },
      },
      caseEntry(c, { action: `case.${a.action}`, data: { label: caseLabel(c), from: c.status, to: next, reason: a.reason } }, { onBehalfOf: who }),
    );
    return effects;
  },
  describe: (s, a) => `${a.action} ${s.theCase ? caseLabel(s.theCase) : '?'}`,
});

/**
 * Zmiana prowadzącego: the head hands the case to another person of its unit. Who led the case,
 * and why it changed hands, is part of its record: the reason goes into the metryka.
 */
export const changeCaseOwner = defineCommand({
  name: 'changeCaseOwner',
  args: z.object({ id, ownerId: id, reason: z.string().trim().min(1).max(1000), expectedRevision: z.number().int().positive() }),
  *read(a) {
    return { office: yield* ask.office(), theCase: yield* ask.case(a.id) };
  },
  decide(s, a, env) {
    const o = ruleOffice(s.office, env);
    const c = visibleCase(s.theCase, o, env);
    if (c.revision !== a.expectedRevision) throw fail('CASE_STALE_REVISION');
    const who = onBehalfOf(o, valueOrThrow(caseGrant(o, c, 'reassign')));
    if (c.status === 'closed' || c.status === 'cancelled') throw fail('CASE_NOT_OPEN', { sign: caseLabel(c) });
    const next = o.users.find((u) => u.id === a.ownerId);
    if (!next?.active || (next.role !== 'clerk' && next.role !== 'head') || !isWithinUnit(next.unitId, c.unitId, o.units)) throw fail('CASE_OWNER_NOT_IN_UNIT', { sign: caseLabel(c) });
    if (next.id === c.ownerId) throw fail('CASE_OWNER_SAME', { name: next.fullName });
    return [
      { kind: 'update', table: 'cases', ids: [c.id], set: { ownerId: next.id, revision: c.revision + 1 } },
      caseEntry(c, { action: 'case.ownerChanged', data: { label: caseLabel(c), fromName: o.users.find((u) => u.id === c.ownerId)?.fullName ?? '?', toName: next.fullName, reason: a.reason } }, { onBehalfOf: who }),
    ];
  },
  describe: (s) => `Zmiana prowadzącego ${s.theCase ? caseLabel(s.theCase) : '?'}`,
});
