/**
 * Real files for the parsers to be fed damaged copies of, the runner that feeds them on a
 * worker thread with a time limit per file, and what each parser may answer. Shared by
 * tests/integration/fuzzParsers.test.ts (fixed seed, a few hundred files) and bench/fuzz.ts
 * (any seed, many more).
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import * as utifModule from 'utif2';
import { SIGNED_MARK_KEY, signedMarkText, type SignedOver } from '#core/decisions/signedMark';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { signPdf } from '#signing/pades';
import { loadPkcs12 } from '#signing/pkcs12';
import { makeTestPki } from './certificates.ts';
import { refusalProblem } from './fuzz.ts';
import type { ParseOutcome, ParseRequest, ParserName, Said } from './fuzzParserWorker.ts';
import { encryptedPdf, jpegImage, onePagePdf, pngImage } from './pdfs.ts';

export type { ParserName } from './fuzzParserWorker.ts';

// utif2 is CommonJS: vitest puts its functions on the namespace, tsx (bench/) on `default`.
const UTIF = (utifModule as typeof utifModule & { default?: typeof utifModule }).default ?? utifModule;

/** One real file and the parsers that read its kind. */
export type CorpusFile = { name: string; fileName: string; bytes: Uint8Array; parsers: ParserName[] };

/** The decision mark in the signed corpus file: a damaged copy may yield this mark or none, never another. */
export const CORPUS_MARK: SignedOver = { decisionId: '7d7c6a53-2f55-4d4c-9f0e-0a3a1d7b9e11', number: '12/2026' };

const PDF_PARSERS: ParserName[] = ['inspectScan', 'verifyPdf', 'signedOverOf'];

/** A grey-scale TIFF with `pages` pages (image file directories), written by utif2 and chained by hand. */
function tiffImage(pages: number, width = 16, height = 16): Uint8Array {
  const page = (seed: number) => {
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 7 + seed * 31) & 0xff;
    return new Uint8Array(UTIF.encodeImage(rgba, width, height));
  };
  // utif2 writes a big-endian file, one IFD at offset 8, its strip at 1000. Each further page
  // is appended with its out-of-line offsets shifted, and the previous IFD's "next" set to it.
  const out: number[] = [];
  let previousNext = -1;
  for (let p = 0; p < pages; p++) {
    const bytes = page(p + 1);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const base = out.length;
    const ifd = view.getUint32(4, false);
    const entries = view.getUint16(ifd, false);
    for (let e = 0; e < entries; e++) {
      const at = ifd + 2 + e * 12;
      const tag = view.getUint16(at, false);
      const unit = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8][view.getUint16(at + 2, false)] ?? 1;
      if (tag === 273 || view.getUint32(at + 4, false) * unit > 4) view.setUint32(at + 8, view.getUint32(at + 8, false) + base, false);
    }
    if (previousNext >= 0) [24, 16, 8, 0].forEach((shift, i) => (out[previousNext + i] = ((base + ifd) >>> shift) & 0xff));
    previousNext = base + ifd + 2 + entries * 12;
    out.push(...bytes);
  }
  return new Uint8Array(out);
}

async function markedDecision(mark: SignedOver): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText(`Decyzja nr ${mark.number ?? '-'}`, { x: 72, y: 770, size: 16, font });
  doc.addPage([595.28, 841.89]).drawText('Pouczenie', { x: 72, y: 770, size: 12, font });
  setDocumentInfo(doc, { title: 'Decyzja', author: 'Urząd Gminy Testowo', custom: { [SIGNED_MARK_KEY]: signedMarkText(mark) } });
  return doc.save({ useObjectStreams: false });
}

function jrwaCsv(jsonText: string): string {
  const parsed = JSON.parse(jsonText) as { classes: Record<string, string>[] };
  const header = ['SYMBOL', 'NAZWA', 'KATARCHMACIERZYSTA', 'KATARCHINNA', 'KATARCHINNAOPIS'];
  const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${[header.join(';'), ...parsed.classes.map((c) => header.map((h) => quote(c[h] ?? '')).join(';'))].join('\r\n')}\r\n`;
}

/**
 * The real files: PDFs as scanners and pdf-lib write them (classic xref, object streams,
 * encrypted), a decision signed with a test certificate (PAdES), PNG, JPEG, TIFF (one page and
 * three), and the JRWA list as JSON and CSV. `cleanup` removes the test PKI's folder.
 */
export async function parserCorpus(): Promise<{ files: CorpusFile[]; cleanup(): void }> {
  const pki = makeTestPki();
  try {
    const signer = loadPkcs12(pki.rsa.p12, pki.rsa.password);
    const signed = await signPdf(await markedDecision(CORPUS_MARK), signer, { name: 'Katarzyna Zielińska', signingTime: new Date() });
    const jrwaJson = readFileSync(fileURLToPath(new URL('../../core/jrwa/demo-jrwa.json', import.meta.url)), 'utf8');
    const files: CorpusFile[] = [
      { name: 'pdf-xref', fileName: 'skan.pdf', bytes: await onePagePdf('Skan pisma do fuzzingu', { objectStreams: false }), parsers: PDF_PARSERS },
      { name: 'pdf-objstm', fileName: 'skan.pdf', bytes: await onePagePdf('Skan ze strumieniami obiektow'), parsers: PDF_PARSERS },
      { name: 'pdf-encrypted', fileName: 'zaszyfrowany.pdf', bytes: encryptedPdf('Zaszyfrowany', 'tajne'), parsers: PDF_PARSERS },
      { name: 'pdf-signed', fileName: 'decyzja.pdf', bytes: signed, parsers: PDF_PARSERS },
      { name: 'png', fileName: 'skan.png', bytes: pngImage(5, 48, 48), parsers: ['inspectScan', 'signedOverOf'] },
      { name: 'jpeg', fileName: 'zdjecie.jpg', bytes: jpegImage('fuzzing JPEG'), parsers: ['inspectScan', 'signedOverOf'] },
      { name: 'tiff', fileName: 'skan.tif', bytes: tiffImage(1), parsers: ['inspectScan'] },
      { name: 'tiff-3', fileName: 'skan.tiff', bytes: tiffImage(3), parsers: ['inspectScan'] },
      { name: 'jrwa-json', fileName: 'jrwa.json', bytes: new TextEncoder().encode(jrwaJson), parsers: ['parseJrwa'] },
      { name: 'jrwa-csv', fileName: 'jrwa.csv', bytes: new TextEncoder().encode(jrwaCsv(jrwaJson)), parsers: ['parseJrwa'] },
    ];
    return { files, cleanup: () => rmSync(pki.dir, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(pki.dir, { recursive: true, force: true });
    throw e;
  }
}

/** The codes each parser may refuse with (a DomainError); anything else it throws is a bug. */
export const ALLOWED_REFUSALS: Record<ParserName, (code: string) => boolean> = {
  inspectScan: (code) => ['SCAN_EMPTY', 'SCAN_UNSUPPORTED', 'SCAN_CORRUPT', 'SCAN_ENCRYPTED'].includes(code),
  // A broken signature is a result, not a refusal: only a file that is no PDF, or is locked.
  verifyPdf: (code) => ['SIGN_PDF_UNREADABLE', 'SIGN_PDF_ENCRYPTED'].includes(code),
  // "Covers nothing" (null) for anything it cannot use.
  signedOverOf: () => false,
  // A file that cannot be read as a whole (empty, not JSON/CSV, no columns, no classes).
  parseJrwa: (code) => code.startsWith('JRWA_'),
};

/** What one parser did with one file, and how long it took. */
export type ParserRun = { outcome: ParseOutcome | { kind: 'hung' }; ms: number };

/**
 * The parsers on a worker thread: `parse` answers within `limitMs` or the worker is terminated
 * (the only way to stop a parser in an endless loop) and the answer is `hung`.
 */
export function parserRunner(limitMs: number) {
  const entry = fileURLToPath(new URL('./fuzzParserWorker.ts', import.meta.url));
  let worker: Worker | null = null;
  let nextId = 1;
  const start = () => new Worker(entry, { execArgv: ['--import', 'tsx'], resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  return {
    async parse(parser: ParserName, bytes: Uint8Array, fileName: string): Promise<ParserRun> {
      worker ??= start();
      const current = worker;
      const id = nextId++;
      const started = performance.now();
      const outcome = await new Promise<ParseOutcome | { kind: 'hung' }>((resolve) => {
        const done = (o: ParseOutcome | { kind: 'hung' }) => {
          clearTimeout(timer);
          current.off('message', onMessage);
          current.off('exit', onExit);
          current.off('error', onError);
          resolve(o);
        };
        const onMessage = (o: ParseOutcome) => {
          if (o.id === id) done(o);
        };
        const onExit = () => {
          worker = null;
          done({ id, kind: 'threw', name: 'WorkerExit', message: 'the worker died (out of memory?)', stack: '' });
        };
        // Out of its heap (resourceLimits): the parser tried to hold what the file claims, not what it is.
        const onError = (e: Error) => {
          worker = null;
          done({ id, kind: 'threw', name: e.name, message: `${(e as Error & { code?: string }).code ?? ''} ${e.message}`, stack: '' });
        };
        const timer = setTimeout(() => {
          worker = null;
          void current.terminate();
          done({ kind: 'hung' });
        }, limitMs);
        current.on('message', onMessage);
        current.on('exit', onExit);
        current.on('error', onError);
        current.postMessage({ id, parser, bytes, fileName } satisfies ParseRequest);
      });
      return { outcome, ms: performance.now() - started };
    },
    async close(): Promise<void> {
      if (worker) await worker.terminate();
      worker = null;
    },
  };
}

/** Sentences a parser says to a person about a damaged file must be Polish too (quoted file content aside). */
function saidProblem(said: Said): string | null {
  // What the file itself says is quoted („…”) or named after a colon: only our words are judged.
  const own = said.text.replace(/„[^”]*”/g, ' ').replace(/\([^)]*\)/g, ' ');
  return refusalProblem({ code: said.code ?? 'INVALID_INPUT', message: said.code === null ? `Nieprawidłowe dane: ${own}` : said.text }, said.text);
}

/** Why an outcome is not allowed for `parser`, or null when it is. */
export function parserProblem(parser: ParserName, run: ParserRun, limitMs: number): string | null {
  const o = run.outcome;
  if (o.kind === 'hung') return `no answer in ${String(limitMs)} ms (terminated)`;
  if (run.ms > limitMs) return `took ${run.ms.toFixed(0)} ms`;
  if (o.kind === 'threw') return `threw ${o.name}: ${o.message}\n${o.stack.split('\n').slice(0, 6).join('\n')}`;
  if (o.kind === 'refused') {
    if (!ALLOWED_REFUSALS[parser](o.code)) return `refused with ${o.code} (${o.message}), which ${parser} must not`;
    return refusalProblem({ code: o.code, message: o.message }, null);
  }
  if (parser === 'signedOverOf' && o.summary !== 'null' && o.summary !== JSON.stringify(CORPUS_MARK)) return `a damaged file vouches for another decision: ${o.summary}`;
  for (const said of o.messages) {
    const problem = saidProblem(said);
    if (problem) return `says: ${problem}`;
  }
  return null;
}
