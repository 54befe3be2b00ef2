import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestPki } from '#tests/support/certificates';

const run = promisify(execFile);

/** How the TSA answers: properly, with bytes that are no time-stamp reply, or not at all. */
export type TsaMode = 'reply' | 'garbage' | 'silent';

export type TestTsa = { url: string; mode: TsaMode; requests: number; stop: () => Promise<void> };

/**
 * A time-stamping authority on loopback (RFC 3161 over HTTP): each request is answered by
 * `openssl ts -reply` with the test PKI's TSA key — a real TSA implementation, not ours.
 */
export async function startTsa(pki: TestPki): Promise<TestTsa> {
  const work = mkdtempSync(join(tmpdir(), 'kancelaria-tsa-'));
  let counter = 0;
  const tsa: TestTsa = { url: '', mode: 'reply', requests: 0, stop: async () => {} };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      tsa.requests++;
      if (tsa.mode === 'silent') return; // the connection stays open, unanswered
      if (tsa.mode === 'garbage') {
        response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from('to nie jest znacznik czasu'));
        return;
      }
      const n = ++counter;
      const query = join(work, `${n}.tsq`);
      const reply = join(work, `${n}.tsr`);
      writeFileSync(query, Buffer.concat(chunks));
      run('openssl', ['ts', '-reply', '-config', pki.tsa.config, '-queryfile', query, '-out', reply]).then(
        () => response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(readFileSync(reply)),
        () => response.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TSA port');
  tsa.url = `http://127.0.0.1:${address.port}/tsa`;
  tsa.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(work, { recursive: true, force: true });
  };
  return tsa;
}
