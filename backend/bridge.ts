import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Ctx } from '#core/services/context';
import { contract, isMethodName } from '#core/contract';
import { fail } from '#core/errors';
import { dispatch } from '#core/services/dispatch';
import { readSettings } from '#core/admin/settings';
import { CONTENT_SECURITY_POLICY } from '#core/security/csp';



/**
 * What Fastify itself refuses (broken JSON, a body past the limit, a content type it does not
 * read, a URL it cannot route) is answered in the bridge's envelope and in Polish, as every
 * other refusal; anything else is a bug: logged, and INTERNAL to the page.
 */
function refuseInEnvelope(ctx: Ctx, raw: unknown, req: FastifyRequest, reply: FastifyReply) {
  const error = (raw ?? {}) as { code?: string; statusCode?: number; message?: string };
  const known: Record<string, () => ReturnType<typeof fail>> = {
    FST_ERR_CTP_INVALID_JSON_BODY: () => fail('SERVER_BAD_JSON'),
    FST_ERR_CTP_EMPTY_JSON_BODY: () => fail('SERVER_BAD_JSON'),
    FST_ERR_CTP_BODY_TOO_LARGE: () => fail('SERVER_REQUEST_TOO_LARGE', { limit: '25 MB' }),
    FST_ERR_CTP_INVALID_MEDIA_TYPE: () => fail('SERVER_UNSUPPORTED_MEDIA', { type: req.headers['content-type'] ?? '(brak)' }),
    FST_ERR_BAD_URL: () => fail('SERVER_BAD_URL'),
    FST_ERR_MAX_PARAM_LENGTH: () => fail('SERVER_BAD_URL'),
  };
  const make = error.code === undefined ? (error instanceof SyntaxError ? known.FST_ERR_CTP_INVALID_JSON_BODY : undefined) : known[error.code];
  if (make === undefined) ctx.log(`bridge: ${req.method} ${req.url.split('?')[0] ?? ''} failed: ${error.code ?? ''} ${error.message ?? (raw instanceof Error ? raw.stack ?? '' : '')}`);
  const shown = make === undefined ? fail('INTERNAL') : make();
  return reply.code(make === undefined ? 500 : (error.statusCode ?? 400)).send({ ok: false, error: { code: shown.code, message: shown.message } });
}

export type Bridge = { url: string; token: string; launchCode: string; port: number; close(): Promise<void> };

/**
 * Browser mode's transport: the same contract over HTTP on 127.0.0.1 only, behind a random
 * token. It exists because the Electron binary cannot be downloaded on build machines, and it
 * is what the end-to-end tests drive.
 */
export async function startBridge(ctx: Ctx, opts: { rendererDir: string; port?: number }): Promise<Bridge> {
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  // What the launcher hands the system's browser opener: a code good for one exchange in the
  // first five minutes, so the token itself never stands on a command line (visible in `ps`).
  const launchCode = randomBytes(24).toString('base64url');
  const launchUntil = Date.now() + 5 * 60_000;
  let launchUsed = false;
  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: 25 * 1024 * 1024,
    // A URL the router cannot read gets the bridge's envelope too, not Fastify's English body.
    frameworkErrors: (error, req, reply) => {
      void refuseInEnvelope(ctx, error, req, reply);
    },
  });
  let port = 0;

  const authorised = (header: string | undefined) => {
    const given = Buffer.from((header ?? '').replace(/^Bearer /, ''));
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  app.addHook('onRequest', async (req, reply) => {
    // A page on another site can make the browser call 127.0.0.1 under its own host name
    // (DNS rebinding); accept only our own host names.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return reply.code(421).send('Misdirected request');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (req.url.startsWith('/api/') && !authorised(req.headers.authorization)) {
      return reply.code(401).send({ ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Sesja przeglądarki wygasła. Uruchom Kancelarię ponownie (npm start) i otwórz podany adres.' } });
    }
  });

  app.post('/launch', async (req, reply) => {
    const given = Buffer.from(typeof (req.body as { code?: unknown } | null)?.code === 'string' ? (req.body as { code: string }).code : '');
    const expected = Buffer.from(launchCode);
    if (launchUsed || Date.now() > launchUntil || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.code(403).send({ ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Ten odnośnik do Kancelarii był już użyty albo wygasł. Otwórz adres z „#token=…” podany w oknie, w którym uruchomiono Kancelarię, albo uruchom ją ponownie.' } });
    }
    launchUsed = true;
    return reply.send({ ok: true, value: { token } });
  });

  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));

  app.setErrorHandler((error, req, reply) => refuseInEnvelope(ctx, error, req, reply));

  const sendFile = (reply: FastifyReply, value: unknown) => {
    const f = value as { fileName: string; mime: string; bytes: Uint8Array };
    return reply
      .header('Content-Type', f.mime)
      .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .send(Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength));
  };

  app.post('/api/upload', async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const fileName = typeof query.fileName === 'string' ? query.fileName : '';
    // A scan for the registry unless another method that takes a file is named.
    const method = query.method === undefined ? 'scans.upload' : query.method;
    if (typeof method !== 'string' || !isMethodName(method) || contract[method].kind !== 'upload') {
      return reply.code(400).send({ ok: false, error: { code: 'UNKNOWN_METHOD', message: fail('UNKNOWN_METHOD', { method: typeof method === 'string' ? method : '?' }).message } });
    }
    const max = readSettings(ctx.store).maxScanMb * 1024 * 1024;
    const tmp = ctx.blobs.tempPath();
    let size = 0;
    try {
      // Stream to a temp file, keeping at most the office limit (with backpressure, so memory
      // stays flat); the rest is read and dropped so the browser gets our refusal instead of
      // a broken connection. A declared size over the limit writes nothing at all.
      const declared = Number(req.headers['content-length'] ?? 0);
      const keep = declared > max ? 0 : max;
      await pipeline(
        req.body as Readable,
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            size += chunk.length;
            done(null, size <= keep ? chunk : undefined);
          },
        }),
        createWriteStream(tmp, { mode: 0o600 }),
      );
      const result = await dispatch(ctx, method, { fileName }, { size, bytes: () => readFileSync(tmp) });
      return await reply.send(result);
    } finally {
      rmSync(tmp, { force: true });
    }
  });

  app.post<{ Params: { method: string } }>('/api/:method', async (req, reply) => {
    const { method } = req.params;
    if (isMethodName(method) && contract[method].kind === 'upload') {
      return reply.code(400).send({ ok: false, error: { code: 'INVALID_INPUT', message: 'Pliki wysyła się przez /api/upload.' } });
    }
    const result = await dispatch(ctx, method, req.body);
    if (result.ok && isMethodName(method) && contract[method].kind === 'file') return sendFile(reply, result.value);
    return reply.send(result);
  });

  if (existsSync(join(opts.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.rendererDir, index: 'index.html' });
  } else {
    app.get('/', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('Interfejs nie jest zbudowany: uruchom "npm run build:renderer".'));
  }

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, token, launchCode, port, close: () => app.close() };
}

export function rendererBuildTime(rendererDir: string): number | null {
  try {
    return statSync(join(rendererDir, 'index.html')).mtimeMs;
  } catch {
    return null;
  }
}
