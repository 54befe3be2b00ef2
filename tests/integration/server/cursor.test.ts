import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '#core/services/context';
import { openBackend } from '#backend/context';
import { openServerDb, type OpenedServerDb } from '#server/db/open';
import { writeTx } from '#server/db/tx';
import { parties } from '#server/db/schema/records';
import { users } from '#server/db/schema/users';
import { call, removeDir, tempDir } from '#tests/support/profile';
import { DEMO_PASSWORD, createServerDatabase, startServer, type ServerDatabase, type ServerProcess, serverCaFor } from '#tests/support/server';
import { eq } from 'drizzle-orm';

// Two writers, one of which commits late, while a workstation pulls in between: the pull
// cursor must never pass a change that was not yet committed (DESIGN "Sync": a bigserial read
// as a cursor would skip it). PostgreSQL only: the late writer is a second connection beside
// the server process, which PGlite (one process per data directory) does not allow.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the pull cursor never skips a change committed late (postgres)', () => {
  let database: ServerDatabase;
  let server: ServerProcess;
  let side: OpenedServerDb;
  let dir: string;
  let ctx: Ctx;

  beforeAll(async () => {
    database = await createServerDatabase('postgres');
    server = await startServer({ database });
    side = await openServerDb({ databaseUrl: database.env.DATABASE_URL });
    dir = tempDir('stanowisko-kursor');
    ctx = openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true, serverUrl: server.url, serverCa: serverCaFor(server.url), syncIntervalMs: 0 });
    await call(ctx, 'session.login', { login: 'akowalska', password: DEMO_PASSWORD });
  }, 120_000);
  afterAll(async () => {
    ctx.store.close();
    removeDir(dir);
    await side.close();
    await server.stop({ keepDatabase: true });
    await database.drop();
  });

  it('a pull taken while an earlier writer is still open does not move past it; the next pull brings it', async () => {
    const [actor] = await side.db.select({ id: users.id }).from(users).where(eq(users.login, 'akowalska'));
    await call(ctx, 'sync.now', {});
    const before = Number(ctx.store.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get());
    const lateId = crypto.randomUUID();
    // The late writer takes its version first and holds its transaction open for a while.
    let open = true;
    const late = writeTx(side.db, async (w) => {
      await w.tx.insert(parties).values({ id: lateId, kind: 'person', name: 'Zenon Późny', country: 'Polska', createdAt: new Date().toISOString(), createdBy: actor?.id ?? '', version: w.version });
      await sleep(1_500);
      open = false;
      return w.version;
    });
    await sleep(200);
    // A pull while it is open: it must not see the row, and must not move its cursor past it.
    await call(ctx, 'sync.now', {});
    expect(open).toBe(true);
    const during = Number(ctx.store.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get());
    const lateVersion = await late;
    expect(during).toBe(before);
    expect(during).toBeLessThan(lateVersion);
    expect((await call(ctx, 'parties.search', { q: 'Późny', limit: 5 })).length).toBe(0);
    // Committed now: the next pull brings it.
    await call(ctx, 'sync.now', {});
    expect((await call(ctx, 'parties.search', { q: 'Późny', limit: 5 })).map((p) => p.name)).toEqual(['Zenon Późny']);
  });

  it('a pull with a cursor from another database is told to start over, and does', async () => {
    ctx.store.sqlite.prepare("UPDATE sync_state SET value = '999999' WHERE key = 'cursor'").run();
    const status = await call(ctx, 'sync.now', {});
    expect([status.state, status.lastError]).toEqual(['online', null]);
    const cursor = Number(ctx.store.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get());
    expect(cursor).toBeLessThan(999_999);
    expect((await call(ctx, 'parties.search', { q: 'Późny', limit: 5 })).length).toBe(1);
  });
});
