import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { CaseDetail, CaseSummary, User } from '#core/contract';
import { requireRole, requireUser } from '#core/services/access';
import { visibleUnitIds } from '#core/services/scope';
import { runCommand } from '#core/services/commands';
import { fail } from '#core/errors';
import { caseActionSummaries } from '#core/i18n/labels.pl';
import { readSettings } from '#core/admin/settings';
import { formatDate, warsawDate, warsawYear } from '#core/time';
import { valueOrThrow } from '#core/checkResult';
import { caseRegisterScope, checkJrwaForCase, formatCaseSign, provisionalCaseLabel } from '#core/cases/caseSign';
import { makeProvisionalCode } from '#core/numbering/provisional';
import { allowedActions, mayActOnCase, transition, type CaseAction, type CaseActionGrant } from '#core/cases/status';
import { visibleInboxOwners } from '#core/cases/substitution';
import type { CheckResult } from '#core/checkResult';
import { officeContext, personById, type OfficeContext } from '#core/cases/office';
import { addDays, type CalendarDate } from '#core/deadlines/holidays';
import { caseDeadline, type StatutoryDeadlineKind } from '#core/deadlines/kpa';
import { deadlineStatus } from '#core/deadlines/status';
import { labelOf, readableLetter } from '#core/intake/handlers';
import { toParty } from '#core/parties/handlers';
import { nextNumber } from '#db/counters';
import { eventsForAny } from '#db/eventLog';
import { getJrwa } from '#db/jrwaRepo';
import { getParty } from '#db/partyRepo';
import { listUnits, listUsers } from '#db/directory';
import { getCorrespondence } from '#db/correspondenceRepo';
import { assignmentsOf, setAssignmentState } from '#db/assignmentRepo';
import {
  addCaseParty,
  addSuspension,
  caseRegister,
  casesOfItem,
  endSuspension,
  getCase,
  insertCase,
  itemsOfCase,
  linkItem,
  partiesOfCase,
  provisionalCaseLabelTaken,
  reindexCase,
  suspensionsOf,
  updateCase,
  type CaseRow,
} from '#db/caseRepo';
import { renderCaseRegister } from '#documents/caseRegister';

/** Who handles cases: clerks and heads (an admin only looks and cancels). */
const CASE_ROLES = ['clerk', 'head'] as const;

export function caseLabel(c: Pick<CaseRow, 'sign' | 'provisionalLabel'>): string {
  return c.sign ?? c.provisionalLabel ?? '?';
}

/**
 * Summarises cases against today's deadlines, looking units and owners up once per request:
 * a head's lists hold thousands of cases, and two queries per case made them take a second.
 */
export function caseSummarizer(ctx: Ctx, today: CalendarDate): (c: CaseRow) => CaseSummary {
  const units = new Map(listUnits(ctx.store).map((u) => [u.id, u.symbol]));
  const owners = new Map(listUsers(ctx.store).map((u) => [u.id, u.fullName]));
  const warnWorkingDays = readSettings(ctx.store).deadlineWarningDays;
  return (c) => {
    let deadline: CaseSummary['deadline'] = 'none';
    let workingDaysLeft: number | null = null;
    if (c.status === 'suspended') deadline = 'suspended';
    else if ((c.status === 'opened' || c.status === 'in_progress') && c.dueOn) {
      const s = deadlineStatus(c.dueOn as CalendarDate, today, { warnWorkingDays });
      deadline = s.status;
      workingDaysLeft = s.workingDaysLeft;
    }
    return {
      id: c.id,
      label: caseLabel(c),
      provisional: c.sign === null,
      title: c.title,
      status: c.status,
      unitId: c.unitId,
      unitSymbol: units.get(c.unitId) ?? c.unitSymbol,
      jrwaSymbol: c.jrwaSymbol,
      ownerId: c.ownerId,
      ownerName: owners.get(c.ownerId) ?? '?',
      startedOn: c.startedOn,
      dueOn: c.dueOn,
      deadline,
      workingDaysLeft,
    };
  };
}

/** The case's register line with its deadline seen from today. */
export function caseSummary(ctx: Ctx, c: CaseRow, today: CalendarDate): CaseSummary {
  return caseSummarizer(ctx, today)(c);
}

/** The term of a case from its start and suspensions (KPA art. 35 with art. 57). */
function computeDue(ctx: Ctx, c: Pick<CaseRow, 'id' | 'deadlineKind' | 'startedOn'>): { dueOn: string | null; basis: string; suspendedDays: number } {
  const suspensions = suspensionsOf(ctx.store, c.id).map((s) => ({ from: s.fromOn as CalendarDate, to: s.toOn as CalendarDate | null }));
  const d = caseDeadline({ kind: c.deadlineKind as StatutoryDeadlineKind, start: c.startedOn as CalendarDate, suspensions });
  return d.state === 'running' ? { dueOn: d.due, basis: d.basis, suspendedDays: d.suspendedDays } : { dueOn: null, basis: d.basis, suspendedDays: 0 };
}

function readableCase(ctx: Ctx, user: User, id: string): CaseRow {
  const c = getCase(ctx.store, id);
  if (!c) throw fail('CASE_NOT_FOUND');
  const units = visibleUnitIds(ctx, user);
  if (units && !units.includes(c.unitId)) throw fail('CASE_NOT_FOUND');
  return c;
}

export function caseDetail(ctx: Ctx, id: string): CaseDetail {
  const c = getCase(ctx.store, id);
  if (!c) throw fail('CASE_NOT_FOUND');
  const today = warsawDate(ctx.clock()) as CalendarDate;
  const items = itemsOfCase(ctx.store, id);
  const due = computeDue(ctx, c);
  const metryka = eventsForAny(ctx.store, [{ entityType: 'case', entityId: id }, ...items.map((i) => ({ entityType: 'correspondence', entityId: i.item.id }))]);
  return {
    ...caseSummary(ctx, c, today),
    revision: c.revision,
    deadlineKind: c.deadlineKind as CaseDetail['deadlineKind'],
    deadlineBasis: due.basis,
    suspendedDays: due.suspendedDays,
    closedOn: c.closedOn,
    cancelReason: c.cancelReason,
    parties: partiesOfCase(ctx.store, id).map((p) => ({ ...toParty(p.party), role: p.role })),
    items: items.map((i) => ({ id: i.item.id, label: labelOf(i.item), subject: i.item.subject, senderName: i.item.senderName, receivedAt: i.item.receivedAt, initiating: i.initiating })),
    allowedActions: actionsFor(ctx, c),
    metryka: metryka.map((e) => ({ seq: e.seq, at: e.at, actorName: e.actorName, actorPosition: e.actorPosition, onBehalfOfName: e.onBehalfOfName, action: e.action, summary: e.summary, documentRef: e.documentRef })),
  };
}

/** The actions the signed-in person may take now: allowed by the status and by their role. */
function actionsFor(ctx: Ctx, c: CaseRow): CaseAction[] {
  const user = ctx.session.user;
  if (!user) return [];
  const office = officeContext(ctx, user);
  return allowedActions(c.status).filter((action) => grantFor(office, c, action).ok);
}

/** A letter may join only one case's file. */
function ensureNotInCase(ctx: Ctx, itemId: string) {
  const existing = casesOfItem(ctx.store, itemId)[0];
  if (existing) throw fail('CASE_ITEM_IN_CASE', { sign: caseLabel(existing) });
}

/**
 * Who may take `action` on the case: the person in their own right, or else in the name of
 * someone they substitute today (the owner, or the unit's head) — then recorded as such.
 */
function grantFor(office: OfficeContext, c: CaseRow, action: CaseAction): CheckResult<CaseActionGrant> {
  const own = mayActOnCase({ user: office.actor, case: c, action, substitutions: office.substitutions, today: office.today, units: office.units });
  if (own.ok) return own;
  for (const forId of visibleInboxOwners(office.actor.id, office.substitutions, office.today).filter((id) => id !== office.actor.id)) {
    const actingFor = personById(office, forId);
    const granted = mayActOnCase({ user: office.actor, actingFor, case: c, action, substitutions: office.substitutions, today: office.today, units: office.units });
    if (granted.ok) return granted;
  }
  return own;
}

function actOnCase(office: OfficeContext, c: CaseRow, action: CaseAction): { next: CaseRow['status']; onBehalfOf: { id: string; fullName: string } | null } {
  const grant = valueOrThrow(grantFor(office, c, action));
  const person = personById(office, grant.actingForId);
  return { next: valueOrThrow(transition(c.status, action)), onBehalfOf: person ? { id: person.id, fullName: person.fullName } : null };
}

/** A provisional case label no case here holds yet (draw again on a clash). */
function freshCaseLabel(ctx: Ctx, unit: string, jrwa: Parameters<typeof provisionalCaseLabel>[0]['jrwa']): string {
  for (;;) {
    const label = valueOrThrow(provisionalCaseLabel({ unit, jrwa, code: makeProvisionalCode(ctx.randomBytes) }));
    if (!provisionalCaseLabelTaken(ctx.store, label)) return label;
  }
}

export const caseHandlers = {
  'cases.open': (ctx, input) => {
    const user = requireRole(ctx, CASE_ROLES, 'założenie sprawy');
    const id = runCommand(ctx, user, 'openCase', input, (cmd) => {
      const jrwa = getJrwa(ctx.store, input.jrwaSymbol);
      if (!jrwa) throw fail('CASE_JRWA_UNKNOWN', { symbol: input.jrwaSymbol });
      valueOrThrow(checkJrwaForCase(jrwa));
      const item = input.itemId ? readableLetter(ctx, user, input.itemId) : null;
      if (item) {
        if (item.status === 'cancelled') throw fail('ALREADY_CANCELLED');
        ensureNotInCase(ctx, item.id);
      }
      const unit = listUnits(ctx.store).find((u) => u.id === user.unitId);
      if (!unit) throw fail('UNIT_NOT_FOUND');
      // The sign's year is the year the case is registered in the spis spraw (office calendar).
      const year = warsawYear(cmd.now);
      const scope = valueOrThrow(caseRegisterScope({ unit: unit.symbol, jrwa, year }));
      // With a central server only the server gives signs: until then the case has a
      // provisional label (and no decision in it can be signed, DESIGN "Numbers").
      const seq = ctx.sync ? null : nextNumber(ctx.store, scope);
      const sign = seq === null ? null : valueOrThrow(formatCaseSign({ unit: unit.symbol, jrwa, seq, year }));
      const provisional = seq === null ? freshCaseLabel(ctx, unit.symbol, jrwa) : null;
      const label = sign ?? provisional ?? '?';
      // KPA art. 61 §3: a case on request starts the day the request reached the organ.
      const startedOn = input.startedOn ?? (item ? warsawDate(new Date(item.receivedAt)) : warsawDate(cmd.now));
      const draft = { id: crypto.randomUUID(), deadlineKind: input.deadlineKind, startedOn };
      const due = computeDue(ctx, draft);
      const row = insertCase(ctx.store, {
        ...draft,
        unitId: unit.id,
        unitSymbol: unit.symbol,
        jrwaSymbol: jrwa.symbol,
        year,
        seq,
        sign,
        provisionalLabel: provisional,
        title: input.title,
        ownerId: user.id,
        status: 'opened',
        dueOn: due.dueOn,
        openedAt: cmd.nowIso,
        openedBy: user.id,
        closedOn: null,
        cancelReason: null,
        remarks: null,
        revision: 1,
      });
      const partyIds = new Set(input.partyIds);
      if (item) partyIds.add(item.senderId);
      for (const pid of partyIds) {
        if (!getParty(ctx.store, pid)) throw fail('PARTY_NOT_FOUND');
        addCaseParty(ctx.store, { caseId: row.id, partyId: pid, role: item && pid === item.senderId ? 'wnioskodawca' : 'strona', addedAt: cmd.nowIso });
      }
      reindexCase(ctx.store, row.id);
      cmd.event({ action: 'case.opened', entityType: 'case', entityId: row.id, documentRef: label, summary: `Założono sprawę ${label}: ${input.title} (termin: ${due.dueOn ? formatDate(due.dueOn) : '—'}, ${due.basis})`, data: { sign: label, jrwa: jrwa.symbol, itemId: item?.id ?? null } });
      if (item) {
        linkItem(ctx.store, { caseId: row.id, correspondenceId: item.id, initiating: true, linkedAt: cmd.nowIso, linkedBy: user.id });
        // The letter is now handled within the case: its assignments to this person are done.
        setAssignmentState(ctx.store, assignmentsOf(ctx.store, item.id).filter((a) => a.state === 'active' && a.assigneeUserId === user.id).map((a) => a.id), 'done');
        cmd.event({ action: 'correspondence.linked', entityType: 'correspondence', entityId: item.id, documentRef: labelOf(item), summary: `Przesyłka ${labelOf(item)} wszczęła sprawę ${label}`, data: { caseId: row.id } });
      }
      cmd.push(
        'openCase',
        { id: row.id, provisionalLabel: provisional ?? label, itemId: item?.id ?? null, jrwaSymbol: jrwa.symbol, title: input.title, deadlineKind: input.deadlineKind, startedOn: input.startedOn, partyIds: input.partyIds },
        `Nowa sprawa ${label}: ${input.title}`,
      );
      return row.id;
    });
    return caseDetail(ctx, id);
  },

  'cases.get': (ctx, { id }) => {
    const user = requireUser(ctx);
    readableCase(ctx, user, id);
    return caseDetail(ctx, id);
  },

  'cases.linkItem': (ctx, { caseId, itemId }) => {
    const user = requireRole(ctx, CASE_ROLES, 'dołączenie pisma do sprawy');
    runCommand(ctx, user, 'linkItem', { caseId, itemId }, (cmd) => {
      const c = readableCase(ctx, user, caseId);
      const office = officeContext(ctx, user);
      const onBehalfOf = personById(office, valueOrThrow(grantFor(office, c, 'start')).actingForId);
      if (c.status === 'closed' || c.status === 'cancelled') throw fail('CASE_NOT_OPEN', { sign: caseLabel(c) });
      const item = readableLetter(ctx, user, itemId);
      ensureNotInCase(ctx, item.id);
      linkItem(ctx.store, { caseId, correspondenceId: item.id, initiating: false, linkedAt: cmd.nowIso, linkedBy: user.id });
      cmd.push('linkItem', { caseId, itemId }, `Dołączenie ${labelOf(item)} do akt ${caseLabel(c)}`);
      cmd.event({ action: 'correspondence.linked', entityType: 'correspondence', entityId: item.id, documentRef: labelOf(item), summary: `Przesyłkę ${labelOf(item)} dołączono do akt sprawy ${caseLabel(c)}`, data: { caseId }, onBehalfOf });
      cmd.event({ action: 'case.itemLinked', entityType: 'case', entityId: caseId, documentRef: labelOf(item), summary: `Do akt sprawy dołączono pismo ${labelOf(item)} od ${item.senderName}`, data: { itemId }, onBehalfOf });
    });
    return caseDetail(ctx, caseId);
  },

  'cases.act': (ctx, { id, action, expectedRevision, reason }) => {
    const user = requireUser(ctx);
    runCommand(ctx, user, 'caseAction', { id, action, reason }, (cmd) => {
      cmd.push('caseAction', { id, action, reason, expectedRevision }, `${caseActionSummaries[action]} ${caseLabel(readableCase(ctx, user, id))}`);
      const c = readableCase(ctx, user, id);
      if (c.revision !== expectedRevision) throw fail('STALE_REVISION');
      const office = officeContext(ctx, user);
      const { next, onBehalfOf } = actOnCase(office, c, action);
      if ((action === 'cancel' || action === 'suspend' || action === 'reopen') && !reason) throw fail('CASE_REASON_REQUIRED');
      const today = office.today;
      if (action === 'suspend') addSuspension(ctx.store, { caseId: id, fromOn: today, toOn: null, reason: reason ?? '' });
      // The suspension covers the days the case stood still; it runs again from the resume day.
      if (action === 'resume') {
        const open = suspensionsOf(ctx.store, id).find((x) => x.toOn === null);
        const lastStill = addDays(today, -1);
        endSuspension(ctx.store, id, open && lastStill < open.fromOn ? open.fromOn : lastStill);
      }
      const due = computeDue(ctx, c);
      updateCase(ctx.store, id, {
        status: next,
        dueOn: due.dueOn,
        closedOn: action === 'close' ? today : action === 'reopen' ? null : c.closedOn,
        cancelReason: action === 'cancel' ? reason : c.cancelReason,
        revision: c.revision + 1,
      });
      cmd.event({ action: `case.${action}`, entityType: 'case', entityId: id, documentRef: caseLabel(c), summary: `${caseActionSummaries[action]} ${caseLabel(c)}${reason ? `: ${reason}` : ''}`, data: { from: c.status, to: next, reason }, onBehalfOf });
    });
    return caseDetail(ctx, id);
  },

  'cases.register': (ctx, { unitId, jrwaSymbol, year }) => {
    const user = requireUser(ctx);
    const units = visibleUnitIds(ctx, user);
    if (units && !units.includes(unitId)) throw fail('NOT_IN_YOUR_UNIT');
    return spisRows(ctx, unitId, jrwaSymbol, year);
  },

  'cases.registerPdf': async (ctx, { unitId, jrwaSymbol, year }) => {
    const user = requireUser(ctx);
    const visible = visibleUnitIds(ctx, user);
    if (visible && !visible.includes(unitId)) throw fail('NOT_IN_YOUR_UNIT');
    const unit = listUnits(ctx.store).find((u) => u.id === unitId);
    const jrwa = getJrwa(ctx.store, jrwaSymbol);
    if (!unit) throw fail('UNIT_NOT_FOUND');
    if (!jrwa) throw fail('CASE_JRWA_UNKNOWN', { symbol: jrwaSymbol });
    const rows = spisRows(ctx, unitId, jrwaSymbol, year);
    const bytes = await renderCaseRegister({
      office: readSettings(ctx.store).office,
      unit: { symbol: unit.symbol, name: unit.name },
      jrwa: { symbol: jrwa.symbol, name: jrwa.name, category: jrwa.categoryOwner },
      year,
      rows: rows.map((r) => ({ seq: r.seq, sign: r.label, title: r.title, fromWhom: r.fromWhom, letterReference: r.letterReference, letterDate: r.letterDate, startedOn: r.startedOn, completedOn: r.closedOn, remarks: null, cancelled: r.status === 'cancelled' })),
      generatedAt: ctx.clock().toISOString(),
      generatedBy: user.fullName,
    });
    return { fileName: `spis-spraw-${unit.symbol}-${jrwa.symbol}-${String(year)}.pdf`, mime: 'application/pdf', bytes };
  },
} satisfies Handlers<'cases.open' | 'cases.get' | 'cases.linkItem' | 'cases.act' | 'cases.register' | 'cases.registerPdf'>;


/** Spis spraw: the cases in sign order, "from whom" filled from the letter that started each. */
function spisRows(ctx: Ctx, unitId: string, jrwaSymbol: string, year: number) {
  const summarize = caseSummarizer(ctx, warsawDate(ctx.clock()) as CalendarDate);
  return caseRegister(ctx.store, unitId, jrwaSymbol, year).map((c) => {
    const first = itemsOfCase(ctx.store, c.id).find((i) => i.initiating);
    const letter = first ? getCorrespondence(ctx.store, first.item.id) : null;
    return {
      ...summarize(c),
      seq: c.seq,
      fromWhom: letter?.senderName ?? null,
      letterReference: letter?.senderReference ?? null,
      letterDate: letter?.letterDate ?? null,
      closedOn: c.closedOn,
    };
  });
}

