import { z } from 'zod';
import { checkFailure, type CheckResult } from '#core/checkResult';

// Checksums and formats from shared/domain/RULES.md, "Identifiers". A wrong identifier is
// rejected with a message naming the number and what to check, never silently corrected.

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const;
const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;
const REGON9_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7] as const;
const REGON14_WEIGHTS = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] as const;

// Separators people type or paste inside NIP and REGON: spaces (incl. no-break), hyphens, dashes.
const SEPARATORS = /[\s\u00a0\u2010-\u2015-]/gu;

/** Weighted digit sum of the first `weights.length` digits of an all-digit string. */
function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] ?? 0);
  return sum;
}

function lastDigit(digits: string): number {
  return digits.charCodeAt(digits.length - 1) - 48;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Sex as PESEL encodes it (digit 10: even for women, odd for men). Polish letters, as printed. */
export type PeselSex = 'K' | 'M';

/** What a valid PESEL says about its holder. */
export type PeselInfo = { birthDate: string; sex: PeselSex };

/**
 * Decodes the birth date and sex from a PESEL's digits, or null when the date cannot exist.
 *
 * The month carries the century: +80 for 1800–1899, +0 for 1900–1999, +20 for 2000–2099,
 * +40 for 2100–2199, +60 for 2200–2299. The checksum is not checked here (see validatePesel).
 */
export function decodePesel(pesel: string): PeselInfo | null {
  if (!/^\d{11}$/.test(pesel)) return null;
  const yy = Number(pesel.slice(0, 2));
  const mm = Number(pesel.slice(2, 4));
  const dd = Number(pesel.slice(4, 6));
  const century = [1900, 2000, 2100, 2200, 1800][Math.floor(mm / 20)];
  const month = mm % 20;
  if (century === undefined || month < 1 || month > 12) return null;
  const year = century + yy;
  if (dd < 1 || dd > daysInMonth(year, month)) return null;
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  return { birthDate, sex: (pesel.charCodeAt(9) - 48) % 2 === 0 ? 'K' : 'M' };
}

/**
 * Checks a PESEL: 11 digits, the check digit, and a birth date that exists.
 *
 * Only surrounding whitespace is forgiven: PESEL is never written with separators, so anything
 * else in it is more likely a different number pasted by mistake.
 */
export function validatePesel(input: string): CheckResult<string> {
  const pesel = input.trim();
  if (!/^\d{11}$/.test(pesel)) return checkFailure('PESEL_FORMAT', { input: pesel });
  const expected = (10 - (weightedSum(pesel, PESEL_WEIGHTS) % 10)) % 10;
  if (expected !== lastDigit(pesel)) return checkFailure('PESEL_CHECKSUM', { pesel });
  // All zeros passes the checksum; the date check (month 00) is what rejects it.
  if (decodePesel(pesel) === null) return checkFailure('PESEL_DATE', { pesel });
  return { ok: true, value: pesel };
}

/**
 * Checks a NIP and returns its 10 digits.
 *
 * Accepts the forms seen on letters and invoices: `526-104-08-28`, `526 104 08 28`, and the EU
 * VAT form `PL5261040828`. A remainder of 10 means no valid check digit exists for those nine
 * digits, so such a NIP is never issued. All zeros passes the arithmetic but is no one's NIP
 * (its first three digits name the tax office that issued it).
 */
export function validateNip(input: string): CheckResult<string> {
  const compact = input.replace(SEPARATORS, '');
  const match = /^(?:PL)?(\d{10})$/i.exec(compact);
  const nip = match?.[1];
  if (nip === undefined) return checkFailure('NIP_FORMAT', { input: input.trim() });
  if (/^0+$/.test(nip)) return checkFailure('IDENTIFIER_ALL_ZEROS', { kind: 'NIP', value: nip });
  const remainder = weightedSum(nip, NIP_WEIGHTS) % 11;
  if (remainder === 10 || remainder !== lastDigit(nip)) return checkFailure('NIP_CHECKSUM', { nip });
  return { ok: true, value: nip };
}

function regon9CheckDigit(digits: string): number {
  const remainder = weightedSum(digits, REGON9_WEIGHTS) % 11;
  return remainder === 10 ? 0 : remainder;
}

/**
 * Checks a REGON (9 digits for an entity, 14 for its local unit) and returns its digits.
 *
 * A 14-digit REGON is the parent's 9-digit REGON followed by the unit's number and its own check
 * digit, so its first nine digits must be a valid REGON too. Spaces and hyphens are forgiven.
 */
export function validateRegon(input: string): CheckResult<string> {
  const regon = input.replace(SEPARATORS, '');
  if (!/^(?:\d{9}|\d{14})$/.test(regon)) return checkFailure('REGON_FORMAT', { input: input.trim() });
  if (/^0+$/.test(regon)) return checkFailure('IDENTIFIER_ALL_ZEROS', { kind: 'REGON', value: regon });
  if (regon.length === 9) {
    if (regon9CheckDigit(regon) !== lastDigit(regon)) return checkFailure('REGON_CHECKSUM', { regon });
    return { ok: true, value: regon };
  }
  const remainder = weightedSum(regon, REGON14_WEIGHTS) % 11;
  if ((remainder === 10 ? 0 : remainder) !== lastDigit(regon)) return checkFailure('REGON_CHECKSUM', { regon });
  if (regon9CheckDigit(regon) !== regon.charCodeAt(8) - 48) return checkFailure('REGON_BASE_CHECKSUM', { regon });
  return { ok: true, value: regon };
}

/**
 * Checks a Polish postal code and returns it as `NN-NNN`.
 *
 * Five digits without the hyphen (`00950`) and a dash pasted from a word processor (`00–950`)
 * are accepted and written the standard way: the intent is unambiguous.
 */
export function validatePostalCode(input: string): CheckResult<string> {
  const trimmed = input.trim();
  const match = /^(\d{2})[-\u2010-\u2015]?(\d{3})$/u.exec(trimmed);
  if (match === null) return checkFailure('POSTAL_CODE_FORMAT', { input: trimmed });
  return { ok: true, value: `${match[1]}-${match[2]}` };
}

/**
 * A zod string schema that checks with `validate`, reports its Polish message, and outputs the
 * normalised value.
 *
 * `overwrite` (not `transform`) keeps the schema's type a plain string, so the API contract can
 * still be described as JSON Schema. The failure's code travels in the issue's `params.code`.
 */
function identifierSchema(validate: (input: string) => CheckResult<string>, notText: string) {
  return z
    .string({ error: notText })
    .superRefine((input, ctx) => {
      const result = validate(input);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
    })
    .overwrite((input) => {
      const result = validate(input);
      return result.ok ? result.value : input;
    });
}

/** PESEL for the API contract: 11 digits, checksum and birth date checked. */
export const peselSchema = identifierSchema(validatePesel, 'Numer PESEL musi być podany jako tekst 11 cyfr.');
/** NIP for the API contract; outputs the 10 digits without separators or `PL`. */
export const nipSchema = identifierSchema(validateNip, 'Numer NIP musi być podany jako tekst 10 cyfr.');
/** REGON (9 or 14 digits) for the API contract; outputs the digits. */
export const regonSchema = identifierSchema(validateRegon, 'Numer REGON musi być podany jako tekst 9 lub 14 cyfr.');
/** Polish postal code for the API contract; outputs `NN-NNN`. */
export const postalCodeSchema = identifierSchema(validatePostalCode, 'Kod pocztowy musi być podany jako tekst w postaci NN-NNN.');
