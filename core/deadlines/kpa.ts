import { fail } from '#core/errors';
import { formatDate } from '#core/time';
import { addDays, dayNumber, type CalendarDate, type OfficeCalendar } from '#core/deadlines/holidays';
import { applyArt57Par4, describeTerm, nominalTermEnd, type ShiftedDay, type Term } from '#core/deadlines/terms';
import decisionTypes from '../reference/decision-types.json' with { type: 'json' };

// The deadline for settling a case: KPA art. 35 and the special terms next to it, counted by
// KPA art. 57 (terms.ts).

/** A deadline the law fixes, by what kind of matter the case is. */
export type StatutoryDeadlineKind =
  | 'kpa35-standard'
  | 'kpa35-complicated'
  | 'kpa35-appeal'
  | 'certificate'
  | 'complaint'
  | 'public-information'
  | 'public-information-extended'
  | 'op139-standard'
  | 'op139-complicated';

/** Which deadline applies: a statutory kind, or a term a special act sets, with its basis. */
export type DeadlineSpec =
  | { readonly kind: StatutoryDeadlineKind }
  | { readonly kind: 'custom'; readonly term: Term; readonly basis: string };

/** Every kind of deadline, `custom` included. */
export type DeadlineKind = DeadlineSpec['kind'];

/**
 * A period that does not count towards the deadline (KPA art. 35 §5): a suspension, mediation,
 * a delay caused by the party or beyond the organ's control.
 *
 * Both ends are included. `to` is null while the period lasts.
 */
export type Suspension = { readonly from: CalendarDate; readonly to: CalendarDate | null };

/** What caseDeadline needs: the day the case started (KPA art. 61 §3), the kind, the pauses. */
export type CaseDeadlineInput = DeadlineSpec & {
  readonly start: CalendarDate;
  readonly suspensions?: readonly Suspension[];
  readonly calendar?: OfficeCalendar;
};

/** The deadline of a case, or the fact that it cannot be known while the case stands still. */
export type CaseDeadline =
  | {
      readonly state: 'running';
      /** The last day to settle the case: `nominalDue` moved by KPA art. 57 §4. */
      readonly due: CalendarDate;
      /** The end of the term counted from the start, plus the suspended days, before §4. */
      readonly nominalDue: CalendarDate;
      /** Calendar days not counted (KPA art. 35 §5), each day once. */
      readonly suspendedDays: number;
      /** The days between `nominalDue` and `due` and why they were skipped. */
      readonly shiftedBecause: readonly ShiftedDay[];
      /** The legal basis and the length, as written in a notice: "art. 35 § 3 KPA — 1 miesiąc". */
      readonly basis: string;
    }
  | {
      readonly state: 'suspended';
      /** The first day of the period still open. */
      readonly since: CalendarDate;
      readonly basis: string;
    };

type StatutoryTerm = { readonly term: Term; readonly source: string; readonly note?: string };

// The lengths and their sources. The basis text is built from these, so it cannot disagree with
// the term actually counted.
const STATUTORY_TERMS = {
  // KPA art. 35 §3: a case needing an explanatory procedure within a month, a particularly
  // complicated one within two months from the start; an appeal within a month of receiving it.
  'kpa35-standard': { term: { months: 1 }, source: 'art. 35 § 3 KPA' },
  'kpa35-complicated': { term: { months: 2 }, source: 'art. 35 § 3 KPA', note: 'sprawa szczególnie skomplikowana' },
  'kpa35-appeal': { term: { months: 1 }, source: 'art. 35 § 3 KPA', note: 'od dnia otrzymania odwołania' },
  // KPA art. 217 §3: a certificate without undue delay, at the latest within seven days.
  certificate: { term: { days: 7 }, source: 'art. 217 § 3 KPA' },
  // KPA art. 237 §1 (and art. 244 §1 for requests, which refers to it): within a month.
  complaint: { term: { months: 1 }, source: 'art. 237 § 1 KPA' },
  // Ustawa o dostępie do informacji publicznej, art. 13 ust. 1: within 14 days of the request;
  // ust. 2: when that cannot be done, up to 2 months from the request, after telling the
  // applicant why. Both count from the request, so the extension is its own kind.
  'public-information': { term: { days: 14 }, source: 'art. 13 ust. 1 ustawy o dostępie do informacji publicznej' },
  'public-information-extended': {
    term: { months: 2 },
    source: 'art. 13 ust. 2 ustawy o dostępie do informacji publicznej',
    note: 'termin przedłużony',
  },
  // Ordynacja podatkowa art. 139 §1: a month, a particularly complicated case two months.
  'op139-standard': { term: { months: 1 }, source: 'art. 139 § 1 Ordynacji podatkowej' },
  'op139-complicated': {
    term: { months: 2 },
    source: 'art. 139 § 1 Ordynacji podatkowej',
    note: 'sprawa szczególnie skomplikowana',
  },
} as const satisfies Record<StatutoryDeadlineKind, StatutoryTerm>;

/** The term a spec stands for and its basis, as shown to people. */
export function deadlineTerm(spec: DeadlineSpec): { term: Term; basis: string } {
  if (spec.kind === 'custom') {
    const source = spec.basis.trim();
    if (source === '') throw fail('DEADLINE_BASIS_MISSING');
    return { term: spec.term, basis: `${source} — ${describeTerm(spec.term)}` };
  }
  const entry: StatutoryTerm = STATUTORY_TERMS[spec.kind];
  const note = entry.note === undefined ? '' : ` (${entry.note})`;
  return { term: entry.term, basis: `${entry.source} — ${describeTerm(entry.term)}${note}` };
}

/**
 * Checks the periods and counts the calendar days they cover, each day once.
 *
 * Overlapping periods (a suspension during which the party was also late) would otherwise count
 * the same days twice and push the deadline further than the time actually lost.
 */
function countSuspendedDays(start: CalendarDate, suspensions: readonly Suspension[]): { days: number; openSince: CalendarDate | null } {
  const startDay = dayNumber(start);
  const closed: { from: number; to: number }[] = [];
  let openSince: CalendarDate | null = null;
  for (const s of suspensions) {
    const from = dayNumber(s.from);
    // Nothing can pause a case before it exists: such a period is a typing error.
    if (from < startDay) throw fail('DEADLINE_SUSPENSION_BEFORE_START', { from: formatDate(s.from), start: formatDate(start) });
    if (s.to === null) {
      if (openSince === null || s.from < openSince) openSince = s.from;
      continue;
    }
    const to = dayNumber(s.to);
    if (to < from) throw fail('DEADLINE_SUSPENSION_REVERSED', { from: formatDate(s.from), to: formatDate(s.to) });
    closed.push({ from, to });
  }
  closed.sort((a, b) => a.from - b.from);
  let days = 0;
  let coveredUpTo = -Infinity; // the last day already counted
  for (const { from, to } of closed) {
    const first = Math.max(from, coveredUpTo + 1);
    if (to >= first) days += to - first + 1;
    coveredUpTo = Math.max(coveredUpTo, to);
  }
  return { days, openSince };
}

/**
 * The deadline for settling a case.
 *
 * The method, in three steps, and why:
 * 1. the term is counted from `start` by KPA art. 57 §1–§3a (31 January + 1 month = 28 February),
 *    ignoring the pauses;
 * 2. the calendar days of the pauses are added to that day (KPA art. 35 §5: the periods of
 *    suspension, of statutory time for actions, of delays caused by the party or beyond the
 *    organ's control do not count; Ordynacja podatkowa art. 139 §3 likewise). Each day counts
 *    once however many periods cover it; both ends of a period are counted;
 * 3. only then is the end moved off a Saturday or a statutory day off (KPA art. 57 §4), because
 *    §4 concerns the last day of the term, not a day inside it. Moving first and adding after
 *    would skip a weekend that is no longer the end (nominal end Sunday + 1 day = Monday, not
 *    Monday + 1 = Tuesday).
 *
 * This is how EZD systems count an extension: "termin + N dni zawieszenia", which a person can
 * check against the case file. Shifting the start by the pause instead would give a different
 * day whenever the months differ in length.
 *
 * While a period is open (`to` null) the deadline is unknown: the result is
 * `{ state: 'suspended', since }`.
 */
export function caseDeadline(input: CaseDeadlineInput): CaseDeadline {
  const { term, basis } = deadlineTerm(input);
  const { days, openSince } = countSuspendedDays(input.start, input.suspensions ?? []);
  if (openSince !== null) return { state: 'suspended', since: openSince, basis };
  const nominalDue = addDays(nominalTermEnd(input.start, term), days);
  const { end, shiftedBecause } = applyArt57Par4(nominalDue, input.calendar);
  return { state: 'running', due: end, nominalDue, suspendedDays: days, shiftedBecause, basis };
}

// ---------------------------------------------------------------------------------------------
// Decision types (core/reference/decision-types.json)

/** The fields of a decision-type entry that decide its deadline. */
type DecisionTypeEntry = {
  readonly code: string;
  readonly procedure?: string;
  readonly deadline?: { readonly kind: string; readonly days?: number; readonly months?: number; readonly complicatedMonths?: number };
};

// Assigned, not cast: if the file's shape drifts from these fields, type checking says so.
const DECISION_TYPES: readonly DecisionTypeEntry[] = decisionTypes;

/** The deadline of a decision type, and the one for a particularly complicated case if the law has one. */
export type DecisionTypeDeadlines = { readonly standard: DeadlineSpec; readonly complicated: DeadlineSpec | null };

/**
 * The deadline kinds of a decision type from the reference list.
 *
 * - a tax decision (procedure "Ordynacja podatkowa") follows art. 139 OP, not KPA art. 35;
 * - "KPA art. 35" with 1 and 2 months is the general rule; "KPA art. 217 § 3" with 7 days is a
 *   certificate;
 * - any other term (PASDROGI: 30 days under the ustawa o drogach publicznych) is `custom`, with
 *   the act named in the entry as its basis;
 * - an entry with no deadline is an ordinary KPA case: art. 35 applies whenever no special act
 *   sets another term.
 *
 * Throws DECISION_TYPE_UNKNOWN for a code that is not in the list.
 */
export function deadlineKindForDecisionType(code: string): DecisionTypeDeadlines {
  const type = DECISION_TYPES.find((t) => t.code === code);
  if (type === undefined) throw fail('DECISION_TYPE_UNKNOWN', { code });
  if (type.procedure === 'Ordynacja podatkowa') {
    return { standard: { kind: 'op139-standard' }, complicated: { kind: 'op139-complicated' } };
  }
  const d = type.deadline;
  if (d === undefined || (d.kind === 'KPA art. 35' && d.months === 1 && d.days === undefined && (d.complicatedMonths ?? 2) === 2)) {
    return { standard: { kind: 'kpa35-standard' }, complicated: { kind: 'kpa35-complicated' } };
  }
  if (d.kind === 'KPA art. 217 § 3' && d.days === 7 && d.months === undefined) {
    return { standard: { kind: 'certificate' }, complicated: null };
  }
  const standard = customSpec(d.kind, d.days, d.months);
  const complicated = d.complicatedMonths === undefined ? null : customSpec(d.kind, undefined, d.complicatedMonths);
  return { standard, complicated };
}

function customSpec(basis: string, days: number | undefined, months: number | undefined): DeadlineSpec {
  if (days !== undefined && months === undefined) return { kind: 'custom', term: { days }, basis };
  if (months !== undefined && days === undefined) return { kind: 'custom', term: { months }, basis };
  // A term given both ways, or neither, is a mistake in the reference file.
  throw fail('DEADLINE_TERM_INVALID', { term: `days: ${String(days)}, months: ${String(months)}` });
}
