import { warsawDate } from '#core/time';

/**
 * The UTC instant at which a Warsaw calendar day starts.
 *
 * Register filters are in office days, the stored instants in UTC; the offset is +1 or +2
 * hours depending on daylight saving time, so it is found by trying both.
 */
export function warsawDayStartUtc(date: string): Date {
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(`${date}T00:00:00Z`);
    candidate.setUTCHours(candidate.getUTCHours() - offsetHours);
    if (warsawDate(candidate) === date && warsawDate(new Date(candidate.getTime() - 1)) !== date) return candidate;
  }
  throw new RangeError(`not a date: ${date}`);
}

/** The start of the day after `date` in Warsaw, as a UTC instant (exclusive upper bound). */
export function warsawNextDayStartUtc(date: string): Date {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return warsawDayStartUtc(d.toISOString().slice(0, 10));
}
