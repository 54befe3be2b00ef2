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
