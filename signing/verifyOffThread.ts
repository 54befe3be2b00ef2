/**
 * verifyPdf on a worker thread, with a time and memory budget: the backend's own thread (every
 * screen's queries, the sync) never waits on a crafted PDF. One worker serves every check in
 * turn; when a check overruns its budget the worker is terminated — the only way to stop
 * pdf-lib mid-parse — and the next check starts a fresh one.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fail } from '#core/errors';
import type { PdfVerification, VerifyOptions } from '#signing/verify';
import type { VerifyRefusal, VerifyRequest } from '#signing/verifyWorker';

/** Long enough for a 100 MB scan with many signatures (seconds), short enough not to look hung. */
const DEFAULT_BUDGET_MS = 60_000;
/** Heap for one verification: pdf-lib holds the file and two revisions of it. */
const HEAP_MB = 2048;

type Answer = { id: number; ok: true; result: PdfVerification } | { id: number; ok: false; code: VerifyRefusal };

let worker: Worker | undefined;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();

/**
 * The worker's entry: from source the .ts file run through tsx (as the backend itself is);
 * in the desktop shell's bundle the sibling verifyWorker.cjs (forge.config.ts builds it).
 */
function entry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { file: join(dirname(here), 'verifyWorker.ts'), execArgv: ['--import', 'tsx'] };
  return { file: join(dirname(here), 'verifyWorker.cjs'), execArgv: [] };
}

function start(): Worker {
  const { file, execArgv } = entry();
  const started = new Worker(file, { execArgv, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  // An idle worker must not keep the process (a CLI run, a test) alive.
  started.unref();
  started.on('error', () => {
    if (worker === started) worker = undefined;
  });
  started.on('exit', () => {
    if (worker === started) worker = undefined;
  });
  return started;
}

function runOnce(bytes: Uint8Array, options: VerifyOptions, budgetMs: number): Promise<PdfVerification> {
  worker ??= start();
  const current = worker;
  const id = nextId++;
  return new Promise<PdfVerification>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      current.off('message', onMessage);
      current.off('exit', onExit);
    };
    const onMessage = (answer: Answer) => {
      if (answer.id !== id) return;
      finish();
      if (answer.ok) resolve(answer.result);
      else reject(fail(answer.code));
    };
    const onExit = () => {
      finish();
      // Out of memory, or killed: the file is what made it so.
      reject(fail('SIGN_VERIFY_TOO_BIG'));
    };
    const timer = setTimeout(() => {
      finish();
      worker = undefined;
      void current.terminate();
      reject(fail('SIGN_VERIFY_TOO_LONG', { seconds: Math.round(budgetMs / 1000) }));
    }, budgetMs);
    current.on('message', onMessage);
    current.on('exit', onExit);
    current.ref();
    current.postMessage({ id, bytes, options } satisfies VerifyRequest);
  }).finally(() => current.unref());
}

/**
 * Verifies `bytes` off the calling thread; refuses with SIGN_VERIFY_TOO_LONG when it takes
 * more than `budgetMs` and SIGN_VERIFY_TOO_BIG when it runs out of memory. Checks run one at
 * a time, in order.
 */
export function verifyPdfOffThread(bytes: Uint8Array, options: VerifyOptions, budgetMs = DEFAULT_BUDGET_MS): Promise<PdfVerification> {
  const run = queue.then(() => runOnce(bytes, options, budgetMs));
  queue = run.catch(() => undefined);
  return run;
}
