import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Http2SecureServer, Http2ServerRequest, Http2ServerResponse, Http2Session } from 'node:http2';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { fail } from '#core/errors';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '#sync/protocol';
import { registerRoutes, routeKey, type RouteDefinition, type ServerDeps } from '#server/api/route';
import { sendError } from '#server/api/errors';
import { DEFAULT_BODY_LIMIT_BYTES } from '#server/api/limits';
import { serverRoutes } from '#server/routes/index';

// zod's own messages in Polish, as on the workstation (core/contract.ts does the same).
z.config(z.locales.pl());


/**
 * The central server's HTTP app: every route from `routes` (server/routes/index.ts), their
 * validation and authorisation, `{ code, message }` refusals in Polish, and no state of its own
 * beyond the database handle — a second process on the same database is an equal.
 */
export async function buildServerApp(deps: ServerDeps, routes: readonly RouteDefinition[] = serverRoutes(), tls?: { key: string; cert: string }): Promise<FastifyInstance> {
  // HTTPS, and HTTP/2 where the client offers it (ALPN), HTTP/1.1 otherwise. The routes see
  // Fastify's request either way; the http2 server's types differ only in the raw objects.
  // The proxies' addresses, or a hop count: the nearest `hops` hops are proxies, the next one
  // is the client (what proxy-addr does with a number, which Fastify's types do not list).
  const configured = deps.config.trustProxy;
  const trustProxy = typeof configured === 'number' ? (_address: string, hop: number) => hop < configured : (configured ?? false);
  const options = {
    logger: false,
    trustProxy,
    // Every route is explicit (and in the OpenAPI document); HEAD is declared where wanted.
    exposeHeadRoutes: false,
    // Each route sets its own (server/api/limits.ts); this is for what matches no route.
    bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    return503OnClosing: true,
    // A URL the router cannot read (a bad %-escape, a parameter past its length) is refused in
    // Polish like everything else, not with Fastify's own English body.
    // (Typed for the HTTP/1 request; the HTTP/2 server hands the same Fastify request and reply.)
    frameworkErrors: ((error: Error, request: FastifyRequest, reply: FastifyReply) => {
      sendError(request, reply, error);
    }) as never,
  };
  const app: FastifyInstance = tls
    ? (Fastify({ ...options, http2: true, https: { key: tls.key, cert: tls.cert, allowHTTP1: true, minVersion: 'TLSv1.2' } }) as unknown as FastifyInstance)
    : Fastify(options);

  if (tls) closeKeptConnectionsOnStop(app);

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
  // Blob pieces (PATCH /blobs/:sha256) arrive as raw bytes, tus-style, within that route's limit.
  app.addContentTypeParser('application/offset+octet-stream', { parseAs: 'buffer' }, (_request, body, done) => {
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

/**
 * Workstations keep their HTTP/2 session (or HTTP/1.1 connection) open between rounds, and
 * closing the server waits for every one to end. At shutdown each HTTP/2 session is told to
 * finish what is in flight and go (GOAWAY), and each HTTP/1.1 connection is closed as soon as
 * it has no request running — as Fastify's `forceCloseConnections: 'idle'` does for plain HTTP,
 * which the HTTP/2 server lacks. Otherwise a stop would hang until the connections time out.
 */
function closeKeptConnectionsOnStop(app: FastifyInstance): void {
  const server = app.server as unknown as Http2SecureServer;
  const sessions = new Set<Http2Session>();
  const running = new Map<Socket, number>();
  let closing = false;
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  server.on('secureConnection', (socket: Socket) => {
    running.set(socket, 0);
    socket.once('close', () => running.delete(socket));
  });
  server.on('request', (req: Http2ServerRequest, res: Http2ServerResponse) => {
    if (req.httpVersionMajor !== 1) return;
    const socket = req.socket;
    running.set(socket, (running.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (running.get(socket) ?? 1) - 1;
      running.set(socket, left);
      if (closing && left === 0) socket.destroy();
    });
  });
  app.addHook('preClose', (done) => {
    closing = true;
    for (const session of sessions) session.close();
    for (const [socket, count] of running) if (count === 0 && ![...sessions].some((s) => s.socket === socket)) socket.destroy();
    done();
  });
}

