/** An office day `YYYY-MM-DD` as Polish forms write it: `22.12.2026`. */
export function plDate(date: string | null): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-');
  return `${d ?? ''}.${m ?? ''}.${y ?? ''}`;
}

/** A moment as the office reads it (its own time zone): `22.12.2026, 09:41`. */
export function plDateTime(iso: string): string {
  return new Date(iso).toLocaleString('pl-PL', { timeZone: 'Europe/Warsaw', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The office's calendar day of an instant (Europe/Warsaw), as forms write it: `22.12.2026`. */
export function plDayOf(iso: string): string {
  return new Date(iso).toLocaleDateString('pl-PL', { timeZone: 'Europe/Warsaw', day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** Today in the office (Europe/Warsaw) as `YYYY-MM-DD`, what a date field starts with. */
export function officeToday(now: Date = new Date()): string {
  // en-CA writes ISO order; the time zone, not the workstation's clock setting, names the day.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * An amount in złoty as typed (`11,50`, `11.5`, `7`) in grosze; null when the field is empty,
 * undefined when it is not an amount (said to the person, never stored as empty).
 */
export function groszeOf(typed: string): number | null | undefined {
  const t = typed.trim().replace(/\s/g, '');
  if (t === '') return null;
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** A whole number as typed; null when empty, undefined when it is not one. */
export function wholeOf(typed: string): number | null | undefined {
  const t = typed.trim();
  if (t === '') return null;
  return /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}
