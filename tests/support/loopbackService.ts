import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type LoopbackService = { url: string; requests: number; stop: () => Promise<void> };

/**
 * An HTTP service on 127.0.0.1 for the tests' own TSA and OCSP responder: each request's body
 * is handed to `answer` (with a fresh number and a scratch folder), which returns the reply
 * bytes, or null to leave the request unanswered (a service that hangs).
 */
export async function startLoopbackService(
  path: string,
  contentType: string,
  answer: (request: { body: Buffer; method: string; url: string; n: number; work: string }) => Promise<Buffer | null>,
): Promise<LoopbackService> {
  const work = mkdtempSync(join(tmpdir(), 'kancelaria-loopback-'));
  let counter = 0;
  const service: LoopbackService = { url: '', requests: 0, stop: async () => {} };
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      service.requests++;
      answer({ body: Buffer.concat(chunks), method: request.method ?? 'GET', url: request.url ?? '', n: ++counter, work }).then(
        (bytes) => {
          if (bytes !== null) response.writeHead(200, { 'content-type': contentType }).end(bytes);
        },
        () => response.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  service.url = `http://127.0.0.1:${address.port}${path}`;
  service.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(work, { recursive: true, force: true });
  };
  return service;
}
