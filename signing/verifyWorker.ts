/**
 * The worker thread that verifies PDF signatures (signing/verifyOffThread.ts starts it): a
 * hostile file may keep pdf-lib busy for long, and here that blocks only this thread, which
 * the backend terminates when the time budget runs out.
 */
import { parentPort } from 'node:worker_threads';
import { isDomainError } from '#core/errors';
import { verifyPdf, type VerifyOptions } from '#signing/verify';

export type VerifyRequest = { id: number; bytes: Uint8Array; options: VerifyOptions };
/** The refusals verifyPdf makes (a file that is not a readable PDF). */
export type VerifyRefusal = 'SIGN_PDF_UNREADABLE' | 'SIGN_PDF_ENCRYPTED';

parentPort?.on('message', (request: VerifyRequest) => {
  verifyPdf(request.bytes, request.options).then(
    (result) => parentPort?.postMessage({ id: request.id, ok: true, result }),
    (error: unknown) => {
      const code: VerifyRefusal = isDomainError(error) && error.code === 'SIGN_PDF_ENCRYPTED' ? 'SIGN_PDF_ENCRYPTED' : 'SIGN_PDF_UNREADABLE';
      parentPort?.postMessage({ id: request.id, ok: false, code });
    },
  );
});
