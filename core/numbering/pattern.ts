import { checkFailure, valueOrThrow, type CheckResult } from '#core/checkResult';
import { fail } from '#core/errors';
import { warsawParts, type Instant } from '#core/time';

// The receipt status code and provisional labels live in their own files; they are re-exported
// here so that all register-number helpers can be imported from one place.
export { makeStatusCode, normaliseStatusCode } from '#core/numbering/statusCode';
export { makeProvisionalCode, parseProvisionalLabel, provisionalLabel, type ProvisionalLabel } from '#core/numbering/provisional';

// Register number patterns (wzór numeru), set per office and register. The instrukcja
// kancelaryjna (Dz.U. 2011 nr 14 poz. 67) numbers the incoming register sequentially within a
// calendar year, so every pattern must show the sequence and the year: without the year two
// letters of different years would carry the same number.

/** The default pattern of the incoming register (rejestr przesyłek wpływających). */
export const DEFAULT_INCOMING_PATTERN = 'RPW/{nr}/{rok}';

/** One piece of a compiled pattern: literal text or a placeholder. */
export type PatternToken =
  | { kind: 'text'; text: string }
  | { kind: 'nr'; width: number | null }
  | { kind: 'rok' }
  | { kind: 'rr' }
  | { kind: 'miesiac' }
  | { kind: 'jednostka' };

type PlaceholderKind = Exclude<PatternToken['kind'], 'text'>;

/** A checked pattern, ready to format and parse numbers. */
export type NumberPattern = {
  source: string;
  tokens: readonly PatternToken[];
  /** Anchored, case-insensitive; one capture group per placeholder, in token order. */
  matcher: RegExp;
  /** True when the pattern's own text has no spaces, so spaces typed into search can go. */
  ignoresSpaces: boolean;
};

/**
 * What goes into a number. `month` (or else `date`, read as a Warsaw calendar date) and `unit`
 * are needed only when the pattern shows them.
 */
export type NumberValues = { seq: number; year: number; month?: number; date?: Instant; unit?: string };

/** A number read back from text. `month` and `unit` are null when the pattern has no such part. */
export type ParsedNumber = { seq: number; year: number; month: number | null; unit: string | null };

// A Map, not an object literal: a pattern's `{toString}` must not find Object.prototype.
const SIMPLE_PLACEHOLDERS: ReadonlyMap<string, Exclude<PlaceholderKind, 'nr'>> = new Map([
  ['rok', 'rok'],
  ['rr', 'rr'],
  ['miesiac', 'miesiac'],
  // Admins type Polish: accept the diacritic spelling as the same placeholder.
  ['miesiąc', 'miesiac'],
  ['jednostka', 'jednostka'],
] as const);

// Placeholders whose text has no fixed width. Two of them side by side cannot be split apart
// again ({nr}{jednostka} → "12GK1"?), so validatePattern refuses that.
const VARIABLE_WIDTH: ReadonlySet<PlaceholderKind> = new Set(['nr', 'jednostka']);

const CAPTURE: Readonly<Record<PlaceholderKind, string>> = {
  // The sequence is parsed as any digit run, padded or not: someone searching for RPW/00124/2026
  // may type RPW/124/2026. Anchoring and the fixed widths of the other parts keep it unambiguous.
  nr: '(\\d+)',
  rok: '(\\d{4})',
  rr: '(\\d{2})',
  miesiac: '(\\d{2})',
  // A unit symbol: letters and digits, sub-units joined by hyphens (GK, A1c, GK-I).
  jednostka: '([\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+)*)',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function tokenize(pattern: string): CheckResult<PatternToken[]> {
  const tokens: PatternToken[] = [];
  let text = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === '}') return checkFailure('NUMBER_PATTERN_BRACES', { pattern });
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    const close = pattern.indexOf('}', i + 1);
    const inner = close < 0 ? '' : pattern.slice(i + 1, close);
    if (close < 0 || inner.includes('{')) return checkFailure('NUMBER_PATTERN_BRACES', { pattern });
    if (text !== '') tokens.push({ kind: 'text', text });
    text = '';
    const nr = /^nr(?::(\d+))?$/.exec(inner);
    if (nr !== null) {
      const width = nr[1] === undefined ? null : Number(nr[1]);
      if (width !== null && (width < 1 || width > 9)) return checkFailure('NUMBER_PATTERN_WIDTH', { pattern, token: inner });
      tokens.push({ kind: 'nr', width });
    } else {
      const kind = SIMPLE_PLACEHOLDERS.get(inner);
      if (kind === undefined) return checkFailure('NUMBER_PATTERN_UNKNOWN_TOKEN', { pattern, token: inner });
      tokens.push({ kind });
    }
    i = close + 1;
  }
  if (text !== '') tokens.push({ kind: 'text', text });
  return { ok: true, value: tokens };
}

/**
 * Checks a register number pattern and compiles it.
 *
 * Placeholders: `{nr}` the sequence, `{nr:5}` zero-padded to 5 digits, `{rok}` four-digit year,
 * `{rr}` two-digit year, `{miesiac}` two-digit month, `{jednostka}` the unit's symbol. The
 * pattern must contain `{nr}` and a year, each placeholder at most once, and no two
 * variable-width placeholders side by side.
 */
export function validatePattern(pattern: string): CheckResult<NumberPattern> {
  if (pattern.trim() === '') return checkFailure('NUMBER_PATTERN_EMPTY');
  const tokenized = tokenize(pattern);
  if (!tokenized.ok) return tokenized;
  const tokens = tokenized.value;

  const seen = new Set<PlaceholderKind>();
  let previous: PlaceholderKind | null = null;
  let source = '^';
  let ignoresSpaces = true;
  for (const token of tokens) {
    if (token.kind === 'text') {
      source += escapeRegExp(token.text);
      if (/\s/u.test(token.text)) ignoresSpaces = false;
      previous = null;
      continue;
    }
    if (seen.has(token.kind)) return checkFailure('NUMBER_PATTERN_DUPLICATE_TOKEN', { pattern, token: token.kind });
    if (previous !== null && VARIABLE_WIDTH.has(previous) && VARIABLE_WIDTH.has(token.kind)) {
      return checkFailure('NUMBER_PATTERN_AMBIGUOUS', { pattern, first: previous, second: token.kind });
    }
    seen.add(token.kind);
    source += CAPTURE[token.kind];
    previous = token.kind;
  }
  if (!seen.has('nr')) return checkFailure('NUMBER_PATTERN_NO_SEQUENCE', { pattern });
  if (!seen.has('rok') && !seen.has('rr')) return checkFailure('NUMBER_PATTERN_NO_YEAR', { pattern });
  return { ok: true, value: { source: pattern, tokens, matcher: new RegExp(`${source}$`, 'iu'), ignoresSpaces } };
}

/** Compiles a pattern, throwing its Polish error (for code that stores only valid patterns). */
export function compilePattern(pattern: string): NumberPattern {
  return valueOrThrow(validatePattern(pattern));
}

function toPattern(pattern: string | NumberPattern): NumberPattern {
  return typeof pattern === 'string' ? compilePattern(pattern) : pattern;
}

function requireInteger(field: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw fail('NUMBER_VALUE_INVALID', { field, value: String(value) });
  }
  return value;
}

/**
 * Writes a number by its pattern: `formatNumber('RPW/{nr}/{rok}', { seq: 124, year: 2026 })` is
 * `RPW/124/2026`.
 *
 * Throws NUMBER_VALUE_MISSING when the pattern shows a month or unit that was not given, and
 * NUMBER_VALUE_INVALID for a sequence below 1, a year outside 1000–9999 or a month outside 1–12.
 * A sequence longer than the padding is written in full, never cut.
 */
export function formatNumber(pattern: string | NumberPattern, values: NumberValues): string {
  const compiled = toPattern(pattern);
  const seq = requireInteger('nr', values.seq, 1, Number.MAX_SAFE_INTEGER);
  const year = requireInteger('rok', values.year, 1000, 9999);
  let out = '';
  for (const token of compiled.tokens) {
    switch (token.kind) {
      case 'text':
        out += token.text;
        break;
      case 'nr':
        out += token.width === null ? String(seq) : String(seq).padStart(token.width, '0');
        break;
      case 'rok':
        out += String(year);
        break;
      case 'rr':
        out += String(year % 100).padStart(2, '0');
        break;
      case 'miesiac': {
        const month = values.month ?? (values.date === undefined ? undefined : warsawParts(values.date).month);
        if (month === undefined) throw fail('NUMBER_VALUE_MISSING', { pattern: compiled.source, token: 'miesiac' });
        out += String(requireInteger('miesiac', month, 1, 12)).padStart(2, '0');
        break;
      }
      case 'jednostka': {
        const unit = values.unit?.trim() ?? '';
        if (unit === '') throw fail('NUMBER_VALUE_MISSING', { pattern: compiled.source, token: 'jednostka' });
        out += unit;
        break;
      }
    }
  }
  return out;
}

/**
 * Reads a number typed into search back into its parts, or null when the text does not fit
 * the pattern.
 *
 * Case-insensitive, tolerant of surrounding spaces (and of any spaces when the pattern has
 * none), and of a sequence typed without its padding. `{rr}` is read as 20rr: registers kept by
 * this software start in this century. When both `{rok}` and `{rr}` appear they must agree.
 */
export function parseNumber(pattern: string | NumberPattern, text: string): ParsedNumber | null {
  const compiled = toPattern(pattern);
  const candidate = compiled.ignoresSpaces ? text.replace(/\s+/gu, '') : text.trim();
  const match = compiled.matcher.exec(candidate);
  if (match === null) return null;
  let seq = 0;
  let year: number | null = null;
  let month: number | null = null;
  let unit: string | null = null;
  let group = 1;
  for (const token of compiled.tokens) {
    if (token.kind === 'text') continue;
    const value = match[group++] ?? '';
    switch (token.kind) {
      case 'nr':
        seq = Number(value);
        break;
      case 'rok':
      case 'rr': {
        const y = token.kind === 'rok' ? Number(value) : 2000 + Number(value);
        if (year !== null && year !== y) return null;
        year = y;
        break;
      }
      case 'miesiac':
        month = Number(value);
        break;
      case 'jednostka':
        unit = value;
        break;
    }
  }
  // Numbers start at 1 in every register; a month outside 1–12 is a typo, not a number.
  if (!Number.isSafeInteger(seq) || seq < 1 || year === null) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  return { seq, year, month, unit };
}
