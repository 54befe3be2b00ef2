import { warsawDayStart } from '#core/time';

/**
 * The UTC instant at which a Warsaw calendar day starts (core/time.ts `warsawDayStart`, as a
 * Date): register filters are in office days, the stored instants in UTC. A day Warsaw's clock
 * never started at midnight +1 or +2 (before 1922 it kept local mean time) is refused in Polish.
 */
export function warsawDayStartUtc(date: string): Date {
  return new Date(warsawDayStart(date));
}

/** The start of the day after `date` in Warsaw, as a UTC instant (exclusive upper bound). */
export function warsawNextDayStartUtc(date: string): Date {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return warsawDayStartUtc(d.toISOString().slice(0, 10));
}
