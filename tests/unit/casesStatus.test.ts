import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  CASE_ACTIONS,
  CASE_STATUSES,
  mayActOnCase,
  transition,
  type CaseAction,
  type CaseStatus,
} from '#core/cases/status';
import type { CalendarDate, Person, Substitution, UnitRef } from '#core/cases/substitution';
import type { CheckResult } from '#core/checkResult';

// Every (status, action) pair, written out by hand rather than derived from the module's table:
// the expected next status, or the code of the refusal.
const EXPECTED: Record<CaseStatus, Record<CaseAction, string>> = {
  opened: {
    start: 'in_progress',
    suspend: 'CASE_NOT_STARTED',
    resume: 'CASE_NOT_SUSPENDED',
    close: 'closed',
    reopen: 'CASE_NOT_CLOSED',
    cancel: 'cancelled',
  },
  in_progress: {
    start: 'CASE_ALREADY_IN_PROGRESS',
    suspend: 'suspended',
    resume: 'CASE_NOT_SUSPENDED',
    close: 'closed',
    reopen: 'CASE_NOT_CLOSED',
    cancel: 'cancelled',
  },
  suspended: {
    start: 'CASE_IS_SUSPENDED',
    suspend: 'CASE_ALREADY_SUSPENDED',
    resume: 'in_progress',
    close: 'CASE_CLOSE_SUSPENDED',
    reopen: 'CASE_NOT_CLOSED',
    cancel: 'cancelled',
  },
  closed: {
    start: 'CASE_IS_CLOSED',
    suspend: 'CASE_IS_CLOSED',
    resume: 'CASE_IS_CLOSED',
    close: 'CASE_ALREADY_CLOSED',
    reopen: 'in_progress',
    cancel: 'CASE_CANCEL_CLOSED',
  },
  cancelled: {
    start: 'CASE_IS_CANCELLED',
    suspend: 'CASE_IS_CANCELLED',
    resume: 'CASE_IS_CANCELLED',
    close: 'CASE_IS_CANCELLED',
    reopen: 'CASE_IS_CANCELLED',
    cancel: 'CASE_IS_CANCELLED',
  },
};

const STATUS_SET: ReadonlySet<string> = new Set(CASE_STATUSES);
const PAIRS = CASE_STATUSES.flatMap((status) => CASE_ACTIONS.map((action) => [status, action, EXPECTED[status][action]] as const));

function outcome(result: CheckResult<CaseStatus>): string {
  return result.ok ? result.value : result.code;
}

describe('transition', () => {
  it('covers 5 statuses × 6 actions', () => {
    expect(CASE_STATUSES).toEqual(['opened', 'in_progress', 'suspended', 'closed', 'cancelled']);
    expect(CASE_ACTIONS).toEqual(['start', 'suspend', 'resume', 'close', 'reopen', 'cancel']);
    expect(PAIRS).toHaveLength(30);
  });

  it.each(PAIRS)('%s + %s → %s', (status, action, expected) => {
    const result = transition(status, action);
    expect(outcome(result)).toBe(expected);
    if (!result.ok) {
      // Every refusal is a sentence for the clerk, never the code itself.
      expect(result.message).toMatch(/^[A-ZŻŹĆŁŚ].*\.$/u);
      expect(result.message).not.toContain(result.code);
    }
  });

  it('tells the clerk what to do, in Polish', () => {
    expect(transition('suspended', 'close')).toEqual({
      ok: false,
      code: 'CASE_CLOSE_SUSPENDED',
      message: 'Nie można zakończyć zawieszonej sprawy. Najpierw podejmij postępowanie („Podejmij”), a potem zakończ sprawę.',
    });
    expect(transition('closed', 'cancel')).toEqual({
      ok: false,
      code: 'CASE_CANCEL_CLOSED',
      message:
        'Zakończonej sprawy nie można anulować: została załatwiona i pozostaje w spisie spraw. Jeśli zakończono ją przez pomyłkę, otwórz ją ponownie, a potem anuluj.',
    });
    expect(transition('cancelled', 'reopen')).toEqual({
      ok: false,
      code: 'CASE_IS_CANCELLED',
      message:
        'Sprawa jest anulowana: jej znak zostaje w spisie spraw, ale sprawy nie można już zmieniać. Jeśli sprawę trzeba prowadzić, załóż nową.',
    });
    expect(transition('opened', 'suspend')).toEqual({
      ok: false,
      code: 'CASE_NOT_STARTED',
      message: 'Sprawa nie została jeszcze rozpoczęta, więc nie można jej zawiesić. Najpierw wybierz „Rozpocznij”.',
    });
  });

  it('cancelled is final: nothing leads out of it', () => {
    for (const action of CASE_ACTIONS) expect(transition('cancelled', action).ok).toBe(false);
  });

  it('walks the usual life of a case', () => {
    const steps: CaseAction[] = ['start', 'suspend', 'resume', 'suspend', 'resume', 'close', 'reopen', 'close'];
    let status: CaseStatus = 'opened';
    const seen: CaseStatus[] = [];
    for (const action of steps) {
      const next = transition(status, action);
      if (!next.ok) throw new Error(`${status} + ${action}: ${next.code}`);
      status = next.value;
      seen.push(status);
    }
    expect(seen).toEqual(['in_progress', 'suspended', 'in_progress', 'suspended', 'in_progress', 'closed', 'in_progress', 'closed']);
  });
});

describe('allowedActions', () => {
  it.each([
    ['opened', ['start', 'close', 'cancel']],
    ['in_progress', ['suspend', 'close', 'cancel']],
    ['suspended', ['resume', 'cancel']],
    ['closed', ['reopen']],
    ['cancelled', []],
  ] as const)('%s → %j', (status, actions) => {
    expect(allowedActions(status)).toEqual(actions);
  });

  it('agrees with transition for every pair', () => {
    for (const [status, action, expected] of PAIRS) {
      expect(allowedActions(status).includes(action)).toBe(STATUS_SET.has(expected));
    }
  });
});

describe('mayActOnCase', () => {
  // GK with sub-unit GK-I; OR beside them.
  const units: UnitRef[] = [
    { id: 'u-gk', symbol: 'GK', parentId: null },
    { id: 'u-gk1', symbol: 'GK-I', parentId: 'u-gk' },
    { id: 'u-or', symbol: 'OR', parentId: null },
  ];
  const owner: Person = { id: 'owner', fullName: 'Jan Kowalski', role: 'clerk', unitId: 'u-gk1' };
  const colleague: Person = { id: 'colleague', fullName: 'Ewa Wiśniewska', role: 'clerk', unitId: 'u-gk1' };
  const headGk1: Person = { id: 'head-gk1', fullName: 'Maria Zielińska', role: 'head', unitId: 'u-gk1' };
  const headGk: Person = { id: 'head-gk', fullName: 'Piotr Wójcik', role: 'head', unitId: 'u-gk' };
  const headOr: Person = { id: 'head-or', fullName: 'Adam Lis', role: 'head', unitId: 'u-or' };
  const admin: Person = { id: 'admin', fullName: 'Zofia Admin', role: 'admin', unitId: 'u-or' };
  const registry: Person = { id: 'registry', fullName: 'Kasia Kancelaria', role: 'registry', unitId: 'u-gk1' };
  const theCase = { ownerId: owner.id, unitId: 'u-gk1' };
  const today: CalendarDate = '2026-05-14';
  const subs: Substitution[] = [
    { id: 's1', substituteId: colleague.id, forUserId: owner.id, from: '2026-05-10', to: '2026-05-20', createdBy: headGk1.id },
    { id: 's2', substituteId: colleague.id, forUserId: headGk1.id, from: '2026-05-14', to: '2026-05-14', createdBy: headGk.id },
    { id: 's3', substituteId: owner.id, forUserId: admin.id, from: '2026-05-01', to: '2026-05-31', createdBy: admin.id },
    { id: 's4', substituteId: admin.id, forUserId: owner.id, from: '2026-05-01', to: '2026-05-31', createdBy: headGk.id },
  ];

  function check(user: Person, action: CaseAction, actingFor?: Person, day: CalendarDate = today): string {
    const result = mayActOnCase({ user, case: theCase, action, actingFor: actingFor ?? null, substitutions: subs, today: day, units });
    return result.ok ? `${result.value.basis}${result.value.actingForId === null ? '' : `/${result.value.actingForId}`}` : result.code;
  }

  const WORK: CaseAction[] = ['start', 'suspend', 'resume', 'close', 'reopen'];

  it.each(WORK)('the owner may %s, but not cancel', (action) => {
    expect(check(owner, action)).toBe('owner');
    expect(check(owner, 'cancel')).toBe('CASE_CANCEL_HEAD_ONLY');
  });

  it.each(CASE_ACTIONS)('the head of the unit and the head of the unit above may %s', (action) => {
    expect(check(headGk1, action)).toBe('unit_head');
    expect(check(headGk, action)).toBe('unit_head');
  });

  it.each(CASE_ACTIONS)('a head of another unit, a colleague and the registry may not %s', (action) => {
    expect(check(headOr, action)).toBe('CASE_NOT_YOURS');
    expect(check(colleague, action)).toBe('CASE_NOT_YOURS');
    expect(check(registry, action)).toBe('CASE_NOT_YOURS');
  });

  it('an admin may cancel, and only cancel', () => {
    expect(check(admin, 'cancel')).toBe('admin');
    for (const action of WORK) expect(check(admin, action)).toBe('CASE_ADMIN_CANCEL_ONLY');
  });

  it("the owner's substitute acts with the owner's rights, recorded as acting for them", () => {
    for (const action of WORK) expect(check(colleague, action, owner)).toBe('owner/owner');
    expect(check(colleague, 'cancel', owner)).toBe('CASE_CANCEL_HEAD_ONLY');
  });

  it("the head's substitute acts with the head's rights, on the substitution's day only", () => {
    expect(check(colleague, 'cancel', headGk1)).toBe('unit_head/head-gk1');
    expect(check(colleague, 'close', headGk1)).toBe('unit_head/head-gk1');
    expect(check(colleague, 'close', headGk1, '2026-05-15')).toBe('ACTING_FOR_NOT_ACTIVE');
    expect(check(colleague, 'close', headGk1, '2026-05-13')).toBe('ACTING_FOR_NOT_ACTIVE');
  });

  it('acting for someone without a substitution is refused, with a Polish message', () => {
    expect(mayActOnCase({ user: headOr, case: theCase, action: 'close', actingFor: owner, substitutions: subs, today, units })).toEqual({
      ok: false,
      code: 'ACTING_FOR_NOT_ACTIVE',
      message:
        'W dniu 14.05.2026 nie masz zastępstwa za: Jan Kowalski. Działaj we własnym imieniu albo poproś kierownika lub administratora o ustawienie zastępstwa.',
    });
  });

  it("a substitution for an admin does not pass on the admin's right to cancel", () => {
    expect(check(owner, 'cancel', admin)).toBe('CASE_NOT_YOURS');
  });

  it('an admin acting for the owner has the owner’s rights, not the admin’s', () => {
    expect(check(admin, 'close', owner)).toBe('owner/owner');
    expect(check(admin, 'cancel', owner)).toBe('CASE_CANCEL_HEAD_ONLY');
  });

  it('acting for someone uses their rights, not the actor’s own', () => {
    // The owner, acting for the admin, is judged as the admin-without-admin-rights: not the owner.
    expect(check(owner, 'close', admin)).toBe('CASE_NOT_YOURS');
  });

  it('explains a refusal in Polish', () => {
    expect(mayActOnCase({ user: owner, case: theCase, action: 'cancel', substitutions: subs, today, units })).toEqual({
      ok: false,
      code: 'CASE_CANCEL_HEAD_ONLY',
      message: 'Anulować sprawę może kierownik komórki albo administrator. Poproś kierownika o anulowanie i podaj powód.',
    });
  });
});
