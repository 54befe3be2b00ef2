/** Dates as a Polish office prints them, in the office's own time zone. */

// Printouts must show the office's wall-clock time whatever the machine's TZ is set to.
const TIME_ZONE = 'Europe/Warsaw';

// Built once: constructing an Intl formatter costs far more than using one, and a register
// printout formats thousands of dates.
const dateTimeFormat = new Intl.DateTimeFormat('pl-PL', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateFormat = new Intl.DateTimeFormat('pl-PL', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('pl-PL', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
});

/** Parse an ISO 8601 instant; an unparsable one is a caller's bug, so it throws. */
export function parseInstant(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an ISO 8601 date-time: ${iso}`);
  return date;
}

/** `22.11.2026, 14:05` for an ISO instant. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(parseInstant(iso));
}

/** `22.11.2026` — the office's calendar day of an ISO instant. */
export function formatDate(iso: string): string {
  return dateFormat.format(parseInstant(iso));
}

/** `14:05` — the office's wall-clock time of an ISO instant. */
export function formatTime(iso: string): string {
  return timeFormat.format(parseInstant(iso));
}

/**
 * `20.11.2026` for a calendar date `2026-11-20` (a letter's date has no time zone).
 *
 * Accepts a full ISO instant too, then takes its day in the office's time zone.
 */
export function formatCalendarDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return formatDate(value);
  const [, year, month, day] = match;
  return `${day}.${month}.${year}`;
}
