import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverRoutes } from '#server/routes/index';
import { fuzzServer } from '#tests/support/fuzzServer';
import { REPO_ROOT } from '#tests/support/processes';
import { SERVER_ENGINES } from '#tests/support/server';

// Issue 12 item 9: every HTTP route of the central server (the list the server registers, not
// a copy), on each engine, called by strangers, by forged sessions and by each role, with
// bodies, path parameters, query strings and headers made from the route's own zod schemas and
// spoilt (tests/support/fuzzServer.ts says how, and what is judged). The server never answers
// 5xx, never keeps a request waiting, refuses with `{ code, message }` in Polish from the
// catalogue, and afterwards still answers /health with nothing on its stderr. Fixed seed: a
// failure names its request. FUZZ_SEED and FUZZ_RUNS change them; bench/fuzz.ts runs longer.

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_512);
/** Requests per route (push, where the rules are, and login get more). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);

const routes = serverRoutes();

describe.each(SERVER_ENGINES)('every route of the central server fed random and malformed requests (%s)', (engine) => {
  let fuzz: Awaited<ReturnType<typeof fuzzServer>> | undefined;
  const here = () => {
    if (!fuzz) throw new Error('the server did not start');
    return fuzz;
  };

  beforeAll(async () => {
    fuzz = await fuzzServer(engine);
  });

  afterAll(async () => {
    if (!fuzz) return;
    await fuzz.stop();
    // What the server logged (a 5xx's stack goes there): kept to read when a test failed.
    const dir = join(REPO_ROOT, 'artifacts', 'fuzz');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `server-${engine}.stderr.txt`), fuzz.server.stderr());
  });

  it('has every route to call, the anonymous ones among them', () => {
    expect(here().routes.map((r) => `${r.method} ${r.url}`)).toEqual(routes.map((r) => `${r.method} ${r.url}`));
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['POST /auth/login', 'POST /auth/refresh', 'GET /health', 'POST /sync/push', 'PATCH /blobs/:sha256']));
  });

  it.each(routes.map((r, i) => [`${r.method} ${r.url}`, i] as const))('%s: never a 5xx, never a hang, every refusal Polish', async (_name, index) => {
    const url = routes[index]?.url;
    const runs = url === '/sync/push' ? RUNS * 3 : url === '/auth/login' ? RUNS * 2 : RUNS;
    const seed = SEED + index * 15_485_863;
    const r = await here().runRoute(index, seed, runs);
    expect(r.failures, `seed ${String(seed)}:\n${r.failures.join('\n')}`).toEqual([]);
  });

  it('every command pushed with arguments from its own schema: applied, or rejected in Polish, never a 5xx', async () => {
    const r = await here().runCommandSweep(SEED);
    expect(r.requests).toBeGreaterThan(90);
    expect(r.failures, r.failures.join('\n')).toEqual([]);
  });

  it('paths no route serves and methods no route has: 404 in Polish', async () => {
    const r = await here().runUnknownRoutes();
    expect(r.failures, r.failures.join('\n')).toEqual([]);
  });

  it('afterwards the server still answers, has not crashed and wrote nothing to stderr', async () => {
    const { server, totals } = here();
    const health = await server.call('GET', '/health');
    expect(health.status).toBe(200);
    expect(server.proc.exitCode).toBeNull();
    // Node's warning about a `connection` header a client sent over HTTP/2 is not the server's doing.
    const stderr = server.stderr().replace(/^\(node:\d+\) UnsupportedWarning: The provided connection header is not valid.*\n(\(Use `node --trace-warnings.*\n)?/m, '');
    expect(stderr).toBe('');
    // Not vacuous: many requests were made and many refused (each refusal judged above).
    expect(totals().requests).toBeGreaterThan(routes.length * RUNS);
    expect(totals().refusals).toBeGreaterThan(totals().requests / 4);
  });
});
