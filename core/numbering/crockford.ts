import { DomainError } from '#core/errors';

/**
 * Crockford's base-32 alphabet: digits and capitals without I, L, O and U.
 *
 * Codes in this alphabet are read off paper and typed back by people; leaving out the letters
 * that look like 1 and 0 (and U, to avoid accidental words) removes the usual misreadings.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A source of random bytes, injected so that code generation stays pure and testable. */
export type RandomBytes = (n: number) => Uint8Array;

/**
 * Makes `length` random Crockford characters from injected random bytes.
 *
 * Each byte's low five bits pick a character: 256 is a multiple of 32, so every character is
 * equally likely (no modulo bias).
 */
export function randomCrockford(randomBytes: RandomBytes, length: number): string {
  const bytes = randomBytes(length);
  if (bytes.length < length) {
    // A broken random source is a programming fault, not something a clerk can fix.
    throw new DomainError('INTERNAL', `randomBytes(${length}) returned ${bytes.length} bytes`);
  }
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD_ALPHABET.charAt((bytes[i] ?? 0) & 31);
  return out;
}

/** The value (0–31) of a canonical Crockford character, or -1. */
export function crockfordValue(char: string): number {
  return char.length === 1 ? CROCKFORD_ALPHABET.indexOf(char) : -1;
}

/**
 * Reads what a person typed as Crockford characters: upper case, separators dropped, and the
 * look-alikes mapped as Crockford prescribes (O → 0, I and L → 1).
 *
 * Returns null when a character is not in the alphabet after that (U, punctuation, diacritics).
 */
export function normaliseCrockford(input: string): string | null {
  const compact = input.replace(/[\s\u00a0\u2010-\u2015-]/gu, '').toUpperCase();
  let out = '';
  for (const ch of compact) {
    const mapped = ch === 'O' ? '0' : ch === 'I' || ch === 'L' ? '1' : ch;
    if (crockfordValue(mapped) < 0) return null;
    out += mapped;
  }
  return out;
}
