/**
 * CSV as Polish Excel opens it: UTF-8 with a BOM (or Excel guesses the code page and breaks
 * ą/ł), semicolons (the comma is the Polish decimal separator), CRLF line ends.
 */
export function csvLine(cells: (string | number | null)[]): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}

export const CSV_BOM = '\uFEFF';

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  // A cell starting with = + - @ is run as a formula by spreadsheets (CSV injection): a sender
  // could put one in a subject. A leading apostrophe makes it plain text.
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
