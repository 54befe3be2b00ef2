import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestPki } from '#tests/support/certificates';

const run = promisify(execFile);

export type TestOcsp = { url: string; requests: number; stop: () => Promise<void> };

/**
 * The intermediate CA's OCSP responder on loopback: each request answered by `openssl ocsp`
 * from the CA's own index (so `revoke()` shows at once), signed by the CA — a real responder
 * implementation, not ours.
 */
export async function startOcsp(pki: TestPki): Promise<TestOcsp> {
  const work = mkdtempSync(join(tmpdir(), 'kancelaria-ocsp-'));
  let counter = 0;
  const ocsp: TestOcsp = { url: '', requests: 0, stop: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      ocsp.requests++;
      const n = ++counter;
      const query = join(work, `${n}.req`);
      const answer = join(work, `${n}.resp`);
      // RFC 6960 A.1: a POST carries the DER request; a GET has it base64 in the path (NSS uses GET).
      const inPath = request.method === 'GET' ? decodeURIComponent((request.url ?? '').replace(/^\/ocsp\/?/, '')) : '';
      writeFileSync(query, request.method === 'GET' ? Buffer.from(inPath, 'base64') : Buffer.concat(chunks));
      const { intermediate } = pki;
      run('openssl', ['ocsp', '-index', join(intermediate.caDir, 'index.txt'), '-CA', intermediate.file, '-rsigner', intermediate.file, '-rkey', intermediate.key, '-reqin', query, '-respout', answer, '-ndays', '1']).then(
        () => response.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(readFileSync(answer)),
        () => response.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no OCSP port');
  ocsp.url = `http://127.0.0.1:${address.port}/ocsp`;
  ocsp.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(work, { recursive: true, force: true });
  };
  return ocsp;
}
