import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Role } from '#core/contract';
import { fail } from '#core/errors';
import type { SignedInUser } from '#server/auth/sessions';
import { authenticate, requireRole } from '#server/auth/authenticate';
import type { DatabaseEngine, ServerDb } from '#server/db/open';
import type { ServerConfig } from '#server/config';
import { describeZodError } from './errors.ts';
import { ANONYMOUS_BODY_LIMIT_BYTES, DEFAULT_BODY_LIMIT_BYTES } from './limits.ts';

/**
 * Who may call a route: nobody needs to be signed in (only the routes in ANONYMOUS_ROUTES),
 * any signed-in user, or only some roles (checked before the handler; finer checks — units,
 * ownership — are the handler's, with requireRole / requireUnitInScope).
 */
export type Access = 'anonymous' | 'signedIn' | readonly Role[];

/**
 * The only routes anyone may call without a session. Registering another anonymous route is
 * refused at start-up: opening one is a decision to make here, in review, not by accident.
 */
export const ANONYMOUS_ROUTES: readonly string[] = ['POST /auth/login', 'POST /auth/refresh', 'GET /health'];

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What every handler can use: the database and the configuration. */
export type ServerDeps = {
  db: ServerDb;
  engine: DatabaseEngine;
  config: ServerConfig;
  /** The server program's version (package.json). */
  version: string;
};

/** What a handler gets: validated input, the caller, and the raw request/reply for headers. */
export type HandlerInput<B, P, Q, U> = {
  body: B;
  params: P;
  query: Q;
  user: U;
  request: FastifyRequest;
  reply: FastifyReply;
  deps: ServerDeps;
};

/**
 * A handler's answer to a GET whose If-None-Match names what it would send (its ETag): 304 and
 * no body — the caller holds the answer already.
 */
export const NOT_MODIFIED: unique symbol = Symbol('304 Not Modified');

/** Whether the request's If-None-Match names `etag` (a quoted entity tag; weak tags match too). */
export function holdsAlready(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** One HTTP route, described once: Fastify registers it and the OpenAPI document lists it. */
export type RouteDefinition = {
  method: HttpMethod;
  /** Fastify's path syntax, `/blobs/:sha256`. */
  url: string;
  /** One line, Polish, for the OpenAPI document. */
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  params?: z.ZodType;
  query?: z.ZodType;
  /** The answer's schema: the handler's result is parsed with it (unknown keys are dropped). */
  response: z.ZodType;
  /** Success status, 200 unless said. */
  status?: number;
  /** Bytes of body read at most (server/api/limits.ts); the default fits a form's JSON. */
  bodyLimit?: number;
  handler: (input: HandlerInput<unknown, unknown, unknown, SignedInUser | null>) => Promise<unknown>;
};

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type UserOf<A> = A extends 'anonymous' ? null : SignedInUser;

/**
 * Declares a route with types flowing from its schemas to its handler.
 *
 * ```ts
 * defineRoute({ method: 'POST', url: '/auth/login', access: 'anonymous', body: loginRequestSchema,
 *   response: loginResponseSchema, summary: '…', tag: 'konto', handler: async ({ body }) => … })
 * ```
 */
export function defineRoute<
  const A extends Access,
  R extends z.ZodType,
  B extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(spec: {
  method: HttpMethod;
  url: string;
  summary: string;
  description?: string;
  tag: string;
  access: A;
  body?: B;
  params?: P;
  query?: Q;
  response: R;
  status?: number;
  bodyLimit?: number;
  handler: (input: HandlerInput<Out<B>, Out<P>, Out<Q>, UserOf<A>>) => Promise<z.input<R> | typeof NOT_MODIFIED>;
}): RouteDefinition {
  return spec as unknown as RouteDefinition;
}

export function routeKey(r: Pick<RouteDefinition, 'method' | 'url'>): string {
  return `${r.method} ${r.url}`;
}

function parseOr400(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fail('INVALID_INPUT', { detail: `${where}: ${describeZodError(parsed.error)}` });
  return parsed.data;
}

/**
 * Registers routes on the app: the session and the role checked for every route that is not
 * anonymous as soon as the headers are in (`onRequest`, before a byte of the body is read: a
 * stranger cannot make the server buffer anything), each route's body limit, input validation
 * (400 with zod's Polish messages), and output validation (a handler answering outside its
 * schema is a bug: 500, logged).
 */
export function registerRoutes(app: FastifyInstance, deps: ServerDeps, routes: readonly RouteDefinition[]): void {
  // Declared up front so every request object has the same shape (Fastify's advice).
  if (!app.hasRequestDecorator('user')) app.decorateRequest('user', null as unknown as SignedInUser);
  const seen = new Set<string>();
  for (const route of routes) {
    const key = routeKey(route);
    if (seen.has(key)) throw new Error(`route defined twice: ${key}`);
    seen.add(key);
    if (route.access === 'anonymous' && !ANONYMOUS_ROUTES.includes(key)) {
      throw new Error(`route ${key} is anonymous but not in ANONYMOUS_ROUTES (server/api/route.ts)`);
    }
    const auth = authenticate(deps.db);
    const roles = Array.isArray(route.access) ? (route.access as readonly Role[]) : null;
    app.route({
      method: route.method,
      url: route.url,
      config: { access: route.access },
      bodyLimit: route.bodyLimit ?? (route.access === 'anonymous' ? ANONYMOUS_BODY_LIMIT_BYTES : DEFAULT_BODY_LIMIT_BYTES),
      onRequest:
        route.access === 'anonymous'
          ? []
          : [
              async (request) => {
                await auth(request);
                if (roles) requireRole(request, roles, route.summary);
              },
            ],
      handler: async (request, reply) => {
        const body = parseOr400(route.body, request.body, 'treść żądania');
        const params = parseOr400(route.params, request.params, 'adres');
        const query = parseOr400(route.query, request.query, 'parametry zapytania');
        const user = route.access === 'anonymous' ? null : request.user;
        const result = await route.handler({ body, params, query, user, request, reply, deps });
        if (result === NOT_MODIFIED) return reply.code(304).send();
        const out = route.response.safeParse(result);
        if (!out.success) throw new Error(`answer of ${key} does not match its schema: ${describeZodError(out.error)}`);
        return reply.code(route.status ?? 200).send(out.data);
      },
    });
  }
}
