import { fail } from '#core/errors';
import { normaliseCrockford, randomCrockford, type RandomBytes } from '#core/numbering/crockford';

// DESIGN.md "Numbers": an offline workstation cannot take a final number (the central server is
// the only authority), so it prints a provisional label such as RPW/tymcz./A7K2 that is shown
// as such and stays findable after the push maps it to the final number.

/** The word that marks a label as provisional; part of what gets printed. */
export const PROVISIONAL_MARK = 'tymcz.';

/** Length of a provisional code: short enough to type from a receipt. */
export const PROVISIONAL_CODE_LENGTH = 4;

/**
 * Makes a random provisional code (4 Crockford characters, ~1 million values).
 *
 * Four characters keep the label short for hand-typing, so two offline registrations can draw
 * the same code (likely after about a thousand): the caller must check the code against the
 * labels it already holds (a UNIQUE constraint) and draw again on a clash.
 */
export function makeProvisionalCode(randomBytes: RandomBytes): string {
  return randomCrockford(randomBytes, PROVISIONAL_CODE_LENGTH);
}

/** The printed provisional label: `provisionalLabel('RPW', 'A7K2')` is `RPW/tymcz./A7K2`. */
export function provisionalLabel(prefix: string, code: string): string {
  if (code.length !== PROVISIONAL_CODE_LENGTH || normaliseCrockford(code) !== code) {
    throw fail('PROVISIONAL_CODE_INVALID', { code });
  }
  return `${prefix}/${PROVISIONAL_MARK}/${code}`;
}

/** A provisional label read back: the register prefix as typed and the canonical code. */
export type ProvisionalLabel = { prefix: string; code: string };

/**
 * Reads a provisional label someone typed into search, or null when it is not one.
 *
 * Case, spaces around the slashes, a missing dot after `tymcz` and the look-alike letters in
 * the code (O, I, L) are forgiven, as on the status code.
 */
export function parseProvisionalLabel(text: string): ProvisionalLabel | null {
  const match = /^\s*(\S(?:.*?\S)?)\s*\/\s*tymcz\.?\s*\/\s*(\S+)\s*$/iu.exec(text);
  const prefix = match?.[1];
  const rawCode = match?.[2];
  if (prefix === undefined || rawCode === undefined) return null;
  const code = normaliseCrockford(rawCode);
  if (code === null || code.length !== PROVISIONAL_CODE_LENGTH) return null;
  return { prefix, code };
}
