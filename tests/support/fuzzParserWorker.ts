/**
 * The parsers under fuzzing, on a worker thread: a file that sends pdf-lib into an endless loop
 * can only be stopped by terminating the thread, so the runner (tests/support/fuzzParsers.ts)
 * times each call and terminates this worker when one overruns.
 */
import { parentPort } from 'node:worker_threads';
import { isDomainError } from '#core/errors';
import { parseJrwa } from '#core/jrwa/import';
import { inspectScan } from '#core/scans/inspect';
import { signedOverOf } from '#signing/signedOver';
import { verifyPdf } from '#signing/verify';

export type ParserName = 'inspectScan' | 'verifyPdf' | 'signedOverOf' | 'parseJrwa';
/** A sentence for a person, with its catalogue code when it has one. */
export type Said = { code: string | null; text: string };
export type ParseRequest = { id: number; parser: ParserName; bytes: Uint8Array; fileName: string };
/** What the parser did: answered (a short summary, and the sentences it has for a person), refused with a DomainError, or threw something else. */
export type ParseOutcome =
  | { id: number; kind: 'result'; summary: string; messages: Said[] }
  | { id: number; kind: 'refused'; code: string; message: string }
  | { id: number; kind: 'threw'; name: string; message: string; stack: string };

async function run(req: ParseRequest): Promise<{ summary: string; messages: Said[] }> {
  switch (req.parser) {
    case 'inspectScan': {
      const r = await inspectScan(req.bytes, req.fileName);
      return { summary: `${r.mime} ${String(r.pageCount)} str.`, messages: r.warnings.map((text) => ({ code: null, text })) };
    }
    case 'verifyPdf': {
      const r = await verifyPdf(req.bytes, { trustedRoots: [] });
      return { summary: `${String(r.signatures.length)} podp., ${r.indication ?? 'brak'}`, messages: [{ code: null, text: r.summary }] };
    }
    case 'signedOverOf': {
      const r = await signedOverOf(req.bytes);
      return { summary: r === null ? 'null' : JSON.stringify(r), messages: [] };
    }
    case 'parseJrwa': {
      const text = new TextDecoder('utf-8').decode(req.bytes);
      const r = parseJrwa(text, req.fileName.endsWith('.csv') ? 'csv' : req.fileName.endsWith('.json') ? 'json' : undefined);
      return { summary: `${String(r.classes.length)} klas, ${String(r.problems.length)} problemów`, messages: [...r.problems.map((p) => ({ code: p.code, text: p.reason })), ...r.notices.map((text) => ({ code: null, text }))] };
    }
  }
}

// pdf-lib reports every object it cannot parse on the console; here that is thousands of lines
// of noise about files damaged on purpose. What the parser answers is what the test judges.
console.log = () => undefined;
console.warn = () => undefined;

parentPort?.on('message', (req: ParseRequest) => {
  void run(req).then(
    ({ summary, messages }) => parentPort?.postMessage({ id: req.id, kind: 'result', summary, messages } satisfies ParseOutcome),
    (e: unknown) => {
      if (isDomainError(e)) parentPort?.postMessage({ id: req.id, kind: 'refused', code: e.code, message: e.message } satisfies ParseOutcome);
      else {
        const err = e instanceof Error ? e : new Error(String(e));
        parentPort?.postMessage({ id: req.id, kind: 'threw', name: err.name, message: err.message, stack: err.stack ?? '' } satisfies ParseOutcome);
      }
    },
  );
});
