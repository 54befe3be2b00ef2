import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { desc, eq, sql } from 'drizzle-orm';
import { openServerDb, type OpenedServerDb } from '#server/db/open';
import { pullHorizon, writeTx } from '#server/db/tx';
import { keepVersionsAhead } from '#server/db/versionBase';
import { nextNumber } from '#server/db/counters';
import { appendAudit, sealAudit, verifyAuditChain } from '#server/db/audit';
import { auditLog, counters, settings } from '#server/db/schema/index';
import { createServerDatabase, SERVER_ENGINES, type ServerDatabase } from '#tests/support/server';

// The foundation the sync protocol builds on, on each engine: writers share no lock, and the
// pull horizon never passes a writer still open; numbers are gap-free across rollbacks; the
// audit chain holds under concurrent appends, in the order of the transactions.

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

  it('lets writers run side by side, the pull horizon staying below a writer still open until it ends', async () => {
    const { db } = opened;
    const committed: string[] = [];
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    // The slow writer takes its version first and holds its transaction open.
    const slow = writeTx(db, async (w) => {
      await w.tx.insert(settings).values({ key: `slow-${engine}`, value: { v: w.version } });
      await held;
      committed.push('slow');
      return w.version;
    });
    await sleep(50);
    if (engine === 'postgres') {
      const during = await pullHorizon(db);
      // No lock shared by all writers: the fast one commits while the slow one is still open.
      const vf = await writeTx(db, async (w) => {
        await w.tx.insert(settings).values({ key: `fast-${engine}`, value: { v: w.version } });
        committed.push('fast');
        return w.version;
      });
      expect(committed).toEqual(['fast']);
      // Its row is committed, but a pull may not hand out its version yet: the slow writer's is below it.
      expect(await pullHorizon(db)).toBe(during);
      expect(during).toBeLessThan(vf);
      release();
      const vs = await slow;
      expect(vs).toBeLessThan(vf);
      expect(during).toBeLessThan(vs);
      expect(await pullHorizon(db)).toBeGreaterThanOrEqual(vf);
    } else {
      // PGlite has one connection: its transactions take turns (a pull waits for the writer), and the horizon follows them.
      const before = pullHorizon(db);
      release();
      const vs = await slow;
      expect(await before).toBeGreaterThanOrEqual(vs);
    }
  });

  it.runIf(engine === 'postgres')('is not held back by a transaction of another database on the same PostgreSQL', async () => {
    const { db } = opened;
    const url = new URL(database.env.DATABASE_URL ?? '');
    url.pathname = '/postgres';
    const other = new pg.Client({ connectionString: url.toString() });
    await other.connect();
    try {
      // Another application's long transaction: it has an id, below everything written here from now on.
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      const v = await writeTx(db, async (w) => {
        await w.tx.insert(settings).values({ key: `obok-${engine}`, value: { v: w.version } });
        return w.version;
      });
      expect(await pullHorizon(db)).toBeGreaterThanOrEqual(v);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  });

  it('rolls the number back with a failed command: no gaps', async () => {
    const { db } = opened;
    const scope = `RPW/${engine}/2026`;
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
  });

  it.runIf(engine === 'postgres')('chains audit entries in the order of their transactions, not of their commits, once the earlier one has ended', async () => {
    const { db } = opened;
    await sealAudit(db);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const early = writeTx(db, async (w) => {
      await appendAudit(w, { actor: 'test', action: 'test.early', entityType: 'test', entityId: 'a', summary: 'wcześniejsza, zatwierdzona później' });
      await held;
    });
    await sleep(50);
    await writeTx(db, (w) => appendAudit(w, { actor: 'test', action: 'test.late', entityType: 'test', entityId: 'b', summary: 'późniejsza, zatwierdzona wcześniej' }));
    expect(await sealAudit(db)).toBe(0);
    release();
    await early;
    expect(await sealAudit(db)).toBe(2);
    const tail = await db.select({ action: auditLog.action }).from(auditLog).orderBy(desc(auditLog.seq)).limit(2);
    expect(tail.map((r) => r.action)).toEqual(['test.late', 'test.early']);
    expect((await verifyAuditChain(db)).firstBroken).toBeNull();
  });

  it('keeps versions ahead when the database meets lower transaction ids (moved to another cluster): the base rises, a new epoch starts, the log says so', async () => {
    const { db } = opened;
    const epochOf = async () => {
      const result: unknown = await db.execute(sql`SELECT epoch FROM server_identity`);
      return (result as { rows: { epoch: string }[] }).rows[0]?.epoch;
    };
    const before = { epoch: await epochOf(), version: await writeTx(db, (w) => Promise.resolve(w.version)) };
    expect(await keepVersionsAhead(db)).toBe(false);
    expect(await epochOf()).toBe(before.epoch);
    // As a dump loaded into a fresh cluster looks: the ids this database saw are far above the cluster's.
    await db.execute(sql`UPDATE server_identity SET transaction_seen = transaction_seen + 1000000000`);
    expect(await keepVersionsAhead(db)).toBe(true);
    const after = await writeTx(db, (w) => Promise.resolve(w.version));
    expect(after).toBeGreaterThan(before.version + 1_000_000_000);
    expect(await pullHorizon(db)).toBeGreaterThan(before.version + 1_000_000_000);
    expect(await epochOf()).not.toBe(before.epoch);
    expect(await keepVersionsAhead(db)).toBe(false);
    await sealAudit(db);
    const [raised] = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.action, 'server.versionsRaised'));
    expect(raised).toBeDefined();
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
    await sealAudit(db);
    // Entries of the tests above: two in order (PostgreSQL), the raised versions (both).
    const before = engine === 'postgres' ? 3 : 1;
    const report = await verifyAuditChain(db);
    expect(report).toEqual({ count: 12 + before, firstBroken: null });

    // Tampering needs the triggers off (a superuser's doing); the chain still tells.
    await db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
      await tx.execute(sql`UPDATE audit_log SET summary = 'poprawione po cichu' WHERE seq = ${7 + before}`);
      await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    });
    expect((await verifyAuditChain(db)).firstBroken).toEqual({ seq: 7 + before, reason: 'treść wpisu zmieniona po zapisie' });
  });
});
