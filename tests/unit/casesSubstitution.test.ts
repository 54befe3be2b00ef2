import { describe, expect, it } from 'vitest';
import {
  activeSubstitutions,
  attribution,
  checkActingFor,
  checkSubstitution,
  coversDay,
  headsUnit,
  isWithinUnit,
  principal,
  unitAncestry,
  visibleInboxOwners,
  whoCanActFor,
  type CalendarDate,
  type OfficeUser,
  type Substitution,
  type SubstitutionSetter,
  type UnitRef,
} from '#core/cases/substitution';
import type { CheckResult } from '#core/checkResult';

const units: UnitRef[] = [
  { id: 'u-gk', symbol: 'GK', parentId: null },
  { id: 'u-gk1', symbol: 'GK-I', parentId: 'u-gk' },
  { id: 'u-gk1a', symbol: 'GK-I-A', parentId: 'u-gk1' },
  { id: 'u-or', symbol: 'OR', parentId: null },
];

const anna: OfficeUser = { id: 'anna', fullName: 'Anna Nowak', role: 'clerk', unitId: 'u-gk1', active: true };
const jan: OfficeUser = { id: 'jan', fullName: 'Jan Kowalski', role: 'clerk', unitId: 'u-gk1', active: true };
const ewa: OfficeUser = { id: 'ewa', fullName: 'Ewa Wiśniewska', role: 'clerk', unitId: 'u-gk1', active: true };
const stefan: OfficeUser = { id: 'stefan', fullName: 'Stefan Były', role: 'clerk', unitId: 'u-gk1', active: false };
const headGk1: OfficeUser = { id: 'head-gk1', fullName: 'Maria Zielińska', role: 'head', unitId: 'u-gk1', active: true };
const headGk: OfficeUser = { id: 'head-gk', fullName: 'Piotr Wójcik', role: 'head', unitId: 'u-gk', active: true };
const headOr: OfficeUser = { id: 'head-or', fullName: 'Adam Lis', role: 'head', unitId: 'u-or', active: true };
const admin: OfficeUser = { id: 'admin', fullName: 'Zofia Sekretarz', role: 'admin', unitId: 'u-or', active: true };
const registry: OfficeUser = { id: 'registry', fullName: 'Kasia Kancelaria', role: 'registry', unitId: 'u-gk1', active: true };
const users = [anna, jan, ewa, stefan, headGk1, headGk, headOr, admin, registry];

const today: CalendarDate = '2026-05-14';

function sub(id: string, substituteId: string, forUserId: string, from: CalendarDate, to: CalendarDate): Substitution {
  return { id, substituteId, forUserId, from, to, createdBy: headGk1.id };
}

function codeOf(result: CheckResult<unknown>): string {
  return result.ok ? 'ok' : result.code;
}

describe('units', () => {
  it('climbs from a unit to the top, nearest first', () => {
    expect(unitAncestry('u-gk1a', units)).toEqual(['u-gk1a', 'u-gk1', 'u-gk']);
    expect(unitAncestry('u-or', units)).toEqual(['u-or']);
    expect(unitAncestry('unknown', units)).toEqual(['unknown']);
  });

  it('stops on a cycle in bad data', () => {
    const loop: UnitRef[] = [
      { id: 'a', symbol: 'A', parentId: 'b' },
      { id: 'b', symbol: 'B', parentId: 'a' },
    ];
    expect(unitAncestry('a', loop)).toEqual(['a', 'b']);
    expect(isWithinUnit('a', 'c', loop)).toBe(false);
  });

  it('knows which unit lies within which', () => {
    expect(isWithinUnit('u-gk1a', 'u-gk', units)).toBe(true);
    expect(isWithinUnit('u-gk', 'u-gk', units)).toBe(true);
    expect(isWithinUnit('u-gk', 'u-gk1', units)).toBe(false);
    expect(isWithinUnit('u-or', 'u-gk', units)).toBe(false);
  });

  it('a head heads their unit and the units below it; other roles head nothing', () => {
    expect(headsUnit(headGk, 'u-gk1a', units)).toBe(true);
    expect(headsUnit(headGk1, 'u-gk1', units)).toBe(true);
    expect(headsUnit(headGk1, 'u-gk', units)).toBe(false);
    expect(headsUnit(headOr, 'u-gk1', units)).toBe(false);
    expect(headsUnit(anna, 'u-gk1', units)).toBe(false);
    expect(headsUnit(admin, 'u-or', units)).toBe(false);
  });
});

describe('substitutions in force', () => {
  const s = sub('s1', anna.id, jan.id, '2026-05-10', '2026-05-20');

  it.each([
    ['2026-05-09', false],
    ['2026-05-10', true],
    ['2026-05-14', true],
    ['2026-05-20', true],
    ['2026-05-21', false],
    ['2025-05-14', false],
  ] as const)('covers %s: %s (both ends included)', (day, expected) => {
    expect(coversDay(s, day)).toBe(expected);
  });

  it('a one-day substitution covers that day only', () => {
    const one = sub('s2', anna.id, jan.id, '2026-05-14', '2026-05-14');
    expect(activeSubstitutions([one], '2026-05-14')).toEqual([one]);
    expect(activeSubstitutions([one], '2026-05-13')).toEqual([]);
    expect(activeSubstitutions([one], '2026-05-15')).toEqual([]);
  });

  it('lists who may act for a person, each once', () => {
    const subs = [
      s,
      sub('s2', ewa.id, jan.id, '2026-05-14', '2026-05-14'),
      sub('s3', anna.id, jan.id, '2026-05-12', '2026-05-16'),
      sub('s4', headGk1.id, jan.id, '2026-06-01', '2026-06-30'),
      sub('s5', jan.id, anna.id, '2026-05-01', '2026-05-31'),
    ];
    expect(whoCanActFor(jan.id, subs, today)).toEqual([anna.id, ewa.id]);
    expect(whoCanActFor(jan.id, subs, '2026-05-15')).toEqual([anna.id]);
    expect(whoCanActFor(jan.id, subs, '2026-06-01')).toEqual([headGk1.id]);
    expect(whoCanActFor(ewa.id, subs, today)).toEqual([]);
  });

  it('a substitute sees their own inbox and those of the people they stand in for', () => {
    const subs = [s, sub('s2', anna.id, ewa.id, '2026-05-14', '2026-05-30')];
    expect(visibleInboxOwners(anna.id, subs, today)).toEqual([anna.id, jan.id, ewa.id]);
    expect(visibleInboxOwners(anna.id, subs, '2026-05-25')).toEqual([anna.id, ewa.id]);
    expect(visibleInboxOwners(jan.id, subs, today)).toEqual([jan.id]);
  });

  it('is not transitive: A for B while B for C does not let A act for C', () => {
    const subs = [sub('ab', anna.id, jan.id, '2026-05-01', '2026-05-31'), sub('bc', jan.id, ewa.id, '2026-05-01', '2026-05-31')];
    expect(visibleInboxOwners(anna.id, subs, today)).toEqual([anna.id, jan.id]);
    expect(whoCanActFor(ewa.id, subs, today)).toEqual([jan.id]);
    expect(codeOf(checkActingFor({ actor: anna, actingFor: ewa, substitutions: subs, today }))).toBe('ACTING_FOR_NOT_ACTIVE');
    expect(codeOf(checkActingFor({ actor: anna, actingFor: jan, substitutions: subs, today }))).toBe('ok');
  });
});

describe('checkActingFor and principal', () => {
  const subs = [sub('s1', anna.id, jan.id, '2026-05-10', '2026-05-20')];

  it('returns the substitution that allows it', () => {
    expect(checkActingFor({ actor: anna, actingFor: jan, substitutions: subs, today })).toEqual({ ok: true, value: subs[0] });
    expect(principal({ actor: anna, actingFor: jan, substitutions: subs, today })).toEqual({ ok: true, value: jan });
    expect(principal({ actor: anna, actingFor: null, substitutions: subs, today })).toEqual({ ok: true, value: anna });
    expect(principal({ actor: anna, substitutions: [], today })).toEqual({ ok: true, value: anna });
  });

  it('refuses acting for oneself even if bad data holds such a substitution', () => {
    const selfSub = [sub('self', anna.id, anna.id, '2026-05-01', '2026-05-31')];
    expect(codeOf(checkActingFor({ actor: anna, actingFor: anna, substitutions: selfSub, today }))).toBe('ACTING_FOR_NOT_ACTIVE');
  });

  it('refuses outside the range, the other way round, and for oneself', () => {
    expect(codeOf(checkActingFor({ actor: anna, actingFor: jan, substitutions: subs, today: '2026-05-21' }))).toBe('ACTING_FOR_NOT_ACTIVE');
    expect(codeOf(checkActingFor({ actor: jan, actingFor: anna, substitutions: subs, today }))).toBe('ACTING_FOR_NOT_ACTIVE');
    expect(codeOf(checkActingFor({ actor: anna, actingFor: anna, substitutions: subs, today }))).toBe('ACTING_FOR_NOT_ACTIVE');
    expect(principal({ actor: ewa, actingFor: jan, substitutions: subs, today })).toEqual({
      ok: false,
      code: 'ACTING_FOR_NOT_ACTIVE',
      message:
        'W dniu 14.05.2026 nie masz zastępstwa za: Jan Kowalski. Działaj we własnym imieniu albo poproś kierownika lub administratora o ustawienie zastępstwa.',
    });
  });
});

describe('attribution', () => {
  it('names the actor alone when they act in their own name', () => {
    expect(attribution({ actor: anna })).toEqual({ actorName: 'Anna Nowak', onBehalfOfName: null, text: 'Anna Nowak' });
    expect(attribution({ actor: anna, actingFor: null })).toEqual({ actorName: 'Anna Nowak', onBehalfOfName: null, text: 'Anna Nowak' });
  });

  it('names both, the second as a labelled value (no declension of names)', () => {
    expect(attribution({ actor: anna, actingFor: jan })).toEqual({
      actorName: 'Anna Nowak',
      onBehalfOfName: 'Jan Kowalski',
      text: 'Anna Nowak w zastępstwie: Jan Kowalski',
    });
    expect(attribution({ actor: { fullName: ' Ewa Wiśniewska ' }, actingFor: { fullName: 'Maria Zielińska ' } }).text).toBe(
      'Ewa Wiśniewska w zastępstwie: Maria Zielińska',
    );
  });
});

describe('checkSubstitution', () => {
  const by = (actor: OfficeUser, actingFor?: OfficeUser): SubstitutionSetter => ({ actor, actingFor: actingFor ?? null, today, users, units });
  const annaForJan = sub('new', anna.id, jan.id, '2026-05-18', '2026-05-22');

  it.each([
    ['the head of the absent person’s unit', headGk1],
    ['the head of the unit above', headGk],
    ['an admin', admin],
  ])('may be set by %s', (_who, setter) => {
    expect(checkSubstitution(annaForJan, [], by(setter))).toEqual({ ok: true, value: annaForJan });
  });

  it("may be set by the head's substitute, in the head's name", () => {
    const existing = [sub('deputy', ewa.id, headGk1.id, '2026-05-14', '2026-05-14')];
    expect(codeOf(checkSubstitution(annaForJan, existing, by(ewa, headGk1)))).toBe('ok');
    expect(codeOf(checkSubstitution(annaForJan, existing, { ...by(ewa, headGk1), today: '2026-05-15' }))).toBe('ACTING_FOR_NOT_ACTIVE');
  });

  it.each([
    ['a clerk', anna],
    ['the absent person themselves', jan],
    ['the registry', registry],
    ['a head of another unit', headOr],
  ])('may not be set by %s', (_who, setter) => {
    expect(checkSubstitution(annaForJan, [], by(setter))).toEqual({
      ok: false,
      code: 'SUBSTITUTION_FORBIDDEN',
      message: 'Zastępstwo za tę osobę (Jan Kowalski) może ustawić kierownik jej komórki (albo komórki nadrzędnej) lub administrator.',
    });
  });

  it("a head of a sub-unit may not set one for someone in the unit above", () => {
    const forHeadGk = sub('x', anna.id, headGk.id, '2026-05-18', '2026-05-22');
    expect(codeOf(checkSubstitution(forHeadGk, [], by(headGk1)))).toBe('SUBSTITUTION_FORBIDDEN');
    expect(codeOf(checkSubstitution(forHeadGk, [], by(headGk)))).toBe('ok');
  });

  it("substituting for an admin does not give the admin's right to set substitutions", () => {
    const existing = [sub('adm', anna.id, admin.id, '2026-05-01', '2026-05-31')];
    expect(codeOf(checkSubstitution(sub('y', ewa.id, jan.id, '2026-05-18', '2026-05-22'), existing, by(anna, admin)))).toBe(
      'SUBSTITUTION_FORBIDDEN',
    );
  });

  it("an admin acting for a clerk has the clerk's rights, not the admin's", () => {
    const existing = [sub('adm', admin.id, ewa.id, '2026-05-01', '2026-05-31')];
    expect(codeOf(checkSubstitution(annaForJan, existing, by(admin, ewa)))).toBe('SUBSTITUTION_FORBIDDEN');
    expect(codeOf(checkSubstitution(annaForJan, existing, by(admin)))).toBe('ok');
  });

  it.each([
    [sub('n', anna.id, jan.id, '2026-05-22', '2026-05-18'), 'SUBSTITUTION_RANGE'],
    [sub('n', anna.id, jan.id, '2026-05-01', '2026-05-13'), 'SUBSTITUTION_IN_PAST'],
    [sub('n', anna.id, anna.id, '2026-05-18', '2026-05-22'), 'SUBSTITUTION_SELF'],
    [sub('n', 'nobody', jan.id, '2026-05-18', '2026-05-22'), 'USER_NOT_FOUND'],
    [sub('n', anna.id, 'nobody', '2026-05-18', '2026-05-22'), 'USER_NOT_FOUND'],
    [sub('n', stefan.id, jan.id, '2026-05-18', '2026-05-22'), 'SUBSTITUTE_INACTIVE'],
    [sub('n', anna.id, jan.id, '2026-02-30', '2026-05-22'), 'CALENDAR_DATE_INVALID'],
    [{ ...sub('n', anna.id, jan.id, '2026-05-18', '2026-05-22'), to: '22.05.2026' as CalendarDate }, 'CALENDAR_DATE_INVALID'],
    // The range may start in the past as long as it reaches today (an absence already begun).
    [sub('n', anna.id, jan.id, '2026-05-01', '2026-05-14'), 'ok'],
    [sub('n', anna.id, jan.id, '2026-05-14', '2026-05-14'), 'ok'],
    // An inactive person can still be the absent one (their work must be covered).
    [sub('n', anna.id, stefan.id, '2026-05-18', '2026-05-22'), 'ok'],
  ])('%j → %s', (candidate, code) => {
    expect(codeOf(checkSubstitution(candidate, [], by(headGk1)))).toBe(code);
  });

  it('explains bad dates in Polish', () => {
    expect(checkSubstitution(sub('n', anna.id, jan.id, '2026-05-22', '2026-05-18'), [], by(headGk1))).toEqual({
      ok: false,
      code: 'SUBSTITUTION_RANGE',
      message: 'Zastępstwo kończy się (18.05.2026) wcześniej, niż się zaczyna (22.05.2026). Popraw daty.',
    });
    expect(checkSubstitution(sub('n', anna.id, jan.id, '2025-05-18', '2025-05-22'), [], by(headGk1))).toEqual({
      ok: false,
      code: 'SUBSTITUTION_IN_PAST',
      message: 'Zastępstwo skończyłoby się 22.05.2025, czyli w przeszłości. Sprawdź daty, zwłaszcza rok.',
    });
    expect(codeOf(checkSubstitution(sub('n', anna.id, anna.id, '2026-05-18', '2026-05-22'), [], by(headGk1)))).toBe('SUBSTITUTION_SELF');
  });

  describe('overlaps of the same pair (ranges inclusive)', () => {
    const existing = [sub('old', anna.id, jan.id, '2026-05-18', '2026-05-22')];

    it.each([
      ['2026-05-10', '2026-05-18', 'SUBSTITUTION_OVERLAP'], // ends on its first day
      ['2026-05-22', '2026-05-30', 'SUBSTITUTION_OVERLAP'], // starts on its last day
      ['2026-05-19', '2026-05-20', 'SUBSTITUTION_OVERLAP'], // inside
      ['2026-05-14', '2026-05-31', 'SUBSTITUTION_OVERLAP'], // around
      ['2026-05-14', '2026-05-17', 'ok'], // the day before
      ['2026-05-23', '2026-05-30', 'ok'], // the day after
    ] as const)('%s–%s → %s', (from, to, code) => {
      expect(codeOf(checkSubstitution(sub('new', anna.id, jan.id, from, to), existing, by(headGk1)))).toBe(code);
    });

    it('names the clashing substitution', () => {
      expect(checkSubstitution(sub('new', anna.id, jan.id, '2026-05-20', '2026-05-25'), existing, by(headGk1))).toEqual({
        ok: false,
        code: 'SUBSTITUTION_OVERLAP',
        message:
          'Anna Nowak ma już zastępstwo za: Jan Kowalski w dniach 18.05.2026–22.05.2026, które nakłada się na podane daty. Zmień tamto zastępstwo zamiast dodawać drugie.',
      });
    });

    it('allows another substitute on the same days, and the reversed pair', () => {
      expect(codeOf(checkSubstitution(sub('new', ewa.id, jan.id, '2026-05-18', '2026-05-22'), existing, by(headGk1)))).toBe('ok');
      expect(codeOf(checkSubstitution(sub('new', jan.id, anna.id, '2026-05-18', '2026-05-22'), existing, by(headGk1)))).toBe('ok');
    });

    it('does not compare an edited substitution with its own old version', () => {
      expect(codeOf(checkSubstitution(sub('old', anna.id, jan.id, '2026-05-18', '2026-05-25'), existing, by(headGk1)))).toBe('ok');
    });
  });
});
