import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_ENGINES, startServer, type ApiRefusal, type ServerProcess } from '#tests/support/server';
import { PROTOCOL_VERSION } from '#sync/protocol';

// The real server process on each engine: health, the OpenAPI document, who am I, the
// directory, role checks and Polish refusals for bad requests. One server per engine.

type OpenApi = { openapi: string; paths: Record<string, Record<string, { security: unknown[]; requestBody?: { content: Record<string, { schema: { required?: string[] } }> }; responses: Record<string, unknown> }>> };

/** Every route the server has today; the sync routes join this list when they land. */
const EXPECTED_ROUTES = [
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/logout',
  'GET /me',
  'GET /health',
  'GET /directory',
  'GET /office/backup',
  'GET /admin/users',
  'GET /openapi.json',
  'POST /sync/push',
  'POST /sync/pull',
  'POST /decisions/{id}/number',
  'GET /blobs/{sha256}/state',
  'HEAD /blobs/{sha256}',
  'PATCH /blobs/{sha256}',
  'GET /blobs/{sha256}',
];

describe.each(SERVER_ENGINES)('central server basics on %s', (engine) => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ engine });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers /health without a session, naming its database', async () => {
    const r = await server.call<{ ok: boolean; database: string; version: string; protocolVersion: number }>('GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, database: engine === 'postgres' ? 'postgresql' : 'pglite', protocolVersion: PROTOCOL_VERSION });
    expect(r.headers.get('x-kancelaria-protocol')).toBe(String(PROTOCOL_VERSION));
    expect(server.stdout()).toContain(engine === 'postgres' ? 'Baza danych: PostgreSQL' : 'Baza danych: PGlite');
    expect(server.stdout()).toContain('hasło każdego: demo1234');
  });

  it('serves an OpenAPI 3.1 document listing every route, to signed-in users only', async () => {
    const anonymous = await server.call<ApiRefusal>('GET', '/openapi.json');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('AUTH_TOKEN_MISSING');

    const { accessToken } = await server.login('akowalska');
    const r = await server.call<OpenApi>('GET', '/openapi.json', { token: accessToken });
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    const listed = Object.entries(r.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.sort()).toEqual([...EXPECTED_ROUTES].sort());
    const login = r.body.paths['/auth/login']?.post;
    expect(login?.security).toEqual([]);
    expect(login?.requestBody?.content['application/json']?.schema.required).toEqual(['login', 'password', 'clientName']);
    expect(r.body.paths['/me']?.get?.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(login?.responses ?? {})).toEqual(['200', '4XX', '5XX']);
  });

  it('tells the signed-in user who they are, and lists the office for any signed-in user', async () => {
    const { accessToken, user } = await server.login('tlukasik');
    const me = await server.call<{ user: { login: string; role: string; unitSymbol: string }; session: { clientName: string } }>('GET', '/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ login: 'tlukasik', role: 'clerk', unitSymbol: 'GK' });
    expect(me.body.session.clientName).toBe('test');
    expect(user.login).toBe('tlukasik');

    const dir = await server.call<{ units: { symbol: string; parentId: string | null; id: string }[]; users: Record<string, unknown>[] }>('GET', '/directory', { token: accessToken });
    expect(dir.status).toBe(200);
    expect(dir.body.units.map((u) => u.symbol).sort()).toEqual(['FN', 'GK', 'GK-I', 'OR', 'SEK', 'USC']);
    const gk = dir.body.units.find((u) => u.symbol === 'GK');
    expect(dir.body.units.find((u) => u.symbol === 'GK-I')?.parentId).toBe(gk?.id);
    expect(dir.body.users).toHaveLength(10);
    // Nothing about passwords or lockouts leaves through the directory.
    for (const u of dir.body.users) expect(Object.keys(u).sort()).toEqual(['fullName', 'id', 'login', 'position', 'role', 'unitId']);
  });

  it('lets only admins list accounts (403 with a Polish message for others)', async () => {
    const clerk = await server.login('edabrowska');
    const refused = await server.call<ApiRefusal>('GET', '/admin/users', { token: clerk.accessToken });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(refused.body.message).toContain('Brak uprawnień');
    expect(refused.body.message).toContain('administrator');

    const head = await server.login('kzielinska');
    expect((await server.call('GET', '/admin/users', { token: head.accessToken })).status).toBe(403);

    const admin = await server.login('gszymanski');
    const list = await server.call<{ users: { login: string; hasPassword: boolean; lockedUntil: string | null }[] }>('GET', '/admin/users', { token: admin.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.users.map((u) => u.login)).toContain('edabrowska');
    expect(list.body.users.every((u) => u.hasPassword)).toBe(true);
  });

  it('refuses bad requests with a code and a Polish message', async () => {
    const missing = await server.call<ApiRefusal>('POST', '/auth/login', { body: { login: 'akowalska' } });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('INVALID_INPUT');
    expect(missing.body.message).toMatch(/^Nieprawidłowe dane: treść żądania: password: /);

    const broken = await server.call<ApiRefusal>('POST', '/auth/login', { rawBody: '{"login": "akowalska",' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('SERVER_BAD_JSON');

    const unknown = await server.call<ApiRefusal>('GET', '/nie-ma-takiego');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'SERVER_ROUTE_NOT_FOUND' });
    expect(unknown.body.message).toContain('GET /nie-ma-takiego');

    const noToken = await server.call<ApiRefusal>('GET', '/me');
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toContain('Bearer');
    expect(noToken.body.message).toContain('Zaloguj się');

    const madeUp = await server.call<ApiRefusal>('GET', '/me', { token: 'A'.repeat(43) });
    expect(madeUp.status).toBe(401);
    expect(madeUp.body.code).toBe('AUTH_SESSION_EXPIRED');
  });
});
