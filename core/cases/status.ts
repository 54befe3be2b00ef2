import { checkFailure, type CheckResult } from '#core/checkResult';
import type { CalendarDate, Person, Substitution, UnitRef } from '#core/cases/substitution';
import { headsUnit, principal } from '#core/cases/substitution';

// The life of a case (sprawa) as pure rules: which action is possible in which status, and who
// may take it. The service records each accepted action in the metryka sprawy (Rozporządzenie
// MAiC z 6 marca 2012 r.); a case is never deleted: cancelling keeps its sign in the spis spraw
// (DESIGN.md "Numbers": a numbered record is cancelled, never removed).
//
// The full table (→ next status, or the refusal's code):
//
//   from \ action | start                    | suspend                | resume             | close                | reopen          | cancel
//   opened        | in_progress              | CASE_NOT_STARTED       | CASE_NOT_SUSPENDED | closed               | CASE_NOT_CLOSED | cancelled
//   in_progress   | CASE_ALREADY_IN_PROGRESS | suspended              | CASE_NOT_SUSPENDED | closed               | CASE_NOT_CLOSED | cancelled
//   suspended     | CASE_IS_SUSPENDED        | CASE_ALREADY_SUSPENDED | in_progress        | CASE_CLOSE_SUSPENDED | CASE_NOT_CLOSED | cancelled
//   closed        | CASE_IS_CLOSED           | CASE_IS_CLOSED         | CASE_IS_CLOSED     | CASE_ALREADY_CLOSED  | in_progress     | CASE_CANCEL_CLOSED
//   cancelled     | CASE_IS_CANCELLED in every column
//
// Why:
// - opened → closed is allowed: a case settled on the spot (a certificate issued at the desk,
//   KPA art. 217) has nothing to "start"; making the clerk press "start" first adds a click and
//   no information.
// - opened → suspend is refused: suspension (zawieszenie, KPA art. 97) stops proceedings that are
//   running; the clerk starts the case first, which also records when work began.
// - A suspended case cannot be closed: the suspension is open (its period stops the KPA art. 35
//   clock, core/deadlines), and closing over it would leave the period without an end. The
//   clerk resumes (podjęcie, art. 97 §2) and then closes, e.g. with a decision to discontinue.
// - reopen returns a closed case to in_progress (work goes on, e.g. a decision was set aside on
//   appeal); it is not a way to undo a cancellation.
// - cancel (a case opened by mistake or twice) is possible until the case is closed. A closed
//   case was settled and stays in the register as settled; if it was closed by mistake it is
//   reopened first. cancelled is final: the sign stays in the spis spraw with its remark, and if
//   the matter needs handling after all, a new case is opened.
//
// Who may act (mayActOnCase):
// - the case's owner (prowadzący), or whoever substitutes for the owner that day: every action
//   except cancel;
// - a head (kierownik) of the case's unit or of a unit above it, or their substitute: every
//   action. Cancelling takes a case out of the unit's spis spraw work, which the head supervises,
//   so a clerk asks the head (a clerk who missed a deadline cannot quietly cancel the case);
// - an admin, in their own name: cancel only (e.g. a duplicate left by a sync mishap, or a case
//   of someone who has left). An admin is not a party to the substantive work. Substituting for
//   an admin does not give this right (core/cases/substitution.ts).

/** Status sprawy. */
export type CaseStatus = 'opened' | 'in_progress' | 'suspended' | 'closed' | 'cancelled';

/** A step in a case's life. */
export type CaseAction = 'start' | 'suspend' | 'resume' | 'close' | 'reopen' | 'cancel';

export const CASE_STATUSES: readonly CaseStatus[] = ['opened', 'in_progress', 'suspended', 'closed', 'cancelled'];
export const CASE_ACTIONS: readonly CaseAction[] = ['start', 'suspend', 'resume', 'close', 'reopen', 'cancel'];

/** Statuses as the UI and the spis spraw show them. */
export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  opened: 'założona',
  in_progress: 'w toku',
  suspended: 'zawieszona',
  closed: 'zakończona',
  cancelled: 'anulowana',
};

/** Actions as the buttons name them; the refusal messages refer to these names. */
export const CASE_ACTION_LABELS: Readonly<Record<CaseAction, string>> = {
  start: 'Rozpocznij',
  suspend: 'Zawieś',
  resume: 'Podejmij',
  close: 'Zakończ',
  reopen: 'Otwórz ponownie',
  cancel: 'Anuluj',
};

/** The codes transition() refuses with. */
export type CaseTransitionRefusal =
  | 'CASE_NOT_STARTED'
  | 'CASE_ALREADY_IN_PROGRESS'
  | 'CASE_NOT_SUSPENDED'
  | 'CASE_ALREADY_SUSPENDED'
  | 'CASE_IS_SUSPENDED'
  | 'CASE_CLOSE_SUSPENDED'
  | 'CASE_NOT_CLOSED'
  | 'CASE_IS_CLOSED'
  | 'CASE_ALREADY_CLOSED'
  | 'CASE_CANCEL_CLOSED'
  | 'CASE_IS_CANCELLED';

type Outcome = { next: CaseStatus } | { refuse: CaseTransitionRefusal };

const go = (next: CaseStatus): Outcome => ({ next });
const no = (refuse: CaseTransitionRefusal): Outcome => ({ refuse });

// The table above, as data; the header comment and this must say the same.
const TABLE: Readonly<Record<CaseStatus, Readonly<Record<CaseAction, Outcome>>>> = {
  opened: {
    start: go('in_progress'),
    suspend: no('CASE_NOT_STARTED'),
    resume: no('CASE_NOT_SUSPENDED'),
    close: go('closed'),
    reopen: no('CASE_NOT_CLOSED'),
    cancel: go('cancelled'),
  },
  in_progress: {
    start: no('CASE_ALREADY_IN_PROGRESS'),
    suspend: go('suspended'),
    resume: no('CASE_NOT_SUSPENDED'),
    close: go('closed'),
    reopen: no('CASE_NOT_CLOSED'),
    cancel: go('cancelled'),
  },
  suspended: {
    start: no('CASE_IS_SUSPENDED'),
    suspend: no('CASE_ALREADY_SUSPENDED'),
    resume: go('in_progress'),
    close: no('CASE_CLOSE_SUSPENDED'),
    reopen: no('CASE_NOT_CLOSED'),
    cancel: go('cancelled'),
  },
  closed: {
    start: no('CASE_IS_CLOSED'),
    suspend: no('CASE_IS_CLOSED'),
    resume: no('CASE_IS_CLOSED'),
    close: no('CASE_ALREADY_CLOSED'),
    reopen: go('in_progress'),
    cancel: no('CASE_CANCEL_CLOSED'),
  },
  cancelled: {
    start: no('CASE_IS_CANCELLED'),
    suspend: no('CASE_IS_CANCELLED'),
    resume: no('CASE_IS_CANCELLED'),
    close: no('CASE_IS_CANCELLED'),
    reopen: no('CASE_IS_CANCELLED'),
    cancel: no('CASE_IS_CANCELLED'),
  },
};

/**
 * The status after `action`, or the reason it is not possible now.
 *
 * See the table at the top of this file; every refusal's message tells the clerk what to do.
 */
export function transition(status: CaseStatus, action: CaseAction): CheckResult<CaseStatus> {
  const outcome = TABLE[status][action];
  return 'next' in outcome ? { ok: true, value: outcome.next } : checkFailure(outcome.refuse);
}

/** The actions possible in `status`, in CASE_ACTIONS order (what the UI offers). */
export function allowedActions(status: CaseStatus): CaseAction[] {
  return CASE_ACTIONS.filter((action) => 'next' in TABLE[status][action]);
}

/** On what ground someone may act on a case, for the record. */
export type CaseActionBasis = 'owner' | 'unit_head' | 'admin';

/** A permitted action: the ground, and whose authority was used when acting for someone. */
export type CaseActionGrant = { basis: CaseActionBasis; actorId: string; actingForId: string | null };

/** The parts of a case the permission rule reads. */
export type CaseRef = { ownerId: string; unitId: string };

/**
 * Whether `user` (or `user` acting for `actingFor`) may take `action` on the case.
 *
 * Only who, not when: combine with transition() for the status. See "Who may act" at the top of
 * this file.
 */
export function mayActOnCase(input: {
  user: Person;
  case: CaseRef;
  /** `reassign`: zmiana prowadzącego, which, like cancelling, is the head's supervision of the unit's work. */
  action: CaseAction | 'reassign';
  actingFor?: Person | null;
  substitutions: readonly Substitution[];
  today: CalendarDate;
  units: readonly UnitRef[];
}): CheckResult<CaseActionGrant> {
  const { user, action, units } = input;
  const who = principal({ actor: user, actingFor: input.actingFor, substitutions: input.substitutions, today: input.today });
  if (!who.ok) return who;
  const p = who.value;
  const actingForId = p.id === user.id ? null : p.id;
  const grant = (basis: CaseActionBasis): CheckResult<CaseActionGrant> => ({ ok: true, value: { basis, actorId: user.id, actingForId } });

  const isOwner = p.id === input.case.ownerId;
  const isHead = headsUnit(p, input.case.unitId, units);
  const isOwnAdmin = actingForId === null && user.role === 'admin';

  if (action === 'cancel' || action === 'reassign') {
    if (isHead) return grant('unit_head');
    // An admin hands over the cases of someone who has left, as they cancel a stray duplicate.
    if (isOwnAdmin) return grant('admin');
    if (!isOwner) return checkFailure('CASE_NOT_YOURS');
    return checkFailure(action === 'cancel' ? 'CASE_CANCEL_HEAD_ONLY' : 'CASE_REASSIGN_HEAD_ONLY');
  }
  if (isOwner) return grant('owner');
  if (isHead) return grant('unit_head');
  return checkFailure(isOwnAdmin ? 'CASE_ADMIN_CANCEL_ONLY' : 'CASE_NOT_YOURS');
}
