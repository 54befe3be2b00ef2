/** An office day `YYYY-MM-DD` as Polish forms write it: `22.12.2026`. */
export function plDate(date: string | null): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-');
  return `${d ?? ''}.${m ?? ''}.${y ?? ''}`;
}
