import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { QUIET_ZONE_MODULES, code128, drawCode128 } from '#documents/barcode';
import { embedDocumentFonts } from '#documents/fonts';
import { mm } from '#documents/geometry';
import { renderIncomingRegister } from '#documents/incomingRegister';
import type { IncomingRegisterRow } from '#documents/incomingRegister';
import { renderLabel, renderLabelSheet } from '#documents/labels';
import type { LabelData } from '#documents/labels';
import type { OfficeHeader } from '#documents/officeHeader';
import { renderReceipt } from '#documents/receipt';
import type { ReceiptData } from '#documents/receipt';

// Real PDFs checked with poppler's own tools; every file is kept under artifacts/ (pdf/ and a
// 60 dpi png/ of it) so a person can look at what the tests saw.
const artifacts = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const pdfDir = `${artifacts}pdf/`;
const pngDir = `${artifacts}png/`;

function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}


/** Write the PDF and its first pages as PNG; return the PDF's path. */
function keep(name: string, bytes: Uint8Array, pngPages = 2): string {
  const file = `${pdfDir}${name}.pdf`;
  writeFileSync(file, bytes);
  run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', String(pngPages), file, `${pngDir}${name}`]);
  return file;
}

function text(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return run('pdftotext', ['-layout', ...range, file, '-']);
}

type Info = { pages: number; width: number; height: number; fields: Map<string, string> };

function info(file: string): Info {
  const out = run('pdfinfo', ['-enc', 'UTF-8', file]);
  const fields = new Map<string, string>();
  for (const line of out.split('\n')) {
    const match = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) fields.set(match[1], match[2]);
  }
  const size = /([\d.]+) x ([\d.]+) pts/.exec(fields.get('Page size') ?? '');
  return { pages: Number(fields.get('Pages')), width: Number(size?.[1]), height: Number(size?.[2]), fields };
}

/** Sizes of every page, from pdfinfo's per-page listing. */
function pageSizes(file: string, pages: number): string[] {
  const out = run('pdfinfo', ['-f', '1', '-l', String(pages), file]);
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+ x [\d.]+)/gm)].map((m) => m[1] ?? '');
}

/** Collapse pdftotext's layout spaces so phrases can be looked for as written. */
function flat(value: string): string {
  return value.replace(/\s+/g, ' ');
}

const office: OfficeHeader = {
  name: 'Urząd Gminy Zażółć',
  shortName: 'UG Zażółć',
  addressLines: ['ul. Gęślowa 12', '90-001 Łódź'],
  contactLine: 'tel. 42 123 45 67 · kancelaria@zazolc.example.pl',
};

const receipt: ReceiptData = {
  office,
  registerNumber: 'RPW/124/2026',
  provisional: false,
  receivedAt: '2026-11-22T13:05:00Z',
  channel: 'osobiście w kancelarii',
  senderName: 'Zażółć Gęślą Jaźń Sp. z o.o.',
  senderAddress: 'ul. Źródlana 5 m. 3\n93-120 Łódź',
  senderReference: 'ZGJ/OŚ/45/2026',
  letterDate: '2026-11-20',
  subject: 'Wniosek o wydanie decyzji o środowiskowych uwarunkowaniach — hala magazynowa, działka nr 1234/5, obręb Łódź-Bałuty',
  attachmentCount: 3,
  statusCode: 'K7QM-2XHP',
  registeredBy: 'Anna Łęcka-Żmuda',
  generatedAt: '2026-11-22T13:07:12Z',
};

const label: LabelData = {
  officeShortName: 'UG Zażółć',
  registerNumber: 'RPW/124/2026',
  receivedAt: '2026-11-22T13:05:00Z',
  unitSymbol: 'GK-I',
};

const CHANNELS = ['Poczta Polska', 'osobiście w kancelarii', 'ePUAP', 'poczta elektroniczna', 'kurier'];

function registerRows(count: number): IncomingRegisterRow[] {
  return Array.from({ length: count }, (_, i) => ({
    registerNumber: `RPW/${i + 1}/2026`,
    receivedAt: new Date(Date.UTC(2026, 10, 2, 7, 0) + i * 6 * 60_000).toISOString(),
    senderName: i % 7 === 0 ? 'Zażółć Gęślą Jaźń Sp. z o.o.' : `Jan Kowalski ${i + 1}`,
    senderAddress: i % 3 === 0 ? 'ul. Źródlana 5 m. 3\n93-120 Łódź' : 'ul. Długa 1, 00-001 Warszawa',
    senderReference: i % 2 === 0 ? `ZGJ/${i}/2026` : null,
    letterDate: i % 2 === 0 ? '2026-10-30' : null,
    subject:
      i % 5 === 0
        ? 'Wniosek o wydanie decyzji o środowiskowych uwarunkowaniach dla przedsięwzięcia — hala magazynowa, działka nr 1234/5'
        : 'Skarga na działalność wójta; załatwienie w trybie art. 227 KPA',
    channel: CHANNELS[i % CHANNELS.length] ?? 'ePUAP',
    attachmentCount: i % 4,
    assignedTo: i % 3 === 0 ? 'GK / Łukasz Żółkiewski' : 'OR',
    trackingNumber: i % 5 === 1 ? 'RR123456789PL' : null,
    remarks: i % 11 === 0 ? 'Przesyłka uszkodzona, koperta rozerwana.' : null,
    cancellationReason: i === 5 ? 'zarejestrowano omyłkowo dwukrotnie' : null,
  }));
}

function registerData(rows: IncomingRegisterRow[]): Parameters<typeof renderIncomingRegister>[0] {
  return { office, from: '2026-11-01', to: '2026-11-30', rows, generatedAt: '2026-12-01T08:00:00Z', generatedBy: 'Anna Łęcka-Żmuda' };
}

type Gray = { width: number; height: number; pixels: Uint8Array };

/** Rasterise page 1 as 8-bit grey (PGM "P5") at `dpi`. */
function rasterise(file: string, dpi: number): Gray {
  const base = `${pngDir}${file.split('/').at(-1)?.replace('.pdf', '')}-${dpi}`;
  run('pdftoppm', ['-r', String(dpi), '-gray', '-singlefile', '-f', '1', '-l', '1', file, base]);
  const pgm = readFileSync(`${base}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (header === null) throw new Error('not a PGM file');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: pgm.subarray(header[0].length, header[0].length + width * height) };
}

/** Dark runs along one row: [start, end) pixel pairs. */
function darkRuns(image: Gray, row: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let x = 0; x <= image.width; x += 1) {
    const dark = x < image.width && (image.pixels[row * image.width + x] ?? 255) < 128;
    if (dark && start < 0) start = x;
    if (!dark && start >= 0) {
      runs.push([start, x]);
      start = -1;
    }
  }
  return runs;
}

beforeAll(() => {
  mkdirSync(pdfDir, { recursive: true });
  mkdirSync(pngDir, { recursive: true });
});

// First in the file on purpose: the fault it guards against shows only in a fresh process.
describe('fonts across documents', () => {
  it('keeps text extractable in every document of the process', async () => {
    // Regression: sharing one parsed font between documents lost the ToUnicode entries of
    // glyphs first met as parts of accented ones (the c of ć, the o of ó in the label's bold
    // "Zażółć"), so later documents' bold "wpływających" came out as "wpływają y h".
    await renderLabel(label);
    const file = keep('fonts-second-document', await renderIncomingRegister(registerData(registerRows(3))), 1);
    const page = flat(text(file));
    expect(page).toContain('Rejestr przesyłek wpływających');
    expect(page).toContain('Nadawca');
    expect(page).toContain('Dotyczy');
  });
});

describe('receipt (potwierdzenie wpływu)', () => {
  it('prints every element with Polish letters intact on one A4 page', async () => {
    const file = keep('receipt', await renderReceipt(receipt));
    const page = flat(text(file));
    for (const expected of [
      'Urząd Gminy Zażółć',
      'ul. Gęślowa 12',
      '90-001 Łódź',
      'POTWIERDZENIE WPŁYWU PRZESYŁKI',
      'RPW/124/2026',
      '22.11.2026, 14:05', // 13:05 UTC is 14:05 in Warsaw in November
      'osobiście w kancelarii',
      'Zażółć Gęślą Jaźń Sp. z o.o.',
      'ul. Źródlana 5 m. 3',
      '93-120 Łódź',
      'ZGJ/OŚ/45/2026',
      '20.11.2026',
      'Wniosek o wydanie decyzji o środowiskowych uwarunkowaniach',
      'działka nr 1234/5',
      'Liczba załączników 3',
      'K7QM-2XHP',
      'zapytać o stan załatwienia sprawy',
      'Anna Łęcka-Żmuda',
      'Wygenerowano 22.11.2026, 14:07',
      'Strona 1 z 1',
    ]) {
      expect(page).toContain(expected);
    }
    expect(page).not.toMatch(/tymczasow/i);
    const meta = info(file);
    expect(meta.pages).toBe(1);
    expect(meta.width).toBeCloseTo(595.28, 1);
    expect(meta.height).toBeCloseTo(841.89, 1);
    expect(meta.fields.get('Title')).toBe('Potwierdzenie wpływu RPW/124/2026');
    expect(meta.fields.get('Author')).toBe('Urząd Gminy Zażółć');
    const fonts = run('pdffonts', [file]);
    expect(fonts).toMatch(/DejaVuSans-Bold.*CID TrueType\s+Identity-H\s+yes/);
    expect(fonts).toMatch(/DejaVuSans-\d+\s.*CID TrueType\s+Identity-H\s+yes/);
  });

  it('says clearly that a provisional number is provisional', async () => {
    const file = keep(
      'receipt-provisional',
      await renderReceipt({ ...receipt, registerNumber: 'RPW/tymcz./A7K2', provisional: true, senderReference: null, letterDate: null, attachmentCount: 0 }),
    );
    const page = flat(text(file));
    expect(page).toContain('RPW/tymcz./A7K2');
    expect(page).toContain('NUMER TYMCZASOWY');
    expect(page).toContain('numerze tymczasowym');
    expect(page).toContain('Liczba załączników brak');
    expect(page).not.toContain('Znak pisma nadawcy');
  });

  it('is produced in well under a second once warm', async () => {
    await renderReceipt(receipt);
    const started = performance.now();
    const runs = 10;
    for (let i = 0; i < runs; i += 1) await renderReceipt(receipt);
    const perReceipt = (performance.now() - started) / runs;
    console.info(`receipt: ${perReceipt.toFixed(1)} ms warm`);
    expect(perReceipt).toBeLessThan(500);
  });
});

describe('Code 128 helper', () => {
  it('keeps 10-module quiet zones inside its box and prints the text under the bars', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedDocumentFonts(doc);
    const page = doc.addPage([mm(80), mm(25)]);
    const box = drawCode128(page, 'RPW/124/2026', {
      x: 0,
      y: mm(2),
      maxWidth: mm(80),
      barHeight: mm(15),
      humanReadable: { font: fonts.regular, size: 8 },
    });
    expect(box.module).toBeCloseTo(mm(0.34) - (mm(0.34) % (72 / 300)), 6); // 4 dots at 300 dpi
    expect(box.width).toBeCloseTo((code128('RPW/124/2026').modules + 2 * QUIET_ZONE_MODULES) * box.module, 6);
    const file = keep('barcode', await doc.save(), 1);
    expect(flat(text(file))).toContain('RPW/124/2026');
    const image = rasterise(file, 600);
    const runs = darkRuns(image, image.height - Math.round((10 / 25.4) * 600));
    const modulePx = (box.module / 72) * 600;
    expect(runs[0]?.[0] ?? 0).toBeCloseTo(QUIET_ZONE_MODULES * modulePx, -0.5);
    expect(((box.width / 72) * 600) - (runs.at(-1)?.[1] ?? 0)).toBeCloseTo(QUIET_ZONE_MODULES * modulePx, -0.5);
  });

  it('refuses to shrink bars below a readable module', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([mm(30), mm(20)]);
    expect(() => drawCode128(page, 'RPW/124/2026', { x: 0, y: 0, maxWidth: mm(30), barHeight: mm(10) })).toThrow(RangeError);
  });
});

describe('labels', () => {
  it('renders a single 70 × 36 mm label with a barcode that scans', async () => {
    const file = keep('label', await renderLabel(label));
    const meta = info(file);
    expect(meta.pages).toBe(1);
    expect(meta.width).toBeCloseTo(198.43, 1);
    expect(meta.height).toBeCloseTo(102.05, 1);
    const page = flat(text(file));
    for (const expected of ['UG Zażółć', 'RPW/124/2026', '22.11.2026, 14:05', 'GK-I']) expect(page).toContain(expected);

    // Rasterised at 600 dpi the bars must be exactly bwip-js's pattern, with white quiet zones
    // of at least 10 modules inside the label on both sides.
    const image = rasterise(file, 600);
    const row = image.height - Math.round((8 / 25.4) * 600); // 8 mm above the bottom edge
    const runs = darkRuns(image, row);
    const symbol = code128(label.registerNumber);
    expect(runs).toHaveLength(symbol.bars.length);
    const first = runs[0]?.[0] ?? 0;
    const last = runs.at(-1)?.[1] ?? 0;
    const module = (last - first) / symbol.modules;
    expect(module).toBeGreaterThan((0.19 / 25.4) * 600);
    symbol.bars.forEach((bar, i) => {
      const [start, end] = runs[i] ?? [0, 0];
      expect(Math.abs(start - first - bar.x * module)).toBeLessThanOrEqual(1);
      expect(Math.abs(end - start - bar.width * module)).toBeLessThanOrEqual(1);
    });
    expect(first).toBeGreaterThanOrEqual(10 * module);
    expect(image.width - last).toBeGreaterThanOrEqual(10 * module);
  });

  it('a barcode reader (zbar) decodes the label and the receipt', async () => {
    const file = keep('label-provisional', await renderLabel({ ...label, registerNumber: 'RPW/tymcz./A7K2', provisional: true }));
    expect(flat(text(file))).toContain('NUMER TYMCZASOWY');
    for (const [name, dpi] of [['label', 300], ['label-provisional', 300], ['label-provisional', 203]] as const) {
      const png = `${pngDir}${name}-scan-${dpi}`;
      run('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', `${pdfDir}${name}.pdf`, png]);
      const decoded = run('zbarimg', ['-q', '--raw', `${png}.png`]).trim();
      expect(decoded).toBe(name === 'label' ? 'RPW/124/2026' : 'RPW/tymcz./A7K2');
    }
  });

  it('fills an A4 sheet of 3 × 8 from the first free position and paginates', async () => {
    const labels = Array.from({ length: 30 }, (_, i) => ({ ...label, registerNumber: `RPW/${100 + i}/2026` }));
    const file = keep('label-sheet', await renderLabelSheet(labels, { startAt: 5 }));
    const meta = info(file);
    expect(meta.pages).toBe(2); // 20 labels on the first sheet (positions 5–24), 10 on the second
    expect(pageSizes(file, 2)).toEqual(['595.276 x 841.89', '595.276 x 841.89']);
    const first = text(file, 1);
    const second = text(file, 2);
    for (let i = 0; i < 30; i += 1) {
      expect(i < 20 ? first : second).toContain(`RPW/${100 + i}/2026`);
    }
    // Position 5 is the middle of the second row: x from 70 mm, y from 4.5 + 36 mm down.
    const boxes = run('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-']);
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>RPW\/100\/2026<\/word>/.exec(boxes);
    expect(word).not.toBeNull();
    const pt = (millimetres: number): number => (millimetres / 25.4) * 72;
    expect(Number(word?.[1])).toBeGreaterThan(pt(70));
    expect(Number(word?.[1])).toBeLessThan(pt(70 + 10));
    expect(Number(word?.[2])).toBeGreaterThan(pt(4.5 + 36));
    expect(Number(word?.[2])).toBeLessThan(pt(4.5 + 36 + 15));
  });

  it('refuses a start position that is not on the sheet', async () => {
    await expect(renderLabelSheet([label], { startAt: 25 })).rejects.toThrow(RangeError);
    await expect(renderLabelSheet([label], { startAt: 0 })).rejects.toThrow(RangeError);
  });
});

describe('incoming register (rejestr przesyłek wpływających)', () => {
  let file: string;
  let pages: number;

  beforeAll(async () => {
    file = keep('incoming-register', await renderIncomingRegister(registerData(registerRows(300))));
    pages = info(file).pages;
  });

  it('is A4 landscape over several pages, each with header and "Strona k z M"', () => {
    expect(pages).toBeGreaterThan(5);
    expect(pageSizes(file, pages)).toEqual(Array.from({ length: pages }, () => '841.89 x 595.276'));
    for (let k = 1; k <= pages; k += 1) {
      const page = flat(text(file, k));
      for (const expected of [`Strona ${k} z ${pages}`, 'Rejestr przesyłek wpływających', 'od 01.11.2026 do 30.11.2026', 'Urząd Gminy Zażółć']) {
        expect(page.includes(expected), `${expected} on page ${k}`).toBe(true);
      }
      for (const column of ['Nr rej.', 'Data', 'Nadawca', 'Dotyczy', 'Kanał', 'Przydzielono', 'Nr nadania', 'Uwagi']) {
        expect(page.includes(column), `${column} on page ${k}`).toBe(true);
      }
    }
    expect(info(file).fields.get('Title')).toBe('Rejestr przesyłek wpływających od 01.11.2026 do 30.11.2026');
  });

  it('names each of its two fonts once per page (pdf-lib named them anew for every line drawn)', async () => {
    const doc = await PDFDocument.load(readFileSync(file));
    for (const page of doc.getPages()) {
      const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
      expect(fonts?.keys().length).toBe(2);
    }
    // pdffonts agrees: the regular and the bold face, embedded, with a ToUnicode map.
    const listed = execFileSync('pdffonts', ['-f', '1', '-l', '1', file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(listed.map((l) => /DejaVuSans(-Bold)?-\d+\s+CID TrueType\s+Identity-H\s+yes\s+no\s+yes/.test(l))).toEqual([true, true]);
  });

  it('lists every entry once, in order, with Polish text intact', () => {
    const all = text(file);
    const numbers = [...all.matchAll(/RPW\/(\d+)\/2026/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const flatAll = flat(all);
    for (const expected of ['Zażółć Gęślą Jaźń Sp. z o.o.', 'Łódź', 'GK / Łukasz', 'Żółkiewski', 'Skarga na działalność wójta', 'RR123456789PL', 'z 30.10.2026']) {
      expect(flatAll.includes(expected), expected).toBe(true);
    }
  });

  it('shows a cancelled entry with its reason', () => {
    // Multi-line cells interleave in pdftotext's layout: look for the reason within the row.
    const row = /RPW\/6\/2026(.*)RPW\/7\/2026/.exec(flat(text(file, 1)))?.[1] ?? '';
    expect(row).toContain('ANULOWANA:');
    expect(row).toContain('omyłkowo dwukrotnie');
  });

  it('prints an empty period as one page saying so', async () => {
    const empty = keep('incoming-register-empty', await renderIncomingRegister(registerData([])));
    const page = flat(text(empty));
    expect(page).toContain('Brak przesyłek zarejestrowanych w tym okresie.');
    expect(page).toContain('Strona 1 z 1');
  });

  it('renders 5,000 entries in reasonable time', async () => {
    const started = performance.now();
    const bytes = await renderIncomingRegister(registerData(registerRows(5000)));
    const seconds = (performance.now() - started) / 1000;
    const big = keep('incoming-register-5000', bytes, 1);
    const meta = info(big);
    console.info(`register 5000 rows: ${seconds.toFixed(2)} s, ${meta.pages} pages, ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
    expect(seconds).toBeLessThan(30);
    expect(meta.pages).toBeGreaterThan(100);
    expect(flat(text(big, meta.pages))).toContain('RPW/5000/2026');
    expect(flat(text(big, meta.pages))).toContain(`Strona ${meta.pages} z ${meta.pages}`);
  });
});
