import { checkFailure, type CheckResult } from '#core/checkResult';
import type { CalendarDate, OfficeUser, Person, Substitution, UnitRef } from '#core/cases/substitution';
import { headsUnit, isWithinUnit, principal } from '#core/cases/substitution';
import { isCalendarDate } from '#core/deadlines/holidays';
import { formatDate } from '#core/time';
import type { AssignmentRecord } from '#core/commands/records';

// Dekretacja, przekazanie and return to the registry, as pure rules (RULES.md, instrukcja
// kancelaryjna, Dz.U. 2011 nr 14 poz. 67). A dekretacja names the person or unit responsible for
// an item, optionally how (do załatwienia / do wiadomości / do opinii) and by when. Przekazanie
// hands an item to another unit without a dekretacja: the two are kept apart (RULES.md).
//
// Decisions:
// - Who decrees: a head of the unit the item is at, or of a unit above it, or whoever substitutes
//   for such a head that day (acting in the head's name). The item stays at its unit; a dekretacja
//   to a sub-unit lets that sub-unit's head (and heads above it) decree further, inside it.
// - Targets: active users of those units or their sub-units, and sub-units (never the unit
//   itself, nor a unit outside: that is przekazanie). A head may decree to themselves.
// - One lead: "do załatwienia" goes to exactly one person or unit per dekretacja, who leads; the
//   others get "do wiadomości" or "do opinii". An item has one line of leads: the first
//   dekretacja "do załatwienia" and, below it, the hand-downs inside the unit it named.
// - Deadline: none, or today or later. "do wiadomości" has no deadline: there is nothing to do by
//   a date. A deadline for an opinion is free (it is the opinion's, not the case's).
// - The lock (RULES.md, "recollected from §7"): a later dekretacja by someone else may not change
//   the method or the deadline the first one set; the same person may change their own.
//   "Person" is the one whose authority was used: the head, also when their substitute acted in
//   their name (Assignment.onBehalfOf), so a head back from leave may change what was decreed in
//   their name. Concretely:
//   - per recipient: someone who already holds the item keeps the method and deadline another
//     person gave them; repeating it exactly is "already assigned"; their own earlier
//     dekretacja of that recipient is replaced;
//   - the lead: the first "do załatwienia" (G) fixes the deadline for everyone after. Its author
//     may re-decree the lead freely, which replaces the whole line of leads. Anyone else may only
//     hand the lead down inside the unit currently leading (a head of GK-I gives to a clerk of
//     GK-I what GK's head decreed to GK-I), with G's deadline; a person-lead set by someone else
//     is not theirs to move. Someone who handed the lead down may hand it down again (their own
//     hand-down and those below it are replaced).
//   - "do wiadomości" / "do opinii" to people who do not yet hold the item are always possible.
// - Assignments are passed in the order the server applied them (DESIGN.md: order by server
//   version, never by a workstation's clock): "first" is list order, not `at`. The list holds
//   the item's active assignments; the result names the ones a new dekretacja replaces, and the
//   service marks them withdrawn (db/schema/assignments.ts), keeping them in the history.
// - Bulk dekretacja applies the same rules to each item on its own: one item refused does not
//   stop the others, and each refusal is reported with its item.
// - Przekazanie and return: by a head (or substitute) of the item's unit; only while no case has
//   been opened from the item (then it is in a case file and the case is forwarded instead), and
//   with a reason for the metryka. Return to the registry (misrouted) is for the head of exactly
//   the unit the registry routed it to: a head above that unit forwards instead. Both end the
//   item's current assignments in the old unit.

/** Sposób załatwienia: the instruction of a dekretacja. */
export type Instruction = 'do_zalatwienia' | 'do_wiadomosci' | 'do_opinii';

export const INSTRUCTIONS: readonly Instruction[] = ['do_zalatwienia', 'do_wiadomosci', 'do_opinii'];

/** Instructions as written on the item and in messages. */
export const INSTRUCTION_LABELS: Readonly<Record<Instruction, string>> = {
  do_zalatwienia: 'do załatwienia',
  do_wiadomosci: 'do wiadomości',
  do_opinii: 'do opinii',
};

/** Whom a dekretacja names: a person or a (sub-)unit. */
export type AssignmentTarget = { kind: 'user'; userId: string } | { kind: 'unit'; unitId: string };

/**
 * Dekretacja: one item routed to one person or unit.
 *
 * `onBehalfOf` is the head in whose name a substitute decreed (null when the author acted in
 * their own name); the authority, and so the lock, is theirs.
 */
export type Assignment = {
  id: string;
  itemId: string;
  assignedBy: string;
  onBehalfOf: string | null;
  assignedTo: AssignmentTarget;
  instruction: Instruction;
  deadline: CalendarDate | null;
  note: string | null;
  /** When it was made (an ISO instant), for display: order is the list's order. */
  at: string;
};

/** An assignment a check approved, to be stored with an id and a time. */
export type NewAssignment = Omit<Assignment, 'id' | 'at'>;

/** An item (przesyłka) as routing sees it: its unit, the case opened from it, its assignments. */
export type RoutedItem = { id: string; unitId: string; caseId: string | null; assignments: readonly Assignment[] };

/** What an approved dekretacja does: the assignments to add and the ids it replaces. */
export type AssignmentPlan = { create: NewAssignment[]; replaces: string[] };

/** The office around a check: who acts, on what day, and the people, units and substitutions. */
export type RoutingContext = {
  actor: Person;
  actingFor?: Person | null;
  today: CalendarDate;
  units: readonly UnitRef[];
  users: readonly OfficeUser[];
  substitutions: readonly Substitution[];
};

/** A dekretacja of one item. */
export type AssignmentRequest = RoutingContext & {
  item: Pick<RoutedItem, 'id' | 'unitId' | 'assignments'>;
  targets: readonly AssignmentTarget[];
  instruction: Instruction;
  deadline: CalendarDate | null;
  note?: string | null;
};

/** Longest note on a dekretacja, and longest reason for przekazanie or return. */
export const ASSIGNMENT_NOTE_MAX = 2000;
export const ROUTING_REASON_MAX = 1000;

/** Whose authority an assignment carries. */
export function authorOf(a: Pick<Assignment, 'assignedBy' | 'onBehalfOf'>): string {
  return a.onBehalfOf ?? a.assignedBy;
}

function sameTarget(a: AssignmentTarget, b: AssignmentTarget): boolean {
  return a.kind === 'user' ? b.kind === 'user' && a.userId === b.userId : b.kind === 'unit' && a.unitId === b.unitId;
}

function userName(id: string, users: readonly OfficeUser[]): string {
  return users.find((u) => u.id === id)?.fullName ?? id;
}

/** A target as messages name it: the person's name, or "komórka GK-I". */
function targetName(t: AssignmentTarget, ctx: Pick<RoutingContext, 'users' | 'units'>): string {
  if (t.kind === 'user') return userName(t.userId, ctx.users);
  return `komórka ${ctx.units.find((u) => u.id === t.unitId)?.symbol ?? t.unitId}`;
}

function deadlineText(deadline: CalendarDate | null): string {
  return deadline === null ? 'bez terminu' : `termin ${formatDate(deadline)}`;
}

/** Whether a target lies inside `unitId`: a user of it or below it, or a unit strictly below. */
function targetWithin(t: AssignmentTarget, unitId: string, ctx: Pick<RoutingContext, 'users' | 'units'>): boolean {
  if (t.kind === 'unit') return t.unitId !== unitId && isWithinUnit(t.unitId, unitId, ctx.units);
  const user = ctx.users.find((u) => u.id === t.userId);
  return user !== undefined && isWithinUnit(user.unitId, unitId, ctx.units);
}

/**
 * Checks one dekretacja and says what it creates and replaces.
 *
 * See the decisions at the top of this file. In order: acting-for, the decreeing head, targets
 * (present, no repeats, one lead), deadline, note, each target, then the lock.
 */
export function checkAssignment(req: AssignmentRequest): CheckResult<AssignmentPlan> {
  const who = principal({ actor: req.actor, actingFor: req.actingFor, substitutions: req.substitutions, today: req.today });
  if (!who.ok) return who;
  const p = who.value;
  const { item, instruction, units, users } = req;
  const active = item.assignments;

  // The units the item is at: its own and every sub-unit a dekretacja named.
  const holding = [item.unitId, ...active.flatMap((a) => (a.assignedTo.kind === 'unit' ? [a.assignedTo.unitId] : []))];
  const headed = holding.filter((unitId) => headsUnit(p, unitId, units));
  if (headed.length === 0) return checkFailure('ASSIGN_NOT_HEAD');

  if (req.targets.length === 0) return checkFailure('ASSIGN_NO_TARGETS');
  for (const [i, t] of req.targets.entries()) {
    if (req.targets.findIndex((other) => sameTarget(other, t)) !== i) {
      return checkFailure('ASSIGN_TARGET_DUPLICATE', { name: targetName(t, req) });
    }
  }
  if (instruction === 'do_zalatwienia' && req.targets.length > 1) return checkFailure('ASSIGN_ONE_LEAD');

  const deadline = req.deadline;
  if (deadline !== null) {
    if (!isCalendarDate(deadline)) return checkFailure('CALENDAR_DATE_INVALID', { input: String(deadline) });
    if (instruction === 'do_wiadomosci') return checkFailure('ASSIGN_DEADLINE_FOR_INFO');
    if (deadline < req.today) return checkFailure('ASSIGN_DEADLINE_PAST', { deadline: formatDate(deadline), today: formatDate(req.today) });
  }
  const note = req.note?.trim() ?? '';
  if (note.length > ASSIGNMENT_NOTE_MAX) return checkFailure('ASSIGN_NOTE_TOO_LONG', { max: ASSIGNMENT_NOTE_MAX });

  for (const t of req.targets) {
    if (t.kind === 'user') {
      const user = users.find((u) => u.id === t.userId);
      if (user === undefined) return checkFailure('USER_NOT_FOUND');
      if (!user.active) return checkFailure('ASSIGN_USER_INACTIVE', { name: user.fullName });
      if (!headed.some((unitId) => targetWithin(t, unitId, req))) return checkFailure('ASSIGN_USER_OUTSIDE_UNIT', { name: user.fullName });
    } else {
      const unit = units.find((u) => u.id === t.unitId);
      if (unit === undefined) return checkFailure('UNIT_NOT_FOUND');
      if (!headed.some((unitId) => targetWithin(t, unitId, req))) return checkFailure('ASSIGN_UNIT_OUTSIDE', { symbol: unit.symbol });
    }
  }

  const replaces = new Set<string>();

  // Per recipient: another person's method and deadline stand; one's own may be changed.
  for (const t of req.targets) {
    for (const held of active.filter((a) => sameTarget(a.assignedTo, t))) {
      const same = held.instruction === instruction && held.deadline === deadline;
      if (same) return checkFailure('ASSIGN_ALREADY_ASSIGNED', { name: targetName(t, req), instruction: INSTRUCTION_LABELS[instruction] });
      if (authorOf(held) === p.id) {
        replaces.add(held.id);
      } else if (held.instruction !== instruction) {
        return checkFailure('ASSIGN_METHOD_LOCKED', {
          name: targetName(t, req),
          instruction: INSTRUCTION_LABELS[held.instruction],
          by: userName(authorOf(held), users),
        });
      } else {
        return checkFailure('ASSIGN_DEADLINE_LOCKED', { deadline: deadlineText(held.deadline), by: userName(authorOf(held), users) });
      }
    }
  }

  // The line of leads: G = leads[0] fixed the deadline; only its author may move the lead freely.
  const leads = active.filter((a) => a.instruction === 'do_zalatwienia');
  const first = leads[0];
  const target = req.targets[0];
  if (instruction === 'do_zalatwienia' && first !== undefined && target !== undefined) {
    const own = leads.findIndex((a) => authorOf(a) === p.id);
    if (own === 0) {
      for (const a of leads) replaces.add(a.id);
    } else {
      // Hand-down: below the lead the actor received (their own hand-down's parent), or below the
      // current lead when the actor has not handed it down yet.
      const parent = own > 0 ? leads[own - 1] : leads[leads.length - 1];
      if (parent === undefined) return checkFailure('INTERNAL');
      const fromUnit = parent.assignedTo.kind === 'unit' ? parent.assignedTo.unitId : null;
      if (fromUnit === null || !targetWithin(target, fromUnit, req)) {
        return checkFailure('ASSIGN_LEAD_TAKEN', { name: targetName(parent.assignedTo, req), by: userName(authorOf(parent), users) });
      }
      if (deadline !== first.deadline) {
        return checkFailure('ASSIGN_DEADLINE_LOCKED', { deadline: deadlineText(first.deadline), by: userName(authorOf(first), users) });
      }
      if (own > 0) for (const a of leads.slice(own)) replaces.add(a.id);
    }
  }

  const onBehalfOf = p.id === req.actor.id ? null : p.id;
  return {
    ok: true,
    value: {
      create: req.targets.map((t) => ({
        itemId: item.id,
        assignedBy: req.actor.id,
        onBehalfOf,
        assignedTo: t,
        instruction,
        deadline,
        note: note === '' ? null : note,
      })),
      replaces: [...replaces],
    },
  };
}

/** One item's outcome in a bulk dekretacja. */
export type BulkAssignmentResult = { itemId: string; result: CheckResult<AssignmentPlan> };

/**
 * Checks the same dekretacja for many items at once (dekretacja zbiorcza).
 *
 * Each item is judged by checkAssignment on its own; the caller applies those that passed and
 * shows the others with their reasons.
 */
export function checkBulkAssignment(
  req: Omit<AssignmentRequest, 'item'> & { items: readonly Pick<RoutedItem, 'id' | 'unitId' | 'assignments'>[] },
): BulkAssignmentResult[] {
  const { items, ...common } = req;
  return items.map((item) => ({ itemId: item.id, result: checkAssignment({ ...common, item }) }));
}

function checkReason(text: string, what: 'przekazania' | 'zwrotu'): CheckResult<string> {
  const reason = text.trim();
  if (reason === '') return checkFailure('ROUTING_REASON_MISSING', { what });
  if (reason.length > ROUTING_REASON_MAX) return checkFailure('ROUTING_REASON_TOO_LONG', { max: ROUTING_REASON_MAX });
  return { ok: true, value: reason };
}

/** An approved przekazanie or return: what the service records and which assignments end. */
export type RoutingPlan = {
  itemId: string;
  fromUnitId: string;
  /** The receiving unit; null for a return to the registry. */
  toUnitId: string | null;
  reason: string;
  actorId: string;
  actingForId: string | null;
  endsAssignments: string[];
};

/** The plan both przekazanie and return carry out: move the item, end its assignments. */
function routingPlan(actor: Person, principalPerson: Person, item: RoutedItem, toUnitId: string | null, reason: string): RoutingPlan {
  return {
    itemId: item.id,
    fromUnitId: item.unitId,
    toUnitId,
    reason,
    actorId: actor.id,
    actingForId: principalPerson.id === actor.id ? null : principalPerson.id,
    endsAssignments: item.assignments.map((a) => a.id),
  };
}

/**
 * Checks przekazanie: handing an item to another unit, with a reason, without a dekretacja.
 *
 * Refused towards the item's own unit or one of its sub-units (that is a dekretacja), and once a
 * case has been opened from the item (forward the case).
 */
export function checkForwarding(req: RoutingContext & { item: RoutedItem; toUnitId: string; reason: string }): CheckResult<RoutingPlan> {
  const who = principal({ actor: req.actor, actingFor: req.actingFor, substitutions: req.substitutions, today: req.today });
  if (!who.ok) return who;
  const { item, units } = req;
  if (!headsUnit(who.value, item.unitId, units)) return checkFailure('FORWARD_NOT_HEAD');
  if (item.caseId !== null) return checkFailure('FORWARD_CASE_OPENED');
  const to = units.find((u) => u.id === req.toUnitId);
  if (to === undefined) return checkFailure('UNIT_NOT_FOUND');
  if (to.id === item.unitId) return checkFailure('FORWARD_SAME_UNIT');
  if (isWithinUnit(to.id, item.unitId, units)) return checkFailure('FORWARD_TO_SUBUNIT', { symbol: to.symbol });
  const reason = checkReason(req.reason, 'przekazania');
  if (!reason.ok) return reason;
  return { ok: true, value: routingPlan(req.actor, who.value, item, to.id, reason.value) };
}

/**
 * Checks a return to the registry (kancelaria) of a misrouted item, with a reason.
 *
 * Only the head of the unit the item was routed to (or their substitute), and only before a case
 * was opened from it.
 */
export function checkReturnToRegistry(req: RoutingContext & { item: RoutedItem; reason: string }): CheckResult<RoutingPlan> {
  const who = principal({ actor: req.actor, actingFor: req.actingFor, substitutions: req.substitutions, today: req.today });
  if (!who.ok) return who;
  const { item } = req;
  if (who.value.role !== 'head' || who.value.unitId !== item.unitId) return checkFailure('RETURN_NOT_HEAD');
  if (item.caseId !== null) return checkFailure('RETURN_CASE_OPENED');
  const reason = checkReason(req.reason, 'zwrotu');
  if (!reason.ok) return reason;
  return { ok: true, value: routingPlan(req.actor, who.value, item, null, reason.value) };
}

/** A stored assignment row (workstation or server) as the rules take it. */
export function toRuleAssignment(a: Omit<AssignmentRecord, 'state'>): Assignment {
  return {
    id: a.id,
    itemId: a.correspondenceId,
    assignedBy: a.assignedBy,
    onBehalfOf: a.onBehalfOf,
    assignedTo: a.assigneeUserId ? { kind: 'user', userId: a.assigneeUserId } : { kind: 'unit', unitId: a.assigneeUnitId ?? '' },
    instruction: a.instruction,
    deadline: a.deadline as CalendarDate | null,
    note: a.note,
    at: a.at,
  };
}
