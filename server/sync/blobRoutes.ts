/** The file routes (tus-style uploads, downloads): server/sync/blobStore.ts keeps the files. */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { fail } from '#core/errors';
import { defineRoute, type RouteDefinition } from '#server/api/route';
import { blobStateSchema } from '#sync/protocol/commands';
import { BLOB_CHUNK_LIMIT_BYTES } from '#server/api/limits';
import { blobStateFor, blobStream, mayRead, receiveChunk } from './blobStore.ts';

const shaParams = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Skrót SHA-256 to 64 znaki szesnastkowe.') });

function header(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

export const blobRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'HEAD',
    url: '/blobs/:sha256',
    tag: 'pliki',
    summary: 'Ile bajtów pliku ma od Ciebie serwer (nagłówki Upload-Offset, Upload-Length, Upload-Complete)',
    description: 'Jak w protokole tus: przed wysłaniem pliku stanowisko pyta, od którego miejsca wznowić. „Complete” tylko dla plików, które pytający może czytać.',
    access: 'signedIn',
    params: shaParams,
    response: z.undefined(),
    handler: async ({ params, user, reply, deps }) => {
      const state = await blobStateFor(deps.db, user, params.sha256);
      reply.header('upload-offset', String(state.received));
      reply.header('upload-length', String(state.size));
      reply.header('upload-complete', state.complete ? '?1' : '?0');
      return undefined;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/blobs/:sha256/state',
    tag: 'pliki',
    summary: 'Ile bajtów pliku ma od Ciebie serwer (wznawianie wysyłania)',
    access: 'signedIn',
    params: shaParams,
    response: blobStateSchema,
    handler: async ({ params, user, deps }) => blobStateFor(deps.db, user, params.sha256),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/blobs/:sha256',
    tag: 'pliki',
    summary: 'Kolejny fragment pliku od podanego przesunięcia (Upload-Offset, Upload-Length)',
    description: 'Treść: surowe bajty (application/offset+octet-stream), do 8 MiB. Po ostatnim fragmencie serwer sprawdza SHA-256 i odczytuje z treści typ pliku, liczbę stron i podpis.',
    access: 'signedIn',
    bodyLimit: BLOB_CHUNK_LIMIT_BYTES,
    params: shaParams,
    response: blobStateSchema,
    handler: async ({ params, user, request, deps }) => {
      const offset = Number(header(request.headers['upload-offset']) ?? 'NaN');
      const size = Number(header(request.headers['upload-length']) ?? 'NaN');
      if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(size) || size < 0) throw fail('INVALID_INPUT', { detail: 'brak nagłówków Upload-Offset i Upload-Length' });
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw fail('INVALID_INPUT', { detail: 'treść musi być typu application/offset+octet-stream' });
      const state = await receiveChunk(deps.db, deps.config.uploads, user, { sha256: params.sha256, offset, size, chunk: body, now: new Date() });
      if ('mismatch' in state) throw fail('BLOB_HASH_MISMATCH');
      return state;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/blobs/:sha256',
    tag: 'pliki',
    summary: 'Treść pliku (dla uprawnionych do pisma, sprawy lub decyzji, do której należy, i dla tego, kto go przesłał)',
    access: 'signedIn',
    params: shaParams,
    response: z.custom<Readable>((v) => v instanceof Readable),
    handler: async ({ params, user, reply, deps }) => {
      const file = (await mayRead(deps.db, user, params.sha256)) ? await blobStream(deps.db, params.sha256) : null;
      if (!file) throw fail('BLOB_NOT_FOUND');
      reply.header('content-type', file.mime);
      reply.header('content-length', String(file.size));
      return file.stream;
    },
  }),
];
