/**
 * How a workstation reaches the central server: only over HTTPS (plain http:// to this very
 * computer alone, e.g. a test or a local TLS proxy), trusting only the office's CA when it is
 * given (pinned: the system's public roots then count for nothing), HTTP/2 when the server
 * offers it. Every request to the server goes through `serverFetch`.
 */
import { Agent, fetch, Response } from 'undici';
import { fail } from '#core/errors';

export type ServerConnection = {
  url: URL;
  fetch(path: string, init: { method: string; headers: Record<string, string>; body?: string | Buffer | undefined; signal?: AbortSignal }): Promise<Response>;
  close(): Promise<void>;
};

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `host` is this computer (127.0.0.0/8, ::1, localhost). */
export function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The server's address, refused in Polish when it is not one to send passwords to. */
export function checkServerUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('SYNC_SERVER_URL_INVALID', { url: raw });
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return url;
  if (url.protocol === 'http:') throw fail('SYNC_SERVER_URL_PLAIN', { url: raw });
  throw fail('SYNC_SERVER_URL_INVALID', { url: raw });
}

/** TLS failures that mean "not our server", not "no network". */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The TLS error code behind a failed fetch, when its cause is the server's certificate. */
export function untrustedCertificate(e: unknown): string | null {
  let cause: unknown = e;
  for (let depth = 0; depth < 4 && typeof cause === 'object' && cause !== null; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && UNTRUSTED.has(code)) return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/** One request to the server as bench/sync.ts measures it: until its whole body has arrived. */
export type ServerCall = { path: string; ms: number; bytes: number; t0: number; t1: number };
/** Set by a benchmark to time every request; null in the product. */
export const serverCallTrace: { listener: ((call: ServerCall) => void) | null } = { listener: null };

export function serverConnection(rawUrl: string, caPem: string | null): ServerConnection {
  const url = checkServerUrl(rawUrl);
  const agent = new Agent({ allowH2: true, connect: { ...(caPem === null ? {} : { ca: caPem }), rejectUnauthorized: true } });
  const send = (path: string, init: Parameters<ServerConnection['fetch']>[1]) => fetch(new URL(path, url), { ...init, dispatcher: agent });
  return {
    url,
    async fetch(path, init) {
      const listener = serverCallTrace.listener;
      if (listener === null) return send(path, init);
      const t0 = performance.now();
      const res = await send(path, init);
      const bytes = await res.arrayBuffer();
      const t1 = performance.now();
      listener({ path: new URL(path, url).pathname, ms: t1 - t0, bytes: bytes.byteLength, t0, t1 });
      const noBody = [101, 204, 205, 304].includes(res.status);
      return new Response(noBody ? null : bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
    },
    close: () => agent.close(),
  };
}
