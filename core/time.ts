import { fail } from '#core/errors';

// The office keeps Polish civil time: register years, dates on receipts and decisions, and
// deadlines (KPA art. 57) all follow the calendar in Warsaw, whatever zone the machine or the
// server runs in. A letter received at 00:30 on 1 January Warsaw time is a letter of the new
// year, though in UTC it is still 31 December.

/** The office's time zone. */
export const OFFICE_TIME_ZONE = 'Europe/Warsaw';

/** A moment: a Date, an ISO 8601 string or epoch milliseconds. */
export type Instant = Date | string | number;

/** The wall-clock reading in Warsaw at an instant. */
export type WarsawParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const MONTHS_GENITIVE = [
  'stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca',
  'lipca', 'sierpnia', 'września', 'października', 'listopada', 'grudnia',
] as const;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

// Built once: constructing an Intl formatter is far slower than using one. Numeric fields from
// the 'en-US' locale are plain ASCII digits; the Polish layout is assembled below, so nothing
// depends on the Polish locale data being present (small-ICU builds lack it).
let formatter: Intl.DateTimeFormat | null = null;
function warsawFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: OFFICE_TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  return formatter;
}

function toDate(instant: Instant): Date {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw fail('INVALID_INPUT', { detail: `nieprawidłowa data „${String(instant)}”.` });
  return date;
}

/** The wall-clock reading in Warsaw at `instant` (summer and winter time included). */
export function warsawParts(instant: Instant): WarsawParts {
  const parts: Record<string, number> = {};
  for (const part of warsawFormatter().formatToParts(toDate(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 0,
    day: parts['day'] ?? 0,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

/**
 * The calendar year in Warsaw at `instant`: the year of the register an item goes into.
 *
 * Numbering restarts every calendar year (instrukcja kancelaryjna), and the office's calendar is
 * Warsaw's, not UTC's.
 */
export function warsawYear(instant: Instant): number {
  return warsawParts(instant).year;
}

/** The calendar date in Warsaw at `instant`, as `YYYY-MM-DD`. */
export function warsawDate(instant: Instant): string {
  const p = warsawParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The instant a Warsaw calendar day (`YYYY-MM-DD`) begins, as an ISO string (summer and winter time). */
export function warsawDayStart(date: string): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  // Midnight in Warsaw is 22:00 or 23:00 UTC the day before: whichever reads as 00:00 there.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d) - offsetHours * 3_600_000);
    const p = warsawParts(candidate);
    if (p.hour === 0 && warsawDate(candidate) === date) return candidate.toISOString();
  }
  throw fail('INVALID_INPUT', { detail: `nieprawidłowa data „${date}”.` });
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Year, month and day to show: a `YYYY-MM-DD` string is a calendar date and is not shifted. */
function calendarDay(value: Instant): { year: number; month: number; day: number } {
  const m = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  if (m === null) return warsawParts(value);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Round-trip through UTC to refuse 2026-02-30 rather than print a day that does not exist.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw fail('INVALID_INPUT', { detail: `nieprawidłowa data „${String(value)}”.` });
  }
  return { year, month, day };
}

/**
 * A date as Poles write it in the UI and on documents: `14.05.2026`.
 *
 * An instant is shown as its Warsaw date; a `YYYY-MM-DD` string (a letter's date, a deadline) is
 * a calendar date already and is shown as is.
 */
export function formatDate(value: Instant): string {
  const d = calendarDay(value);
  return `${pad(d.day)}.${pad(d.month)}.${d.year}`;
}

/** Date and time in Warsaw, to the minute: `14.05.2026 09:05`. */
export function formatDateTime(value: Instant): string {
  if (typeof value === 'string' && DATE_ONLY.test(value)) {
    // A calendar date has no time of day; showing 00:00 would state a time nobody recorded.
    throw fail('INVALID_INPUT', { detail: `„${value}” to data bez godziny.` });
  }
  const p = warsawParts(value);
  return `${pad(p.day)}.${pad(p.month)}.${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** A date in words, as in the date line of a decision (KPA art. 107 §1 pt 2): `14 maja 2026 r.` */
export function formatDateLong(value: Instant): string {
  const d = calendarDay(value);
  return `${d.day} ${MONTHS_GENITIVE[d.month - 1] ?? ''} ${d.year} r.`;
}
