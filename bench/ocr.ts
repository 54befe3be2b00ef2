/**
 * Text recognition (OCR) speed and accuracy (not a test: it prints figures and writes
 * bench/RESULTS.md).
 *
 *   npm run bench:ocr
 *
 * A typed A4 letter in Polish (every diacritic of the language, numbers, punctuation) is
 * "scanned" with pdftoppm at 300 dpi in grey — as a PNG and as a scanner's PDF holding a JPEG —
 * and read the way the workstation reads scans in the background (backend/textRecognition.ts:
 * tesseract.js with the Polish model, the page's text layer composed as a new PDF). Figures:
 * seconds per page, and the character error rate (edit distance / length of the true text,
 * whitespace collapsed). The raw limit is Debian's native tesseract on the same PNG, when
 * installed (apt install tesseract-ocr-pol).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '#backend/context';
import { openReader, recognizeScan } from '#backend/textRecognition';
import { scannedPolishPage } from '#tests/support/scannedPage';
import { writeResultsSection } from './results.ts';

const RUNS = 5;

const LETTER = [
  'Przykładowo, dnia 3 grudnia 2026 r.',
  'Józef Ćwikła',
  'ul. Źródlana 17/4, 99-999 Łęczna',
  'Wójt Gminy Przykładowa',
  'Wniosek o wydanie zaświadczenia o niezaleganiu w podatkach',
  'Na podstawie art. 217 § 1 Kodeksu postępowania administracyjnego',
  'zwracam się z uprzejmą prośbą o wydanie zaświadczenia potwierdzającego,',
  'że nie zalegam z podatkiem od nieruchomości ani z podatkiem rolnym',
  'za działki nr 123/4 i 125/1 położone w miejscowości Żółkiewka.',
  'Zaświadczenie jest mi potrzebne do złożenia wniosku o dopłatę',
  'w Agencji Restrukturyzacji i Modernizacji Rolnictwa (ARiMR).',
  'Opłatę skarbową w wysokości 17,00 zł uiściłem przelewem w dniu',
  '2 grudnia 2026 r. na rachunek urzędu; potwierdzenie przelewu załączam.',
  'Proszę o przesłanie zaświadczenia pocztą na adres podany powyżej.',
  'Źdźbło, gęś, jaźń, łódź, ćma, żółć, śnieg, ńa — sprawdzenie znaków.',
  'Z poważaniem',
  'Józef Ćwikła',
  'Załączniki: 1. potwierdzenie przelewu opłaty skarbowej.',
];

function normalized(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Levenshtein distance (two rows). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length] ?? 0;
}

const truth = normalized(LETTER.join(' '));
const cer = (read: string) => distance(normalized(read), truth) / truth.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const load = loadavg()[0] ?? 0;
const dir = mkdtempSync(join(tmpdir(), 'kancelaria-bench-ocr-'));
try {
  const page = await scannedPolishPage(LETTER, 300);
  const ctx = openBackend({ profileDir: join(dir, 'profil'), mode: 'browser', demo: false, quiet: true });
  const stored = { png: ctx.blobs.putBytes(page.png).sha256, pdf: ctx.blobs.putBytes(page.jpegPdf).sha256 };

  let t = performance.now();
  const reader = await openReader();
  const openS = (performance.now() - t) / 1000;

  const measure = async (sha256: string, mime: string) => {
    const times: number[] = [];
    let text = '';
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      const row = await recognizeScan(ctx, reader, { sha256, mime, fileName: 'skan' }, () => undefined);
      times.push((performance.now() - t) / 1000);
      text = row.text;
    }
    return { s: median(times), cer: cer(text) };
  };
  const png = await measure(stored.png, 'image/png');
  const pdf = await measure(stored.pdf, 'application/pdf');
  await reader.close();
  ctx.store.close();

  // The raw limit: native tesseract 5 (Debian), one process per page, same model family.
  let native: { s: number; cer: number } | null = null;
  if (spawnSync('tesseract', ['--version']).status === 0 && spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout.includes('pol')) {
    writeFileSync(join(dir, 'strona.png'), page.png);
    const times: number[] = [];
    let text = '';
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      text = execFileSync('tesseract', [join(dir, 'strona.png'), '-', '-l', 'pol'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      times.push((performance.now() - t) / 1000);
    }
    native = { s: median(times), cer: cer(text) };
  }

  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const date = new Date().toISOString().slice(0, 10);
  const section = [
    `## Text recognition (OCR) — ${date}`,
    '',
    `Machine: ${String(cpus().length)} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average (1 min) ${load.toFixed(1)} at the start. \`npm run bench:ocr\` (bench/ocr.ts): a typed A4 letter in Polish, ${String(truth.length)} characters in ${String(LETTER.length)} lines, rasterized by pdftoppm at 300 dpi in grey; median of ${String(RUNS)} reads; character error rate = edit distance to the true text / its length, whitespace collapsed.`,
    '',
    '| what | s per page | character error rate |',
    '|---|---|---|',
    `| PNG scan, read and its text-layer PDF written (tesseract.js 7, wasm, one worker thread) | ${png.s.toFixed(2)} | ${pct(png.cer)} |`,
    `| scanner's PDF (JPEG inside), picture taken out, read, text laid over the original page | ${pdf.s.toFixed(2)} | ${pct(pdf.cer)} |`,
    native ? `| raw limit: native tesseract 5 (Debian, \`tesseract page.png - -l pol\`, a process per page, its start and the 15 MB model load included) | ${native.s.toFixed(2)} | ${pct(native.cer)} |` : '| raw limit: native tesseract not installed here | — | — |',
    '',
    `Starting the engine (the worker thread, the 2.6 MB Polish model) takes ${openS.toFixed(2)} s once; it stays up while scans wait and is let go after a minute idle.` +
      (native ? ` The wasm engine reads a page in ${(png.s / native.s).toFixed(2)}× the native program's time.` : ''),
  ].join('\n');
  process.stdout.write(`${section}\n`);
  writeResultsSection('## Text recognition (OCR)', section);
  process.stdout.write(
    `${JSON.stringify({ bench: 'ocr', date, sPerPagePng: +png.s.toFixed(2), sPerPagePdf: +pdf.s.toFixed(2), cerPng: +png.cer.toFixed(4), cerPdf: +pdf.cer.toFixed(4), nativeSPerPage: native ? +native.s.toFixed(2) : null, engineStartS: +openS.toFixed(2), load: +load.toFixed(1) })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
