import { scryptSync } from 'node:crypto';
import pg from 'pg';
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

  it.runIf(engine === 'postgres')('a password hashed with older parameters is hashed again at the next good sign-in', async () => {
    const salt = Buffer.from('sól-sól-sól-sól!');
    const old = `$scrypt$ln=15,r=8,p=1$${salt.toString('base64')}$${scryptSync(DEMO_PASSWORD, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('base64')}`;
    const db = new pg.Client({ connectionString: server.database.env.DATABASE_URL });
    await db.connect();
    try {
      await db.query('UPDATE users SET password_hash = $1 WHERE login = $2', [old, 'blewandowska']);
      await server.login('blewandowska', DEMO_PASSWORD, nextIp());
      const [row] = (await db.query<{ h: string }>('SELECT password_hash AS h FROM users WHERE login = $1', ['blewandowska'])).rows;
      expect(row?.h).toMatch(/^\$scrypt\$ln=16,r=8,p=2\$/);
      // The new hash is the same password.
      expect((await server.login('blewandowska', DEMO_PASSWORD, nextIp())).user.login).toBe('blewandowska');
    } finally {
      await db.end();
    }
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
      'Nieprawidłowy login lub hasło. Sprawdź, czy nie jest włączony Caps Lock, i wpisz je ponownie. Po kilku nieudanych próbach z rzędu każda następna jest możliwa dopiero po chwili.',
    );
    const unknown = await attempt('nieistniejacy', 'nie-to-haslo', ip);
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('slows guessing down from one address (1, 2 … s after the third failure) but never locks the owner out', async () => {
    const guesser = nextIp();
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push((await attempt('blewandowska', `zle-${i}`, guesser)).body.code);
    // Three free tries; the fourth waits a second after the third.
    expect(codes).toEqual(['AUTH_LOGIN_FAILED', 'AUTH_LOGIN_FAILED', 'AUTH_LOGIN_FAILED', 'AUTH_SLOW_DOWN']);
    const slowed = await attempt('blewandowska', DEMO_PASSWORD, guesser);
    expect(slowed.status).toBe(429);
    expect(slowed.body.message).toMatch(/^Po kilku nieudanych próbach logowania na to konto trzeba odczekać: spróbuj ponownie za 1 s\./);
    expect(slowed.headers.get('retry-after')).toBe('1');
    // The owner at her own desk is not kept out by a stranger's guesses.
    expect((await attempt('blewandowska', DEMO_PASSWORD, nextIp())).status).toBe(200);
    // Her success starts the count again everywhere: the guesser's next try is an ordinary one.
    expect((await attempt('blewandowska', 'zle-5', guesser)).body.code).toBe('AUTH_LOGIN_FAILED');
    // Unknown logins are slowed exactly alike (a login's existence is not told).
    const ghost: string[] = [];
    for (let i = 0; i < 4; i++) ghost.push((await attempt('nikogo-takiego', `zle-${i}`, guesser)).body.code);
    expect(ghost).toEqual(codes);
    // After the wait, the next try is checked again (and the one after it waits 2 s).
    await new Promise((r) => setTimeout(r, 1100));
    expect((await attempt('nikogo-takiego', 'zle-4', guesser)).body.code).toBe('AUTH_LOGIN_FAILED');
    const longer = await attempt('nikogo-takiego', 'zle-5', guesser);
    expect([longer.body.code, longer.headers.get('retry-after')]).toEqual(['AUTH_SLOW_DOWN', '2']);
  });

  it('many addresses guessing one login are slowed down together after ten failures', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) codes.push((await attempt('edabrowska', `zle-${i}`, nextIp())).body.code);
    expect(codes.slice(0, 10).every((c) => c === 'AUTH_LOGIN_FAILED')).toBe(true);
    expect(codes[10]).toBe('AUTH_SLOW_DOWN');
  });

  it.runIf(engine === 'postgres')('counts the slowdown across two server processes on one PostgreSQL', async () => {
    const second = await startServer({ database: server.database, env: { KANCELARIA_SERVER_ACCESS_TTL_S: String(ACCESS_TTL_S) } });
    try {
      const ip = nextIp();
      const codes: string[] = [];
      // Failures alternate between the two processes; they count in one place.
      for (let i = 0; i < 4; i++) codes.push((await (i % 2 === 0 ? server : second).call<ApiRefusal>('POST', '/auth/login', { body: { login: 'mkaminski', password: `zle-${i}`, clientName: 'test' }, ip })).body.code);
      expect(codes).toEqual(['AUTH_LOGIN_FAILED', 'AUTH_LOGIN_FAILED', 'AUTH_LOGIN_FAILED', 'AUTH_SLOW_DOWN']);
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
