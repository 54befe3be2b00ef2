import { checkFailure, type CheckResult } from '#core/checkResult';
import { CROCKFORD_ALPHABET, crockfordValue, normaliseCrockford, randomCrockford, type RandomBytes } from '#core/numbering/crockford';

// The status code printed on a receipt (potwierdzenie wpływu) lets the sender ask about their
// letter without an account. Format: 8 Crockford characters shown as XXXX-XXXX, of which the
// first 7 are random (35 bits, about 34 billion codes) and the 8th is a check character.
//
// Why a check character: the code is copied by hand from paper, often read out over the phone.
// With it, a typo is caught at once and the person is told "you mistyped" instead of the
// misleading "no such letter", and no lookup is spent on it. It costs 5 bits of the 40 an
// 8-character code could carry; 35 random bits stay far beyond guessing through a rate-limited
// lookup. The check is Luhn mod 32 over the Crockford values: it catches every single wrong
// character and every swap of two neighbours except 0↔Z (values 0 and 31), the one pair the
// Luhn family cannot see. Crockford's own mod-37 check needs five extra symbols (* ~ $ = U) that
// are awkward to print and to dictate, so it is not used.

const RANDOM_LENGTH = 7;
const BASE = 32;

/** Luhn mod 32 check character for the given canonical Crockford characters. */
function luhnCheckChar(payload: string): string {
  let sum = 0;
  let factor = 2; // the rightmost payload character is doubled, as the check will follow it
  for (let i = payload.length - 1; i >= 0; i--) {
    const addend = factor * crockfordValue(payload.charAt(i));
    sum += Math.floor(addend / BASE) + (addend % BASE);
    factor = factor === 2 ? 1 : 2;
  }
  return CROCKFORD_ALPHABET.charAt((BASE - (sum % BASE)) % BASE);
}

function display(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Makes a new receipt status code, `XXXX-XXXX`, from injected random bytes. */
export function makeStatusCode(randomBytes: RandomBytes): string {
  const payload = randomCrockford(randomBytes, RANDOM_LENGTH);
  return display(payload + luhnCheckChar(payload));
}

/**
 * Reads a status code as a person typed it and returns it as printed (`XXXX-XXXX`).
 *
 * Forgiving where the meaning is clear: any case, with or without the dash or spaces, O for 0,
 * I or L for 1. A wrong length or a character outside the alphabet is STATUS_CODE_FORMAT; a
 * code whose check character does not match is STATUS_CODE_CHECK (a typo).
 */
export function normaliseStatusCode(input: string): CheckResult<string> {
  const code = normaliseCrockford(input);
  if (code === null || code.length !== RANDOM_LENGTH + 1) return checkFailure('STATUS_CODE_FORMAT', { input: input.trim() });
  if (luhnCheckChar(code.slice(0, RANDOM_LENGTH)) !== code.charAt(RANDOM_LENGTH)) {
    return checkFailure('STATUS_CODE_CHECK', { code: display(code) });
  }
  return { ok: true, value: display(code) };
}
