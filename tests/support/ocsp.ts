import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestPki } from '#tests/support/certificates';
import { startLoopbackService, type LoopbackService } from '#tests/support/loopbackService';

const run = promisify(execFile);

export type TestOcsp = LoopbackService;

/**
 * The intermediate CA's OCSP responder on loopback: each request answered by `openssl ocsp`
 * from the CA's own index (so `revoke()` shows at once), signed by the CA — a real responder
 * implementation, not ours.
 */
export function startOcsp(pki: TestPki): Promise<TestOcsp> {
  return startLoopbackService('/ocsp', 'application/ocsp-response', async ({ body, method, url, n, work }) => {
    const query = join(work, `${n}.req`);
    const answer = join(work, `${n}.resp`);
    // RFC 6960 A.1: a POST carries the DER request; a GET has it base64 in the path (NSS uses GET).
    writeFileSync(query, method === 'GET' ? Buffer.from(decodeURIComponent(url.replace(/^\/ocsp\/?/, '')), 'base64') : body);
    const { intermediate } = pki;
    await run('openssl', ['ocsp', '-index', join(intermediate.caDir, 'index.txt'), '-CA', intermediate.file, '-rsigner', intermediate.file, '-rkey', intermediate.key, '-reqin', query, '-respout', answer, '-ndays', '1']);
    return readFileSync(answer);
  });
}
