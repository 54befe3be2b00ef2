import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, SERVER_ENGINES, startServer, type ApiRefusal, type ServerProcess, type Tokens } from '#tests/support/server';

// Accounts on the real server process, on each engine: login, refresh, logout, Polish
// refusals that never reveal whether a login exists, the lockout after 5 failures (held in
// the database, so it holds across two server processes on one PostgreSQL), the per-address
// rate limit, and expired or ended sessions. Each test logs in from its own address (sent as
// X-Forwarded-For; the test server trusts loopback as its proxy) so the rate limit of one test
// does not touch another.

const ACCESS_TTL_S = 3;

describe.each(SERVER_ENGINES)('accounts on %s', (engine) => {
  let server: ServerProcess;
  let ipSeq = 0;
  const nextIp = () => `10.20.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
  const attempt = (login: string, password: string, ip: string) => server.call<ApiRefusal>('POST', '/auth/login', { body: { login, password, clientName: 'test' }, ip });

  beforeAll(async () => {
    server = await startServer({ engine, env: { KANCELARIA_SERVER_ACCESS_TTL_S: String(ACCESS_TTL_S) } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('logs in, refreshes (both tokens rotate, the old refresh token is refused) and logs out', async () => {
    const ip = nextIp();
    const first = await server.login('akowalska', DEMO_PASSWORD, ip);
    expect(first.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.user).toMatchObject({ login: 'akowalska', role: 'registry' });
    const refreshIn = (Date.parse(first.refreshExpiresAt) - Date.now()) / 3_600_000;
    expect(refreshIn).toBeGreaterThan(11.9);
    expect(refreshIn).toBeLessThanOrEqual(12);

    const refreshed = await server.call<Tokens>('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken }, ip });
    expect(refreshed.status).toBe(200);
    const second = refreshed.body;
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    // The session's end is fixed at login; refreshing does not extend it.
    expect(second.refreshExpiresAt).toBe(first.refreshExpiresAt);
    expect((await server.call('GET', '/me', { token: second.accessToken })).status).toBe(200);
    // The replaced access token no longer works.
    expect((await server.call<ApiRefusal>('GET', '/me', { token: first.accessToken })).status).toBe(401);

    const logout = await server.call<{ ok: boolean }>('POST', '/auth/logout', { token: second.accessToken });
    expect(logout.status).toBe(200);
    expect(logout.body).toEqual({ ok: true });
    const after = await server.call<ApiRefusal>('GET', '/me', { token: second.accessToken });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('AUTH_SESSION_REVOKED');
    expect(after.body.message).toContain('Zaloguj się ponownie');
    const refreshAfterLogout = await server.call<ApiRefusal>('POST', '/auth/refresh', { body: { refreshToken: second.refreshToken }, ip });
    expect(refreshAfterLogout.status).toBe(401);
    expect(refreshAfterLogout.body.code).toBe('AUTH_SESSION_REVOKED');
  });

  it('ends the whole session when a replaced refresh token comes back', async () => {
    const ip = nextIp();
    const first = await server.login('pwisniewski', DEMO_PASSWORD, ip);
    const second = (await server.call<Tokens>('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken }, ip })).body;
    const replay = await server.call<ApiRefusal>('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken }, ip });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('AUTH_REFRESH_REUSED');
    expect(replay.body.message).toMatch(/Zaloguj się ponownie/);
    // Whoever held the newer tokens is signed out too.
    expect((await server.call<ApiRefusal>('GET', '/me', { token: second.accessToken })).body.code).toBe('AUTH_SESSION_REVOKED');
    const unknown = await server.call<ApiRefusal>('POST', '/auth/refresh', { body: { refreshToken: 'B'.repeat(43) }, ip });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('AUTH_REFRESH_INVALID');
  });

  it('refuses a wrong password in Polish, and an unknown login in exactly the same words', async () => {
    const ip = nextIp();
    const wrong = await attempt('jnowak', 'nie-to-haslo', ip);
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('AUTH_LOGIN_FAILED');
    expect(wrong.body.message).toBe(
      'Nieprawidłowy login lub hasło. Sprawdź, czy nie jest włączony Caps Lock, i wpisz je ponownie. Po 5 nieudanych próbach z rzędu konto zostanie zablokowane na 15 minut.',
    );
    const unknown = await attempt('nieistniejacy', 'nie-to-haslo', ip);
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('locks an account after 5 failed logins in a row, even for the right password; unknown logins behave the same', async () => {
    const ip = nextIp();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await attempt('blewandowska', `zle-${i}`, ip)).body.code);
    expect(codes).toEqual(['AUTH_LOGIN_FAILED', 'AUTH_LOGIN_FAILED', 'AUTH_LOGIN_FAILED', 'AUTH_LOGIN_FAILED', 'AUTH_ACCOUNT_LOCKED']);
    const right = await attempt('blewandowska', DEMO_PASSWORD, ip);
    expect(right.status).toBe(401);
    expect(right.body.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(right.body.message).toMatch(/Konto jest czasowo zablokowane.*Spróbuj ponownie po godzinie \d\d:\d\d albo poproś administratora o odblokowanie konta\./);

    const admin = await server.login('mkaminski', DEMO_PASSWORD, ip);
    const list = await server.call<{ users: { login: string; failedLogins: number; lockedUntil: string | null }[] }>('GET', '/admin/users', { token: admin.accessToken });
    const locked = list.body.users.find((u) => u.login === 'blewandowska');
    expect(locked?.failedLogins).toBe(5);
    const minutes = (Date.parse(locked?.lockedUntil ?? '') - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    const ghost: string[] = [];
    for (let i = 0; i < 6; i++) ghost.push((await attempt('nikogo-takiego', `zle-${i}`, ip)).body.code);
    expect(ghost).toEqual([...codes, 'AUTH_ACCOUNT_LOCKED']);
  });

  it.runIf(engine === 'postgres')('keeps the lockout across two server processes on one PostgreSQL', async () => {
    const second = await startServer({ database: server.database, env: { KANCELARIA_SERVER_ACCESS_TTL_S: String(ACCESS_TTL_S) } });
    try {
      const ip = nextIp();
      const codes: string[] = [];
      // Failures alternate between the two processes; they count in one place.
      for (let i = 0; i < 5; i++) codes.push((await (i % 2 === 0 ? server : second).call<ApiRefusal>('POST', '/auth/login', { body: { login: 'edabrowska', password: `zle-${i}`, clientName: 'test' }, ip })).body.code);
      expect(codes.at(-1)).toBe('AUTH_ACCOUNT_LOCKED');
      for (const s of [server, second]) {
        const right = await s.call<ApiRefusal>('POST', '/auth/login', { body: { login: 'edabrowska', password: DEMO_PASSWORD, clientName: 'test' }, ip });
        expect(right.body.code).toBe('AUTH_ACCOUNT_LOCKED');
      }
      // A session opened on one process works on the other: nothing lives in a process's memory.
      const tokens = await second.login('jnowak', DEMO_PASSWORD, ip);
      expect((await server.call('GET', '/me', { token: tokens.accessToken })).status).toBe(200);
      await server.call('POST', '/auth/logout', { token: tokens.accessToken });
      expect((await second.call<ApiRefusal>('GET', '/me', { token: tokens.accessToken })).body.code).toBe('AUTH_SESSION_REVOKED');
    } finally {
      await second.stop();
    }
  });

  it('limits login attempts per address: the 21st in a minute gets 429 with a Polish message', async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await attempt(`ktos${i}`, 'zle-haslo', ip)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await attempt('akowalska', DEMO_PASSWORD, ip);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('AUTH_RATE_LIMITED');
    expect(limited.body.message).toMatch(/zbyt wiele prób logowania\. Odczekaj \d+ s/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await attempt('akowalska', DEMO_PASSWORD, nextIp())).status).toBe(200);
  });

  it('refuses an expired access token with 401, and a refresh brings the session back', async () => {
    const ip = nextIp();
    const tokens = await server.login('kzielinska', DEMO_PASSWORD, ip);
    expect((await server.call('GET', '/me', { token: tokens.accessToken })).status).toBe(200);
    await new Promise((r) => setTimeout(r, (ACCESS_TTL_S + 0.5) * 1000));
    const expired = await server.call<ApiRefusal>('GET', '/me', { token: tokens.accessToken });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('AUTH_SESSION_EXPIRED');
    expect(expired.body.message).toBe('Twoja sesja wygasła. Zaloguj się ponownie; niezapisane zmiany czekają na stanowisku.');
    const refreshed = await server.call<Tokens>('POST', '/auth/refresh', { body: { refreshToken: tokens.refreshToken }, ip });
    expect(refreshed.status).toBe(200);
    expect((await server.call('GET', '/me', { token: refreshed.body.accessToken })).status).toBe(200);
  });
});
