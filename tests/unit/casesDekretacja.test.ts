import { describe, expect, it } from 'vitest';
import {
  authorOf,
  checkAssignment,
  checkBulkAssignment,
  checkForwarding,
  checkReturnToRegistry,
  INSTRUCTION_LABELS,
  type Assignment,
  type AssignmentPlan,
  type AssignmentRequest,
  type RoutedItem,
} from '#core/cases/dekretacja';
import type { CalendarDate, OfficeUser, Substitution, UnitRef } from '#core/cases/substitution';
import type { CheckResult } from '#core/checkResult';

// The office: GK with sub-units GK-I (itself with GK-I-A) and GK-II, and OR beside it.
const units: UnitRef[] = [
  { id: 'u-gk', symbol: 'GK', parentId: null },
  { id: 'u-gk1', symbol: 'GK-I', parentId: 'u-gk' },
  { id: 'u-gk2', symbol: 'GK-II', parentId: 'u-gk' },
  { id: 'u-gk1a', symbol: 'GK-I-A', parentId: 'u-gk1' },
  { id: 'u-or', symbol: 'OR', parentId: null },
];

const headGk: OfficeUser = { id: 'head-gk', fullName: 'Piotr Wójcik', role: 'head', unitId: 'u-gk', active: true };
const headGk1: OfficeUser = { id: 'head-gk1', fullName: 'Maria Zielińska', role: 'head', unitId: 'u-gk1', active: true };
const headGk2: OfficeUser = { id: 'head-gk2', fullName: 'Robert Mazur', role: 'head', unitId: 'u-gk2', active: true };
const headOr: OfficeUser = { id: 'head-or', fullName: 'Adam Lis', role: 'head', unitId: 'u-or', active: true };
const jan: OfficeUser = { id: 'jan', fullName: 'Jan Kowalski', role: 'clerk', unitId: 'u-gk1', active: true };
const anna: OfficeUser = { id: 'anna', fullName: 'Anna Nowak', role: 'clerk', unitId: 'u-gk1', active: true };
const ewa: OfficeUser = { id: 'ewa', fullName: 'Ewa Wiśniewska', role: 'clerk', unitId: 'u-gk', active: true };
const tomasz: OfficeUser = { id: 'tomasz', fullName: 'Tomasz Kamiński', role: 'clerk', unitId: 'u-gk2', active: true };
const olga: OfficeUser = { id: 'olga', fullName: 'Olga Lewandowska', role: 'clerk', unitId: 'u-or', active: true };
const kamil: OfficeUser = { id: 'kamil', fullName: 'Kamil Dąbrowski', role: 'clerk', unitId: 'u-gk1a', active: true };
const stefan: OfficeUser = { id: 'stefan', fullName: 'Stefan Były', role: 'clerk', unitId: 'u-gk1', active: false };
const admin: OfficeUser = { id: 'admin', fullName: 'Zofia Sekretarz', role: 'admin', unitId: 'u-or', active: true };
const registry: OfficeUser = { id: 'registry', fullName: 'Kasia Kancelaria', role: 'registry', unitId: 'u-or', active: true };
const users = [headGk, headGk1, headGk2, headOr, jan, anna, ewa, tomasz, olga, kamil, stefan, admin, registry];

const today: CalendarDate = '2026-05-14';

// Ewa stands in for the head of GK today only; Anna for the head of GK-I all month.
const substitutions: Substitution[] = [
  { id: 'sub-ewa', substituteId: ewa.id, forUserId: headGk.id, from: '2026-05-14', to: '2026-05-14', createdBy: admin.id },
  { id: 'sub-anna', substituteId: anna.id, forUserId: headGk1.id, from: '2026-05-01', to: '2026-05-31', createdBy: headGk.id },
];

const user = (u: OfficeUser) => ({ kind: 'user', userId: u.id }) as const;
const unit = (id: string) => ({ kind: 'unit', unitId: id }) as const;

function item(unitId: string, assignments: Assignment[] = [], id = 'item-1'): RoutedItem {
  return { id, unitId, caseId: null, assignments };
}

type Overrides = Partial<Omit<AssignmentRequest, 'item'>> & { item?: RoutedItem };

function request(o: Overrides = {}): AssignmentRequest {
  return {
    actor: headGk,
    actingFor: null,
    item: item('u-gk'),
    targets: [user(jan)],
    instruction: 'do_zalatwienia',
    deadline: null,
    note: null,
    today,
    units,
    users,
    substitutions,
    ...o,
  };
}

function codeOf(result: CheckResult<unknown>): string {
  return result.ok ? 'ok' : result.code;
}

function ok<T>(result: CheckResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.value;
}

let counter = 0;
/** What the service does with an approved plan: withdraw what it replaces, add what it creates. */
function apply(target: RoutedItem, plan: AssignmentPlan): RoutedItem {
  const kept = target.assignments.filter((a) => !plan.replaces.includes(a.id));
  const created = plan.create.map((a) => ({ ...a, id: `a${++counter}`, at: `2026-05-14T10:${String(counter % 60).padStart(2, '0')}:00Z` }));
  return { ...target, assignments: [...kept, ...created] };
}

/** Checks and applies in one go (the dekretacja must pass). */
function decree(target: RoutedItem, o: Overrides): RoutedItem {
  return apply(target, ok(checkAssignment(request({ ...o, item: target }))));
}

describe('who may decree', () => {
  it.each([
    ['the head of the unit the item is at', headGk, item('u-gk')],
    ['the head of the unit above', headGk, item('u-gk1')],
    ['the head of a sub-unit, for an item at that sub-unit', headGk1, item('u-gk1')],
  ])('%s', (_who, actor, at) => {
    expect(codeOf(checkAssignment(request({ actor, item: at })))).toBe('ok');
  });

  it.each([
    ['a clerk', jan],
    ['the registry', registry],
    ['an admin', admin],
    ['the head of another unit', headOr],
    ['the head of a sub-unit, for an item at the unit above', headGk1],
  ])('not %s', (_who, actor) => {
    expect(checkAssignment(request({ actor }))).toEqual({
      ok: false,
      code: 'ASSIGN_NOT_HEAD',
      message:
        'Dekretować pismo może kierownik komórki, w której ono jest (albo komórki nadrzędnej), lub osoba, która go w tym dniu zastępuje. Jeśli pismo trafiło do złej komórki, kierownik może je przekazać albo zwrócić do kancelarii.',
    });
  });

  it("the head's substitute decrees in the head's name, on the substitution's days", () => {
    const plan = ok(checkAssignment(request({ actor: ewa, actingFor: headGk })));
    expect(plan.create).toEqual([
      {
        itemId: 'item-1',
        assignedBy: ewa.id,
        onBehalfOf: headGk.id,
        assignedTo: user(jan),
        instruction: 'do_zalatwienia',
        deadline: null,
        note: null,
      },
    ]);
    expect(codeOf(checkAssignment(request({ actor: ewa, actingFor: headGk, today: '2026-05-15' })))).toBe('ACTING_FOR_NOT_ACTIVE');
    // In her own name Ewa is a clerk.
    expect(codeOf(checkAssignment(request({ actor: ewa })))).toBe('ASSIGN_NOT_HEAD');
  });

  it('after a dekretacja to a sub-unit, its head decrees inside it (and only inside it)', () => {
    const at = decree(item('u-gk'), { targets: [unit('u-gk1')], deadline: '2026-06-01' });
    expect(codeOf(checkAssignment(request({ actor: headGk1, item: at, targets: [user(jan)], deadline: '2026-06-01' })))).toBe('ok');
    expect(codeOf(checkAssignment(request({ actor: headGk1, item: at, targets: [user(tomasz)], instruction: 'do_wiadomosci' })))).toBe(
      'ASSIGN_USER_OUTSIDE_UNIT',
    );
    expect(codeOf(checkAssignment(request({ actor: headGk1, item: at, targets: [user(ewa)], instruction: 'do_wiadomosci' })))).toBe(
      'ASSIGN_USER_OUTSIDE_UNIT',
    );
    // GK-II's head got nothing and still may not decree.
    expect(codeOf(checkAssignment(request({ actor: headGk2, item: at, targets: [user(tomasz)] })))).toBe('ASSIGN_NOT_HEAD');
  });
});

describe('targets', () => {
  it.each([
    ['a clerk of the unit', [user(ewa)], 'do_zalatwienia', 'ok'],
    ['a clerk of a sub-unit', [user(jan)], 'do_zalatwienia', 'ok'],
    ['the head themselves', [user(headGk)], 'do_zalatwienia', 'ok'],
    ['a sub-unit', [unit('u-gk1')], 'do_zalatwienia', 'ok'],
    ['several for information', [user(jan), user(anna), unit('u-gk2')], 'do_wiadomosci', 'ok'],
    ['several for an opinion', [user(jan), user(tomasz)], 'do_opinii', 'ok'],
    ['nobody', [], 'do_zalatwienia', 'ASSIGN_NO_TARGETS'],
    ['two leads', [user(jan), user(anna)], 'do_zalatwienia', 'ASSIGN_ONE_LEAD'],
    ['the same person twice', [user(jan), user(jan)], 'do_wiadomosci', 'ASSIGN_TARGET_DUPLICATE'],
    ['the same unit twice', [unit('u-gk1'), unit('u-gk1')], 'do_wiadomosci', 'ASSIGN_TARGET_DUPLICATE'],
    ['an unknown user', [{ kind: 'user', userId: 'ghost' }], 'do_zalatwienia', 'USER_NOT_FOUND'],
    ['an inactive user', [user(stefan)], 'do_zalatwienia', 'ASSIGN_USER_INACTIVE'],
    ['a clerk of another unit', [user(olga)], 'do_zalatwienia', 'ASSIGN_USER_OUTSIDE_UNIT'],
    ['the item’s own unit', [unit('u-gk')], 'do_zalatwienia', 'ASSIGN_UNIT_OUTSIDE'],
    ['another unit', [unit('u-or')], 'do_wiadomosci', 'ASSIGN_UNIT_OUTSIDE'],
    ['an unknown unit', [unit('u-xx')], 'do_wiadomosci', 'UNIT_NOT_FOUND'],
  ] as const)('%s → %s', (_what, targets, instruction, code) => {
    expect(codeOf(checkAssignment(request({ targets, instruction })))).toBe(code);
  });

  it('explains the refusals in Polish', () => {
    expect(checkAssignment(request({ targets: [user(olga)] }))).toEqual({
      ok: false,
      code: 'ASSIGN_USER_OUTSIDE_UNIT',
      message:
        'Olga Lewandowska nie pracuje w komórce, w której jest pismo, ani w komórce jej podległej. Aby pismo trafiło do innej komórki, użyj „Przekaż”.',
    });
    expect(checkAssignment(request({ targets: [unit('u-or')], instruction: 'do_wiadomosci' }))).toEqual({
      ok: false,
      code: 'ASSIGN_UNIT_OUTSIDE',
      message:
        'Komórka OR nie jest podległa komórce, w której jest pismo. Dekretować można na komórki podległe; aby pismo trafiło do innej komórki, użyj „Przekaż”.',
    });
    expect(checkAssignment(request({ targets: [unit('u-gk1'), unit('u-gk1')], instruction: 'do_wiadomosci' }))).toEqual({
      ok: false,
      code: 'ASSIGN_TARGET_DUPLICATE',
      message: 'W tej dekretacji dwa razy występuje: komórka GK-I. Zostaw jedną pozycję.',
    });
    expect(checkAssignment(request({ targets: [user(jan), user(anna)] }))).toEqual({
      ok: false,
      code: 'ASSIGN_ONE_LEAD',
      message:
        'Do załatwienia dekretuje się pismo jednej osobie lub komórce: ona prowadzi sprawę. Pozostałym zadekretuj pismo do wiadomości albo do opinii.',
    });
  });

  it('creates one assignment per target', () => {
    const plan = ok(checkAssignment(request({ targets: [user(jan), unit('u-gk2')], instruction: 'do_wiadomosci', note: '  Proszę o zapoznanie się.  ' })));
    expect(plan).toEqual({
      create: [
        { itemId: 'item-1', assignedBy: headGk.id, onBehalfOf: null, assignedTo: user(jan), instruction: 'do_wiadomosci', deadline: null, note: 'Proszę o zapoznanie się.' },
        { itemId: 'item-1', assignedBy: headGk.id, onBehalfOf: null, assignedTo: unit('u-gk2'), instruction: 'do_wiadomosci', deadline: null, note: 'Proszę o zapoznanie się.' },
      ],
      replaces: [],
    });
  });
});

describe('deadline and note', () => {
  it.each([
    ['do_zalatwienia', null, 'ok'],
    ['do_zalatwienia', '2026-05-14', 'ok'], // today
    ['do_zalatwienia', '2026-06-30', 'ok'],
    ['do_zalatwienia', '2026-05-13', 'ASSIGN_DEADLINE_PAST'],
    ['do_opinii', '2026-05-20', 'ok'],
    ['do_opinii', '2025-05-20', 'ASSIGN_DEADLINE_PAST'],
    ['do_wiadomosci', null, 'ok'],
    ['do_wiadomosci', '2026-05-20', 'ASSIGN_DEADLINE_FOR_INFO'],
    ['do_zalatwienia', '2026-02-30', 'CALENDAR_DATE_INVALID'],
    ['do_zalatwienia', '30.05.2026', 'CALENDAR_DATE_INVALID'],
  ] as const)('%s with %s → %s', (instruction, deadline, code) => {
    expect(codeOf(checkAssignment(request({ instruction, deadline: deadline as CalendarDate | null })))).toBe(code);
  });

  it('explains a past deadline in Polish', () => {
    expect(checkAssignment(request({ deadline: '2026-05-13' }))).toEqual({
      ok: false,
      code: 'ASSIGN_DEADLINE_PAST',
      message: 'Termin 13.05.2026 już minął (dziś jest 14.05.2026). Podaj termin od dziś wzwyż albo zostaw pole puste.',
    });
  });

  it('keeps the deadline and a trimmed note; a blank note is none', () => {
    expect(ok(checkAssignment(request({ deadline: '2026-06-01', note: ' pilne ' }))).create[0]).toMatchObject({ deadline: '2026-06-01', note: 'pilne' });
    expect(ok(checkAssignment(request({ note: '   ' }))).create[0]?.note).toBeNull();
    expect(ok(checkAssignment(request({ note: undefined }))).create[0]?.note).toBeNull();
  });

  it('limits the note to 2000 characters', () => {
    expect(codeOf(checkAssignment(request({ note: 'x'.repeat(2000) })))).toBe('ok');
    expect(checkAssignment(request({ note: 'x'.repeat(2001) }))).toEqual({
      ok: false,
      code: 'ASSIGN_NOTE_TOO_LONG',
      message: 'Uwagi do dekretacji są za długie: mogą mieć najwyżej 2000 znaków. Skróć je.',
    });
  });
});

describe('a later dekretacja and the method and deadline the first one set', () => {
  // The item is at GK-I; the head of GK (above) decreed it first: Jan leads, by 1 June.
  const first = () => decree(item('u-gk1'), { actor: headGk, targets: [user(jan)], deadline: '2026-06-01' });

  describe('the same person may change their own', () => {
    it('deadline: replaces their assignment', () => {
      const at = first();
      const plan = ok(checkAssignment(request({ actor: headGk, item: at, targets: [user(jan)], deadline: '2026-06-15' })));
      expect(plan.replaces).toEqual([at.assignments[0]?.id]);
      expect(plan.create[0]).toMatchObject({ assignedTo: user(jan), instruction: 'do_zalatwienia', deadline: '2026-06-15' });
    });

    it('method: Jan from "do załatwienia" to "do wiadomości"', () => {
      const at = first();
      const plan = ok(checkAssignment(request({ actor: headGk, item: at, targets: [user(jan)], instruction: 'do_wiadomosci' })));
      expect(plan.replaces).toEqual([at.assignments[0]?.id]);
    });

    it('the lead: from Jan to Anna, with another deadline', () => {
      const at = first();
      const plan = ok(checkAssignment(request({ actor: headGk, item: at, targets: [user(anna)], deadline: '2026-07-01' })));
      expect(plan.replaces).toEqual([at.assignments[0]?.id]);
    });

    it('also when their substitute decreed in their name, and the other way round', () => {
      const byDeputy = decree(item('u-gk1'), { actor: ewa, actingFor: headGk, targets: [user(jan)], deadline: '2026-06-01' });
      expect(authorOf(byDeputy.assignments[0] ?? { assignedBy: '', onBehalfOf: null })).toBe(headGk.id);
      expect(codeOf(checkAssignment(request({ actor: headGk, item: byDeputy, targets: [user(jan)], deadline: '2026-06-20' })))).toBe('ok');
      const byHead = first();
      expect(codeOf(checkAssignment(request({ actor: ewa, actingFor: headGk, item: byHead, targets: [user(jan)], deadline: '2026-06-20' })))).toBe(
        'ok',
      );
    });

    it('repeating exactly the same is refused as already assigned', () => {
      const at = first();
      expect(checkAssignment(request({ actor: headGk, item: at, targets: [user(jan)], deadline: '2026-06-01' }))).toEqual({
        ok: false,
        code: 'ASSIGN_ALREADY_ASSIGNED',
        message: 'Pismo jest już zadekretowane do załatwienia, z tym samym terminem, na: Jan Kowalski. Nic nie trzeba zmieniać.',
      });
    });
  });

  describe('someone else may not change them', () => {
    it("the lead's deadline", () => {
      expect(checkAssignment(request({ actor: headGk1, item: first(), targets: [user(jan)], deadline: '2026-06-15' }))).toEqual({
        ok: false,
        code: 'ASSIGN_DEADLINE_LOCKED',
        message:
          'Termin z wcześniejszej dekretacji (termin 01.06.2026; dekretował(a): Piotr Wójcik) może zmienić tylko ta osoba. Zadekretuj z tym samym terminem albo poproś ją o zmianę.',
      });
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: first(), targets: [user(jan)], deadline: null })))).toBe(
        'ASSIGN_DEADLINE_LOCKED',
      );
    });

    it("the lead's method", () => {
      expect(checkAssignment(request({ actor: headGk1, item: first(), targets: [user(jan)], instruction: 'do_wiadomosci' }))).toEqual({
        ok: false,
        code: 'ASSIGN_METHOD_LOCKED',
        message:
          'Pismo jest już zadekretowane na: Jan Kowalski (do załatwienia; dekretował(a): Piotr Wójcik). Sposób załatwienia może zmienić tylko ta osoba; poproś ją o zmianę.',
      });
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: first(), targets: [user(jan)], instruction: 'do_opinii' })))).toBe(
        'ASSIGN_METHOD_LOCKED',
      );
    });

    it('who leads', () => {
      expect(checkAssignment(request({ actor: headGk1, item: first(), targets: [user(anna)], deadline: '2026-06-01' }))).toEqual({
        ok: false,
        code: 'ASSIGN_LEAD_TAKEN',
        message:
          'Pismo prowadzi już: Jan Kowalski (do załatwienia, dekretował(a): Piotr Wójcik). Prowadzącego może zmienić tylko ta osoba; Ty możesz dodać osoby do wiadomości lub do opinii.',
      });
    });

    it("nor can that person's substitute, acting in their own head's name", () => {
      const at = first();
      expect(codeOf(checkAssignment(request({ actor: anna, actingFor: headGk1, item: at, targets: [user(jan)], deadline: '2026-06-15' })))).toBe(
        'ASSIGN_DEADLINE_LOCKED',
      );
      expect(codeOf(checkAssignment(request({ actor: anna, actingFor: headGk1, item: at, targets: [user(anna)], deadline: '2026-06-01' })))).toBe(
        'ASSIGN_LEAD_TAKEN',
      );
    });

    it('repeating it exactly changes nothing and says so', () => {
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: first(), targets: [user(jan)], deadline: '2026-06-01' })))).toBe(
        'ASSIGN_ALREADY_ASSIGNED',
      );
    });
  });

  describe('someone else may add recipients without touching the lead', () => {
    it('"do wiadomości" and "do opinii" to people who do not hold the item yet', () => {
      const at = first();
      const info = ok(checkAssignment(request({ actor: headGk1, item: at, targets: [user(anna), user(headGk1)], instruction: 'do_wiadomosci' })));
      expect(info.replaces).toEqual([]);
      expect(info.create.map((a) => a.instruction)).toEqual(['do_wiadomosci', 'do_wiadomosci']);
      const opinion = ok(checkAssignment(request({ actor: headGk1, item: at, targets: [user(anna)], instruction: 'do_opinii', deadline: '2026-05-25' })));
      expect(opinion.replaces).toEqual([]);
      // The lead is untouched after both.
      const after = apply(apply(at, info), opinion);
      expect(after.assignments.filter((a) => a.instruction === 'do_zalatwienia')).toEqual([at.assignments[0]]);
    });

    it('but not change the method or deadline someone else gave a recipient', () => {
      const at = decree(first(), { actor: headGk, targets: [user(anna)], instruction: 'do_opinii', deadline: '2026-05-20' });
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: at, targets: [user(anna)], instruction: 'do_opinii', deadline: '2026-05-25' })))).toBe(
        'ASSIGN_DEADLINE_LOCKED',
      );
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: at, targets: [user(anna)], instruction: 'do_wiadomosci' })))).toBe(
        'ASSIGN_METHOD_LOCKED',
      );
      // The author may.
      expect(codeOf(checkAssignment(request({ actor: headGk, item: at, targets: [user(anna)], instruction: 'do_opinii', deadline: '2026-05-25' })))).toBe(
        'ok',
      );
    });

    it('the first "do wiadomości" also fixes that recipient’s method for others', () => {
      const at = decree(item('u-gk1'), { actor: headGk, targets: [user(anna)], instruction: 'do_wiadomosci' });
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: at, targets: [user(anna)], instruction: 'do_zalatwienia' })))).toBe(
        'ASSIGN_METHOD_LOCKED',
      );
      // No lead yet: the other head may give the lead to someone else.
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: at, targets: [user(jan)], instruction: 'do_zalatwienia' })))).toBe('ok');
    });
  });

  describe('handing the lead down inside the unit that leads', () => {
    // The item is at GK; its head decreed it to the sub-unit GK-I, by 1 June.
    const toGk1 = () => decree(item('u-gk'), { actor: headGk, targets: [unit('u-gk1')], deadline: '2026-06-01' });

    it("GK-I's head hands it to Jan with the same deadline; the unit's lead stays", () => {
      const at = toGk1();
      const plan = ok(checkAssignment(request({ actor: headGk1, item: at, targets: [user(jan)], deadline: '2026-06-01' })));
      expect(plan.replaces).toEqual([]);
      expect(plan.create[0]).toMatchObject({ assignedBy: headGk1.id, assignedTo: user(jan), instruction: 'do_zalatwienia', deadline: '2026-06-01' });
    });

    it('but not with another deadline, nor none', () => {
      const at = toGk1();
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: at, targets: [user(jan)], deadline: '2026-06-15' })))).toBe(
        'ASSIGN_DEADLINE_LOCKED',
      );
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: at, targets: [user(jan)], deadline: null })))).toBe(
        'ASSIGN_DEADLINE_LOCKED',
      );
    });

    it('may hand it down again (their own hand-down is replaced), still with the first deadline', () => {
      const handed = decree(toGk1(), { actor: headGk1, targets: [user(jan)], deadline: '2026-06-01' });
      const janLead = handed.assignments[1]?.id;
      const plan = ok(checkAssignment(request({ actor: headGk1, item: handed, targets: [user(anna)], deadline: '2026-06-01' })));
      expect(plan.replaces).toEqual([janLead]);
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: handed, targets: [user(anna)], deadline: '2026-06-02' })))).toBe(
        'ASSIGN_DEADLINE_LOCKED',
      );
    });

    it('a person-lead set by someone else is not theirs to move', () => {
      const handed = decree(toGk1(), { actor: headGk1, targets: [user(jan)], deadline: '2026-06-01' });
      // GK-II's head holds nothing here; the head of GK is the first author and may.
      expect(codeOf(checkAssignment(request({ actor: headGk2, item: handed, targets: [user(tomasz)], deadline: '2026-06-01' })))).toBe(
        'ASSIGN_NOT_HEAD',
      );
      const plan = ok(checkAssignment(request({ actor: headGk, item: handed, targets: [user(tomasz)], deadline: '2026-06-20' })));
      // The first author moving the lead replaces the whole line of leads.
      expect(plan.replaces).toEqual(handed.assignments.map((a) => a.id));
    });

    it('the first author changing the deadline replaces the hand-downs too', () => {
      const handed = decree(toGk1(), { actor: headGk1, targets: [user(jan)], deadline: '2026-06-01' });
      const plan = ok(checkAssignment(request({ actor: headGk, item: handed, targets: [unit('u-gk1')], deadline: '2026-06-10' })));
      expect(plan.replaces).toEqual(handed.assignments.map((a) => a.id));
    });

    it('a unit-lead cannot be handed outside that unit by someone else', () => {
      // The item is at GK-I; the head of GK gave the lead to GK-I's sub-unit GK-I-A. GK-I's head
      // may decree at GK-I, but may hand the lead down only inside GK-I-A.
      const at = decree(item('u-gk1'), { actor: headGk, targets: [unit('u-gk1a')], deadline: '2026-06-01' });
      expect(checkAssignment(request({ actor: headGk1, item: at, targets: [user(jan)], deadline: '2026-06-01' }))).toEqual({
        ok: false,
        code: 'ASSIGN_LEAD_TAKEN',
        message:
          'Pismo prowadzi już: komórka GK-I-A (do załatwienia, dekretował(a): Piotr Wójcik). Prowadzącego może zmienić tylko ta osoba; Ty możesz dodać osoby do wiadomości lub do opinii.',
      });
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: at, targets: [user(kamil)], deadline: '2026-06-01' })))).toBe('ok');
      // Outside everything the actor heads, it is not even a dekretacja.
      expect(codeOf(checkAssignment(request({ actor: headGk1, item: toGk1(), targets: [user(ewa)], deadline: '2026-06-01' })))).toBe(
        'ASSIGN_USER_OUTSIDE_UNIT',
      );
    });
  });

  it('names the author by the authority used, for a lock set by a substitute', () => {
    const byDeputy = decree(item('u-gk1'), { actor: ewa, actingFor: headGk, targets: [user(jan)], deadline: '2026-06-01' });
    const result = checkAssignment(request({ actor: headGk1, item: byDeputy, targets: [user(anna)], deadline: '2026-06-01' }));
    expect(result.ok ? '' : result.message).toContain('dekretował(a): Piotr Wójcik');
  });
});

describe('bulk dekretacja', () => {
  it('applies the same rules to each item on its own', () => {
    const fresh = item('u-gk', [], 'fresh');
    const led = decree(item('u-gk1', [], 'led'), { actor: headGk, targets: [user(anna)], deadline: '2026-06-01' });
    const elsewhere = item('u-or', [], 'elsewhere');
    const { item: _unused, ...rest } = request({ actor: headGk1, targets: [user(jan)], deadline: '2026-06-01' });
    const results = checkBulkAssignment({ ...rest, actor: headGk, items: [fresh, led, elsewhere] });
    expect(results.map((r) => [r.itemId, codeOf(r.result)])).toEqual([
      ['fresh', 'ok'],
      ['led', 'ok'], // the same head re-decrees their own lead from Anna to Jan
      ['elsewhere', 'ASSIGN_NOT_HEAD'],
    ]);
    for (const [i, target] of [fresh, led, elsewhere].entries()) {
      expect(results[i]?.result).toEqual(checkAssignment({ ...rest, actor: headGk, item: target }));
    }

    // Another head, the same batch: the item someone else leads is refused, the rest go through.
    const other = checkBulkAssignment({ ...rest, actor: headGk1, items: [item('u-gk1', [], 'a'), led, item('u-gk1', [], 'b')] });
    expect(other.map((r) => [r.itemId, codeOf(r.result)])).toEqual([
      ['a', 'ok'],
      ['led', 'ASSIGN_LEAD_TAKEN'],
      ['b', 'ok'],
    ]);
  });

  it('returns nothing for no items', () => {
    const { item: _unused, ...rest } = request();
    expect(checkBulkAssignment({ ...rest, items: [] })).toEqual([]);
  });
});

describe('przekazanie (forwarding to another unit)', () => {
  const withLead = () => decree(item('u-gk1'), { actor: headGk1, targets: [user(jan)] });
  const forward = (o: { actor?: OfficeUser; actingFor?: OfficeUser; at?: RoutedItem; toUnitId?: string; reason?: string; today?: CalendarDate }) =>
    checkForwarding({
      actor: o.actor ?? headGk1,
      actingFor: o.actingFor ?? null,
      item: o.at ?? withLead(),
      toUnitId: o.toUnitId ?? 'u-or',
      reason: o.reason ?? 'Sprawa dotyczy organizacji urzędu.',
      today: o.today ?? today,
      units,
      users,
      substitutions,
    });

  it('hands the item on with the reason and ends its assignments, without a dekretacja', () => {
    const at = withLead();
    expect(forward({ at, reason: '  Właściwy jest Wydział Organizacyjny.  ' })).toEqual({
      ok: true,
      value: {
        itemId: 'item-1',
        fromUnitId: 'u-gk1',
        toUnitId: 'u-or',
        reason: 'Właściwy jest Wydział Organizacyjny.',
        actorId: headGk1.id,
        actingForId: null,
        endsAssignments: at.assignments.map((a) => a.id),
      },
    });
  });

  it.each([
    ['the head of the unit above', { actor: headGk }, 'ok'],
    ['the head’s substitute', { actor: anna, actingFor: headGk1 }, 'ok'],
    ['to the unit above', { toUnitId: 'u-gk' }, 'ok'],
    ['to a sibling unit', { toUnitId: 'u-gk2' }, 'ok'],
    ['a clerk', { actor: jan }, 'FORWARD_NOT_HEAD'],
    ['the head of another unit', { actor: headOr }, 'FORWARD_NOT_HEAD'],
    ['a substitute out of range', { actor: anna, actingFor: headGk1, today: '2026-06-01' }, 'ACTING_FOR_NOT_ACTIVE'],
    ['to its own unit', { toUnitId: 'u-gk1' }, 'FORWARD_SAME_UNIT'],
    ['to an unknown unit', { toUnitId: 'u-xx' }, 'UNIT_NOT_FOUND'],
    ['without a reason', { reason: '   ' }, 'ROUTING_REASON_MISSING'],
    ['with a reason too long', { reason: 'x'.repeat(1001) }, 'ROUTING_REASON_TOO_LONG'],
  ] as const)('%s → %s', (_what, o, code) => {
    expect(codeOf(forward(o))).toBe(code);
  });

  it('refuses a sub-unit (that is a dekretacja) and an item already in a case', () => {
    expect(forward({ actor: headGk, at: item('u-gk'), toUnitId: 'u-gk1' })).toEqual({
      ok: false,
      code: 'FORWARD_TO_SUBUNIT',
      message: 'Komórka GK-I jest podległa komórce, w której jest pismo: zadekretuj pismo na nią zamiast je przekazywać.',
    });
    expect(forward({ at: { ...withLead(), caseId: 'case-1' } })).toEqual({
      ok: false,
      code: 'FORWARD_CASE_OPENED',
      message: 'Z tego pisma założono już sprawę, więc pismo jest w aktach sprawy. Przekaż sprawę zamiast pisma.',
    });
    expect(forward({ reason: '' })).toEqual({
      ok: false,
      code: 'ROUTING_REASON_MISSING',
      message:
        'Podaj powód przekazania, np. „pismo dotyczy podatku od nieruchomości — właściwy Wydział Finansowy”. Powód trafia do metryki i widzi go odbiorca.',
    });
  });
});

describe('return to the registry (misrouted)', () => {
  const giveBack = (o: { actor?: OfficeUser; actingFor?: OfficeUser; at?: RoutedItem; reason?: string }) =>
    checkReturnToRegistry({
      actor: o.actor ?? headGk1,
      actingFor: o.actingFor ?? null,
      item: o.at ?? item('u-gk1'),
      reason: o.reason ?? 'Pismo dotyczy ośrodka pomocy społecznej.',
      today,
      units,
      users,
      substitutions,
    });

  it('is recorded with the reason and ends the assignments', () => {
    const at = decree(item('u-gk1'), { actor: headGk1, targets: [user(jan)], instruction: 'do_wiadomosci' });
    expect(giveBack({ at })).toEqual({
      ok: true,
      value: {
        itemId: 'item-1',
        fromUnitId: 'u-gk1',
        toUnitId: null,
        reason: 'Pismo dotyczy ośrodka pomocy społecznej.',
        actorId: headGk1.id,
        actingForId: null,
        endsAssignments: at.assignments.map((a) => a.id),
      },
    });
  });

  it.each([
    ['the head’s substitute', { actor: anna, actingFor: headGk1 }, 'ok'],
    ['the head of the unit above', { actor: headGk }, 'RETURN_NOT_HEAD'],
    ['a clerk of the unit', { actor: jan }, 'RETURN_NOT_HEAD'],
    ['the registry', { actor: registry }, 'RETURN_NOT_HEAD'],
    ['an admin', { actor: admin }, 'RETURN_NOT_HEAD'],
    ['without a reason', { reason: '' }, 'ROUTING_REASON_MISSING'],
    ['with a reason too long', { reason: 'x'.repeat(1001) }, 'ROUTING_REASON_TOO_LONG'],
  ] as const)('%s → %s', (_what, o, code) => {
    expect(codeOf(giveBack(o))).toBe(code);
  });

  it('is refused once a case was opened from the item, and names the reason in Polish', () => {
    expect(giveBack({ at: { ...item('u-gk1'), caseId: 'case-1' } })).toEqual({
      ok: false,
      code: 'RETURN_CASE_OPENED',
      message:
        'Z tego pisma założono już sprawę, więc nie można go zwrócić do kancelarii jako błędnie skierowanego. Jeśli sprawa należy do innej komórki, przekaż sprawę.',
    });
    const missing = giveBack({ reason: ' ' });
    expect(codeOf(missing)).toBe('ROUTING_REASON_MISSING');
    expect(missing.ok ? '' : missing.message).toMatch(/^Podaj powód zwrotu, np\. /u);
  });
});

describe('labels', () => {
  it('writes instructions as on paper', () => {
    expect(INSTRUCTION_LABELS).toEqual({ do_zalatwienia: 'do załatwienia', do_wiadomosci: 'do wiadomości', do_opinii: 'do opinii' });
  });
});
