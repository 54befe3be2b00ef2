import { checkFailure, type CheckResult } from '#core/checkResult';
import type { JrwaClass } from '#core/jrwa/import';
import { normaliseCrockford } from '#core/numbering/crockford';
import { PROVISIONAL_CODE_LENGTH, PROVISIONAL_MARK } from '#core/numbering/provisional';

// Znak sprawy (case sign), instrukcja kancelaryjna (Dz.U. 2011 nr 14 poz. 67; shared/domain/
// RULES.md): UNIT.JRWA.SEQ.YEAR, e.g. GK.6730.15.2026, GK-I.6733.2.2026.
//
// Decisions:
// - Unit symbol: letters and digits, at least one letter; a sub-unit adds `-` and its own part
//   to its parent's symbol (GK-I, GK-I-2). Every prefix before a hyphen is the parent's own
//   symbol, so the first part needs a letter; later parts may be digits only (GK-1). Lower-case
//   letters are allowed because RULES.md itself gives `A1c` and offices write symbols such as
//   `WOŚiR`; Polish letters are letters. The symbol is written exactly as the unit register
//   has it: nothing here changes its case (matching what someone typed in lower case against
//   the units is the caller's business). No spaces, dots (the separator of the sign), slashes
//   or other marks. At most 20 characters: a sign is printed on labels and in headers.
// - JRWA: 1–4 digits, kept as text (0012 is not 12). Only a final (leaf) class may carry cases
//   (RULES.md); the caller passes `isLeaf` from its JRWA list, as JrwaClass has it. Parsing
//   checks only the shape: whether a typed sign's class is a leaf is a lookup, not a format.
// - Office options (RULES.md: "a sub-folder number before the year, and the handler's initials
//   after it"):
//   - `subfolder`: UNIT.JRWA.SEQ.SUB.YEAR (GK.6730.15.3.2026), the sub-folder number
//     (podteczka) right before the year, as RULES.md places it (recollected office practice, not
//     read in the instrukcja). A sub-folder is a label only: SEQ still counts in the unit's case
//     register for the class and year, so the counter scope does not include it. It is optional
//     per case even when the office uses sub-folders: not every class is split into them.
//   - `initials`: UNIT.JRWA.SEQ.YEAR.INITIALS (GK.6730.15.2026.JK), 1–4 letters, the handler's
//     initials at opening. When the office uses them, formatting requires them (every case has
//     a handler when it is opened). Parsing accepts a sign without them: a sign never changes,
//     and signs given before the setting was switched on stay valid.
//   - With an option off, a sign carrying that part is refused with a message that says so,
//     rather than read as something else.
// - Parsing is for what people type into search: spaces anywhere are dropped, a sequence or
//   sub-folder number typed with leading zeros is read as the number (GK.6730.015.2026 is case
//   15). The year must have four digits: 26 could be 1926 or 2026.
// - Provisional label for a case opened offline: GK.6730.tymcz.A7K2. It follows
//   core/numbering/provisional.ts (RPW/tymcz./A7K2): the register's prefix (unit and class, known
//   offline), the mark `tymcz.` in place of the number, and a 4-character Crockford code. The dot
//   of `tymcz.` doubles as the sign's separator. There is no year: the final sign's year and
//   number are given by the server when it applies the command (DESIGN.md "Numbers"), and a year
//   printed on a label made offline on 31 December could turn out wrong.

/** Office settings that extend the case sign (RULES.md: "support them as office settings"). */
export type CaseSignOptions = { subfolder?: boolean; initials?: boolean };

/** A JRWA class as far as a case sign needs it; a JrwaClass fits. */
export type JrwaRef = Pick<JrwaClass, 'symbol' | 'isLeaf'>;

/** What a case sign says. `subfolder` and `initials` are null when the sign has none. */
export type CaseSignParts = {
  unit: string;
  jrwa: string;
  seq: number;
  subfolder: number | null;
  year: number;
  initials: string | null;
};

/** What goes into a case sign. */
export type CaseSignInput = {
  unit: string;
  jrwa: JrwaRef;
  seq: number;
  year: number;
  subfolder?: number | null;
  initials?: string | null;
  options?: CaseSignOptions;
};

/** A provisional case label read back: unit and class as typed, the canonical code. */
export type ProvisionalCaseLabel = { unit: string; jrwa: string; code: string };

/** The longest unit symbol accepted. */
export const UNIT_SYMBOL_MAX_LENGTH = 20;

const UNIT_PART = /^[\p{L}0-9]+$/u;
const HAS_LETTER = /\p{L}/u;
const JRWA_SYMBOL = /^[0-9]{1,4}$/;
const DIGITS = /^[0-9]+$/;
const YEAR = /^[0-9]{4}$/;
const INITIALS = /^\p{L}{1,4}$/u;

function describeCharacter(char: string): string {
  if (char === '.') return 'kropkę';
  if (/\s/u.test(char)) return 'spację';
  return `niedozwolony znak „${char}”`;
}

/**
 * Checks a unit symbol (symbol komórki) as used in case signs: `GK`, `B2`, `A1c`, `GK-I`.
 *
 * Returns the symbol (in Unicode NFC, otherwise unchanged) when it is valid; see the decisions
 * at the top of this file.
 */
export function checkUnitSymbol(text: string): CheckResult<string> {
  // NFC: a Ś typed as S plus a combining accent is the same letter, not a stray mark.
  const symbol = text.normalize('NFC');
  if (symbol === '') return checkFailure('UNIT_SYMBOL_EMPTY');
  for (const char of symbol) {
    if (char !== '-' && !UNIT_PART.test(char)) return checkFailure('UNIT_SYMBOL_CHARACTER', { symbol, what: describeCharacter(char) });
  }
  const parts = symbol.split('-');
  if (parts.some((p) => p === '')) return checkFailure('UNIT_SYMBOL_HYPHEN', { symbol });
  const first = parts[0] ?? '';
  if (!HAS_LETTER.test(first)) return checkFailure('UNIT_SYMBOL_NO_LETTER', { symbol, part: first });
  if (symbol.length > UNIT_SYMBOL_MAX_LENGTH) return checkFailure('UNIT_SYMBOL_TOO_LONG', { symbol, max: UNIT_SYMBOL_MAX_LENGTH });
  return { ok: true, value: symbol };
}

/** Checks that a JRWA class may carry cases: a valid symbol and a final (leaf) class. */
export function checkJrwaForCase(jrwa: JrwaRef): CheckResult<string> {
  if (!JRWA_SYMBOL.test(jrwa.symbol)) return checkFailure('JRWA_SYMBOL_INVALID', { symbol: jrwa.symbol });
  if (!jrwa.isLeaf) return checkFailure('CASE_JRWA_NOT_LEAF', { symbol: jrwa.symbol });
  return { ok: true, value: jrwa.symbol };
}

function checkPositive(value: number, code: 'CASE_SEQ_INVALID' | 'CASE_SUBFOLDER_INVALID'): CheckResult<number> {
  if (!Number.isSafeInteger(value) || value < 1) return checkFailure(code, { value: String(value) });
  return { ok: true, value };
}

function checkYear(year: number): CheckResult<number> {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) return checkFailure('CASE_YEAR_INVALID', { value: String(year) });
  return { ok: true, value: year };
}

function checkInitials(value: string): CheckResult<string> {
  if (!INITIALS.test(value)) return checkFailure('CASE_INITIALS_INVALID', { value });
  return { ok: true, value };
}

/**
 * The counter scope of a case register (spis spraw): `SPIS/GK/6730/2026`.
 *
 * One register per unit, leaf JRWA class and calendar year, numbered from 1 without gaps
 * (RULES.md "Spis spraw"); a new year is a new scope, so numbering restarts at 1. The unit is
 * named by its symbol: a symbol belongs to one unit per year, so symbol and year identify the
 * unit. Sub-folders and initials are not part of the scope.
 */
export function caseRegisterScope(input: { unit: string; jrwa: JrwaRef; year: number }): CheckResult<string> {
  const unit = checkUnitSymbol(input.unit);
  if (!unit.ok) return unit;
  const jrwa = checkJrwaForCase(input.jrwa);
  if (!jrwa.ok) return jrwa;
  const year = checkYear(input.year);
  if (!year.ok) return year;
  return { ok: true, value: `SPIS/${unit.value}/${jrwa.value}/${year.value}` };
}

/**
 * Writes a case sign: `GK.6730.15.2026`, with the office's options `GK.6730.15.3.2026` or
 * `GK.6730.15.2026.JK`.
 *
 * Checks every part: the unit symbol, a leaf JRWA class, a sequence from 1, a four-digit year,
 * a sub-folder from 1 only when the office uses sub-folders, initials required when the office
 * uses them and refused when it does not.
 */
export function formatCaseSign(input: CaseSignInput): CheckResult<string> {
  const options = input.options ?? {};
  const unit = checkUnitSymbol(input.unit);
  if (!unit.ok) return unit;
  const jrwa = checkJrwaForCase(input.jrwa);
  if (!jrwa.ok) return jrwa;
  const seq = checkPositive(input.seq, 'CASE_SEQ_INVALID');
  if (!seq.ok) return seq;
  const year = checkYear(input.year);
  if (!year.ok) return year;

  let sign = `${unit.value}.${jrwa.value}.${seq.value}`;
  const subfolder = input.subfolder ?? null;
  if (subfolder !== null) {
    if (options.subfolder !== true) return checkFailure('CASE_SUBFOLDER_OFF');
    const sub = checkPositive(subfolder, 'CASE_SUBFOLDER_INVALID');
    if (!sub.ok) return sub;
    sign += `.${sub.value}`;
  }
  sign += `.${year.value}`;
  const initials = input.initials ?? null;
  if (options.initials === true) {
    if (initials === null || initials === '') return checkFailure('CASE_INITIALS_MISSING');
    const checked = checkInitials(initials);
    if (!checked.ok) return checked;
    sign += `.${checked.value}`;
  } else if (initials !== null) {
    return checkFailure('CASE_INITIALS_OFF');
  }
  return { ok: true, value: sign };
}

/** How a sign looks under the office's options, for messages: shape and an example. */
export function caseSignShape(options: CaseSignOptions = {}): { shape: string; example: string } {
  const sub = options.subfolder === true;
  const initials = options.initials === true;
  return {
    shape: `KOMÓRKA.KLASA.NUMER${sub ? '[.PODTECZKA]' : ''}.ROK${initials ? '.INICJAŁY' : ''}`,
    example: `GK.6730.15${sub ? '.3' : ''}.2026${initials ? '.JK' : ''}`,
  };
}

/**
 * Reads a case sign someone typed, under the office's options.
 *
 * Spaces are dropped and padded numbers forgiven; the unit symbol comes back as typed. A sign
 * with too few or too many parts is CASE_SIGN_FORMAT; a sign of the right shape with a bad part
 * gets that part's own error; a sub-folder or initials the office does not use get
 * CASE_SUBFOLDER_OFF or CASE_INITIALS_OFF.
 */
export function parseCaseSign(text: string, options: CaseSignOptions = {}): CheckResult<CaseSignParts> {
  const input = text.replace(/\s+/gu, '');
  const formatError = () => checkFailure('CASE_SIGN_FORMAT', { input, ...caseSignShape(options) });
  if (input === '') return formatError();
  const parts = input.split('.');
  if (parts.some((p) => p === '')) return formatError();

  // Initials are the only part without digits after the year, so they can be told apart from
  // the year and the numbers; a sign has at least four parts before them.
  let initials: string | null = null;
  const last = parts[parts.length - 1] ?? '';
  if (parts.length >= 5 && /^\p{L}+$/u.test(last)) {
    if (options.initials !== true) return checkFailure('CASE_INITIALS_OFF');
    const checked = checkInitials(last);
    if (!checked.ok) return checked;
    initials = checked.value;
    parts.pop();
  }
  if (parts.length === 5 && options.subfolder !== true) return checkFailure('CASE_SUBFOLDER_OFF');
  if (parts.length !== 4 && parts.length !== 5) return formatError();

  const [unitText = '', jrwaText = '', seqText = ''] = parts;
  const subText = parts.length === 5 ? (parts[3] ?? '') : null;
  const yearText = parts[parts.length - 1] ?? '';

  const unit = checkUnitSymbol(unitText);
  if (!unit.ok) return unit;
  if (!JRWA_SYMBOL.test(jrwaText)) return checkFailure('JRWA_SYMBOL_INVALID', { symbol: jrwaText });
  if (!DIGITS.test(seqText)) return checkFailure('CASE_SEQ_INVALID', { value: seqText });
  const seq = checkPositive(Number(seqText), 'CASE_SEQ_INVALID');
  if (!seq.ok) return checkFailure('CASE_SEQ_INVALID', { value: seqText });
  let subfolder: number | null = null;
  if (subText !== null) {
    const sub = DIGITS.test(subText) ? checkPositive(Number(subText), 'CASE_SUBFOLDER_INVALID') : null;
    if (sub === null || !sub.ok) return checkFailure('CASE_SUBFOLDER_INVALID', { value: subText });
    subfolder = sub.value;
  }
  if (!YEAR.test(yearText) || Number(yearText) < 1000) return checkFailure('CASE_YEAR_INVALID', { value: yearText });

  return { ok: true, value: { unit: unit.value, jrwa: jrwaText, seq: seq.value, subfolder, year: Number(yearText), initials } };
}

/**
 * The label of a case opened offline: `provisionalCaseLabel({ unit: 'GK', jrwa, code: 'A7K2' })`
 * is `GK.6730.tymcz.A7K2`.
 *
 * The code comes from makeProvisionalCode (core/numbering/provisional.ts); the caller checks it
 * is unused and draws again on a clash, as for register labels.
 */
export function provisionalCaseLabel(input: { unit: string; jrwa: JrwaRef; code: string }): CheckResult<string> {
  const unit = checkUnitSymbol(input.unit);
  if (!unit.ok) return unit;
  const jrwa = checkJrwaForCase(input.jrwa);
  if (!jrwa.ok) return jrwa;
  if (input.code.length !== PROVISIONAL_CODE_LENGTH || normaliseCrockford(input.code) !== input.code) {
    return checkFailure('PROVISIONAL_CODE_INVALID', { code: input.code });
  }
  return { ok: true, value: `${unit.value}.${jrwa.value}.${PROVISIONAL_MARK}${input.code}` };
}

/**
 * Reads a provisional case label someone typed into search, or null when it is not one.
 *
 * As for register labels: case, spaces, a missing dot after `tymcz` and the look-alike letters
 * in the code (O, I, L) are forgiven.
 */
export function parseProvisionalCaseLabel(text: string): ProvisionalCaseLabel | null {
  const match = /^([^.]+)\.([^.]+)\.tymcz\.?([^.]+)$/iu.exec(text.replace(/\s+/gu, ''));
  const unit = match?.[1];
  const jrwa = match?.[2];
  const rawCode = match?.[3];
  if (unit === undefined || jrwa === undefined || rawCode === undefined) return null;
  if (!checkUnitSymbol(unit).ok || !JRWA_SYMBOL.test(jrwa)) return null;
  const code = normaliseCrockford(rawCode);
  if (code === null || code.length !== PROVISIONAL_CODE_LENGTH) return null;
  return { unit, jrwa, code };
}
