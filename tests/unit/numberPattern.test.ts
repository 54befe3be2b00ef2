import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  DEFAULT_INCOMING_PATTERN,
  formatNumber,
  makeProvisionalCode,
  makeStatusCode,
  normaliseStatusCode,
  parseNumber,
  parseProvisionalLabel,
  provisionalLabel,
  validatePattern,
} from '#core/numbering/pattern';
import { CROCKFORD_ALPHABET, normaliseCrockford, randomCrockford } from '#core/numbering/crockford';
import { isDomainError } from '#core/errors';

/** A fake random source that hands out the given bytes in order. */
function bytesFrom(...values: number[]): (n: number) => Uint8Array {
  let at = 0;
  return (n) => {
    const out = Uint8Array.from(values.slice(at, at + n));
    at += n;
    return out;
  };
}

function thrownCode(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    return isDomainError(e) ? e.code : 'not a DomainError';
  }
  return null;
}

describe('validatePattern', () => {
  it.each([
    DEFAULT_INCOMING_PATTERN,
    'RPW/{nr:5}/{rok}',
    '{jednostka}/RPW/{nr}/{rr}',
    'KW-{rok}-{miesiac}-{nr:4}',
    'KW-{rok}-{miesiąc}-{nr:4}',
    '{rok}{nr}',
    '{nr:5}{rr}',
    'RPW {nr} z {rok}',
  ])('accepts %s', (pattern) => {
    expect(validatePattern(pattern).ok).toBe(true);
  });

  it.each([
    ['', 'NUMBER_PATTERN_EMPTY', 'Wzór numeru jest pusty. Wpisz wzór, np. RPW/{nr}/{rok}.'],
    ['   ', 'NUMBER_PATTERN_EMPTY', 'Wzór numeru jest pusty. Wpisz wzór, np. RPW/{nr}/{rok}.'],
    [
      'RPW/{nr}',
      'NUMBER_PATTERN_NO_YEAR',
      'Wzór numeru „RPW/{nr}” nie zawiera roku. Numeracja zaczyna się od 1 w każdym roku, więc dodaj {rok} lub {rr}, np. RPW/{nr}/{rok}.',
    ],
    ['RPW/{rok}', 'NUMBER_PATTERN_NO_SEQUENCE', 'Wzór numeru „RPW/{rok}” nie zawiera numeru kolejnego. Dodaj {nr} lub {nr:5}, np. RPW/{nr}/{rok}.'],
    [
      'RPW/{numer}/{rok}',
      'NUMBER_PATTERN_UNKNOWN_TOKEN',
      'Wzór numeru „RPW/{numer}/{rok}” zawiera nieznany element {numer}. Dozwolone elementy: {nr}, {nr:5}, {rok}, {rr}, {miesiac}, {jednostka}.',
    ],
    ['RPW/{nr/{rok}', 'NUMBER_PATTERN_BRACES', 'Wzór numeru „RPW/{nr/{rok}” ma niesparowany nawias klamrowy. Każdy element wzoru zapisz w nawiasach, np. {nr}, {rok}.'],
    ['RPW/{nr}/{rok', 'NUMBER_PATTERN_BRACES', 'Wzór numeru „RPW/{nr}/{rok” ma niesparowany nawias klamrowy. Każdy element wzoru zapisz w nawiasach, np. {nr}, {rok}.'],
    ['RPW/nr}/{rok}', 'NUMBER_PATTERN_BRACES', 'Wzór numeru „RPW/nr}/{rok}” ma niesparowany nawias klamrowy. Każdy element wzoru zapisz w nawiasach, np. {nr}, {rok}.'],
    ['RPW/{nr:0}/{rok}', 'NUMBER_PATTERN_WIDTH', 'Wzór numeru „RPW/{nr:0}/{rok}”: w elemencie {nr:0} liczba cyfr musi wynosić od 1 do 9, np. {nr:5}.'],
    ['RPW/{nr:12}/{rok}', 'NUMBER_PATTERN_WIDTH', 'Wzór numeru „RPW/{nr:12}/{rok}”: w elemencie {nr:12} liczba cyfr musi wynosić od 1 do 9, np. {nr:5}.'],
    [
      'RPW/{nr}/{nr:3}/{rok}',
      'NUMBER_PATTERN_DUPLICATE_TOKEN',
      'Wzór numeru „RPW/{nr}/{nr:3}/{rok}” zawiera element {nr} więcej niż raz. Każdy element może wystąpić tylko raz.',
    ],
    [
      '{jednostka}{nr}/{rok}',
      'NUMBER_PATTERN_AMBIGUOUS',
      'Wzór numeru „{jednostka}{nr}/{rok}”: elementy {jednostka} i {nr} stoją obok siebie bez separatora, więc numeru nie da się odczytać jednoznacznie. Rozdziel je znakiem, np. „/” lub „-”.',
    ],
  ])('rejects %j as %s', (pattern, code, message) => {
    expect(validatePattern(pattern)).toEqual({ ok: false, code, message });
  });

  it.each(['{toString}/{nr}/{rok}', '{NR}/{rok}', '{rok:4}/{nr}', '{ nr }/{rok}'])('does not take %s for a placeholder', (pattern) => {
    expect(validatePattern(pattern)).toMatchObject({ ok: false, code: 'NUMBER_PATTERN_UNKNOWN_TOKEN' });
  });

  it('rejects {nr} next to {jednostka} in either order', () => {
    expect(validatePattern('{nr}{jednostka}/{rok}')).toMatchObject({ ok: false, code: 'NUMBER_PATTERN_AMBIGUOUS' });
  });

  it('compilePattern throws the same Polish error', () => {
    expect(thrownCode(() => compilePattern('RPW/{nr}'))).toBe('NUMBER_PATTERN_NO_YEAR');
  });
});

describe('formatNumber', () => {
  it('writes the default incoming number', () => {
    expect(formatNumber(DEFAULT_INCOMING_PATTERN, { seq: 124, year: 2026 })).toBe('RPW/124/2026');
  });

  it.each([
    ['RPW/{nr:5}/{rok}', { seq: 124, year: 2026 }, 'RPW/00124/2026'],
    ['RPW/{nr:2}/{rok}', { seq: 124, year: 2026 }, 'RPW/124/2026'], // longer than the padding: never cut
    ['RPW/{nr}/{rr}', { seq: 7, year: 2005 }, 'RPW/7/05'],
    ['KW-{rok}-{miesiac}-{nr:4}', { seq: 3, year: 2026, month: 2 }, 'KW-2026-02-0003'],
    ['{jednostka}/RPW/{nr}/{rok}', { seq: 15, year: 2026, unit: 'GK-I' }, 'GK-I/RPW/15/2026'],
    ['{rok}{nr}', { seq: 9, year: 2026 }, '20269'],
  ])('%s with %j is %s', (pattern, values, expected) => {
    expect(formatNumber(pattern, values)).toBe(expected);
  });

  it('takes the month from `date` as the Warsaw calendar month', () => {
    // 31 January 23:30 UTC is already 1 February in Warsaw (UTC+1 in winter).
    expect(formatNumber('{rok}/{miesiac}/{nr}', { seq: 1, year: 2026, date: new Date('2026-01-31T23:30:00Z') })).toBe('2026/02/1');
    // An explicit month wins over the date.
    expect(formatNumber('{rok}/{miesiac}/{nr}', { seq: 1, year: 2026, month: 5, date: '2026-01-31T10:00:00Z' })).toBe('2026/05/1');
  });

  it('accepts a compiled pattern', () => {
    expect(formatNumber(compilePattern('RPW/{nr:3}/{rok}'), { seq: 5, year: 2026 })).toBe('RPW/005/2026');
  });

  it('says which value is missing', () => {
    try {
      formatNumber('{jednostka}/{nr}/{rok}', { seq: 1, year: 2026, unit: '  ' });
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.message).toBe('Do numeru według wzoru „{jednostka}/{nr}/{rok}” brakuje wartości {jednostka}. Sprawdź ustawienia rejestru.');
    }
    expect(thrownCode(() => formatNumber('{miesiac}/{nr}/{rok}', { seq: 1, year: 2026 }))).toBe('NUMBER_VALUE_MISSING');
  });

  it.each([
    [{ seq: 0, year: 2026 }],
    [{ seq: -1, year: 2026 }],
    [{ seq: 1.5, year: 2026 }],
    [{ seq: Number.NaN, year: 2026 }],
    [{ seq: 1, year: 26 }],
    [{ seq: 1, year: 20260 }],
  ])('refuses %j', (values) => {
    expect(thrownCode(() => formatNumber(DEFAULT_INCOMING_PATTERN, values))).toBe('NUMBER_VALUE_INVALID');
  });

  it('refuses month 13', () => {
    expect(thrownCode(() => formatNumber('{miesiac}/{nr}/{rok}', { seq: 1, year: 2026, month: 13 }))).toBe('NUMBER_VALUE_INVALID');
  });

  it('refuses an invalid pattern with its own error', () => {
    expect(thrownCode(() => formatNumber('RPW/{nr}', { seq: 1, year: 2026 }))).toBe('NUMBER_PATTERN_NO_YEAR');
  });
});

describe('parseNumber', () => {
  it('reads back what search types', () => {
    expect(parseNumber(DEFAULT_INCOMING_PATTERN, 'RPW/124/2026')).toEqual({ seq: 124, year: 2026, month: null, unit: null });
  });

  it.each([
    ['RPW/{nr}/{rok}', 'rpw/124/2026', { seq: 124, year: 2026, month: null, unit: null }],
    ['RPW/{nr}/{rok}', '  RPW / 124 / 2026 ', { seq: 124, year: 2026, month: null, unit: null }],
    ['RPW/{nr:5}/{rok}', 'RPW/00124/2026', { seq: 124, year: 2026, month: null, unit: null }],
    ['RPW/{nr:5}/{rok}', 'RPW/124/2026', { seq: 124, year: 2026, month: null, unit: null }],
    ['RPW/{nr}/{rr}', 'RPW/7/05', { seq: 7, year: 2005, month: null, unit: null }],
    ['KW-{rok}-{miesiac}-{nr:4}', 'KW-2026-02-0003', { seq: 3, year: 2026, month: 2, unit: null }],
    ['{jednostka}/RPW/{nr}/{rok}', 'GK-I/RPW/15/2026', { seq: 15, year: 2026, month: null, unit: 'GK-I' }],
    ['{jednostka}-{nr}/{rok}', 'GK-I-15/2026', { seq: 15, year: 2026, month: null, unit: 'GK-I' }],
    ['{rok}{nr}', '20269', { seq: 9, year: 2026, month: null, unit: null }],
    ['{nr:5}{rr}', '0012426', { seq: 124, year: 2026, month: null, unit: null }],
    ['{rok}/{rr}/{nr}', '2026/26/3', { seq: 3, year: 2026, month: null, unit: null }],
  ])('%s reads %j', (pattern, text, expected) => {
    expect(parseNumber(pattern, text)).toEqual(expected);
  });

  it('keeps spaces meaningful when the pattern has its own', () => {
    expect(parseNumber('RPW {nr} z {rok}', 'RPW 12 z 2026')).toEqual({ seq: 12, year: 2026, month: null, unit: null });
    expect(parseNumber('RPW {nr} z {rok}', 'RPW12z2026')).toBeNull();
  });

  it.each([
    ['RPW/{nr}/{rok}', 'RPW/124'],
    ['RPW/{nr}/{rok}', 'RPW/124/26'],
    ['RPW/{nr}/{rok}', 'RPW/0/2026'], // numbering starts at 1
    ['RPW/{nr}/{rok}', 'RPW/12a/2026'],
    ['RPW/{nr}/{rok}', 'KW/124/2026'],
    ['RPW/{nr}/{rok}', 'xRPW/124/2026'],
    ['RPW/{nr}/{rok}', 'RPW/tymcz./A7K2'],
    ['KW-{rok}-{miesiac}-{nr}', 'KW-2026-13-1'],
    ['{rok}/{rr}/{nr}', '2026/25/3'], // the two years disagree
    ['RPW.{nr}.{rok}', 'RPWx124x2026'], // the dot is literal, not "any character"
  ])('%s does not read %j', (pattern, text) => {
    expect(parseNumber(pattern, text)).toBeNull();
  });

  it('round-trips every formatted number', () => {
    const patterns = ['RPW/{nr:5}/{rok}', '{jednostka}/{nr}/{rr}', 'KW-{rok}-{miesiac}-{nr}', '{nr}.{rok}'];
    for (const pattern of patterns) {
      for (const seq of [1, 9, 10, 99999, 123456]) {
        const values = { seq, year: 2031, month: 11, unit: 'A1c' };
        const parsed = parseNumber(pattern, formatNumber(pattern, values));
        expect(parsed?.seq).toBe(seq);
        expect(parsed?.year).toBe(2031);
      }
    }
  });
});

describe('Crockford base 32', () => {
  it('has 32 characters and none of I, L, O, U', () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(new Set(CROCKFORD_ALPHABET).size).toBe(32);
    expect(CROCKFORD_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('maps each byte by its low five bits', () => {
    expect(randomCrockford(bytesFrom(0, 31, 32, 255, 74, 100), 6)).toBe('0Z0ZA4');
  });

  it('refuses a random source that returns too few bytes', () => {
    expect(thrownCode(() => randomCrockford(() => new Uint8Array(2), 4))).toBe('INTERNAL');
  });

  it('normalises look-alikes and refuses what is not in the alphabet', () => {
    expect(normaliseCrockford('o1l-i ab')).toBe('0111AB');
    expect(normaliseCrockford('U')).toBeNull();
    expect(normaliseCrockford('AŁ')).toBeNull();
  });
});

describe('provisional labels', () => {
  it('makes a 4-character code from the injected bytes', () => {
    expect(makeProvisionalCode(bytesFrom(10, 7, 19, 2))).toBe('A7K2');
  });

  it('writes the label as printed', () => {
    expect(provisionalLabel('RPW', 'A7K2')).toBe('RPW/tymcz./A7K2');
  });

  it.each(['a7k2', 'A7K', 'A7K2X', 'A7KU', 'O7K2'])('refuses the code %s', (code) => {
    expect(thrownCode(() => provisionalLabel('RPW', code))).toBe('PROVISIONAL_CODE_INVALID');
  });

  it.each([
    ['RPW/tymcz./A7K2', { prefix: 'RPW', code: 'A7K2' }],
    ['rpw/TYMCZ./a7k2', { prefix: 'rpw', code: 'A7K2' }],
    [' RPW / tymcz / A7K2 ', { prefix: 'RPW', code: 'A7K2' }],
    ['RPW/tymcz./AOKL', { prefix: 'RPW', code: 'A0K1' }],
  ])('reads %j back', (text, expected) => {
    expect(parseProvisionalLabel(text)).toEqual(expected);
  });

  it.each(['RPW/124/2026', 'RPW/tymcz./A7K', 'RPW/tymcz./A7KU', '/tymcz./A7K2', 'RPW/tymczasowy/A7K2'])('does not read %j', (text) => {
    expect(parseProvisionalLabel(text)).toBeNull();
  });
});

describe('status codes', () => {
  // Expected values computed independently (Luhn mod 32 over Crockford values, by hand/script).
  it.each([
    [[0, 1, 2, 3, 4, 5, 6], '0123-456Z'],
    [[255, 32, 74, 100, 200, 17, 9], 'Z0A4-8H9P'],
    [[7, 7, 7, 7, 7, 7, 7], '7777-777K'],
    [[31, 30, 29, 28, 27, 26, 25], 'ZYXW-VTS8'],
  ])('makes the code for bytes %j: %s', (bytes, code) => {
    expect(makeStatusCode(bytesFrom(...bytes))).toBe(code);
    expect(normaliseStatusCode(code)).toEqual({ ok: true, value: code });
  });

  it.each([
    ['z0a4-8h9p', 'Z0A4-8H9P'],
    ['Z0A48H9P', 'Z0A4-8H9P'],
    [' z0a4 8h9p ', 'Z0A4-8H9P'],
    ['ZOA4-8H9P', 'Z0A4-8H9P'], // O typed for 0
    ['0i23-456z', '0123-456Z'], // I typed for 1
    ['0L23456Z', '0123-456Z'], // L typed for 1
  ])('reads %j as %s', (input, code) => {
    expect(normaliseStatusCode(input)).toEqual({ ok: true, value: code });
  });

  it.each(['', 'Z0A4-8H9', 'Z0A4-8H9P1', 'Z0A4-8H9U', 'Z0A4_8H9P', 'ŻÓŁW-1234'])('refuses the malformed %j', (input) => {
    expect(normaliseStatusCode(input)).toMatchObject({ ok: false, code: 'STATUS_CODE_FORMAT' });
  });

  it('tells a typo from a malformed code', () => {
    expect(normaliseStatusCode('Z0A4-8H9Q')).toEqual({
      ok: false,
      code: 'STATUS_CODE_CHECK',
      message: 'Kod Z0A4-8H9Q zawiera literówkę (nie zgadza się ostatni, kontrolny znak). Przepisz kod z potwierdzenia jeszcze raz.',
    });
  });

  it('catches every single wrong character', () => {
    const code = 'Z0A48H9P';
    for (let pos = 0; pos < 8; pos++) {
      for (const ch of CROCKFORD_ALPHABET) {
        if (ch === code[pos]) continue;
        const typo = code.slice(0, pos) + ch + code.slice(pos + 1);
        expect(normaliseStatusCode(typo).ok, typo).toBe(false);
      }
    }
  });

  it('catches every swap of two neighbours except 0↔Z', () => {
    const missed: string[] = [];
    for (const a of CROCKFORD_ALPHABET) {
      for (const b of CROCKFORD_ALPHABET) {
        if (a === b) continue;
        // Build a valid code with a and b side by side at every position, then swap them.
        for (let pos = 0; pos < 6; pos++) {
          const payload = 'K7M2Q9R'.split('');
          payload[pos] = a;
          payload[pos + 1] = b;
          const bytes = payload.map((c) => CROCKFORD_ALPHABET.indexOf(c));
          const good = makeStatusCode(bytesFrom(...bytes)).replace('-', '');
          const swapped = good.slice(0, pos) + b + a + good.slice(pos + 2);
          if (normaliseStatusCode(swapped).ok) missed.push(`${a}${b}`);
        }
      }
    }
    // The check character is part of the sum too: swapping it with its neighbour is caught.
    for (const a of CROCKFORD_ALPHABET) {
      const good = makeStatusCode(bytesFrom(...'K7M2Q9'.split('').map((c) => CROCKFORD_ALPHABET.indexOf(c)), CROCKFORD_ALPHABET.indexOf(a))).replace('-', '');
      const [x, y] = [good.charAt(6), good.charAt(7)];
      if (x !== y && normaliseStatusCode(good.slice(0, 6) + y + x).ok) missed.push(`${x}${y}`);
    }
    expect([...new Set(missed)].sort()).toEqual(['0Z', 'Z0']);
  });
});
