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
