/**
 * PDF dates and text strings as the signature dictionary needs them (ISO 32000-1 §7.9.2, §7.9.4).
 */

// /M is written in the office's wall-clock time with its UTC offset, so a person reading the
// file sees the time they signed at; the instant is the same in any zone.
const TIME_ZONE = 'Europe/Warsaw';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `D:20261122143005+01'00'` — a PDF date in Europe/Warsaw time. */
export function formatPdfDate(date: Date): string {
  const parts = Object.fromEntries(partsFormat.formatToParts(date).map((p) => [p.type, p.value]));
  const pad = (n: number) => String(n).padStart(2, '0');
  const [year, month, day, hour, minute, second] = [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second].map(Number);
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  const offsetMinutes = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `D:${String(year)}${pad(month ?? 0)}${pad(day ?? 0)}${pad(hour ?? 0)}${pad(minute ?? 0)}${pad(second ?? 0)}${sign}${pad(Math.floor(abs / 60))}'${pad(abs % 60)}'`;
}

/** Parses a PDF date (`D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional). */
export function parsePdfDate(text: string): Date | undefined {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?/.exec(text.trim());
  if (match === null) return undefined;
  const n = (i: number, fallback: number) => (match[i] === undefined ? fallback : Number(match[i]));
  let utc = Date.UTC(n(1, 0), n(2, 1) - 1, n(3, 1), n(4, 0), n(5, 0), n(6, 0));
  const sign = match[7];
  if (sign === '+' || sign === '-') utc -= (sign === '+' ? 1 : -1) * (n(8, 0) * 60 + n(9, 0)) * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * A PDF text string as a hex string in UTF-16BE with its byte order mark: `<FEFF…>`.
 *
 * Literal strings would need PDFDocEncoding, which has no ą, ę, ł, ń, ś, ź, ż (and pdf-lib's
 * `PDFString.of` mangles them: TECH-NOTES "PDF"); UTF-16BE carries every letter of a name.
 */
export function pdfTextHex(text: string): string {
  const utf16 = Buffer.from(text, 'utf16le');
  utf16.swap16();
  return `<FEFF${utf16.toString('hex').toUpperCase()}>`;
}
