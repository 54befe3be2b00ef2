import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '#sync/protocol/commands';
import { openServerDb, type OpenedServerDb } from '#server/db/open';
import { changeFeedOf } from '#server/db/changeFeed';
import { snapshotTx } from '#server/db/tx';
import { seedDemoOffice } from '#server/office/seed';
import { directoryDigest, directoryDigests, labelFor } from '#server/office/directory';
import { startNotificationSink, type NotificationSink } from '#tests/support/pgNotificationSink';
import { createServerDatabase, SERVER_ENGINES, startServer, type ApiRefusal, type HttpResult, type ServerDatabase, type ServerProcess } from '#tests/support/server';

// What a server process remembers between requests (server/db/changeFeed.ts): whose access token
// is whose, the directory's digest and a person's units. A request with a known token, a pull
// with nothing new and a directory the workstation holds reach no table — shown by holding the
// tables locked from outside — and what is remembered is forgotten as soon as another process
// (the second server, the CLI, a hand in psql) changes it, and whenever the listening connection
// is lost.

/** A request that must not wait for a lock: answered within `ms`, or null. */
async function within<T>(ms: number, request: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([request, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` every 20 ms until it holds; the time it took, or a throw after `ms`. */
async function until(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${String(ms)} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('what two server processes remember, on postgres', () => {
  let database: ServerDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let side: pg.Client;

  beforeAll(async () => {
    database = await createServerDatabase('postgres');
    a = await startServer({ database });
    b = await startServer({ database });
    side = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await side.connect();
  }, 120_000);
  afterAll(async () => {
    await side.end();
    await a.stop({ keepDatabase: true });
    await b.stop({ keepDatabase: true });
    await database.drop();
  });

  it('a known token, a pull with nothing new and a directory the workstation holds are answered while sessions and directory are locked; a new token waits', async () => {
    const known = await a.login('akowalska');
    const fresh = await a.login('jnowak');
    const clientId = randomUUID();
    const pull = (body: Record<string, unknown>) => a.call<PullResponse>('POST', '/sync/pull', { token: known.accessToken, body: { clientId, ...body } });
    // Catch up: the first pull and the windows after it, until nothing is left.
    let r = await pull({ cursor: null });
    while (r.body.hasMore) r = await pull({ cursor: r.body.cursor, directoryDigest: r.body.directoryDigest });
    const { cursor, directoryDigest } = r.body;
    expect((await pull({ cursor, directoryDigest })).status).toBe(200);
    const dir = await a.call('GET', '/directory', { token: known.accessToken });
    const etag = dir.headers.get('etag');
    expect(etag).toBe(`"${directoryDigest ?? ''}"`);

    // The sessions and the directory, held by another transaction. (Not the records: a pull whose
    // cursor is the horizon reads none either, but any transaction anywhere on the cluster — another
    // test's database included — moves the horizon on, and the pull then looks for records.)
    const locked = async <T>(fn: () => Promise<T>): Promise<T> => {
      await side.query('BEGIN');
      try {
        await side.query('LOCK TABLE sessions, users, units, substitutions, settings IN ACCESS EXCLUSIVE MODE');
        return await fn();
      } finally {
        await side.query('ROLLBACK');
      }
    };
    // The process remembers once it hears PostgreSQL (its listener is live a moment after start;
    // on a loaded machine that moment can be long): ask until the answers come with the tables locked.
    let answers: [HttpResult<{ user: { login: string } }> | null, HttpResult<PullResponse> | null, HttpResult | null] = [null, null, null];
    await until(20_000, () =>
      locked(async () => {
        answers = await Promise.all([
          within(1500, a.call<{ user: { login: string } }>('GET', '/me', { token: known.accessToken })),
          within(1500, pull({ cursor, directoryDigest })),
          within(1500, a.call('GET', '/directory', { token: known.accessToken, headers: { 'if-none-match': etag ?? '' } })),
        ]);
        return answers.every((x) => x !== null);
      }),
    );
    const [me, empty, same] = answers;
    expect(me?.status).toBe(200);
    expect(me?.body.user.login).toBe('akowalska');
    expect(empty?.status).toBe(200);
    // Nothing new in records; the cursor may still move on (another database's transaction moves the horizon).
    expect(empty?.body).toMatchObject({ hasMore: false, letters: [], cases: [], users: [], units: [], directoryDigest });
    expect(empty?.body.cursor).toBeGreaterThanOrEqual(cursor);
    expect(same?.status).toBe(304);
    expect(same?.body).toBe('');
    // A token this process has not seen is looked up: it waits for the lock.
    const waiting = await locked(async () => {
      const asked = a.call<ApiRefusal>('GET', '/me', { token: fresh.accessToken });
      expect(await within(1000, asked)).toBeNull();
      return { asked };
    });
    expect((await waiting.asked).status).toBe(200);
  });

  it('a logout, a refresh and an account switched off on one process end the token the other remembers, within a moment', async () => {
    const t = await a.login('jnowak');
    expect((await b.call('GET', '/me', { token: t.accessToken })).status).toBe(200);
    expect((await a.call('POST', '/auth/logout', { token: t.accessToken })).status).toBe(200);
    // On the process that ended it: at once.
    expect((await a.call<ApiRefusal>('GET', '/me', { token: t.accessToken })).body.code).toBe('AUTH_SESSION_REVOKED');
    // On the other: as soon as PostgreSQL's notification arrives — not after the minute a session is remembered.
    const tookMs = await until(2000, async () => (await b.call<ApiRefusal>('GET', '/me', { token: t.accessToken })).status === 401);
    expect(tookMs).toBeLessThan(2000);

    const r = await a.login('jnowak');
    expect((await b.call('GET', '/me', { token: r.accessToken })).status).toBe(200);
    const refreshed = await a.call<{ accessToken: string }>('POST', '/auth/refresh', { body: { refreshToken: r.refreshToken } });
    expect(refreshed.status).toBe(200);
    await until(2000, async () => (await b.call<ApiRefusal>('GET', '/me', { token: r.accessToken })).status === 401);
    expect((await b.call('GET', '/me', { token: refreshed.body.accessToken })).status).toBe(200);

    // An administrator's hand in the database (no server process told): the account switched off.
    const s = await a.login('edabrowska');
    expect((await b.call('GET', '/me', { token: s.accessToken })).status).toBe(200);
    expect((await a.call('GET', '/me', { token: s.accessToken })).status).toBe(200);
    await side.query("UPDATE users SET active = false WHERE login = 'edabrowska'");
    try {
      for (const server of [a, b]) await until(2000, async () => (await server.call<ApiRefusal>('GET', '/me', { token: s.accessToken })).body.code === 'AUTH_ACCOUNT_INACTIVE');
    } finally {
      await side.query("UPDATE users SET active = true WHERE login = 'edabrowska'");
    }
  });

  it('while the listening connection is lost nothing remembered is trusted; when it is back, the memory works again', async () => {
    const t = await b.login('akowalska');
    expect((await b.call('GET', '/me', { token: t.accessToken })).status).toBe(200);
    await side.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'kancelaria-zmiany' AND datname = current_database()");
    await new Promise((r) => setTimeout(r, 100));
    // Ended behind the processes' backs while they cannot hear it (they listen again after a second).
    await side.query('UPDATE sessions SET revoked_at = now() WHERE access_token_hash = encode(sha256(convert_to($1, $2)), $3)', [t.accessToken, 'UTF8', 'hex']);
    const after = await b.call<ApiRefusal>('GET', '/me', { token: t.accessToken });
    expect(after.body.code).toBe('AUTH_SESSION_REVOKED');

    // Listening again: a known token is answered without the sessions table.
    const u = await b.login('akowalska');
    await until(5000, async () => {
      expect((await b.call('GET', '/me', { token: u.accessToken })).status).toBe(200);
      await side.query('BEGIN');
      try {
        await side.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
        return (await within(300, b.call('GET', '/me', { token: u.accessToken }))) !== null;
      } finally {
        await side.query('ROLLBACK');
      }
    });
  });
});

describe.each(SERVER_ENGINES)('the directory with its entity tag, on %s', (engine) => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ engine });
  }, 120_000);
  afterAll(async () => {
    await server.stop();
  });

  it('304 without a body while nothing changed; a new person makes a new tag and comes with it', async () => {
    const t = await server.login('gszymanski');
    const first: HttpResult<{ users: { login: string }[] }> = await server.call('GET', '/directory', { token: t.accessToken });
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const again = await server.call('GET', '/directory', { token: t.accessToken, headers: { 'if-none-match': `W/${etag}, "inny"` } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(first.body.users.map((u) => u.login)).not.toContain('nowa.osoba');

    const unit = (await server.call<{ units: { id: string; symbol: string }[] }>('GET', '/directory', { token: t.accessToken })).body.units.find((u) => u.symbol === 'GK');
    const push = await server.call<{ results: { status: string }[] }>('POST', '/sync/push', {
      token: t.accessToken,
      body: {
        clientId: randomUUID(),
        mutations: [{ id: 1, name: 'addPerson', args: { id: randomUUID(), login: 'nowa.osoba', fullName: 'Nowa Osoba', position: 'referent', role: 'clerk', unitId: unit?.id }, eventIds: [], createdAt: new Date().toISOString() }],
      },
    });
    expect(push.status, JSON.stringify(push.body)).toBe(200);
    expect(push.body.results[0]?.status, JSON.stringify(push.body)).toBe('applied');
    const changed = await server.call<{ users: { login: string }[] }>('GET', '/directory', { token: t.accessToken, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.users.map((u) => u.login)).toContain('nowa.osoba');
  });
});

describe('directory rows and their digest, on postgres', () => {
  let database: ServerDatabase;
  let opened: OpenedServerDb;
  let side: pg.Client;

  beforeAll(async () => {
    database = await createServerDatabase('postgres');
    opened = await openServerDb({ databaseUrl: database.env.DATABASE_URL, listen: true });
    await seedDemoOffice(opened.db, 'test');
    side = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await side.connect();
  }, 120_000);
  afterAll(async () => {
    await side.end();
    await opened.close();
    await database.drop();
  });

  it('rows read in an older snapshot go out under that snapshot’s digest, not the newer one the process remembers', async () => {
    const { db } = opened;
    const feed = changeFeedOf(db);
    await until(5000, () => Promise.resolve(feed?.live === true));
    const since = directoryDigests(db).mark();
    await snapshotTx(db, async (tx) => {
      const before = await directoryDigest(db, tx, since);
      // Another process changes the directory after this snapshot; this process hears it and
      // remembers the new digest (read outside the snapshot, as the next request would).
      const epoch = feed?.epoch ?? 0;
      await side.query("UPDATE users SET position = 'Inspektor (nowe stanowisko)' WHERE login = 'tlukasik'");
      await until(2000, () => Promise.resolve((feed?.epoch ?? 0) > epoch));
      const newer = await snapshotTx(db, (t2) => directoryDigest(db, t2, directoryDigests(db).mark()));
      expect(newer.digest).not.toBe(before.digest);
      const remembered = await directoryDigest(db, tx, since);
      expect(remembered).toEqual({ digest: newer.digest, remembered: true });
      // What this snapshot would send is labelled with its own digest.
      expect(await labelFor(tx, remembered)).toBe(before.digest);
    });
  });
});

describe('a way to PostgreSQL that carries no notifications (a transaction-mode pooler), on postgres', () => {
  let database: ServerDatabase;
  let sink: NotificationSink;
  let server: ServerProcess;
  let side: pg.Client;

  beforeAll(async () => {
    database = await createServerDatabase('postgres');
    const url = new URL(database.env.DATABASE_URL ?? '');
    sink = await startNotificationSink({ host: url.hostname, port: Number(url.port || 5432) });
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(sink.port);
    server = await startServer({ database, env: { DATABASE_URL: through.toString() } });
    side = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await side.connect();
  }, 120_000);
  afterAll(async () => {
    await side.end();
    await server.stop({ keepDatabase: true });
    await sink.close();
    await database.drop();
  });

  it('the server says so in Polish, remembers nothing, and a session ended behind its back is refused at once', async () => {
    await until(10_000, () => Promise.resolve(server.stderr().includes('powiadomienia PostgreSQL (LISTEN/NOTIFY) nie docierają')));
    expect(server.stderr()).toContain('pool_mode = transaction');
    const t = await server.login('akowalska');
    expect((await server.call('GET', '/me', { token: t.accessToken })).status).toBe(200);
    await side.query('UPDATE sessions SET revoked_at = now() WHERE access_token_hash = encode(sha256(convert_to($1, $2)), $3)', [t.accessToken, 'UTF8', 'hex']);
    expect((await server.call<ApiRefusal>('GET', '/me', { token: t.accessToken })).body.code).toBe('AUTH_SESSION_REVOKED');
  }, 30_000);
});
