import { pluralWord } from '#core/i18n/plural.pl';
import Papa from 'papaparse';
import { checkFailure } from '#core/checkResult';
import { fail } from '#core/errors';
import type { ErrorCode } from '#core/i18n/errors.pl';

// Import of a JRWA (jednolity rzeczowy wykaz akt) in EZD RP's import layout: fields SYMBOL,
// NAZWA, KATARCHMACIERZYSTA, KATARCHINNA, KATARCHINNAOPIS, as JSON or CSV (shared/domain/
// README.md). Offices' files are hand-edited: the import keeps the good rows, reports each bad
// one with its line and a reason, and reports what it tidied as notices, never silently.
//
// Decisions (see the report and docs):
// - A class's parent is the class whose symbol is its own minus the last digit. When that class
//   is missing but a higher one is present (6220 with 62 but no 622), the class is attached to
//   the nearest present ancestor and a notice names the gap: demonstration and partial lists
//   skip levels, and the leaf is still a valid class for case signs. With no ancestor at all
//   (1-digit main classes excepted) the row is a problem.
// - isLeaf is decided from the file, not from the accepted rows: a class whose children were all
//   rejected stays non-leaf, so a broken row never turns its parent into a class that cases
//   can be filed under.
// - Archival categories are written in the 2011 notation (instrukcja kancelaryjna, Dz.U. 2011
//   nr 14 poz. 67): A, Bn, BEn, Bc. Other spellings of the same category (`be 5`, `BE-5`, `bc`,
//   `B05`; the hyphen is the notation of the earlier instrukcja) are rewritten, with a notice:
//   the meaning is unambiguous. Anything else on a leaf is a problem.
// - A leaf must have the owning unit's category. A leaf without the other units' category gets
//   Bc, with a notice: what other units hold are copies, short-term documentation by rule.
// - Categories on non-leaf classes are kept (valid) or dropped (invalid) with a notice: they do
//   not govern any case.
// - One cause, one message: a row whose columns cannot be trusted (more filled cells than the
//   header, broken quotes, a JSON entry that is not an object) and a field that could not be
//   read (wrong type, two keys with different values) are reported as such, without the
//   follow-on "missing name" or "bad category" the damage would also produce.

/** How the file is written. */
export type JrwaFileKind = 'json' | 'csv';

/** Klasa JRWA: one entry of the uniform subject file list. */
export type JrwaClass = {
  symbol: string;
  name: string;
  /** The nearest class above in the list; null for a main (1-digit) class. */
  parentSymbol: string | null;
  /** Archival category in the owning unit (komórka macierzysta): A, Bn, BEn or Bc. */
  categoryOwner: string | null;
  /** Archival category in other units (inne komórki). */
  categoryOther: string | null;
  /** KATARCHINNAOPIS: remarks on the class or its categories. */
  remarks: string | null;
  /** A final class (no children in the file): only these appear in case signs. */
  isLeaf: boolean;
};

/** A rejected row: where it is (CSV line in the file, or JSON array position), and why. */
export type ImportProblem = {
  line: number;
  lineLabel: 'wiersz' | 'pozycja';
  symbol: string | null;
  code: ErrorCode;
  reason: string;
};

/** What an import found: the accepted classes in file order, the rejected rows, the notices. */
export type JrwaImportResult = { classes: JrwaClass[]; problems: ImportProblem[]; notices: string[] };

const FIELDS = ['SYMBOL', 'NAZWA', 'KATARCHMACIERZYSTA', 'KATARCHINNA', 'KATARCHINNAOPIS'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_SET: ReadonlySet<string> = new Set(FIELDS);
// Without these the file cannot be a JRWA list at all; the other two have sensible absences.
const REQUIRED_FIELDS: readonly Field[] = ['SYMBOL', 'NAZWA', 'KATARCHMACIERZYSTA'];

type Label = ImportProblem['lineLabel'];
type RowProblem = { code: ErrorCode; reason: string };
type RawRow = {
  line: number;
  values: Partial<Record<Field, string>>;
  problems: RowProblem[];
  symbolText: string | null;
  /** Fields whose value could not be read (wrong type, two conflicting keys): not also "missing". */
  unreadable: Set<Field>;
  /** The row's columns cannot be trusted (shifted or broken quoting): only its symbol is used. */
  broken: boolean;
};

/** File-level observations gathered while reading, turned into notices at the end. */
type Observations = {
  unknownFields: Set<string>;
  blankFields: boolean;
  duplicateColumns: Set<string>;
  numericSymbols: string[];
  emptyRows: number;
};

function isField(name: string): name is Field {
  return FIELD_SET.has(name);
}

function problem(result: { code: ErrorCode; message: string }): RowProblem {
  return { code: result.code, reason: result.message };
}

/** Collapses whitespace runs (tabs, no-break and zero-width spaces included) and trims. */
function clean(text: string): string {
  return text.replace(/[\s\u200b]+/gu, ' ').trim();
}

function listed(items: readonly string[], max = 10): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} i ${items.length - max} ${pluralWord(items.length - max, 'inna', 'inne', 'innych')}` : shown;
}

/**
 * Writes an archival category in the 2011 notation, or returns null when it is not one.
 *
 * Case, spaces, hyphens and leading zeros are forgiven: `be 5`, `BE-5` and `BE05` are `BE5`;
 * `bc` is `Bc`. The number of years is 1–999.
 */
export function normaliseArchivalCategory(raw: string): string | null {
  const compact = raw.replace(/[\s\u00a0\u2010-\u2015-]/gu, '').toUpperCase();
  if (compact === 'A') return 'A';
  if (compact === 'BC') return 'Bc';
  const m = /^(BE|B)0*([1-9]\d{0,2})$/.exec(compact);
  return m === null ? null : `${m[1]}${m[2]}`;
}

/** JSON when the first character that is not white space opens an array or an object. */
export function detectJrwaKind(text: string): JrwaFileKind {
  const first = /\S/u.exec(text.replace(/^\uFEFF/, ''))?.[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

// ---------------------------------------------------------------------------------------------
// Reading JSON

function jsonErrorLine(text: string, error: unknown): number | null {
  const message = error instanceof Error ? error.message : '';
  const line = /line (\d+)/.exec(message);
  if (line !== null) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (position === null) return null;
  let count = 1;
  const end = Math.min(Number(position[1]), text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJson(text: string, seen: Set<Field>, obs: Observations): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw fail('JRWA_JSON_INVALID', { line: jsonErrorLine(text, error) });
  }
  let list: unknown[] | null = Array.isArray(data) ? data : null;
  if (list === null && isRecord(data)) {
    // The demo file's shape: { note, format, classes: [...] }.
    for (const [key, value] of Object.entries(data)) {
      if (key.trim().toLowerCase() === 'classes' && Array.isArray(value)) list = value;
    }
  }
  if (list === null) throw fail('JRWA_JSON_SHAPE');

  const rows: RawRow[] = [];
  list.forEach((item, index) => {
    const row: RawRow = { line: index + 1, values: {}, problems: [], symbolText: null, unreadable: new Set(), broken: false };
    if (!isRecord(item)) {
      row.problems.push(problem(checkFailure('JRWA_ROW_NOT_OBJECT')));
      row.broken = true;
      rows.push(row);
      return;
    }
    let anyValue = false;
    for (const [key, value] of Object.entries(item)) {
      const name = clean(key).toUpperCase();
      if (name === '') {
        obs.blankFields = true;
        continue;
      }
      if (!isField(name)) {
        obs.unknownFields.add(clean(key));
        continue;
      }
      seen.add(name);
      let text: string;
      if (typeof value === 'string') text = clean(value);
      else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
      else if (value === null || value === undefined) text = '';
      else {
        row.problems.push(problem(checkFailure('JRWA_FIELD_TYPE', { field: name })));
        row.unreadable.add(name);
        continue;
      }
      if (text === '') continue;
      anyValue = true;
      const earlier = row.values[name];
      if (earlier !== undefined && earlier !== text) {
        row.problems.push(problem(checkFailure('JRWA_FIELD_CONFLICT', { field: name })));
        row.unreadable.add(name);
        continue;
      }
      row.values[name] = text;
      if (name === 'SYMBOL' && typeof value === 'number') obs.numericSymbols.push(text);
    }
    if (!anyValue && row.problems.length === 0) {
      obs.emptyRows++;
      return;
    }
    rows.push(row);
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Reading CSV

function detectDelimiter(text: string): string {
  const firstLine = text.split('\n', 1)[0] ?? '';
  let best = ';'; // Polish Excel's default, and the tie-breaker
  let bestCount = 0;
  for (const candidate of [';', ',', '\t']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

type CsvRecord = { cells: string[]; line: number; quoteError: boolean };

function readCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  // Newlines counted once, forwards, as papaparse's cursor advances: linear in the file size.
  // Empty lines are not skipped by papaparse, so every record starts where the previous one
  // ended and its line is known exactly, even when a quoted field spans lines; empty records
  // are dropped here instead.
  let scanned = 0;
  let newlines = 0;
  let start = 0;
  const lineAt = (position: number): number => {
    for (; scanned < position; scanned++) if (text.charCodeAt(scanned) === 10) newlines++;
    return newlines + 1;
  };
  Papa.parse<string[]>(text, {
    delimiter: detectDelimiter(text),
    newline: '\n',
    step: (result) => {
      const line = lineAt(start);
      start = result.meta.cursor;
      const quoteError = result.errors.some((e) => e.type === 'Quotes');
      if (!quoteError && result.data.every((cell) => clean(cell) === '')) return;
      records.push({ cells: result.data, line, quoteError });
    },
  });
  return records;
}

function readCsv(text: string, seen: Set<Field>, obs: Observations): RawRow[] {
  const records = readCsvRecords(text.replace(/\r\n?/g, '\n'));
  const header = records[0];
  if (header === undefined) throw fail('JRWA_FILE_EMPTY');
  const columns: Array<Field | null> = header.cells.map((cell) => {
    const name = clean(cell).toUpperCase();
    if (name === '') {
      obs.blankFields = true;
      return null;
    }
    if (!isField(name)) {
      obs.unknownFields.add(clean(cell));
      return null;
    }
    if (seen.has(name)) {
      obs.duplicateColumns.add(name);
      return null;
    }
    seen.add(name);
    return name;
  });
  // A first line without a single known column is not a JRWA list (or not CSV at all).
  if (seen.size === 0) throw fail('JRWA_FORMAT_UNKNOWN');

  const rows: RawRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    if (record === undefined) continue;
    const row: RawRow = { line: record.line, values: {}, problems: [], symbolText: null, unreadable: new Set(), broken: record.quoteError };
    if (record.quoteError) row.problems.push(problem(checkFailure('JRWA_ROW_QUOTES')));
    // Trailing empty cells (`6730;…;;;`) are harmless; a filled cell past the header usually
    // means a name with the separator in it and no quotes, so the columns have shifted.
    let filled = record.cells.length;
    while (filled > columns.length && clean(record.cells[filled - 1] ?? '') === '') filled--;
    if (filled > columns.length) {
      row.problems.push(problem(checkFailure('JRWA_ROW_TOO_MANY_FIELDS', { found: filled, expected: columns.length })));
      row.broken = true;
    }
    columns.forEach((field, i) => {
      const value = clean(record.cells[i] ?? '');
      if (field !== null && value !== '') row.values[field] = value;
    });
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Checking the list

type CategoryReading = { kind: 'empty' } | { kind: 'ok'; value: string; rewritten: boolean } | { kind: 'bad'; raw: string };

function readCategory(raw: string | undefined): CategoryReading {
  if (raw === undefined || raw === '') return { kind: 'empty' };
  const value = normaliseArchivalCategory(raw);
  return value === null ? { kind: 'bad', raw } : { kind: 'ok', value, rewritten: value !== raw };
}

type Entry = {
  row: RawRow;
  symbol: string;
  name: string;
  owner: CategoryReading;
  other: CategoryReading;
  remarks: string | null;
  parent: Entry | null;
  hasChildren: boolean;
  rejected: boolean;
  result: JrwaClass | null;
};

function categoryReadings(entry: Entry): Array<[Field, CategoryReading]> {
  return [
    ['KATARCHMACIERZYSTA', entry.owner],
    ['KATARCHINNA', entry.other],
  ];
}

function checkRows(rows: RawRow[], label: Label, obs: Observations): JrwaImportResult {
  const where = (row: RawRow) => `${label} ${row.line}`;
  const bySymbol = new Map<string, Entry>();
  const entries: Entry[] = [];

  // 1. Each row on its own: symbol, name; duplicates against the first occurrence.
  for (const row of rows) {
    const symbolText = row.values.SYMBOL ?? '';
    row.symbolText = symbolText === '' ? null : symbolText;
    // Follow-on complaints about a broken row would only describe the damage, not its cause.
    const report = (r: { code: ErrorCode; message: string }) => {
      if (!row.broken) row.problems.push(problem(r));
    };
    let symbolOk = false;
    if (row.unreadable.has('SYMBOL')) {
      // already reported as unreadable
    } else if (symbolText === '') report(checkFailure('JRWA_SYMBOL_MISSING'));
    // JRWA symbols: the main class is one digit and each level below appends one (up to four).
    else if (!/^\d{1,4}$/.test(symbolText)) report(checkFailure('JRWA_SYMBOL_INVALID', { symbol: symbolText }));
    else symbolOk = true;
    const name = row.values.NAZWA ?? '';
    if (name === '' && !row.unreadable.has('NAZWA')) report(checkFailure('JRWA_NAME_MISSING', { symbol: symbolText }));
    if (!symbolOk) continue;
    const first = bySymbol.get(symbolText);
    if (first !== undefined) {
      row.problems.push(problem(checkFailure('JRWA_DUPLICATE', { symbol: symbolText, first: where(first.row) })));
      continue;
    }
    const entry: Entry = {
      row,
      symbol: symbolText,
      name,
      owner: readCategory(row.values.KATARCHMACIERZYSTA),
      other: readCategory(row.values.KATARCHINNA),
      remarks: row.values.KATARCHINNAOPIS ?? null,
      parent: null,
      hasChildren: false,
      rejected: false,
      result: null,
    };
    bySymbol.set(symbolText, entry);
    entries.push(entry);
  }

  // 2. Parents: the symbol minus its last digit, or failing that the nearest present ancestor.
  const gaps: string[] = [];
  for (const entry of entries) {
    const { symbol } = entry;
    if (symbol.length === 1) continue;
    for (let k = symbol.length - 1; k >= 1 && entry.parent === null; k--) entry.parent = bySymbol.get(symbol.slice(0, k)) ?? null;
    if (entry.parent === null) {
      entry.row.problems.push(problem(checkFailure('JRWA_PARENT_MISSING', { symbol, parent: symbol.slice(0, -1) })));
      continue;
    }
    entry.parent.hasChildren = true;
    if (entry.parent.symbol.length < symbol.length - 1) {
      gaps.push(`${symbol} (brak ${symbol.slice(0, -1)}, przypisano do ${entry.parent.symbol})`);
    }
  }

  // 3. Categories, which depend on whether the class is a leaf.
  const rewritten: string[] = [];
  const defaulted: string[] = [];
  const nonLeafKept: string[] = [];
  const nonLeafDropped: string[] = [];
  for (const entry of entries) {
    const { symbol, row } = entry;
    const isLeaf = !entry.hasChildren;
    if (isLeaf && !row.broken) {
      if (entry.owner.kind === 'empty' && !row.unreadable.has('KATARCHMACIERZYSTA')) {
        row.problems.push(problem(checkFailure('JRWA_LEAF_CATEGORY_MISSING', { symbol })));
      }
      for (const [field, reading] of categoryReadings(entry)) {
        if (reading.kind === 'bad') row.problems.push(problem(checkFailure('JRWA_CATEGORY_INVALID', { symbol, field, value: reading.raw })));
      }
    }
    entry.result = {
      symbol,
      name: entry.name,
      parentSymbol: entry.parent?.symbol ?? null,
      categoryOwner: entry.owner.kind === 'ok' ? entry.owner.value : null,
      categoryOther: entry.other.kind === 'ok' ? entry.other.value : isLeaf && entry.other.kind === 'empty' ? 'Bc' : null,
      remarks: entry.remarks,
      isLeaf,
    };
  }

  // 4. Rejections cascade down the tree: parents are settled first (shorter symbols).
  const byDepth: Entry[][] = [[], [], [], [], []];
  for (const entry of entries) byDepth[entry.symbol.length]?.push(entry);
  for (const level of byDepth) {
    for (const entry of level) {
      const parent = entry.parent;
      if (entry.row.problems.length > 0) entry.rejected = true;
      else if (parent?.rejected === true) {
        entry.rejected = true;
        entry.row.problems.push(
          problem(checkFailure('JRWA_PARENT_REJECTED', { symbol: entry.symbol, parent: parent.symbol, where: where(parent.row) })),
        );
      }
    }
  }

  // 5. Results in file order; notices only about what was actually accepted.
  const classes: JrwaClass[] = [];
  for (const entry of entries) {
    if (entry.rejected || entry.result === null) continue;
    classes.push(entry.result);
    const changes: string[] = [];
    for (const [field, reading] of categoryReadings(entry)) {
      if (reading.kind === 'ok' && reading.rewritten) changes.push(`„${entry.row.values[field] ?? ''}” → ${reading.value}`);
      if (reading.kind === 'bad' && !entry.result.isLeaf) nonLeafDropped.push(`${entry.symbol} (${field} „${reading.raw}”)`);
    }
    if (changes.length > 0) rewritten.push(`${entry.symbol}: ${changes.join(', ')}`);
    if (entry.result.isLeaf && entry.other.kind === 'empty') defaulted.push(entry.symbol);
    if (!entry.result.isLeaf && (entry.owner.kind === 'ok' || entry.other.kind === 'ok')) nonLeafKept.push(entry.symbol);
  }
  const problems: ImportProblem[] = [];
  for (const row of rows) {
    for (const p of row.problems) problems.push({ line: row.line, lineLabel: label, symbol: row.symbolText, code: p.code, reason: p.reason });
  }

  const notices: string[] = [];
  const fieldWord = label === 'pozycja' ? 'pola' : 'kolumny';
  if (obs.unknownFields.size > 0) {
    notices.push(`Pominięto nieznane ${fieldWord}: ${listed([...obs.unknownFields])}. Import bierze pod uwagę tylko SYMBOL, NAZWA, KATARCHMACIERZYSTA, KATARCHINNA i KATARCHINNAOPIS.`);
  }
  if (obs.blankFields) notices.push(label === 'pozycja' ? 'Pominięto pola bez nazwy.' : 'Pominięto kolumny bez nagłówka.');
  for (const column of obs.duplicateColumns) notices.push(`Kolumna ${column} występuje więcej niż raz; użyto pierwszej.`);
  if (obs.emptyRows > 0) {
    notices.push(`Pominięto ${obs.emptyRows} ${pluralWord(obs.emptyRows, 'pustą pozycję', 'puste pozycje', 'pustych pozycji')}.`);
  }
  if (obs.numericSymbols.length > 0) {
    notices.push(
      `Symbol zapisano jako liczbę w ${obs.numericSymbols.length} ${pluralWord(obs.numericSymbols.length, 'pozycji', 'pozycjach', 'pozycjach')} (${listed(obs.numericSymbols, 5)}). Sprawdź symbole zaczynające się od zera: zapis liczbowy gubi zera na początku (0050 staje się 50).`,
    );
  }
  if (gaps.length > 0) {
    notices.push(`W pliku brak niektórych klas pośrednich; klasy przypisano do najbliższej klasy wyższej: ${listed(gaps, 5)}.`);
  }
  if (rewritten.length > 0) {
    notices.push(`Ujednolicono zapis kategorii archiwalnych do notacji z 2011 r. (bez łącznika i spacji): ${listed(rewritten, 5)}.`);
  }
  if (defaulted.length > 0) {
    notices.push(
      `Klasy końcowe bez kategorii dla innych komórek (KATARCHINNA) otrzymały kategorię Bc, bo w innych komórkach przechowuje się kopie: ${listed(defaulted)}. Jeśli to niewłaściwe, popraw plik.`,
    );
  }
  if (nonLeafKept.length > 0) {
    notices.push(
      `Klasy niekońcowe mają kategorię archiwalną: ${listed(nonLeafKept)}. Kategoria ma znaczenie tylko w klasach końcowych, w których zakłada się sprawy.`,
    );
  }
  if (nonLeafDropped.length > 0) {
    notices.push(`Pominięto nieprawidłowe kategorie klas niekońcowych (nie są w nich używane): ${listed(nonLeafDropped, 5)}.`);
  }
  return { classes, problems, notices };
}

/**
 * Reads a JRWA list in EZD RP's import layout, as JSON or CSV (detected when `kind` is not
 * given).
 *
 * JSON: an array of objects, or an object with such an array in `classes`; keys in any case,
 * with stray spaces; unknown and nameless keys are reported once. CSV: a header row, separator
 * `;`, `,` or tab (taken from the header), UTF-8 with or without BOM, quoted fields.
 *
 * Throws a DomainError when the file as a whole cannot be read (empty, broken JSON, no known
 * columns, no classes); returns problems for the rows it rejects.
 */
export function parseJrwa(text: string, kind?: JrwaFileKind): JrwaImportResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw fail('JRWA_FILE_EMPTY');
  const actualKind = kind ?? detectJrwaKind(body);
  const seen = new Set<Field>();
  const obs: Observations = { unknownFields: new Set(), blankFields: false, duplicateColumns: new Set(), numericSymbols: [], emptyRows: 0 };
  const rows = actualKind === 'json' ? readJson(body, seen, obs) : readCsv(body, seen, obs);
  if (rows.length === 0) throw fail('JRWA_NO_CLASSES');
  const missing = REQUIRED_FIELDS.filter((f) => !seen.has(f));
  if (missing.length > 0) throw fail('JRWA_COLUMNS_MISSING', { missing: missing.join(', ') });
  return checkRows(rows, actualKind === 'json' ? 'pozycja' : 'wiersz', obs);
}
