/**
 * The route fuzzer: the real server process (tests/support/server.ts) on either engine, signed
 * in as each role, and `runRoute`, which sends one route of `serverRoutes()` requests made from
 * its zod schemas and spoilt — by strangers, forged sessions and each role; wrong types, huge
 * and deeply nested JSON, prototype-pollution keys, broken JSON, content types that lie, bodies
 * past the limit, path parameters that are not valid URL components, junk query strings; pushed
 * commands with arguments from each command's own schema. Shared by
 * tests/integration/server/fuzzRoutes.test.ts (fixed seed) and bench/fuzz.ts (longer).
 *
 * Judged: never a 5xx, an answer within REQUEST_MS (half of it at most, or it is reported as
 * slow), every refusal exactly `{ code, message }` in Polish from the catalogue.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Agent, fetch as undiciFetch } from 'undici';
import type { z } from 'zod';
import { engineCommands } from '#core/commands/registry';
import type { RouteDefinition } from '#server/api/route';
import { ANONYMOUS_BODY_LIMIT_BYTES, DEFAULT_BODY_LIMIT_BYTES } from '#server/api/limits';
import { serverRoutes } from '#server/routes/index';
import { describeInput, fuzzCases, jsonBody, malformedArbitrary, mutateBytes, mutateValue, NASTY_STRINGS, refusalProblem, samples, schemaArbitrary } from './fuzz.ts';
import { onePagePdf, pngImage } from './pdfs.ts';
import { DEMO_PASSWORD, serverCaFor, startServer, type ServerEngine, type ServerProcess, type Tokens } from './server.ts';

/** One request must be answered within this. */
export const REQUEST_MS = 10_000;

const ROLES = { admin: 'gszymanski', registry: 'akowalska', clerk: 'tlukasik', head: 'kzielinska' } as const;
type Role = keyof typeof ROLES;
/** Logins the fuzzer may try passwords on: not the ones whose sessions it uses (a slowed-down account would stop the run). */
const FUZZ_LOGINS = ['mwojcik', 'edabrowska', 'jnowak', 'pwisniewski', 'mkaminski', 'nikt', 'ADMIN', ' gszymanski'];

type Caller = { kind: 'anonymous' } | { kind: 'forged'; header: string } | { kind: 'role'; role: Role };
type Request = { method: string; path: string; headers: Record<string, string>; body?: string | Uint8Array; describe: string };

const FORGED_AUTH = [
  'Bearer ',
  'Bearer',
  'Bearer x.y.z',
  `Bearer ${'A'.repeat(4_000)}`,
  'Basic Z3N6eW1hbnNraTpkZW1vMTIzNA==',
  'bearer \t',
  `Bearer ${randomBytes(32).toString('base64url')}`,
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
];

const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/xml', 'application/offset+octet-stream', '', '*/*', 'application/json, text/plain'];

const BAD_JSON = ['{', '{"a":', 'nul', '\u0000', '[1,]', '\uFEFF{}', '{"__proto__":{"isAdmin":true}}', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, '{"a":1,"a":2}', '1e999999', '"\\uD800"', ''];

/** Arguments for a pushed command, from that command's own schema (its rules run on the server). */
function mutationsArbitrary(): fc.Arbitrary<unknown> {
  const names = Object.keys(engineCommands) as (keyof typeof engineCommands)[];
  const one = fc.constantFrom(...names).chain((name) =>
    fc.tuple(schemaArbitrary(engineCommands[name].args as z.ZodType, {}, false), fc.boolean()).map(([args, spoil]) => ({
      id: 1,
      name: spoil ? `${name}X` : name,
      args,
      eventIds: [],
      createdAt: new Date().toISOString(),
    })),
  );
  return fc.tuple(fc.uuid(), fc.array(one, { minLength: 1, maxLength: 3 })).map(([clientId, mutations]) => ({ clientId, mutations: mutations.map((m, i) => ({ ...m, id: i + 1 })) }));
}

/** Every byte but the unreserved ones as %XX (lone surrogates become U+FFFD's bytes, as a browser sends them). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** A path with its `:params` filled: from the params schema, or raw junk that is not a valid URL component. */
function pathFor(route: RouteDefinition, params: unknown, raw: string | null): string {
  return route.url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    if (raw !== null) return raw;
    const v = params !== null && typeof params === 'object' ? (params as Record<string, unknown>)[name] : params;
    // Capped: a megabyte of path is refused by the HTTP/2 client itself (frame size), before the server.
    return percentEncoded(typeof v === 'string' ? v.slice(0, 6_000) : describeInput(v, 300));
  });
}

const RAW_SEGMENTS = ['%', '%zz', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', '%00', 'a'.repeat(5_000), '%C0%AF', '..'];

/** What one route did with its requests. */
export type RouteFuzzResult = { route: string; requests: number; refusals: number; failures: string[]; ms: number };

/** Starts the server on `engine`, signs in each role, and returns the fuzzer over it. */
export async function fuzzServer(engine: ServerEngine) {
  const routes: RouteDefinition[] = serverRoutes();
  const tokens = new Map<Role, Tokens>();
  let failures: string[] = [];
  let requests = 0;
  let refusals = 0;

  // Each route gets its own connection: HTTP/2 closes a session (ENHANCE_YOUR_CALM) after
  // enough streams it had to cut short (bodies past the limit), which must not spill over.
  let agent: Agent | null = null;
  const fetchHere = (url: URL, init: Parameters<typeof undiciFetch>[1]) => {
    const ca = serverCaFor(server.url);
    agent ??= new Agent({ allowH2: true, connect: ca === null ? {} : { ca } });
    return undiciFetch(url, { ...init, dispatcher: agent });
  };
  const freshConnection = async () => {
    const old = agent;
    agent = null;
    await old?.close().catch(() => undefined);
  };

  // Each sign-in from an address of its own: the fuzzer's failed logins must not get our
  // sessions rate-limited (the limit is per address; the fuzzed requests use 10.x.y.1).
  let signIns = 0;
  async function signIn(role: Role): Promise<void> {
    signIns++;
    tokens.set(role, await server.login(ROLES[role], DEMO_PASSWORD, `172.16.${String(signIns % 250)}.${String(1 + ((signIns / 250) | 0))}`));
  }

  /** Sends one request; whatever comes back is judged here. */
  async function send(route: string, caller: Caller, req: Request): Promise<void> {
    requests++;
    const headers: Record<string, string> = { 'x-forwarded-for': `10.${String(requests % 250)}.${String((requests >> 8) % 250)}.1`, ...req.headers };
    if (caller.kind === 'forged') headers.authorization = caller.header;
    if (caller.kind === 'role') headers.authorization = `Bearer ${tokens.get(caller.role)?.accessToken ?? ''}`;
    const where = `${route} as ${caller.kind === 'role' ? caller.role : caller.kind}: ${req.method} ${req.path.slice(0, 200)} ${req.describe}`;
    let status: number;
    let text: string;
    const started = performance.now();
    try {
      const res = await fetchHere(new URL(req.path, server.url), {
        method: req.method,
        headers,
        // An empty body goes as none: undici's HTTP/2 client never ends a stream whose body is
        // an empty string (node:http2 sending the same gets the server's 400 at once).
        ...(req.body !== undefined && req.body !== '' ? { body: req.body } : {}),
        signal: AbortSignal.timeout(REQUEST_MS),
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      const err = e as Error & { cause?: Error & { code?: string } };
      const cause = `${err.cause?.code ?? ''} ${err.cause?.name ?? ''} ${err.cause?.message ?? ''} ${err.message}`;
      // A body past the limit may be cut off by the server before it is all sent: a refusal, not a fault.
      if (req.describe.startsWith('too large') && /ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed|HTTP2|half-closed/i.test(cause)) {
        await freshConnection();
        return;
      }
      if (/ENHANCE_YOUR_CALM|GOAWAY/.test(cause)) await freshConnection();
      failures.push(`${where}: no answer (${err.name}: ${err.message}${err.cause ? ` / ${err.cause.name}: ${err.cause.message}` : ''})`);
      return;
    }
    const ms = performance.now() - started;
    if (ms > REQUEST_MS / 2) failures.push(`${where}: answered only after ${ms.toFixed(0)} ms`);
    if (status >= 500) failures.push(`${where}: ${String(status)} ${text.slice(0, 300)}`);
    if (caller.kind === 'role' && status === 401) await signIn(caller.role);
    if (status < 400 && req.path.startsWith('/sync/push')) {
      // A push answers 200 with each command's outcome: a rule's refusal is read by a person too.
      const results = (JSON.parse(text) as { results?: { id: number; status: string; error: { code?: unknown; message?: unknown } | null }[] }).results ?? [];
      for (const r of results) {
        if (r.status !== 'rejected') continue;
        const problem = r.error === null ? 'rejected without a reason' : refusalProblem(r.error, req.body);
        if (problem) failures.push(`${where}: command ${String(r.id)} ${problem}`);
      }
    }
    if (status < 400 || req.method === 'HEAD') return;
    refusals++;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      failures.push(`${where}: ${String(status)} with a body that is not JSON: ${text.slice(0, 200)}`);
      return;
    }
    const problem = refusalProblem(body as { code?: unknown; message?: unknown }, req.body === undefined ? req.path : [req.path, typeof req.body === 'string' ? req.body : '']);
    if (problem) failures.push(`${where}: ${String(status)} ${problem}`);
    const keys = body !== null && typeof body === 'object' ? Object.keys(body).sort().join(',') : '';
    if (keys !== 'code,message') failures.push(`${where}: the refusal has keys ${keys}, not exactly code and message`);
  }

  // The closures above use it only from here on.
  const server: ServerProcess = await startServer({ engine });
  try {
    for (const role of Object.keys(ROLES) as Role[]) await signIn(role);
  } catch (e) {
    await server.stop();
    throw e;
  }

  /** Runs `work`, collecting what it found apart from earlier calls. */
  async function collect(route: string, work: () => Promise<void>): Promise<RouteFuzzResult> {
    const began = performance.now();
    const [r0, q0] = [requests, refusals];
    failures = [];
    await freshConnection();
    await work();
    return { route, requests: requests - r0, refusals: refusals - q0, failures, ms: performance.now() - began };
  }

  return {
    server,
    routes,
    /** Sends route number `index` of `routes` `runs` requests for `seed`, and judges every answer. */
    runRoute(index: number, seed: number, runs: number): Promise<RouteFuzzResult> {
      const route = routes[index];
      if (!route) throw new Error(`no route ${String(index)}`);
      const name = `${route.method} ${route.url}`;
      return collect(name, async () => {
        const bodies: unknown[] =
          route.url === '/sync/push'
            ? samples(fc.oneof({ weight: 3, arbitrary: mutationsArbitrary() }, { weight: 1, arbitrary: fuzzCases(route.body as z.ZodType).map((c) => c.input) }), seed, runs)
            : route.body
              ? samples(fuzzCases(route.body, { properties: { login: FUZZ_LOGINS, password: [DEMO_PASSWORD, 'zle-haslo'] } }), seed, runs).map((c) => c.input)
              : samples(malformedArbitrary(), seed, runs);
        const params = route.params ? samples(fuzzCases(route.params, { properties: { sha256: ['0'.repeat(64)] } }), seed + 1, runs).map((c) => c.input) : [];
        const spoilt = samples(fc.tuple(fc.nat(), fc.nat(), malformedArbitrary(), fc.nat({ max: 20 })), seed + 2, runs);
        for (let i = 0; i < runs; i++) {
          const callers: Caller[] = [{ kind: 'anonymous' }, { kind: 'forged', header: FORGED_AUTH[i % FORGED_AUTH.length] ?? '' }, { kind: 'role', role: (['admin', 'registry', 'clerk', 'head'] as const)[i % 4] ?? 'admin' }];
          const caller = route.access === 'anonymous' ? ({ kind: 'anonymous' } as const) : (callers[i % 5 < 3 ? 2 : i % 5 === 3 ? 0 : 1] ?? { kind: 'anonymous' });
          const raw = route.params && i % 7 === 6 ? (RAW_SEGMENTS[(i / 7) % RAW_SEGMENTS.length | 0] ?? '%') : null;
          const query = i % 6 === 5 ? `?${['a=1&a=2', '__proto__[isAdmin]=1', 'constructor[prototype][x]=1', `q=${percentEncoded(NASTY_STRINGS[i % NASTY_STRINGS.length] ?? '')}`, `x=${'y'.repeat(3_000)}`][i % 5] ?? ''}` : '';
          const path = pathFor(route, params[i] ?? null, raw) + query;
          const headers: Record<string, string> = {};
          let body: string | Uint8Array | undefined;
          let what = '';
          const hasBody = route.method !== 'GET' && route.method !== 'HEAD';
          if (route.url === '/blobs/:sha256' && route.method === 'PATCH') {
            // Raw bytes with tus headers, honest or not.
            const file = i % 2 === 0 ? pngImage(i) : await onePagePdf(`Plik ${String(i)}`);
            const bytes = i % 3 === 0 ? file : mutateBytes(file, seed + i).bytes;
            body = bytes;
            headers['content-type'] = i % 5 === 4 ? (CONTENT_TYPES[i % CONTENT_TYPES.length] ?? 'text/plain') : 'application/offset+octet-stream';
            headers['upload-offset'] = String([0, 0, -1, 5, Number.MAX_SAFE_INTEGER, 'NaN', '1e3', ''][i % 8]);
            headers['upload-length'] = String([bytes.length, bytes.length + 10, 0, 2 ** 53, -5, 'x'][i % 6]);
            if (i % 4 === 1) headers['x-blob-mime'] = ['image/png', 'text/html', '', '../../x'][i % 4] ?? '';
            what = `${String(bytes.length)} bytes, offset ${headers['upload-offset'] ?? ''}, length ${headers['upload-length'] ?? ''}, ${headers['content-type']}`;
          } else if (hasBody) {
            const mode = i % 10;
            if (mode === 7) {
              body = BAD_JSON[(i / 10) % BAD_JSON.length | 0] ?? '{';
              headers['content-type'] = 'application/json';
              what = `bad JSON ${describeInput(body, 60)}`;
            } else if (mode === 8) {
              body = jsonBody(bodies[i] ?? {});
              headers['content-type'] = CONTENT_TYPES[(i / 10) % CONTENT_TYPES.length | 0] ?? 'text/plain';
              what = `content-type lie "${headers['content-type']}" ${describeInput(bodies[i])}`;
            } else if (mode === 9 && i % 20 === 9) {
              const limit = route.bodyLimit ?? (route.access === 'anonymous' ? ANONYMOUS_BODY_LIMIT_BYTES : DEFAULT_BODY_LIMIT_BYTES);
              body = JSON.stringify({ pad: 'x'.repeat(Math.min(limit * 2, 3_000_000)) });
              headers['content-type'] = 'application/json';
              what = `too large (${String(body.length)} bytes)`;
            } else {
              const [pick, op, bad, key] = spoilt[i] ?? [0, 0, null, 0];
              const value = mode === 6 ? mutateValue(bodies[i], pick, op, bad, key).value : bodies[i];
              body = value === undefined ? '' : jsonBody(value);
              headers['content-type'] = 'application/json';
              what = describeInput(value);
            }
          } else if (i % 9 === 8) {
            // A GET with a body and a content type: ignored or refused, never a fault.
            headers['content-type'] = 'application/json';
            what = 'GET/HEAD with a content type';
          }
          // Past the route's limit, whatever made it so: the server may cut the upload short.
          const bodyLimit = route.bodyLimit ?? (route.access === 'anonymous' ? ANONYMOUS_BODY_LIMIT_BYTES : DEFAULT_BODY_LIMIT_BYTES);
          const size = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
          if (size > bodyLimit && !what.startsWith('too large')) what = `too large (${String(size)} bytes) ${what}`;
          await send(name, caller, { method: route.method, path, headers, ...(body !== undefined ? { body } : {}), describe: what });
        }
      });
    },
    /**
     * Every engine command pushed with arguments from its own schema: the least a client can
     * send (required fields only) and two fuller ones, by each role in turn, one per push.
     */
    runCommandSweep(seed: number): Promise<RouteFuzzResult> {
      return collect('POST /sync/push (every command)', async () => {
        const names = Object.keys(engineCommands) as (keyof typeof engineCommands)[];
        for (const [n, name] of names.entries()) {
          const schema = engineCommands[name].args as z.ZodType;
          const argsList = [...samples(schemaArbitrary(schema, { requiredOnly: true }, false), seed + n, 1), ...samples(schemaArbitrary(schema, {}, false), seed + n, 2)];
          for (const [i, args] of argsList.entries()) {
            const role = (['admin', 'registry', 'clerk', 'head'] as const)[(n + i) % 4] ?? 'admin';
            const body = jsonBody({ clientId: crypto.randomUUID(), mutations: [{ id: 1, name, args, eventIds: [], createdAt: new Date().toISOString() }] });
            await send('POST /sync/push', { kind: 'role', role }, { method: 'POST', path: '/sync/push', headers: { 'content-type': 'application/json' }, body, describe: `${name} ${describeInput(args)}` });
          }
        }
      });
    },
    /** Paths no route serves and methods no route has: 404 in Polish too. */
    runUnknownRoutes(): Promise<RouteFuzzResult> {
      return collect('(no route)', async () => {
        for (const [method, path] of [
          ['GET', '/nie-ma'],
          ['DELETE', '/auth/login'],
          ['PUT', '/sync/push'],
          ['GET', '/%'],
          ['POST', `/${'a'.repeat(10_000)}`],
          ['OPTIONS', '/health'],
        ] as const) {
          await send('(none)', { kind: 'role', role: 'admin' }, { method, path, headers: {}, describe: '' });
        }
      });
    },
    /** How many requests were sent and refused in all. */
    totals: () => ({ requests, refusals }),
    /** Closes the connection and stops the server (its stderr stays readable on `server`). */
    async stop(): Promise<void> {
      await freshConnection();
      await server.stop();
    },
  };
}
