import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createSender, letterInput } from '#tests/support/profile';
import { workstation, login, unitOf, type Workstation } from '#tests/support/workstation';
import { startServer, type ServerProcess } from '#tests/support/server';
import { startFaultProxy, type FaultProxy } from '#tests/support/faultProxy';
import { replicaSchema, wholeReplica } from '#tests/support/replica';

// A new workstation's first sync comes in windows, each written in its own transaction with the
// cursor: cut off in the middle, it goes on from where it stopped — not from the start — and
// ends holding exactly what an uninterrupted one holds. While it runs the header shows how far
// it is, and the person is let in once their own directory entry has arrived.

const LETTERS = 40;
const WINDOW = 10;

describe('a first sync in windows, interrupted and resumed (pglite)', () => {
  let server: ServerProcess;
  let proxy: FaultProxy;
  const stations: Workstation[] = [];

  beforeAll(async () => {
    server = await startServer({ engine: 'pglite' });
    proxy = await startFaultProxy(server.url);
    const registry = workstation(server.url);
    stations.push(registry);
    await login(registry, 'akowalska');
    const gk = await unitOf(registry, 'GK');
    const sender = await createSender(registry.ctx, 'Początkowa');
    // Each letter pushed on its own: a push is one transaction, one version, and a pull window
    // never splits a transaction's rows — forty in one push would be one window.
    for (let i = 0; i < LETTERS; i++) {
      await call(registry.ctx, 'intake.register', letterInput(sender.id, gk, { subject: `Pismo do pierwszej synchronizacji ${String(i + 1)}` }));
      expect((await call(registry.ctx, 'sync.now', {})).pending).toBe(0);
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of stations) s.close();
    await proxy.close();
    await server.stop();
  });

  it('goes on from its last window after the network drops, and ends equal to one never interrupted', async () => {
    let pulls = 0;
    proxy.onRequest = (path) => {
      if (path.startsWith('/sync/pull')) pulls++;
    };
    // The reference: a first sync through the same windows that nothing interrupts.
    const whole = workstation(proxy.url, { pullLimit: WINDOW });
    stations.push(whole);
    await login(whole, 'akowalska');
    const uninterrupted = pulls;
    expect(uninterrupted).toBeGreaterThan(5);

    pulls = 0;
    const cut = workstation(proxy.url, { pullLimit: WINDOW });
    stations.push(cut);
    let seen: { rows: number; percent: number } | null = null;
    let indexesDuring = 0;
    proxy.onRequest = (path) => {
      if (!path.startsWith('/sync/pull')) return;
      pulls++;
      // The next window is asked for before one is written: the third is asked while the second
      // is being written, so the status says at least how far the first took it.
      if (pulls === 3) {
        seen = cut.ctx.sync?.status().progress ?? null;
        // A pull from the start builds the big tables' secondary indexes at its end (db/bulkLoad.ts).
        indexesDuring = cut.ctx.store.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").pluck().get() as number;
      }
      if (pulls === 5) proxy.mode = 'down';
    };
    // The network goes at the fifth window: the person is in all the same (their directory came first).
    expect((await login(cut, 'akowalska')).login).toBe('akowalska');
    const status = await call(cut.ctx, 'sync.status', {});
    expect(status?.state).toBe('offline');
    expect(status?.progress).toBeNull();
    expect(seen).toMatchObject({ percent: expect.any(Number) as number, rows: expect.any(Number) as number });
    const progress = seen as unknown as { rows: number; percent: number };
    expect(progress.percent).toBeGreaterThan(0);
    expect(progress.percent).toBeLessThan(100);
    expect(progress.rows).toBeGreaterThanOrEqual(WINDOW);
    // What the four windows brought is here and usable; the rest is not.
    const held = cut.ctx.store.sqlite.prepare("SELECT count(*) FROM correspondence WHERE register = 'RPW'").pluck().get() as number;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(LETTERS);
    // Cut off, the pull built the indexes it had left out: the replica is whole to work on.
    expect(indexesDuring).toBeGreaterThan(0);
    expect(indexesDuring).toBeLessThan((replicaSchema(whole.dir) as { type: string }[]).filter((o) => o.type === 'index').length);
    expect(replicaSchema(cut.dir)).toEqual(replicaSchema(whole.dir));

    // The network is back: the next round starts from the saved cursor.
    proxy.onRequest = (path) => {
      if (path.startsWith('/sync/pull')) pulls++;
    };
    proxy.mode = 'pass';
    pulls = 0;
    const after = await call(cut.ctx, 'sync.now', {});
    expect([after.state, after.pending, after.lastError]).toEqual(['online', 0, null]);
    expect(pulls).toBeLessThan(uninterrupted - 2);
    expect(cut.ctx.store.sqlite.prepare("SELECT count(*) FROM correspondence WHERE register = 'RPW'").pluck().get()).toBe(LETTERS);
    // Row for row — the metryka's chain, its hashes and order included — what the uninterrupted one holds.
    expect(wholeReplica(cut.dir)).toEqual(wholeReplica(whole.dir));
    expect(replicaSchema(cut.dir)).toEqual(replicaSchema(whole.dir));
  }, 120_000);

  it('on a slow line the person is let in after a few seconds, works on what has come, and the rest follows with its progress shown', async () => {
    const slow = workstation(proxy.url, { pullLimit: WINDOW });
    stations.push(slow);
    proxy.mode = 'pass';
    proxy.onRequest = null;
    proxy.delayMs = 800;
    try {
      const started = performance.now();
      expect((await login(slow, 'akowalska')).login).toBe('akowalska');
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThan(4_500);
      expect(waited).toBeLessThan(7_500);
      // Still pulling: the header says how far, and what arrived is on screen already.
      const status = await call(slow.ctx, 'sync.status', {});
      expect(status?.progress?.percent).toBeGreaterThan(0);
      expect(status?.progress?.percent).toBeLessThan(100);
      expect((await call(slow.ctx, 'search.all', { q: 'Pismo do pierwszej synchronizacji', limit: 50 })).letters.length).toBeGreaterThan(0);
      // The round goes on by itself; asking for one joins it.
      const done = await call(slow.ctx, 'sync.now', {});
      expect([done.state, done.progress]).toEqual(['online', null]);
      expect(slow.ctx.store.sqlite.prepare("SELECT count(*) FROM correspondence WHERE register = 'RPW'").pluck().get()).toBe(LETTERS);
    } finally {
      proxy.delayMs = 0;
    }
  }, 120_000);
});
