import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openServerDb, type OpenedServerDb } from '#server/db/open';
import { currentVersion, writeTx } from '#server/db/tx';
import { nextNumber } from '#server/db/counters';
import { appendAudit, verifyAuditChain } from '#server/db/audit';
import { counters, settings } from '#server/db/schema/index';
import { createServerDatabase, SERVER_ENGINES, type ServerDatabase } from '#tests/support/server';

// The foundation the sync protocol builds on, on each engine: write transactions get server
// versions in commit order, numbers are gap-free across rollbacks, the audit chain holds under
// concurrent appends.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(SERVER_ENGINES)('server database foundation on %s', (engine) => {
  let database: ServerDatabase;
  let opened: OpenedServerDb;
  beforeAll(async () => {
    database = await createServerDatabase(engine);
    opened = await openServerDb({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.KANCELARIA_SERVER_DATA });
  });
  afterAll(async () => {
    await opened.close();
    await database.drop();
  });

  it('gives write transactions versions in commit order, a late committer holding the later ones back', async () => {
    const { db } = opened;
    const start = await currentVersion(db);
    const committed: number[] = [];
    // The slow writer takes its version first and commits late; the fast one must wait for it
    // (the version row's lock), so no reader can see version N+2 while N+1 is still open.
    const slow = writeTx(db, async (w) => {
      await sleep(300);
      await w.tx.insert(settings).values({ key: `slow-${engine}`, value: { v: w.version } });
      committed.push(w.version);
      return w.version;
    });
    await sleep(50);
    const fast = writeTx(db, (w) => {
      committed.push(w.version);
      return Promise.resolve(w.version);
    });
    const [vs, vf] = await Promise.all([slow, fast]);
    expect(vs).toBe(start + 1);
    expect(vf).toBe(start + 2);
    expect(committed).toEqual([start + 1, start + 2]);
    expect(await currentVersion(db)).toBe(start + 2);
  });

  it('rolls the version and the number back with a failed command: no gaps', async () => {
    const { db } = opened;
    const scope = `RPW/${engine}/2026`;
    const before = await currentVersion(db);
    expect(await writeTx(db, (w) => nextNumber(w, scope))).toBe(1);
    await expect(
      writeTx(db, async (w) => {
        await nextNumber(w, scope);
        throw new Error('refused by a rule');
      }),
    ).rejects.toThrow('refused by a rule');
    const numbers = await Promise.all([1, 2, 3, 4].map(() => writeTx(db, (w) => nextNumber(w, scope))));
    expect(numbers.sort()).toEqual([2, 3, 4, 5]);
    const [row] = await db.select().from(counters).where(eq(counters.scope, scope));
    expect(row?.last).toBe(5);
    expect(await currentVersion(db)).toBe(before + 5);
  });

  it('keeps the audit chain whole under concurrent appends, and names a broken link', async () => {
    const { db } = opened;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? writeTx(db, (w) => appendAudit(w, { actor: 'test', action: 'test.versioned', entityType: 'test', entityId: String(i), summary: `wpis ${i}`, data: { i, ą: 'żółw' } }))
          : db.transaction((tx) => appendAudit(tx, { actor: 'test', action: 'test.plain', entityType: 'test', entityId: String(i), summary: `wpis ${i}` })),
      ),
    );
    const report = await verifyAuditChain(db);
    expect(report).toEqual({ count: 12, firstBroken: null });

    // Tampering needs the triggers off (a superuser's doing); the chain still tells.
    await db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
      await tx.execute(sql`UPDATE audit_log SET summary = 'poprawione po cichu' WHERE seq = 7`);
      await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    });
    expect((await verifyAuditChain(db)).firstBroken).toEqual({ seq: 7, reason: 'treść wpisu zmieniona po zapisie' });
  });
});
