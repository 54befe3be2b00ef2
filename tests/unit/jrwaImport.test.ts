import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectJrwaKind, normaliseArchivalCategory, parseJrwa, type JrwaClass } from '#core/jrwa/import';
import { isDomainError } from '#core/errors';

const demoText = readFileSync(new URL('../../core/jrwa/demo-jrwa.json', import.meta.url), 'utf8');

function fatal(text: string, kind?: 'json' | 'csv'): { code: string; message: string } {
  try {
    parseJrwa(text, kind);
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected the import to fail');
}

/** Problems as [line, code, symbol] for compact comparison. */
function problemList(result: ReturnType<typeof parseJrwa>): Array<[number, string, string | null]> {
  return result.problems.map((p) => [p.line, p.code, p.symbol]);
}

describe('the demo list', () => {
  const result = parseJrwa(demoText);

  it('imports all 26 classes without problems', () => {
    expect(result.classes).toHaveLength(26);
    expect(result.problems).toEqual([]);
  });

  it('marks exactly the classes without children as leaves', () => {
    expect(result.classes.filter((c) => c.isLeaf).map((c) => c.symbol)).toEqual([
      '0003', '0050', '3120', '6131', '6140', '6220', '6730', '6733', '7230',
    ]);
    const bySymbol = new Map(result.classes.map((c) => [c.symbol, c]));
    expect(bySymbol.get('6730')?.isLeaf).toBe(true);
    expect(bySymbol.get('673')?.isLeaf).toBe(false);
    expect(bySymbol.get('6')?.isLeaf).toBe(false);
  });

  it('keeps names, categories, remarks and parents', () => {
    const bySymbol = new Map(result.classes.map((c) => [c.symbol, c]));
    expect(bySymbol.get('6730')).toEqual({
      symbol: '6730',
      name: 'Ustalanie warunków zabudowy',
      parentSymbol: '673',
      categoryOwner: 'A',
      categoryOther: 'Bc',
      remarks: null,
      isLeaf: true,
    });
    expect(bySymbol.get('0003')).toMatchObject({ parentSymbol: '000', categoryOwner: 'A', remarks: 'w tym rejestr i odpowiedzi' });
    expect(bySymbol.get('6140')).toMatchObject({ categoryOwner: 'B10', categoryOther: 'Bc' });
    expect(bySymbol.get('0')).toMatchObject({ parentSymbol: null, categoryOwner: null, categoryOther: null, isLeaf: false });
  });

  it('attaches 6220 to 62 (the list has no 622) and says so', () => {
    expect(result.classes.find((c) => c.symbol === '6220')?.parentSymbol).toBe('62');
    expect(result.notices).toEqual([
      'W pliku brak niektórych klas pośrednich; klasy przypisano do najbliższej klasy wyższej: 6220 (brak 622, przypisano do 62).',
    ]);
  });

  it('is also accepted as a bare array', () => {
    const array = (JSON.parse(demoText) as { classes: unknown[] }).classes;
    expect(parseJrwa(JSON.stringify(array)).classes).toEqual(result.classes);
  });
});

// The dirty list: one row per kind of dirt. Rows are JSON "pozycje" (index + 1) and CSV lines
// (position + 1, the header being line 1), so both forms report the same line numbers.
const dirtyJson = `[
  {"SYMBOL": "6", "NAZWA": "GOSPODARKA PRZESTRZENNA, OCHRONA ŚRODOWISKA; NIERUCHOMOŚCI", "KATARCHMACIERZYSTA": "", "KATARCHINNA": "", "KATARCHINNAOPIS": "", "UWAGI": "x", "": "y"},
  {" symbol ": " 67 ", "nazwa": "  Zagospodarowanie   przestrzenne ", "KatArchMacierzysta": null},
  {"SYMBOL": "673", "NAZWA": "Decyzje lokalizacyjne", "KATARCHMACIERZYSTA": null, "KATARCHINNA": null},
  {"SYMBOL": 6730, "NAZWA": "Ustalanie warunków zabudowy", "KATARCHMACIERZYSTA": "A", "KATARCHINNA": "Bc", "KATARCHINNAOPIS": "  decyzje WZ "},
  {"SYMBOL": "6733", "NAZWA": "Lokalizacja \\"celu publicznego\\"", "KATARCHMACIERZYSTA": "be 5", "KATARCHINNA": "bc"},
  {"SYMBOL": "6730", "NAZWA": "Duplikat", "KATARCHMACIERZYSTA": "A", "KATARCHINNA": "Bc"},
  {"SYMBOL": "8301", "NAZWA": "Bez rodzica", "KATARCHMACIERZYSTA": "B5", "KATARCHINNA": "Bc"},
  {"SYMBOL": "6731", "NAZWA": "Zła kategoria", "KATARCHMACIERZYSTA": "B-5a", "KATARCHINNA": "Bc"},
  {"SYMBOL": "6734", "NAZWA": "", "KATARCHMACIERZYSTA": "A", "KATARCHINNA": "Bc"},
  {"SYMBOL": "6735", "NAZWA": "Bez kategorii", "KATARCHMACIERZYSTA": "", "KATARCHINNA": "Bc"},
  {"SYMBOL": "7", "NAZWA": "   "},
  {"SYMBOL": "72", "NAZWA": "Drogi gminne"},
  {"SYMBOL": "723", "NAZWA": "Pas drogowy"},
  {"SYMBOL": "7230", "NAZWA": "Zajęcie pasa", "KATARCHMACIERZYSTA": "B5"},
  {"SYMBOL": "67a", "NAZWA": "Litera w symbolu"},
  {"SYMBOL": "61301", "NAZWA": "Za długi symbol"},
  {"NAZWA": "Bez symbolu", "KATARCHMACIERZYSTA": "A"},
  {"SYMBOL": "6736", "NAZWA": "Bez kategorii dla innych", "KATARCHMACIERZYSTA": "B10"}
]`;

const dirtyRows: string[][] = [
  ['6', 'GOSPODARKA PRZESTRZENNA, OCHRONA ŚRODOWISKA; NIERUCHOMOŚCI', '', '', ''],
  [' 67 ', '  Zagospodarowanie   przestrzenne ', '', '', ''],
  ['673', 'Decyzje lokalizacyjne', '', '', ''],
  ['6730', 'Ustalanie warunków zabudowy', 'A', 'Bc', '  decyzje WZ '],
  ['6733', 'Lokalizacja "celu publicznego"', 'be 5', 'bc', ''],
  ['6730', 'Duplikat', 'A', 'Bc', ''],
  ['8301', 'Bez rodzica', 'B5', 'Bc', ''],
  ['6731', 'Zła kategoria', 'B-5a', 'Bc', ''],
  ['6734', '', 'A', 'Bc', ''],
  ['6735', 'Bez kategorii', '', 'Bc', ''],
  ['7', '   ', '', '', ''],
  ['72', 'Drogi gminne', '', '', ''],
  ['723', 'Pas drogowy', '', '', ''],
  ['7230', 'Zajęcie pasa', 'B5', '', ''],
  ['67a', 'Litera w symbolu', '', '', ''],
  ['61301', 'Za długi symbol', '', '', ''],
  ['', 'Bez symbolu', 'A', '', ''],
  ['6736', 'Bez kategorii dla innych', 'B10', '', ''],
];

function toCsv(rows: string[][], sep: string, options: { bom?: boolean; crlf?: boolean } = {}): string {
  const quote = (cell: string) => (cell.includes(sep) || cell.includes('"') || cell.includes('\n') ? `"${cell.replace(/"/g, '""')}"` : cell);
  const header = ['SYMBOL', 'NAZWA', 'KATARCHMACIERZYSTA', 'KATARCHINNA', 'KATARCHINNAOPIS'];
  const eol = options.crlf === true ? '\r\n' : '\n';
  return (options.bom === true ? '\uFEFF' : '') + [header, ...rows].map((r) => r.map(quote).join(sep)).join(eol) + eol;
}

const expectedDirtyClasses: JrwaClass[] = [
  { symbol: '6', name: 'GOSPODARKA PRZESTRZENNA, OCHRONA ŚRODOWISKA; NIERUCHOMOŚCI', parentSymbol: null, categoryOwner: null, categoryOther: null, remarks: null, isLeaf: false },
  { symbol: '67', name: 'Zagospodarowanie przestrzenne', parentSymbol: '6', categoryOwner: null, categoryOther: null, remarks: null, isLeaf: false },
  { symbol: '673', name: 'Decyzje lokalizacyjne', parentSymbol: '67', categoryOwner: null, categoryOther: null, remarks: null, isLeaf: false },
  { symbol: '6730', name: 'Ustalanie warunków zabudowy', parentSymbol: '673', categoryOwner: 'A', categoryOther: 'Bc', remarks: 'decyzje WZ', isLeaf: true },
  { symbol: '6733', name: 'Lokalizacja "celu publicznego"', parentSymbol: '673', categoryOwner: 'BE5', categoryOther: 'Bc', remarks: null, isLeaf: true },
  { symbol: '6736', name: 'Bez kategorii dla innych', parentSymbol: '673', categoryOwner: 'B10', categoryOther: 'Bc', remarks: null, isLeaf: true },
];

// Line (pozycja or wiersz), code, symbol as known.
const expectedDirtyProblems: Array<[number, string, string | null]> = [
  [6, 'JRWA_DUPLICATE', '6730'],
  [7, 'JRWA_PARENT_MISSING', '8301'],
  [8, 'JRWA_CATEGORY_INVALID', '6731'],
  [9, 'JRWA_NAME_MISSING', '6734'],
  [10, 'JRWA_LEAF_CATEGORY_MISSING', '6735'],
  [11, 'JRWA_NAME_MISSING', '7'],
  [12, 'JRWA_PARENT_REJECTED', '72'],
  [13, 'JRWA_PARENT_REJECTED', '723'],
  [14, 'JRWA_PARENT_REJECTED', '7230'],
  [15, 'JRWA_SYMBOL_INVALID', '67a'],
  [16, 'JRWA_SYMBOL_INVALID', '61301'],
  [17, 'JRWA_SYMBOL_MISSING', null],
];

describe('a dirty JSON list', () => {
  const result = parseJrwa(dirtyJson);

  it('keeps the good rows, cleaned', () => {
    expect(result.classes).toEqual(expectedDirtyClasses);
  });

  it('reports each bad row with its position, symbol and code', () => {
    expect(problemList(result)).toEqual(expectedDirtyProblems);
    expect(result.problems.every((p) => p.lineLabel === 'pozycja')).toBe(true);
  });

  it('gives Polish reasons that say what to do', () => {
    const reason = (line: number) => result.problems.find((p) => p.line === line)?.reason;
    expect(reason(6)).toBe('Symbol 6730 powtarza się (pierwsze wystąpienie: pozycja 4). Usuń powtórzenie albo popraw symbol.');
    expect(reason(7)).toBe('Klasa 8301 nie ma w pliku klasy nadrzędnej 830 ani żadnej wyższej. Dodaj klasę 830 albo popraw symbol.');
    expect(reason(8)).toBe(
      'Kategoria archiwalna „B-5a” w polu KATARCHMACIERZYSTA klasy 6731 jest nieprawidłowa. Dozwolone: A, Bc, B z liczbą lat (np. B5, B10) lub BE z liczbą lat (np. BE5).',
    );
    expect(reason(9)).toBe('Brak nazwy klasy 6734 (NAZWA). Uzupełnij nazwę.');
    expect(reason(10)).toBe(
      'Klasa 6735 jest klasą końcową (nie ma podklas), więc musi mieć kategorię archiwalną dla komórki macierzystej (KATARCHMACIERZYSTA), np. A, B10, BE5 lub Bc. Uzupełnij ją.',
    );
    expect(reason(12)).toBe('Klasa 72 została pominięta, bo jej klasa nadrzędna 7 ma błędy (pozycja 11). Popraw tamtą klasę i zaimportuj plik ponownie.');
    expect(reason(13)).toBe('Klasa 723 została pominięta, bo jej klasa nadrzędna 72 ma błędy (pozycja 12). Popraw tamtą klasę i zaimportuj plik ponownie.');
    expect(reason(15)).toBe('Symbol „67a” jest nieprawidłowy: symbol klasy JRWA to od 1 do 4 cyfr, np. 6730. Popraw symbol.');
    expect(reason(17)).toBe('Brak symbolu klasy (SYMBOL). Uzupełnij symbol, np. 6730.');
  });

  it('reports what it tidied, each kind once', () => {
    expect(result.notices).toEqual([
      'Pominięto nieznane pola: UWAGI. Import bierze pod uwagę tylko SYMBOL, NAZWA, KATARCHMACIERZYSTA, KATARCHINNA i KATARCHINNAOPIS.',
      'Pominięto pola bez nazwy.',
      'Symbol zapisano jako liczbę w 1 pozycji (6730). Sprawdź symbole zaczynające się od zera: zapis liczbowy gubi zera na początku (0050 staje się 50).',
      'Ujednolicono zapis kategorii archiwalnych do notacji z 2011 r. (bez łącznika i spacji): 6733: „be 5” → BE5, „bc” → Bc.',
      'Klasy końcowe bez kategorii dla innych komórek (KATARCHINNA) otrzymały kategorię Bc, bo w innych komórkach przechowuje się kopie: 6736. Jeśli to niewłaściwe, popraw plik.',
    ]);
  });
});

describe('JSON oddities', () => {
  it('reports entries that are not objects, fields of the wrong type and conflicting keys', () => {
    const result = parseJrwa(
      JSON.stringify([
        { SYMBOL: '6', NAZWA: 'Gospodarka' },
        'tekst',
        { SYMBOL: '61', symbol: '62', NAZWA: 'Konflikt', KATARCHMACIERZYSTA: 'A' },
        { SYMBOL: '63', NAZWA: { pl: 'x' }, KATARCHMACIERZYSTA: 'A' },
        { SYMBOL: '64', Symbol: '64', NAZWA: 'Ta sama wartość dwa razy', KATARCHMACIERZYSTA: 'A' },
        {},
        { SYMBOL: null, NAZWA: null },
        { SYMBOL: true, NAZWA: 'Logiczna', KATARCHMACIERZYSTA: 'A' },
      ]),
    );
    expect(problemList(result)).toEqual([
      [2, 'JRWA_ROW_NOT_OBJECT', null],
      [3, 'JRWA_FIELD_CONFLICT', '61'],
      [4, 'JRWA_FIELD_TYPE', '63'], // not also "name missing": one cause, one message
      [8, 'JRWA_FIELD_TYPE', null],
    ]);
    expect(result.classes.map((c) => c.symbol)).toEqual(['6', '64']);
    expect(result.notices).toContain('Pominięto 2 puste pozycje.');
    expect(result.problems[2]?.reason).toBe('Pole NAZWA ma wartość, która nie jest tekstem ani liczbą. Wpisz ją jako tekst.');
  });

  it('keeps a valid category on a non-leaf class and drops an invalid one, with notices', () => {
    const result = parseJrwa(
      JSON.stringify([
        { SYMBOL: '6', NAZWA: 'G', KATARCHMACIERZYSTA: 'A', KATARCHINNA: 'xx' },
        { SYMBOL: '61', NAZWA: 'Liść', KATARCHMACIERZYSTA: 'B5', KATARCHINNA: 'Bc' },
      ]),
    );
    expect(result.problems).toEqual([]);
    expect(result.classes[0]).toMatchObject({ symbol: '6', categoryOwner: 'A', categoryOther: null, isLeaf: false });
    expect(result.notices).toEqual([
      'Klasy niekońcowe mają kategorię archiwalną: 6. Kategoria ma znaczenie tylko w klasach końcowych, w których zakłada się sprawy.',
      'Pominięto nieprawidłowe kategorie klas niekońcowych (nie są w nich używane): 6 (KATARCHINNA „xx”).',
    ]);
  });

  it('never turns a parent into a leaf because its only child was rejected', () => {
    const result = parseJrwa(
      JSON.stringify([
        { SYMBOL: '6', NAZWA: 'G', KATARCHMACIERZYSTA: '' },
        { SYMBOL: '61', NAZWA: '', KATARCHMACIERZYSTA: 'A' },
      ]),
    );
    expect(result.classes).toEqual([
      { symbol: '6', name: 'G', parentSymbol: null, categoryOwner: null, categoryOther: null, remarks: null, isLeaf: false },
    ]);
    expect(problemList(result)).toEqual([[2, 'JRWA_NAME_MISSING', '61']]);
  });

  it('accepts the `classes` key in another case', () => {
    expect(parseJrwa('{" Classes ": [{"SYMBOL": "1", "NAZWA": "Kadry", "KATARCHMACIERZYSTA": "A"}]}').classes).toHaveLength(1);
  });
});

describe('the dirty list as CSV', () => {
  it.each([
    ['semicolons', toCsv(dirtyRows, ';')],
    ['commas', toCsv(dirtyRows, ',')],
    ['semicolons, BOM and CRLF', toCsv(dirtyRows, ';', { bom: true, crlf: true })],
    ['commas and BOM', toCsv(dirtyRows, ',', { bom: true })],
    ['tabs', toCsv(dirtyRows, '\t')],
  ])('with %s gives the same classes and problems, by file line', (_, csv) => {
    const result = parseJrwa(csv);
    expect(result.classes).toEqual(expectedDirtyClasses);
    // CSV line = JSON position + 1 (the header is line 1).
    expect(problemList(result)).toEqual(expectedDirtyProblems.map(([line, code, symbol]) => [line + 1, code, symbol]));
    expect(result.problems.every((p) => p.lineLabel === 'wiersz')).toBe(true);
    expect(result.problems[0]?.reason).toBe('Symbol 6730 powtarza się (pierwsze wystąpienie: wiersz 5). Usuń powtórzenie albo popraw symbol.');
  });

  it('quotes fields that hold the separator (the fixture really does)', () => {
    const csv = toCsv(dirtyRows, ',');
    expect(csv).toContain('6,"GOSPODARKA PRZESTRZENNA, OCHRONA ŚRODOWISKA; NIERUCHOMOŚCI",,,');
    expect(csv).toContain('6733,"Lokalizacja ""celu publicznego""",be 5,bc,');
  });

  it('counts file lines across blank lines and quoted line breaks', () => {
    const csv = [
      'SYMBOL;NAZWA;KATARCHMACIERZYSTA;KATARCHINNA;KATARCHINNAOPIS', // 1
      '6;Gospodarka;;;', // 2
      '', // 3
      '61;"Nazwa', // 4
      'w dwóch wierszach";;;', // 5
      ';;;;', // 6: separators only, skipped
      '611;Liść;Q;Bc;', // 7
      '612;"Uwagi', // 8
      'na', // 9
      'trzy wiersze";A;Bc;"a; b"', // 10
      '613;Brak;;;', // 11
    ].join('\r\n');
    const result = parseJrwa(csv);
    expect(problemList(result)).toEqual([
      [7, 'JRWA_CATEGORY_INVALID', '611'],
      [11, 'JRWA_LEAF_CATEGORY_MISSING', '613'],
    ]);
    expect(result.classes.map((c) => [c.symbol, c.name, c.remarks])).toEqual([
      ['6', 'Gospodarka', null],
      ['61', 'Nazwa w dwóch wierszach', null],
      ['612', 'Uwagi na trzy wiersze', 'a; b'],
    ]);
  });

  it('rejects a row whose name holds the separator without quotes', () => {
    const csv = 'SYMBOL,NAZWA,KATARCHMACIERZYSTA,KATARCHINNA,KATARCHINNAOPIS\n6,Gospodarka,,,\n61,Ochrona przyrody, krajobraz,A,Bc,uwagi\n62,Środowisko,A,Bc,\n';
    const result = parseJrwa(csv);
    expect(problemList(result)).toEqual([[3, 'JRWA_ROW_TOO_MANY_FIELDS', '61']]);
    expect(result.problems[0]?.reason).toBe('Wiersz ma 6 pól, a nagłówek 5. Zwykle to nazwa zawierająca separator bez cudzysłowu: ujmij ją w cudzysłów.');
    expect(result.classes.map((c) => c.symbol)).toEqual(['6', '62']);
  });

  it('tolerates trailing empty cells and missing trailing cells', () => {
    const result = parseJrwa('SYMBOL;NAZWA;KATARCHMACIERZYSTA;KATARCHINNA;KATARCHINNAOPIS\n6;Gospodarka\n61;Liść;A;Bc;;;\n');
    expect(result.problems).toEqual([]);
    expect(result.classes.map((c) => c.symbol)).toEqual(['6', '61']);
  });

  it('reports an unterminated quote on the line where the row starts', () => {
    const result = parseJrwa('SYMBOL;NAZWA;KATARCHMACIERZYSTA\n6;Gospodarka;\n\n61;"Bez końca;A\n62;x;A\n');
    expect(problemList(result)).toEqual([[4, 'JRWA_ROW_QUOTES', '61']]);
    expect(result.problems[0]?.reason).toBe('Wiersz ma niezamknięty lub błędnie użyty cudzysłów. Popraw cudzysłowy w tym wierszu.');
    expect(result.classes.map((c) => c.symbol)).toEqual(['6']);
  });

  it('takes header names in any case and with spaces, reports unknown and blank columns', () => {
    const result = parseJrwa(' symbol ;Nazwa;KatArchMacierzysta;;Uwagi\n6;Gospodarka;;;\n61;Liść;A;;x\n');
    expect(result.problems).toEqual([]);
    expect(result.classes[1]).toMatchObject({ symbol: '61', categoryOwner: 'A', categoryOther: 'Bc', remarks: null });
    expect(result.notices.slice(0, 2)).toEqual([
      'Pominięto nieznane kolumny: Uwagi. Import bierze pod uwagę tylko SYMBOL, NAZWA, KATARCHMACIERZYSTA, KATARCHINNA i KATARCHINNAOPIS.',
      'Pominięto kolumny bez nagłówka.',
    ]);
  });
});

describe('files that are not a JRWA list', () => {
  it.each([
    ['an empty file', ''],
    ['white space and a BOM', '\uFEFF  \r\n\t'],
  ])('%s is refused', (_, text) => {
    expect(fatal(text)).toEqual({ code: 'JRWA_FILE_EMPTY', message: 'Plik z wykazem akt jest pusty. Wybierz plik JSON lub CSV z wykazem JRWA.' });
  });

  it.each([
    ['plain text', 'To jest zwykły list, nie wykaz akt.\nDruga linia.'],
    ['a PDF', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'],
    ['JSON read as CSV', '[{"SYMBOL": "6"}]'],
  ])('%s is neither JSON nor a JRWA CSV', (_, text) => {
    const kind = text.startsWith('[') ? 'csv' : undefined;
    expect(fatal(text, kind)).toEqual({
      code: 'JRWA_FORMAT_UNKNOWN',
      message:
        'Nie rozpoznano pliku jako wykazu akt. Wybierz plik JSON albo CSV z nagłówkiem SYMBOL;NAZWA;KATARCHMACIERZYSTA;KATARCHINNA;KATARCHINNAOPIS (układ importu EZD RP).',
    });
  });

  it('broken JSON names the line', () => {
    expect(fatal('[\n  {"SYMBOL": "6", "NAZWA": "G"},\n  {"SYMBOL": "61",, }\n]')).toEqual({
      code: 'JRWA_JSON_INVALID',
      message: 'Plik JSON z wykazem akt jest uszkodzony (błąd w wierszu 3). Popraw plik albo wyeksportuj go ponownie.',
    });
  });

  it('JSON without a list of classes is refused', () => {
    expect(fatal('{"note": "brak klas"}').code).toBe('JRWA_JSON_SHAPE');
    expect(fatal('"SYMBOL"', 'json').code).toBe('JRWA_JSON_SHAPE');
  });

  it.each([
    ['an empty JSON array', '[]'],
    ['a CSV header alone', 'SYMBOL;NAZWA;KATARCHMACIERZYSTA\n'],
  ])('%s has no classes', (_, text) => {
    expect(fatal(text)).toEqual({ code: 'JRWA_NO_CLASSES', message: 'Plik nie zawiera żadnej klasy JRWA. Sprawdź, czy wybrano właściwy plik.' });
  });

  it('a file without the required columns says which', () => {
    expect(fatal('SYMBOL;NAZWA\n6;Gospodarka\n')).toEqual({
      code: 'JRWA_COLUMNS_MISSING',
      message:
        'W pliku z wykazem akt brakuje pól: KATARCHMACIERZYSTA. Uzupełnij je (układ importu EZD RP: SYMBOL, NAZWA, KATARCHMACIERZYSTA, KATARCHINNA, KATARCHINNAOPIS).',
    });
    expect(fatal('[{"symbol": "6", "name": "x"}]').message).toContain('brakuje pól: NAZWA, KATARCHMACIERZYSTA.');
  });
});

describe('detectJrwaKind', () => {
  it.each([
    ['[{}]', 'json'],
    ['  \n {"classes": []}', 'json'],
    ['\uFEFF[]', 'json'],
    ['SYMBOL;NAZWA', 'csv'],
    ['"SYMBOL";"NAZWA"', 'csv'],
  ])('%j is %s', (text, kind) => {
    expect(detectJrwaKind(text)).toBe(kind);
  });
});

describe('normaliseArchivalCategory', () => {
  it.each([
    ['A', 'A'],
    ['a', 'A'],
    ['Bc', 'Bc'],
    ['BC', 'Bc'],
    ['bc', 'Bc'],
    ['B5', 'B5'],
    [' b 5 ', 'B5'],
    ['B-5', 'B5'],
    ['B–10', 'B10'],
    ['B05', 'B5'],
    ['BE5', 'BE5'],
    ['be 5', 'BE5'],
    ['BE-10', 'BE10'],
    ['B50', 'B50'],
  ])('%j is %s', (raw, value) => {
    expect(normaliseArchivalCategory(raw)).toBe(value);
  });

  it.each(['', 'B', 'BE', 'B0', 'BE0', 'B1000', 'AB', 'A5', 'C', 'B5a', 'kat. A', 'E5'])('%j is not a category', (raw) => {
    expect(normaliseArchivalCategory(raw)).toBeNull();
  });
});

describe('a large list', () => {
  it('imports 10,110 classes quickly, as JSON and as CSV', () => {
    const rows: Array<Record<string, string>> = [];
    for (let a = 0; a <= 9; a++) {
      rows.push({ SYMBOL: `${a}`, NAZWA: `Klasa ${a}`, KATARCHMACIERZYSTA: '', KATARCHINNA: '', KATARCHINNAOPIS: '' });
      for (let b = 0; b <= 9; b++) {
        rows.push({ SYMBOL: `${a}${b}`, NAZWA: `Klasa ${a}${b}`, KATARCHMACIERZYSTA: '', KATARCHINNA: '', KATARCHINNAOPIS: '' });
        for (let c = 0; c <= 9; c++) {
          rows.push({ SYMBOL: `${a}${b}${c}`, NAZWA: `Klasa ${a}${b}${c}`, KATARCHMACIERZYSTA: '', KATARCHINNA: '', KATARCHINNAOPIS: '' });
          for (let d = 0; d <= 8; d++) {
            rows.push({ SYMBOL: `${a}${b}${c}${d}`, NAZWA: `Sprawy ${a}${b}${c}${d}; różne`, KATARCHMACIERZYSTA: 'B5', KATARCHINNA: 'Bc', KATARCHINNAOPIS: '' });
          }
        }
      }
    }
    const csv = toCsv(rows.map((r) => Object.values(r)), ';');
    const started = performance.now();
    const fromJson = parseJrwa(JSON.stringify(rows));
    const fromCsv = parseJrwa(csv);
    const elapsed = performance.now() - started;
    expect(fromJson.classes).toHaveLength(10_110);
    expect(fromJson.problems).toEqual([]);
    expect(fromJson.classes.filter((c) => c.isLeaf)).toHaveLength(9_000);
    expect(fromCsv.classes).toEqual(fromJson.classes);
    // Generous bound for slow CI machines; a quadratic step would take far longer.
    expect(elapsed).toBeLessThan(3_000);
  });
});
