import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { fail } from '#core/errors';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '#sync/protocol';
import { registerRoutes, routeKey, type RouteDefinition, type ServerDeps } from '#server/api/route';
import { sendError } from '#server/api/errors';
import { serverRoutes } from '#server/routes/index';

// zod's own messages in Polish, as on the workstation (core/contract.ts does the same).
z.config(z.locales.pl());

/** Largest JSON body accepted (blobs, when they come, have their own routes and limits). */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Largest piece of a blob upload. */
export const BLOB_CHUNK_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * The central server's HTTP app: every route from `routes` (server/routes/index.ts), their
 * validation and authorisation, `{ code, message }` refusals in Polish, and no state of its own
 * beyond the database handle — a second process on the same database is an equal.
 */
export async function buildServerApp(deps: ServerDeps, routes: readonly RouteDefinition[] = serverRoutes()): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    trustProxy: deps.config.trustProxy ?? false,
    // Every route is explicit (and in the OpenAPI document); HEAD is declared where wanted.
    exposeHeadRoutes: false,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
  });

  // Every route must come from the definitions, so the OpenAPI document lists all of them.
  const registered: string[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of Array.isArray(r.method) ? r.method : [r.method]) registered.push(`${method} ${r.url}`);
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  // Blob pieces (PATCH /blobs/:sha256) arrive as raw bytes, tus-style; up to 8 MiB a piece.
  app.addContentTypeParser('application/offset+octet-stream', { parseAs: 'buffer', bodyLimit: BLOB_CHUNK_LIMIT_BYTES }, (_request, body, done) => {
    done(null, body);
  });
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) => sendError(request, reply, fail('SERVER_ROUTE_NOT_FOUND', { method: request.method, path: request.url.split('?')[0] ?? request.url })));

  registerRoutes(app, deps, routes);
  await app.ready();
  const described = new Set(routes.map(routeKey));
  const stray = registered.filter((k) => !described.has(k));
  if (stray.length > 0) throw new Error(`routes registered outside server/routes (not in the OpenAPI document): ${stray.join(', ')}`);
  return app;
}
