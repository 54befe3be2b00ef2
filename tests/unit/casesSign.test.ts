import { describe, expect, it } from 'vitest';
import {
  caseRegisterScope,
  caseSignShape,
  checkJrwaForCase,
  checkUnitSymbol,
  formatCaseSign,
  parseCaseSign,
  parseProvisionalCaseLabel,
  provisionalCaseLabel,
  type CaseSignOptions,
  type CaseSignParts,
} from '#core/cases/caseSign';
import { makeProvisionalCode } from '#core/numbering/provisional';
import type { CheckResult } from '#core/checkResult';

const LEAF = { symbol: '6730', isLeaf: true };
const NOT_LEAF = { symbol: '673', isLeaf: false };

function codeOf(result: CheckResult<unknown>): string {
  return result.ok ? 'ok' : result.code;
}

function ok<T>(result: CheckResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.value;
}

describe('checkUnitSymbol', () => {
  it.each(['GK', 'B2', 'A1c', 'GK-I', 'GK-I-2', 'GK-1', 'OŚ', 'WOŚiR', 'Z'])('accepts %s unchanged', (symbol) => {
    expect(checkUnitSymbol(symbol)).toEqual({ ok: true, value: symbol });
  });

  it('returns a decomposed Polish letter composed (NFC)', () => {
    const decomposed = 'OS\u0301';
    expect(checkUnitSymbol(decomposed)).toEqual({ ok: true, value: 'OŚ' });
  });

  it.each([
    ['', 'UNIT_SYMBOL_EMPTY', 'Nie podano symbolu komórki. Wpisz symbol, np. GK; komórka podległa ma symbol nadrzędnej i po myślniku własny, np. GK-I.'],
    [
      'GK I',
      'UNIT_SYMBOL_CHARACTER',
      'Symbol komórki „GK I” zawiera spację. Symbol składa się tylko z liter i cyfr, a komórkę podległą dołącza się myślnikiem, np. GK-I.',
    ],
    [
      'GK.I',
      'UNIT_SYMBOL_CHARACTER',
      'Symbol komórki „GK.I” zawiera kropkę. Symbol składa się tylko z liter i cyfr, a komórkę podległą dołącza się myślnikiem, np. GK-I.',
    ],
    [
      'GK/I',
      'UNIT_SYMBOL_CHARACTER',
      'Symbol komórki „GK/I” zawiera niedozwolony znak „/”. Symbol składa się tylko z liter i cyfr, a komórkę podległą dołącza się myślnikiem, np. GK-I.',
    ],
    [
      '12',
      'UNIT_SYMBOL_NO_LETTER',
      'Symbol komórki „12” jest nieprawidłowy: nie zawiera żadnej litery. Symbol komórki to litery i cyfry z co najmniej jedną literą, np. GK albo B2.',
    ],
    [
      '1-A',
      'UNIT_SYMBOL_NO_LETTER',
      'Symbol komórki „1-A” jest nieprawidłowy: symbol komórki nadrzędnej „1” nie zawiera żadnej litery. Symbol komórki to litery i cyfry z co najmniej jedną literą, np. GK albo B2.',
    ],
    [
      'GK--I',
      'UNIT_SYMBOL_HYPHEN',
      'Symbol komórki „GK--I” ma myślnik na początku, na końcu albo dwa myślniki obok siebie. Myślnik łączy symbol komórki nadrzędnej z symbolem podległej, np. GK-I.',
    ],
    [
      'ABCDEFGHIJKLMNOPQRSTU',
      'UNIT_SYMBOL_TOO_LONG',
      'Symbol komórki „ABCDEFGHIJKLMNOPQRSTU” jest za długi: może mieć najwyżej 20 znaków. Użyj skrótu, np. GK.',
    ],
  ])('rejects %j as %s with a Polish message', (symbol, code, message) => {
    expect(checkUnitSymbol(symbol)).toEqual({ ok: false, code, message });
  });

  it.each([
    ['-GK', 'UNIT_SYMBOL_HYPHEN'],
    ['GK-', 'UNIT_SYMBOL_HYPHEN'],
    ['-', 'UNIT_SYMBOL_HYPHEN'],
    [' GK', 'UNIT_SYMBOL_CHARACTER'],
    ['GK\t', 'UNIT_SYMBOL_CHARACTER'],
    ['GK_I', 'UNIT_SYMBOL_CHARACTER'],
    ['GK–I', 'UNIT_SYMBOL_CHARACTER'], // an en dash is not the hyphen
    ['2-3', 'UNIT_SYMBOL_NO_LETTER'],
    ['ABCDEFGHIJ-KLMNOPQRS', 'ok'], // exactly 20
    ['ABCDEFGHIJ-KLMNOPQRST', 'UNIT_SYMBOL_TOO_LONG'],
  ])('%j → %s', (symbol, code) => {
    expect(codeOf(checkUnitSymbol(symbol))).toBe(code);
  });
});

describe('checkJrwaForCase', () => {
  it.each(['6730', '0012', '5', '23'])('accepts the leaf class %s', (symbol) => {
    expect(checkJrwaForCase({ symbol, isLeaf: true })).toEqual({ ok: true, value: symbol });
  });

  it('refuses a class with subclasses, naming it', () => {
    expect(checkJrwaForCase(NOT_LEAF)).toEqual({
      ok: false,
      code: 'CASE_JRWA_NOT_LEAF',
      message: 'Klasa JRWA 673 ma podklasy, a sprawy zakłada się tylko w klasach końcowych. Wybierz właściwą podklasę klasy 673.',
    });
  });

  it.each(['', '67301', '67a', ' 6730', '6.7'])('refuses the symbol %j as JRWA_SYMBOL_INVALID, leaf or not', (symbol) => {
    expect(codeOf(checkJrwaForCase({ symbol, isLeaf: true }))).toBe('JRWA_SYMBOL_INVALID');
    expect(codeOf(checkJrwaForCase({ symbol, isLeaf: false }))).toBe('JRWA_SYMBOL_INVALID');
  });
});

describe('formatCaseSign', () => {
  it.each([
    [{ unit: 'GK', jrwa: LEAF, seq: 15, year: 2026 }, 'GK.6730.15.2026'],
    [{ unit: 'GK-I', jrwa: { symbol: '6733', isLeaf: true }, seq: 2, year: 2026 }, 'GK-I.6733.2.2026'],
    [{ unit: 'OR', jrwa: { symbol: '0012', isLeaf: true }, seq: 1, year: 2027 }, 'OR.0012.1.2027'],
    [{ unit: 'A1c', jrwa: LEAF, seq: 1234, year: 2026 }, 'A1c.6730.1234.2026'],
    [{ unit: 'GK', jrwa: LEAF, seq: 15, year: 2026, subfolder: 3, options: { subfolder: true } }, 'GK.6730.15.3.2026'],
    [{ unit: 'GK', jrwa: LEAF, seq: 15, year: 2026, subfolder: null, options: { subfolder: true } }, 'GK.6730.15.2026'],
    [{ unit: 'GK', jrwa: LEAF, seq: 15, year: 2026, initials: 'JK', options: { initials: true } }, 'GK.6730.15.2026.JK'],
    [{ unit: 'GK', jrwa: LEAF, seq: 15, year: 2026, initials: 'ŁŻ', options: { initials: true } }, 'GK.6730.15.2026.ŁŻ'],
    [
      { unit: 'GK-I', jrwa: LEAF, seq: 7, year: 2026, subfolder: 12, initials: 'AN', options: { subfolder: true, initials: true } },
      'GK-I.6730.7.12.2026.AN',
    ],
    [{ unit: 'GK', jrwa: LEAF, seq: 15, year: 2026, options: { subfolder: false, initials: false } }, 'GK.6730.15.2026'],
  ])('%j → %s', (input, sign) => {
    expect(formatCaseSign(input)).toEqual({ ok: true, value: sign });
  });

  it('refuses a non-leaf JRWA class', () => {
    expect(codeOf(formatCaseSign({ unit: 'GK', jrwa: NOT_LEAF, seq: 1, year: 2026 }))).toBe('CASE_JRWA_NOT_LEAF');
  });

  it.each([
    [{ unit: 'G K', jrwa: LEAF, seq: 1, year: 2026 }, 'UNIT_SYMBOL_CHARACTER'],
    [{ unit: '', jrwa: LEAF, seq: 1, year: 2026 }, 'UNIT_SYMBOL_EMPTY'],
    [{ unit: 'GK', jrwa: { symbol: '67301', isLeaf: true }, seq: 1, year: 2026 }, 'JRWA_SYMBOL_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, seq: 0, year: 2026 }, 'CASE_SEQ_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, seq: -3, year: 2026 }, 'CASE_SEQ_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1.5, year: 2026 }, 'CASE_SEQ_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, seq: Number.NaN, year: 2026 }, 'CASE_SEQ_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1, year: 26 }, 'CASE_YEAR_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1, year: 10000 }, 'CASE_YEAR_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1, year: 2026.5 }, 'CASE_YEAR_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1, year: 2026, subfolder: 3 }, 'CASE_SUBFOLDER_OFF'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1, year: 2026, subfolder: 0, options: { subfolder: true } }, 'CASE_SUBFOLDER_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1, year: 2026, initials: 'JK' }, 'CASE_INITIALS_OFF'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1, year: 2026, options: { initials: true } }, 'CASE_INITIALS_MISSING'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1, year: 2026, initials: '', options: { initials: true } }, 'CASE_INITIALS_MISSING'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1, year: 2026, initials: 'J1', options: { initials: true } }, 'CASE_INITIALS_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1, year: 2026, initials: 'JKLMN', options: { initials: true } }, 'CASE_INITIALS_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, seq: 1, year: 2026, initials: 'J.K', options: { initials: true } }, 'CASE_INITIALS_INVALID'],
  ])('%j is refused as %s', (input, code) => {
    expect(codeOf(formatCaseSign(input))).toBe(code);
  });

  it('explains the refusals in Polish', () => {
    expect(formatCaseSign({ unit: 'GK', jrwa: LEAF, seq: 0, year: 2026 })).toEqual({
      ok: false,
      code: 'CASE_SEQ_INVALID',
      message: 'Numer sprawy „0” jest nieprawidłowy: to kolejny numer w spisie spraw, liczba całkowita od 1.',
    });
    expect(formatCaseSign({ unit: 'GK', jrwa: LEAF, seq: 1, year: 26 })).toEqual({
      ok: false,
      code: 'CASE_YEAR_INVALID',
      message: 'Rok „26” w znaku sprawy jest nieprawidłowy. Podaj rok założenia sprawy czterema cyframi, np. 2026.',
    });
    expect(formatCaseSign({ unit: 'GK', jrwa: LEAF, seq: 1, year: 2026, options: { initials: true } })).toEqual({
      ok: false,
      code: 'CASE_INITIALS_MISSING',
      message: 'W tym urzędzie znak sprawy kończy się inicjałami prowadzącego sprawę, np. GK.6730.15.2026.JK. Podaj inicjały.',
    });
  });
});

describe('parseCaseSign', () => {
  const parts = (p: Partial<CaseSignParts>): CaseSignParts => ({
    unit: 'GK',
    jrwa: '6730',
    seq: 15,
    subfolder: null,
    year: 2026,
    initials: null,
    ...p,
  });

  it.each<[string, CaseSignOptions, CaseSignParts]>([
    ['GK.6730.15.2026', {}, parts({})],
    ['GK-I.6733.2.2026', {}, parts({ unit: 'GK-I', jrwa: '6733', seq: 2 })],
    ['OR.0012.1.2027', {}, parts({ unit: 'OR', jrwa: '0012', seq: 1, year: 2027 })],
    [' GK . 6730 . 15 . 2026 ', {}, parts({})],
    ['GK.6730.015.2026', {}, parts({})],
    ['gk.6730.15.2026', {}, parts({ unit: 'gk' })],
    ['GK.6730.15.3.2026', { subfolder: true }, parts({ subfolder: 3 })],
    ['GK.6730.15.03.2026', { subfolder: true }, parts({ subfolder: 3 })],
    ['GK.6730.15.2026', { subfolder: true }, parts({})],
    ['GK.6730.15.2026.JK', { initials: true }, parts({ initials: 'JK' })],
    // Signs given before the office switched initials on stay readable.
    ['GK.6730.15.2026', { initials: true }, parts({})],
    ['GK-I.6730.7.12.2026.AN', { subfolder: true, initials: true }, parts({ unit: 'GK-I', seq: 7, subfolder: 12, initials: 'AN' })],
  ])('reads %j with %j', (text, options, expected) => {
    expect(parseCaseSign(text, options)).toEqual({ ok: true, value: expected });
  });

  it('reads back what formatCaseSign wrote, for every option combination', () => {
    const combos: CaseSignOptions[] = [{}, { subfolder: true }, { initials: true }, { subfolder: true, initials: true }];
    for (const options of combos) {
      for (const unit of ['GK', 'GK-I', 'A1c', 'WOŚiR']) {
        for (const [seq, year] of [
          [1, 2026],
          [999, 2027],
        ] as const) {
          const subfolder = options.subfolder === true ? 4 : null;
          const initials = options.initials === true ? 'JK' : null;
          const sign = ok(formatCaseSign({ unit, jrwa: LEAF, seq, year, subfolder, initials, options }));
          expect(parseCaseSign(sign, options)).toEqual({ ok: true, value: { unit, jrwa: '6730', seq, subfolder, year, initials } });
        }
      }
    }
  });

  it('names the expected shape, under the office options, when the text is not a sign', () => {
    expect(parseCaseSign('')).toEqual({
      ok: false,
      code: 'CASE_SIGN_FORMAT',
      message: 'Nie podano znaku sprawy. Wpisz znak w postaci KOMÓRKA.KLASA.NUMER.ROK, np. GK.6730.15.2026.',
    });
    expect(parseCaseSign('GK.6730.15')).toEqual({
      ok: false,
      code: 'CASE_SIGN_FORMAT',
      message: '„GK.6730.15” nie jest znakiem sprawy. Znak ma postać KOMÓRKA.KLASA.NUMER.ROK, np. GK.6730.15.2026.',
    });
    expect(parseCaseSign('GK.6730', { subfolder: true, initials: true })).toEqual({
      ok: false,
      code: 'CASE_SIGN_FORMAT',
      message:
        '„GK.6730” nie jest znakiem sprawy. Znak ma postać KOMÓRKA.KLASA.NUMER[.PODTECZKA].ROK.INICJAŁY, np. GK.6730.15.3.2026.JK.',
    });
  });

  it.each<[string, CaseSignOptions, string]>([
    ['   ', {}, 'CASE_SIGN_FORMAT'],
    ['GK', {}, 'CASE_SIGN_FORMAT'],
    ['GK..15.2026', {}, 'CASE_SIGN_FORMAT'],
    ['GK.6730.15.2026.', {}, 'CASE_SIGN_FORMAT'],
    ['.GK.6730.15.2026', {}, 'CASE_SIGN_FORMAT'],
    ['GK.6730.1.2.3.2026', { subfolder: true }, 'CASE_SIGN_FORMAT'],
    ['RPW/124/2026', {}, 'CASE_SIGN_FORMAT'],
    ['GK/I.6730.15.2026', {}, 'UNIT_SYMBOL_CHARACTER'],
    ['12.6730.15.2026', {}, 'UNIT_SYMBOL_NO_LETTER'],
    ['GK.67301.15.2026', {}, 'JRWA_SYMBOL_INVALID'],
    ['GK.67a.15.2026', {}, 'JRWA_SYMBOL_INVALID'],
    ['GK.6730.0.2026', {}, 'CASE_SEQ_INVALID'],
    ['GK.6730.000.2026', {}, 'CASE_SEQ_INVALID'],
    ['GK.6730.x.2026', {}, 'CASE_SEQ_INVALID'],
    ['GK.6730.-1.2026', {}, 'CASE_SEQ_INVALID'],
    ['GK.6730.99999999999999999999.2026', {}, 'CASE_SEQ_INVALID'],
    ['GK.6730.15.26', {}, 'CASE_YEAR_INVALID'],
    ['GK.6730.15.20266', {}, 'CASE_YEAR_INVALID'],
    ['GK.6730.15.0999', {}, 'CASE_YEAR_INVALID'],
    ['GK.6730.15.3.2026', {}, 'CASE_SUBFOLDER_OFF'],
    ['GK.6730.15.0.2026', { subfolder: true }, 'CASE_SUBFOLDER_INVALID'],
    ['GK.6730.15.a.2026', { subfolder: true }, 'CASE_SUBFOLDER_INVALID'],
    ['GK.6730.15.2026.JK', {}, 'CASE_INITIALS_OFF'],
    ['GK.6730.15.2026.JKLMN', { initials: true }, 'CASE_INITIALS_INVALID'],
    // A provisional label is not a final sign: search tries parseProvisionalCaseLabel for it.
    ['GK.6730.tymcz.A7K2', {}, 'CASE_SEQ_INVALID'],
  ])('%j with %j → %s', (text, options, code) => {
    expect(codeOf(parseCaseSign(text, options))).toBe(code);
  });

  it('says which office setting a sign does not fit', () => {
    expect(parseCaseSign('GK.6730.15.3.2026')).toEqual({
      ok: false,
      code: 'CASE_SUBFOLDER_OFF',
      message:
        'W tym urzędzie znak sprawy nie zawiera numeru podteczki. Usuń numer podteczki albo poproś administratora o włączenie podteczek w ustawieniach.',
    });
    expect(parseCaseSign('GK.6730.15.2026.JK')).toEqual({
      ok: false,
      code: 'CASE_INITIALS_OFF',
      message:
        'W tym urzędzie znak sprawy nie zawiera inicjałów prowadzącego. Usuń je z końca znaku albo poproś administratora o włączenie inicjałów w ustawieniach.',
    });
  });
});

describe('caseSignShape', () => {
  it.each<[CaseSignOptions, string, string]>([
    [{}, 'KOMÓRKA.KLASA.NUMER.ROK', 'GK.6730.15.2026'],
    [{ subfolder: true }, 'KOMÓRKA.KLASA.NUMER[.PODTECZKA].ROK', 'GK.6730.15.3.2026'],
    [{ initials: true }, 'KOMÓRKA.KLASA.NUMER.ROK.INICJAŁY', 'GK.6730.15.2026.JK'],
  ])('%j', (options, shape, example) => {
    expect(caseSignShape(options)).toEqual({ shape, example });
  });
});

describe('caseRegisterScope', () => {
  it('is one counter per unit, leaf class and year', () => {
    expect(caseRegisterScope({ unit: 'GK', jrwa: LEAF, year: 2026 })).toEqual({ ok: true, value: 'SPIS/GK/6730/2026' });
    expect(caseRegisterScope({ unit: 'GK-I', jrwa: LEAF, year: 2026 })).toEqual({ ok: true, value: 'SPIS/GK-I/6730/2026' });
    expect(caseRegisterScope({ unit: 'OR', jrwa: { symbol: '0012', isLeaf: true }, year: 2026 })).toEqual({
      ok: true,
      value: 'SPIS/OR/0012/2026',
    });
  });

  it('starts a new scope in a new year, so numbering restarts at 1', () => {
    const december = ok(caseRegisterScope({ unit: 'GK', jrwa: LEAF, year: 2026 }));
    const january = ok(caseRegisterScope({ unit: 'GK', jrwa: LEAF, year: 2027 }));
    expect(january).toBe('SPIS/GK/6730/2027');
    expect(january).not.toBe(december);
  });

  it('keeps sub-units, classes and units apart', () => {
    const scopes = [
      caseRegisterScope({ unit: 'GK', jrwa: LEAF, year: 2026 }),
      caseRegisterScope({ unit: 'GK-I', jrwa: LEAF, year: 2026 }),
      caseRegisterScope({ unit: 'GK', jrwa: { symbol: '6733', isLeaf: true }, year: 2026 }),
      caseRegisterScope({ unit: 'OR', jrwa: LEAF, year: 2026 }),
    ].map(ok);
    expect(new Set(scopes).size).toBe(4);
  });

  it.each([
    [{ unit: 'GK', jrwa: NOT_LEAF, year: 2026 }, 'CASE_JRWA_NOT_LEAF'],
    [{ unit: 'G K', jrwa: LEAF, year: 2026 }, 'UNIT_SYMBOL_CHARACTER'],
    [{ unit: 'GK', jrwa: { symbol: 'x', isLeaf: true }, year: 2026 }, 'JRWA_SYMBOL_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, year: 26 }, 'CASE_YEAR_INVALID'],
  ])('refuses %j as %s (no counter for a bad register)', (input, code) => {
    expect(codeOf(caseRegisterScope(input))).toBe(code);
  });
});

describe('provisional case labels', () => {
  it('writes UNIT.JRWA.tymcz.CODE, with no year', () => {
    expect(provisionalCaseLabel({ unit: 'GK', jrwa: LEAF, code: 'A7K2' })).toEqual({ ok: true, value: 'GK.6730.tymcz.A7K2' });
    expect(provisionalCaseLabel({ unit: 'GK-I', jrwa: LEAF, code: '0000' })).toEqual({ ok: true, value: 'GK-I.6730.tymcz.0000' });
  });

  it.each([
    [{ unit: 'GK', jrwa: LEAF, code: 'a7k2' }, 'PROVISIONAL_CODE_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, code: 'A7K' }, 'PROVISIONAL_CODE_INVALID'],
    [{ unit: 'GK', jrwa: LEAF, code: 'A7KU' }, 'PROVISIONAL_CODE_INVALID'],
    [{ unit: 'GK', jrwa: NOT_LEAF, code: 'A7K2' }, 'CASE_JRWA_NOT_LEAF'],
    [{ unit: 'G.K', jrwa: LEAF, code: 'A7K2' }, 'UNIT_SYMBOL_CHARACTER'],
  ])('refuses %j as %s', (input, code) => {
    expect(codeOf(provisionalCaseLabel(input))).toBe(code);
  });

  it.each([
    ['GK.6730.tymcz.A7K2', { unit: 'GK', jrwa: '6730', code: 'A7K2' }],
    ['gk.6730.TYMCZ.a7k2', { unit: 'gk', jrwa: '6730', code: 'A7K2' }],
    ['GK-I.6730.tymczA7K2', { unit: 'GK-I', jrwa: '6730', code: 'A7K2' }],
    [' GK . 6730 . tymcz. A7-K2 ', { unit: 'GK', jrwa: '6730', code: 'A7K2' }],
    ['GK.6730.tymcz.O1LI', { unit: 'GK', jrwa: '6730', code: '0111' }],
  ])('reads %j', (text, expected) => {
    expect(parseProvisionalCaseLabel(text)).toEqual(expected);
  });

  it.each(['GK.6730.15.2026', 'RPW/tymcz./A7K2', 'GK.6730.tymcz.A7K', 'GK.6730.tymcz.A7KU', 'G K.67301.tymcz.A7K2', 'GK.tymcz.A7K2', ''])(
    'does not take %j for a provisional case label',
    (text) => {
      expect(parseProvisionalCaseLabel(text)).toBeNull();
    },
  );

  it('reads back a label made from a fresh code', () => {
    const code = makeProvisionalCode(() => Uint8Array.from([1, 2, 3, 31]));
    const label = ok(provisionalCaseLabel({ unit: 'GK-I', jrwa: LEAF, code }));
    expect(label).toBe('GK-I.6730.tymcz.123Z');
    expect(parseProvisionalCaseLabel(label)).toEqual({ unit: 'GK-I', jrwa: '6730', code });
  });
});
