import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { Ctx, TextRecognitionPort } from '#core/services/context';
import { boundPdfParsing } from '#signing/pdfParseBounds';
import { scannedPdfPages, type PageImage } from '#documents/scanImages';
import { textLayerPdf, type RecognizedPage } from '#documents/textLayer';
import { recordScanText, scansAwaitingText, type ScanTextRow } from '#db/scanTextRepo';
import { upsertBlob } from '#db/correspondenceRepo';

/**
 * The engine and its Polish model. A reading by another engine is read again (the model is
 * what decides the words), so this names both. LSTM only, "best_int": the legacy engine's data
 * is three times larger and reads Polish diacritics worse.
 */
export const OCR_ENGINE = 'tesseract.js 7.0 + tessdata 4.0.0_best_int pol';

/** One page's reading may take this long; a page that takes longer stops the engine. */
const PAGE_TIMEOUT_MS = 120_000;
/** The engine's memory (about 100 MB) is given back after this long without work. */
const IDLE_CLOSE_MS = 60_000;
/** A scan of more pages is read up to here; the rest is said to be left. */
const MAX_PAGES = 300;

type Reader = {
  read(image: Uint8Array, dpi: number | null, textOnly: boolean, progress: (fraction: number) => void): Promise<{ text: string; pdf: Uint8Array }>;
  close(): Promise<void>;
};

/** The Polish model shipped in node_modules (@tesseract.js-data/pol): nothing is fetched from the network. */
function polishModelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/pol/package.json')), '4.0.0_best_int');
}

/** A tesseract worker (its own thread: the backend's event loop never waits on a page). */
export async function openReader(): Promise<Reader> {
  let onProgress: (fraction: number) => void = () => undefined;
  const worker: Worker = await createWorker('pol', OEM.LSTM_ONLY, {
    langPath: polishModelDir(),
    gzip: true,
    // The model is read from the package every time: no cache written into the working folder.
    cacheMethod: 'none',
    logger: (m) => {
      if (m.status === 'recognizing text') onProgress(m.progress);
    },
  });
  return {
    async read(image, dpi, textOnly, progress) {
      onProgress = progress;
      // 0: the image's own resolution (PNG/JPEG/TIFF say it), else tesseract's estimate.
      await worker.setParameters({ user_defined_dpi: dpi === null ? '0' : String(dpi) });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error('page timeout'));
        }, PAGE_TIMEOUT_MS);
      });
      try {
        const r = await Promise.race([worker.recognize(Buffer.from(image), { pdfTextOnly: textOnly, pdfTitle: 'OCR' }, { text: true, pdf: true }), timeout]);
        return { text: r.data.text, pdf: Uint8Array.from(r.data.pdf ?? []) };
      } finally {
        clearTimeout(timer);
        onProgress = () => undefined;
      }
    },
    close: () => worker.terminate().then(() => undefined),
  };
}

type Scan = { sha256: string; mime: string; fileName: string };
export type Progress = { sha256: string; page: number; pages: number; fraction: number };

/**
 * Reads one stored scan: its text (pages separated by form feeds) and a new PDF with the text
 * layer, stored beside it. The scan's own bytes are only read.
 */
export async function recognizeScan(ctx: Pick<Ctx, 'store' | 'blobs' | 'clock'>, reader: Reader, scan: Scan, progress: (p: Progress) => void): Promise<ScanTextRow> {
  const started = performance.now();
  const bytes = ctx.blobs.read(scan.sha256);
  let pages: PageImage[];
  let pdf: PDFDocument | null = null;
  if (scan.mime === 'application/pdf') {
    boundPdfParsing();
    pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    pages = scannedPdfPages(pdf);
  } else {
    // An image is read as it is (tesseract reads a multi-page TIFF's first picture only).
    pages = [{ page: 1, image: bytes, dpi: 0 }];
  }
  const texts: string[] = [];
  const layers: RecognizedPage[] = [];
  const reasons = new Map<string, number[]>();
  const skip = (reason: string, page: number) => reasons.set(reason, [...(reasons.get(reason) ?? []), page]);
  const toRead = pages.slice(0, MAX_PAGES);
  for (const p of pages.slice(MAX_PAGES)) skip(`rozpoznaje się pierwsze ${String(MAX_PAGES)} stron`, p.page);
  for (const [i, p] of toRead.entries()) {
    progress({ sha256: scan.sha256, page: p.page, pages: pages.length, fraction: i / toRead.length });
    if ('skipped' in p) {
      skip(p.skipped, p.page);
      texts.push('');
      continue;
    }
    try {
      const r = await reader.read(p.image, p.dpi || null, pdf !== null, (f) => {
        progress({ sha256: scan.sha256, page: p.page, pages: pages.length, fraction: (i + f) / toRead.length });
      });
      texts.push(r.text.trim());
      layers.push({ page: p.page, pdf: r.pdf });
    } catch (e) {
      if (e instanceof Error && e.message === 'page timeout') throw e;
      skip('obrazu strony nie udało się odczytać', p.page);
      texts.push('');
    }
  }
  let layerSha256: string | null = null;
  if (layers.length > 0) {
    const layer = await textLayerPdf(pdf ? { kind: 'pdf', bytes } : { kind: 'image' }, layers, `${scan.fileName} — tekst rozpoznany`);
    const stored = ctx.blobs.putBytes(layer);
    upsertBlob(ctx.store, { sha256: stored.sha256, size: stored.size, mime: 'application/pdf', pageCount: pdf ? pdf.getPageCount() : layers.length, createdAt: ctx.clock().toISOString() });
    layerSha256 = stored.sha256;
  }
  const reason = [...reasons].map(([why, on]) => `${on.length === 1 ? `strona ${String(on[0])}` : `strony ${on.join(', ')}`}: ${why}`).join('; ') || null;
  return {
    sha256: scan.sha256,
    status: layers.length > 0 ? 'done' : 'skipped',
    text: texts.join('\f').trim(),
    layerSha256,
    pages: pages.length,
    pagesRead: layers.length,
    reason,
    engine: OCR_ENGINE,
    milliseconds: Math.round(performance.now() - started),
    readAt: ctx.clock().toISOString(),
  };
}

/**
 * Reads every stored scan that has no text yet, one at a time, newest first, then waits for
 * more. The reading is kept by the scan's content address, so a letter's scans are read once
 * whatever letters carry them; a scan this workstation does not hold (a server's, not yet
 * opened here) waits until it does.
 */
export function startTextRecognition(ctx: Pick<Ctx, 'store' | 'blobs' | 'clock' | 'log'>, opts: { intervalMs?: number } = {}): TextRecognitionPort & { stop(): Promise<void> } {
  let current: Progress | null = null;
  let reader: Reader | null = null;
  let idleSince = Date.now();
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const absent = new Set<string>();

  const closeReader = async () => {
    const r = reader;
    reader = null;
    await r?.close().catch(() => undefined);
  };

  const round = async () => {
    for (;;) {
      if (stopped) return;
      const next = scansAwaitingText(ctx.store, OCR_ENGINE, 20).find((s) => !absent.has(s.sha256));
      if (!next) break;
      if (!ctx.blobs.has(next.sha256)) {
        absent.add(next.sha256);
        continue;
      }
      reader ??= await openReader();
      try {
        const row = await recognizeScan(ctx, reader, next, (p) => {
          current = p;
        });
        recordScanText(ctx.store, row);
        ctx.log(`OCR ${next.sha256.slice(0, 12)}: ${String(row.pagesRead)}/${String(row.pages)} stron, ${String(row.milliseconds)} ms`);
      } catch (e) {
        // The engine stopped (a page beyond the time allowed, a file it cannot take): say so and
        // start it afresh for the next scan.
        await closeReader();
        const why = e instanceof Error && e.message === 'page timeout' ? 'odczyt strony trwał zbyt długo' : 'nie udało się odczytać pliku';
        recordScanText(ctx.store, { sha256: next.sha256, status: 'failed', text: '', layerSha256: null, pages: current?.pages ?? 0, pagesRead: 0, reason: why, engine: OCR_ENGINE, milliseconds: 0, readAt: ctx.clock().toISOString() });
        ctx.log(`OCR ${next.sha256.slice(0, 12)} przerwane: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        current = null;
      }
      // Open screens show the text and the new file.
      ctx.store.changed();
      idleSince = Date.now();
    }
    if (reader && Date.now() - idleSince > IDLE_CLOSE_MS) await closeReader();
  };

  const tick = () => {
    if (stopped || running) return;
    running = round()
      .catch((e: unknown) => {
        ctx.log(`OCR: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 3_000);
      });
  };
  timer = setTimeout(tick, 0);
  // A scan not held here may arrive later (opened from the server): look again now and then.
  const forget = setInterval(() => {
    absent.clear();
  }, 600_000);
  forget.unref();

  return {
    current: () => current,
    wake: () => {
      if (timer && !running) {
        clearTimeout(timer);
        tick();
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(forget);
      await running;
      await closeReader();
    },
  };
}
