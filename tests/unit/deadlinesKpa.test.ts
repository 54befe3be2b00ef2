import { describe, expect, it } from 'vitest';
import {
  caseDeadline,
  deadlineKindForDecisionType,
  type CaseDeadline,
  type DecisionTypeDeadlines,
  type DeadlineSpec,
  type Suspension,
} from '#core/deadlines/kpa';
import { deadlineStatus, lastDueNotOk, type DeadlineStatusKind } from '#core/deadlines/status';
import type { CalendarDate, OfficeCalendar } from '#core/deadlines/holidays';
import decisionTypes from '../../core/reference/decision-types.json' with { type: 'json' };
import { thrown } from '#tests/support/thrown';


describe('caseDeadline: each kind', () => {
  it.each<[DeadlineSpec, CalendarDate, CalendarDate, CalendarDate, string]>([
    // spec, start, nominal due, due, basis
    [{ kind: 'kpa35-standard' }, '2026-03-10', '2026-04-10', '2026-04-10', 'art. 35 § 3 KPA — 1 miesiąc'],
    [
      { kind: 'kpa35-complicated' },
      '2026-03-10',
      '2026-05-10', // a Sunday
      '2026-05-11',
      'art. 35 § 3 KPA — 2 miesiące (sprawa szczególnie skomplikowana)',
    ],
    [{ kind: 'kpa35-appeal' }, '2026-06-15', '2026-07-15', '2026-07-15', 'art. 35 § 3 KPA — 1 miesiąc (od dnia otrzymania odwołania)'],
    // 7 days from Thursday 17 December 2026 is Wigilia; then Christmas and a weekend.
    [{ kind: 'certificate' }, '2026-12-17', '2026-12-24', '2026-12-28', 'art. 217 § 3 KPA — 7 dni'],
    [{ kind: 'complaint' }, '2026-07-31', '2026-08-31', '2026-08-31', 'art. 237 § 1 KPA — 1 miesiąc'],
    [
      { kind: 'public-information' },
      '2026-07-27',
      '2026-08-10',
      '2026-08-10',
      'art. 13 ust. 1 ustawy o dostępie do informacji publicznej — 14 dni',
    ],
    [
      { kind: 'public-information-extended' },
      '2026-07-27',
      '2026-09-27', // a Sunday
      '2026-09-28',
      'art. 13 ust. 2 ustawy o dostępie do informacji publicznej — 2 miesiące (termin przedłużony)',
    ],
    [{ kind: 'op139-standard' }, '2026-01-15', '2026-02-15', '2026-02-16', 'art. 139 § 1 Ordynacji podatkowej — 1 miesiąc'],
    [
      { kind: 'op139-complicated' },
      '2026-01-15',
      '2026-03-15',
      '2026-03-16',
      'art. 139 § 1 Ordynacji podatkowej — 2 miesiące (sprawa szczególnie skomplikowana)',
    ],
    [
      { kind: 'custom', term: { days: 30 }, basis: 'art. 39 ust. 3 ustawy o drogach publicznych' },
      '2026-02-02',
      '2026-03-04',
      '2026-03-04',
      'art. 39 ust. 3 ustawy o drogach publicznych — 30 dni',
    ],
  ])('%j from %s: nominal %s, due %s', (spec, start, nominalDue, due, basis) => {
    const result = caseDeadline({ ...spec, start });
    expect(result).toMatchObject({ state: 'running', due, nominalDue, suspendedDays: 0, basis });
  });

  it('says why the certificate deadline moved from Wigilia to 28 December', () => {
    const result = caseDeadline({ kind: 'certificate', start: '2026-12-17' });
    expect(result.state === 'running' && result.shiftedBecause).toEqual([
      { date: '2026-12-24', reason: 'Wigilia Bożego Narodzenia' },
      { date: '2026-12-25', reason: 'Boże Narodzenie (pierwszy dzień)' },
      { date: '2026-12-26', reason: 'Boże Narodzenie (drugi dzień)' },
      { date: '2026-12-27', reason: 'niedziela' },
    ]);
  });

  it('refuses a custom term without a legal basis', () => {
    expect(thrown(() => caseDeadline({ kind: 'custom', term: { days: 30 }, basis: '  ', start: '2026-02-02' })).code).toBe(
      'DEADLINE_BASIS_MISSING',
    );
  });
});

describe('caseDeadline: periods not counted (KPA art. 35 §5)', () => {
  const standard = (suspensions: readonly Suspension[], calendar?: OfficeCalendar): CaseDeadline =>
    caseDeadline({ kind: 'kpa35-standard', start: '2026-03-10', suspensions, ...(calendar ? { calendar } : {}) });

  it('extends the deadline by a 10-day suspension', () => {
    expect(standard([{ from: '2026-03-20', to: '2026-03-29' }])).toEqual({
      state: 'running',
      due: '2026-04-20',
      nominalDue: '2026-04-20',
      suspendedDays: 10,
      shiftedBecause: [],
      basis: 'art. 35 § 3 KPA — 1 miesiąc',
    });
  });

  it('counts both ends: a one-day period is one day', () => {
    expect(standard([{ from: '2026-03-20', to: '2026-03-20' }])).toMatchObject({ suspendedDays: 1, due: '2026-04-13' });
  });

  it('counts a period starting on the day the case started', () => {
    expect(standard([{ from: '2026-03-10', to: '2026-03-11' }])).toMatchObject({ suspendedDays: 2, due: '2026-04-13' });
  });

  it('counts overlapping periods once', () => {
    // 20 March – 2 April is 14 days, however the periods overlap.
    const result = standard([
      { from: '2026-03-25', to: '2026-04-02' },
      { from: '2026-03-20', to: '2026-03-29' },
      { from: '2026-03-22', to: '2026-03-24' }, // inside the first
      { from: '2026-03-25', to: '2026-04-02' }, // entered twice
    ]);
    expect(result).toMatchObject({ state: 'running', suspendedDays: 14, nominalDue: '2026-04-24', due: '2026-04-24' });
  });

  it('adds separate periods up', () => {
    const result = standard([
      { from: '2026-03-12', to: '2026-03-13' },
      { from: '2026-03-20', to: '2026-03-22' },
    ]);
    expect(result).toMatchObject({ suspendedDays: 5, nominalDue: '2026-04-15', due: '2026-04-15' });
  });

  it('adds the suspended days before moving the end off a day off (§4 applies to the last day only)', () => {
    // Two months from 10 March 2026 is Sunday 10 May. Plus one suspended day: Monday 11 May.
    // Moving first (to Monday) and adding after would give Tuesday 12 May.
    const result = caseDeadline({
      kind: 'kpa35-complicated',
      start: '2026-03-10',
      suspensions: [{ from: '2026-04-01', to: '2026-04-01' }],
    });
    expect(result).toMatchObject({ state: 'running', nominalDue: '2026-05-11', due: '2026-05-11', shiftedBecause: [] });
  });

  it('moves an extended deadline that lands on holidays', () => {
    // 20 November + 1 month = Sunday 20 December; + 4 days = Wigilia → Monday 28 December.
    const result = caseDeadline({
      kind: 'kpa35-standard',
      start: '2026-11-20',
      suspensions: [{ from: '2026-11-30', to: '2026-12-03' }],
    });
    expect(result).toMatchObject({ state: 'running', suspendedDays: 4, nominalDue: '2026-12-24', due: '2026-12-28' });
  });

  it('has no deadline while a period is open', () => {
    expect(standard([{ from: '2026-03-20', to: null }])).toEqual({
      state: 'suspended',
      since: '2026-03-20',
      basis: 'art. 35 § 3 KPA — 1 miesiąc',
    });
    expect(
      standard([
        { from: '2026-03-12', to: '2026-03-13' },
        { from: '2026-03-25', to: null },
        { from: '2026-04-02', to: null }, // the earliest open period is the one that counts
      ]),
    ).toEqual({ state: 'suspended', since: '2026-03-25', basis: 'art. 35 § 3 KPA — 1 miesiąc' });
  });

  it('refuses a period that ends before it starts', () => {
    expect(thrown(() => standard([{ from: '2026-03-20', to: '2026-03-19' }]))).toEqual({
      code: 'DEADLINE_SUSPENSION_REVERSED',
      message: 'Okres zawieszenia kończy się (19.03.2026) wcześniej, niż się zaczyna (20.03.2026). Popraw daty zawieszenia.',
    });
  });

  it('refuses a period before the case started, even next to an open one', () => {
    expect(
      thrown(() =>
        standard([
          { from: '2026-03-20', to: null },
          { from: '2026-03-09', to: '2026-03-12' },
        ]),
      ),
    ).toEqual({
      code: 'DEADLINE_SUSPENSION_BEFORE_START',
      message: 'Okres zawieszenia zaczyna się (09.03.2026) przed wszczęciem sprawy (10.03.2026). Popraw datę początku zawieszenia.',
    });
  });

  it('refuses a period with a day that does not exist', () => {
    expect(thrown(() => standard([{ from: '2026-03-20', to: '2026-03-32' }])).code).toBe('CALENDAR_DATE_INVALID');
  });
});

describe('deadlineKindForDecisionType', () => {
  const KPA35: DecisionTypeDeadlines = { standard: { kind: 'kpa35-standard' }, complicated: { kind: 'kpa35-complicated' } };
  const expected: Record<string, DecisionTypeDeadlines> = {
    WZ: KPA35,
    ULICP: KPA35,
    DSU: KPA35,
    DRZEWA: KPA35,
    PASDROGI: { standard: { kind: 'custom', term: { days: 30 }, basis: 'ustawa o drogach publicznych' }, complicated: null },
    PODATEK: { standard: { kind: 'op139-standard' }, complicated: { kind: 'op139-complicated' } },
    ZASW: { standard: { kind: 'certificate' }, complicated: null },
  };

  it('has an expectation for every entry of decision-types.json', () => {
    expect(Object.keys(expected).sort()).toEqual(decisionTypes.map((t) => t.code).sort());
  });

  it.each(Object.entries(expected))('maps %s', (code, deadlines) => {
    expect(deadlineKindForDecisionType(code)).toEqual(deadlines);
  });

  it('gives a road-lane permit 30 days under its own act', () => {
    const { standard } = deadlineKindForDecisionType('PASDROGI');
    expect(caseDeadline({ ...standard, start: '2026-02-02' })).toMatchObject({
      state: 'running',
      due: '2026-03-04',
      basis: 'ustawa o drogach publicznych — 30 dni',
    });
  });

  it('refuses a code not in the list', () => {
    expect(thrown(() => deadlineKindForDecisionType('XYZ'))).toEqual({
      code: 'DECISION_TYPE_UNKNOWN',
      message: 'Nieznany rodzaj sprawy „XYZ”: nie ma go w słowniku rodzajów decyzji. Wybierz rodzaj z listy.',
    });
  });
});

describe('deadlineStatus', () => {
  // Due Tuesday 14 April 2026. Easter Monday is 6 April; 11–12 April is a weekend.
  it.each<[CalendarDate, DeadlineStatusKind, number]>([
    ['2026-04-06', 'ok', 6],
    ['2026-04-07', 'ok', 5],
    ['2026-04-08', 'ok', 4],
    ['2026-04-09', 'due-soon', 3], // Fri, Mon, Tue: 3 working days over the weekend
    ['2026-04-10', 'due-soon', 2],
    ['2026-04-11', 'due-soon', 2],
    ['2026-04-12', 'due-soon', 2],
    ['2026-04-13', 'due-soon', 1],
    ['2026-04-14', 'due-today', 0],
    ['2026-04-15', 'overdue', -1],
    ['2026-04-16', 'overdue', -2],
  ])('on %s: %s, %i working days', (today, status, workingDaysLeft) => {
    expect(deadlineStatus('2026-04-14', today)).toEqual({ status, workingDaysLeft });
  });

  it('is overdue the day after a Friday deadline, with 0 working days since until Monday', () => {
    expect(deadlineStatus('2026-04-10', '2026-04-11')).toEqual({ status: 'overdue', workingDaysLeft: 0 });
    expect(Object.is(deadlineStatus('2026-04-10', '2026-04-12').workingDaysLeft, 0)).toBe(true);
    expect(deadlineStatus('2026-04-10', '2026-04-13')).toEqual({ status: 'overdue', workingDaysLeft: -1 });
  });

  it('skips holidays in both directions', () => {
    // Thursday 2 April to Tuesday 7 April: Friday and Tuesday only (Easter Monday is off).
    expect(deadlineStatus('2026-04-07', '2026-04-02')).toEqual({ status: 'due-soon', workingDaysLeft: 2 });
    expect(deadlineStatus('2026-04-07', '2026-03-31')).toEqual({ status: 'ok', workingDaysLeft: 4 });
    // 23 December 2026 to 4 January 2027: 28–31 December and 4 January are the working days.
    expect(deadlineStatus('2026-12-23', '2027-01-04')).toEqual({ status: 'overdue', workingDaysLeft: -5 });
  });

  it("counts the office's own days off as non-working", () => {
    const calendar: OfficeCalendar = { officeDaysOff: [{ date: '2026-04-10', name: 'Dzień wolny za sobotę' }] };
    expect(deadlineStatus('2026-04-14', '2026-04-08', { calendar })).toEqual({ status: 'due-soon', workingDaysLeft: 3 });
  });

  it('warns as many working days ahead as the office sets', () => {
    expect(deadlineStatus('2026-04-14', '2026-04-13', { warnWorkingDays: 0 })).toEqual({ status: 'ok', workingDaysLeft: 1 });
    expect(deadlineStatus('2026-04-14', '2026-04-08', { warnWorkingDays: 5 })).toEqual({ status: 'due-soon', workingDaysLeft: 4 });
  });

  it.each([-1, 1.5, Number.NaN])('refuses the warning setting %s', (warnWorkingDays) => {
    expect(thrown(() => deadlineStatus('2026-04-14', '2026-04-08', { warnWorkingDays })).code).toBe('DEADLINE_WARNING_DAYS_INVALID');
  });

  it('works with the due date of caseDeadline', () => {
    const result = caseDeadline({ kind: 'certificate', start: '2026-12-17' });
    if (result.state !== 'running') throw new Error('expected a running deadline');
    // Wednesday 23 December: the due day is Monday 28 December, the next working day.
    expect(deadlineStatus(result.due, '2026-12-23')).toEqual({ status: 'due-soon', workingDaysLeft: 1 });
  });
});

describe('lastDueNotOk (the deadlines tray reads cases due by then)', () => {
  const next = (d: CalendarDate, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10) as CalendarDate;
  it('is the last day still warned of: every due date up to it is not ok, the day after is', () => {
    for (const today of ['2026-12-04', '2026-12-21', '2026-12-23', '2026-04-30', '2026-11-09'] as CalendarDate[]) {
      for (const warnWorkingDays of [0, 1, 3, 10]) {
        const last = lastDueNotOk(today, { warnWorkingDays });
        for (let d = next(today, -3); d <= last; d = next(d, 1)) expect(deadlineStatus(d, today, { warnWorkingDays }).status, `${today} ${d}`).not.toBe('ok');
        expect(deadlineStatus(next(last, 1), today, { warnWorkingDays }).status).toBe('ok');
      }
    }
    // A Friday with three working days of warning: Monday, Tuesday, Wednesday.
    expect(lastDueNotOk('2026-12-04', { warnWorkingDays: 3 })).toBe('2026-12-09');
    // Over Christmas (25–26 December are holidays; 24 December is one from 2025): further.
    expect(lastDueNotOk('2026-12-23', { warnWorkingDays: 3 })).toBe('2026-12-30');
  });
});
