import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  decodePesel,
  nipSchema,
  peselSchema,
  postalCodeSchema,
  regonSchema,
  validateNip,
  validatePesel,
  validatePostalCode,
  validateRegon,
} from '#core/identifiers';
import { valueOrThrow } from '#core/checkResult';
import { isDomainError } from '#core/errors';

// Valid numbers below were computed by hand from the weights in shared/domain/RULES.md.

describe('validatePesel', () => {
  it.each([
    ['44051401359', '1944-05-14', 'M'],
    ['80123100018', '1980-12-31', 'M'],
    ['99123105671', '1999-12-31', 'M'],
    ['84022901233', '1984-02-29', 'M'], // leap year
    ['20022900001', '1920-02-29', 'K'], // leap year, even sex digit
    ['00222900009', '2000-02-29', 'K'], // 2000 is a leap year (divisible by 400); month +20
    ['04320100013', '2004-12-01', 'M'], // month 32 → December 2004
    ['92810100021', '1892-01-01', 'K'], // month +80 → 19th century
    ['00410100000', '2100-01-01', 'K'], // month +40 → 22nd century
    ['00610100006', '2200-01-01', 'K'], // month +60 → 23rd century
  ])('accepts %s and decodes %s', (pesel, birthDate, sex) => {
    expect(validatePesel(pesel)).toEqual({ ok: true, value: pesel });
    expect(decodePesel(pesel)).toEqual({ birthDate, sex });
  });

  it('trims surrounding spaces', () => {
    expect(validatePesel('  44051401359\t')).toEqual({ ok: true, value: '44051401359' });
  });

  it('rejects a wrong check digit with the number and what to do', () => {
    expect(validatePesel('44051401358')).toEqual({
      ok: false,
      code: 'PESEL_CHECKSUM',
      message: 'Numer PESEL 44051401358 ma błędną cyfrę kontrolną. Sprawdź numer w dokumencie tożsamości.',
    });
  });

  it.each(['4405140135', '440514013590', '4405140135a', 'PESEL440514', '440 514 013 59', '44051-401359'])(
    'rejects the malformed %s',
    (input) => {
      const r = validatePesel(input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('PESEL_FORMAT');
        expect(r.message).toBe(`Numer PESEL „${input}” jest nieprawidłowy: PESEL ma 11 cyfr. Sprawdź numer w dokumencie tożsamości.`);
      }
    },
  );

  it('says when nothing was typed', () => {
    expect(validatePesel('   ')).toMatchObject({ ok: false, code: 'PESEL_FORMAT', message: 'Nie podano numeru PESEL. Wpisz 11 cyfr z dokumentu tożsamości.' });
  });

  // Each of these has a correct check digit, so only the date check can reject it.
  it.each([
    ['00000000000', 'all zeros: month 00'],
    ['44131401350', 'month 13'],
    ['44001401354', 'month 00'],
    ['44050001352', 'day 00'],
    ['44053201353', '32 May'],
    ['99043100002', '31 April'],
    ['13022900003', '29 Feb 1913'],
    ['00022900003', '29 Feb 1900 (not a leap year)'],
    ['01222900006', '29 Feb 2001'],
  ])('rejects %s with an impossible birth date (%s)', (pesel) => {
    expect(validatePesel(pesel)).toEqual({
      ok: false,
      code: 'PESEL_DATE',
      message: `Numer PESEL ${pesel} zawiera nieistniejącą datę urodzenia. Sprawdź numer w dokumencie tożsamości.`,
    });
    expect(decodePesel(pesel)).toBeNull();
  });

  it('decodePesel refuses non-digits', () => {
    expect(decodePesel('4405140135X')).toBeNull();
  });
});

describe('validateNip', () => {
  it.each([
    ['5261040828', '5261040828'],
    ['526-104-08-28', '5261040828'],
    ['526 104 08 28', '5261040828'],
    ['PL5261040828', '5261040828'],
    ['pl 526-10-40-828', '5261040828'],
    [' PL 526 104 08 28 ', '5261040828'],
    ['1234563247', '1234563247'],
    ['7790000008', '7790000008'],
    ['106-00-00-004', '1060000004'],
  ])('accepts %s as %s', (input, digits) => {
    expect(validateNip(input)).toEqual({ ok: true, value: digits });
  });

  it('rejects a wrong check digit', () => {
    expect(validateNip('526-104-08-29')).toEqual({
      ok: false,
      code: 'NIP_CHECKSUM',
      message: 'Numer NIP 5261040829 ma błędną cyfrę kontrolną. Sprawdź numer na piśmie lub w rejestrze (CEIDG, KRS).',
    });
  });

  it('rejects every NIP whose weighted sum leaves 10 (no check digit can exist)', () => {
    // 526000007x: the weighted sum of the first nine digits is 10 mod 11.
    for (let d = 0; d <= 9; d++) expect(validateNip(`526000007${d}`)).toMatchObject({ ok: false, code: 'NIP_CHECKSUM' });
  });

  it('rejects all zeros although the arithmetic passes', () => {
    expect(validateNip('000-000-00-00')).toEqual({
      ok: false,
      code: 'IDENTIFIER_ALL_ZEROS',
      message: 'Numer NIP 0000000000 składa się z samych zer i nie jest prawdziwym numerem. Wpisz numer z dokumentu albo zostaw pole puste.',
    });
  });

  it.each(['526104082', '52610408281', 'DE5261040828', '526104082A', 'PL', '', 'P L5261040828x'])('rejects the malformed %s', (input) => {
    expect(validateNip(input)).toMatchObject({ ok: false, code: 'NIP_FORMAT' });
  });

  it('names the malformed input in the message', () => {
    expect(validateNip('DE5261040828')).toMatchObject({
      message: 'Numer NIP „DE5261040828” jest nieprawidłowy: NIP ma 10 cyfr (dozwolone myślniki, spacje i przedrostek PL). Sprawdź numer na piśmie.',
    });
  });
});

describe('validateRegon', () => {
  it.each([
    ['123456785', '123456785'],
    ['631188618', '631188618'],
    ['012345675', '012345675'],
    ['000000017', '000000017'],
    ['000000030', '000000030'], // weighted sum ≡ 10 (mod 11) → check digit 0
    ['123-456-785', '123456785'],
    ['12345678500002', '12345678500002'],
    ['12345678501233', '12345678501233'],
    ['63118861800011', '63118861800011'],
    ['12345678500010', '12345678500010'], // 14-digit sum ≡ 10 → 0
    ['1234 5678 5000 02', '12345678500002'],
  ])('accepts %s as %s', (input, digits) => {
    expect(validateRegon(input)).toEqual({ ok: true, value: digits });
  });

  it('rejects a wrong check digit in a 9-digit REGON', () => {
    expect(validateRegon('123456784')).toEqual({
      ok: false,
      code: 'REGON_CHECKSUM',
      message: 'Numer REGON 123456784 ma błędną cyfrę kontrolną. Sprawdź numer na piśmie lub w rejestrze REGON.',
    });
  });

  it('rejects a wrong check digit in a 14-digit REGON', () => {
    expect(validateRegon('12345678500003')).toMatchObject({ ok: false, code: 'REGON_CHECKSUM' });
  });

  it('rejects a 14-digit REGON whose own check digit is right but whose first 9 digits are not a REGON', () => {
    expect(validateRegon('12345678600008')).toEqual({
      ok: false,
      code: 'REGON_BASE_CHECKSUM',
      message:
        'Numer REGON 12345678600008 jest nieprawidłowy: jego pierwsze 9 cyfr nie tworzy poprawnego numeru REGON jednostki macierzystej. Sprawdź numer w rejestrze REGON.',
    });
  });

  it('rejects a 14-digit REGON built on a wrong 9-digit base even when its own check digit fits', () => {
    expect(validateRegon('63118861500015')).toMatchObject({ ok: false, code: 'REGON_BASE_CHECKSUM' });
  });

  it.each(['000000000', '00000000000000'])('rejects all zeros (%s)', (input) => {
    expect(validateRegon(input)).toMatchObject({ ok: false, code: 'IDENTIFIER_ALL_ZEROS' });
  });

  it.each(['12345678', '1234567850', '1234567850000', '123456785000021', '12345678X', ''])('rejects the malformed %s', (input) => {
    expect(validateRegon(input)).toMatchObject({ ok: false, code: 'REGON_FORMAT' });
  });
});

describe('validatePostalCode', () => {
  it.each([
    ['00-950', '00-950'],
    [' 31-154 ', '31-154'],
    ['00950', '00-950'],
    ['00–950', '00-950'], // en dash pasted from a word processor
  ])('accepts %s as %s', (input, value) => {
    expect(validatePostalCode(input)).toEqual({ ok: true, value });
  });

  it.each(['0-0950', '00-95', '00-9500', '00 950', 'AB-CDE', '00/950', ''])('rejects %s', (input) => {
    expect(validatePostalCode(input)).toMatchObject({ ok: false, code: 'POSTAL_CODE_FORMAT' });
  });

  it('explains the expected form', () => {
    expect(validatePostalCode('00 950')).toMatchObject({ message: 'Kod pocztowy „00 950” jest nieprawidłowy. Wpisz go w postaci NN-NNN, np. 00-950.' });
  });
});

describe('zod schemas', () => {
  it('output the normalised value', () => {
    expect(nipSchema.parse('PL 526-104-08-28')).toBe('5261040828');
    expect(regonSchema.parse('123-456-785')).toBe('123456785');
    expect(postalCodeSchema.parse('00950')).toBe('00-950');
    expect(peselSchema.parse(' 44051401359 ')).toBe('44051401359');
  });

  it('fail with the Polish message and carry the code', () => {
    const r = peselSchema.safeParse('44051401358');
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.message).toBe('Numer PESEL 44051401358 ma błędną cyfrę kontrolną. Sprawdź numer w dokumencie tożsamości.');
    expect(r.error?.issues[0]).toMatchObject({ code: 'custom', params: { code: 'PESEL_CHECKSUM' } });
  });

  it('work inside an object schema, with the path of the field', () => {
    const party = z.object({ nip: nipSchema.optional(), postalCode: postalCodeSchema });
    expect(party.parse({ postalCode: '31154' })).toEqual({ postalCode: '31-154' });
    const r = party.safeParse({ nip: '5261040829', postalCode: '31-154' });
    expect(r.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['nip'], 'Numer NIP 5261040829 ma błędną cyfrę kontrolną. Sprawdź numer na piśmie lub w rejestrze (CEIDG, KRS).'],
    ]);
  });

  it('answer a non-string in Polish', () => {
    expect(regonSchema.safeParse(123456785).error?.issues[0]?.message).toBe('Numer REGON musi być podany jako tekst 9 lub 14 cyfr.');
  });
});

describe('valueOrThrow', () => {
  it('returns the value of a good check and throws a DomainError for a bad one', () => {
    expect(valueOrThrow(validateNip('5261040828'))).toBe('5261040828');
    try {
      valueOrThrow(validatePostalCode('x'));
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe('POSTAL_CODE_FORMAT');
    }
  });
});
