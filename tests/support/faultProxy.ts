import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { serverCaFor } from './server.ts';
import type { AddressInfo } from 'node:net';

// A loopback HTTP proxy between workstations and the central server that misbehaves on
// purpose, the way office networks do: the server unreachable, an answer lost after the server
// committed, a request delivered twice.

export type FaultMode =
  /** Pass everything through. */
  | 'pass'
  /** The network is down: connections are cut before reaching the server. */
  | 'down'
  /** The server gets the request and answers; the answer never reaches the workstation. */
  | 'dropResponse'
  /** The server gets every request twice (a retrying middlebox); the second answer is passed on. */
  | 'duplicate'
  /** The request never reaches the server; the proxy answers 500 (a server-side fault). */
  | 'refuse';

export type FaultProxy = {
  url: string;
  mode: FaultMode;
  /** Where requests go (the server's address changes when it is restarted). */
  target: string;
  /** When set, the mode applies only to requests whose path matches; the rest pass. */
  only: RegExp | null;
  /** Called with each request's path before its mode is chosen: a test may change the mode there (cut the network after the n-th pull). */
  onRequest: ((path: string) => void) | null;
  /** Each request passed on waits this long first (a slow line). */
  delayMs: number;
  /** How many requests each mode has affected (a test that meant to inject faults can check it did). */
  counts: Record<FaultMode, number>;
  close(): Promise<void>;
};

function forward(target: string, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.url ?? '/', target);
    // The server speaks HTTPS with the office CA; the workstations reach this proxy on loopback.
    const ca = serverCaFor(target);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const out = send(url, { method: req.method, headers: { ...req.headers, host: url.host }, ...(ca === null ? {} : { ca }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const state: FaultProxy = {
    url: '',
    mode: 'pass',
    target,
    only: null,
    onRequest: null,
    delayMs: 0,
    counts: { pass: 0, down: 0, dropResponse: 0, duplicate: 0, refuse: 0 },
    close: () => Promise.resolve(),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.onRequest?.(req.url ?? '');
      const mode = state.only && !state.only.test(req.url ?? '') ? 'pass' : state.mode;
      state.counts[mode]++;
      const body = Buffer.concat(chunks);
      if (mode === 'down') {
        req.socket.destroy();
        return;
      }
      if (mode === 'refuse') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'SERVER_ERROR', message: 'Serwer urzędu zgłosił błąd.' }));
        return;
      }
      const send = async () => {
        try {
          if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
          if (mode === 'duplicate') await forward(state.target, req, body);
          const answer = await forward(state.target, req, body);
          if (mode === 'dropResponse') {
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        } catch {
          // The server itself is gone (killed): the workstation sees a cut connection.
          req.socket.destroy();
        }
      };
      void send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
