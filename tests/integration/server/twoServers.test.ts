import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openServerDb, type OpenedServerDb } from '#server/db/open';
import { writeTx } from '#server/db/tx';
import { sealAudit, verifyAuditChain } from '#server/db/audit';
import { parties } from '#server/db/schema/records';
import { call, createSender, letterInput } from '#tests/support/profile';
import { workstation, login, unitOf, type Workstation } from '#tests/support/workstation';
import { createServerDatabase, startServer, type ServerDatabase, type ServerProcess } from '#tests/support/server';

// The office's write path without a lock every writer shares: two server processes on one
// PostgreSQL database, four workstations pushing through them at once, and a writer held open
// beside them. Numbers stay gap-free per register, no pull passes a writer still open, every
// replica ends equal, and the audit chain holds every command once.

const STATIONS = 4;
const LETTERS = 20;

async function rows<T>(db: OpenedServerDb, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.db.execute(query);
  return (result as { rows: T[] }).rows;
}

function lettersOf(w: Workstation): Map<string, string | null> {
  return new Map((w.ctx.store.sqlite.prepare("SELECT id, number FROM correspondence WHERE register = 'RPW'").all() as { id: string; number: string | null }[]).map((r) => [r.id, r.number]));
}

/** Rounds at once until nothing waits, then one more each: the pulls after every push has committed. */
async function settle(stations: Workstation[]): Promise<void> {
  for (let round = 0; ; round++) {
    const statuses = await Promise.all(stations.map((s) => call(s.ctx, 'sync.now', {})));
    if (statuses.every((s) => s.pending === 0 && s.state === 'online')) break;
    if (round === 10) throw new Error('the workstations did not settle in 10 rounds');
  }
  for (const s of stations) await call(s.ctx, 'sync.now', {});
}

describe('two server processes on one PostgreSQL database', () => {
  let database: ServerDatabase;
  let servers: ServerProcess[];
  let side: OpenedServerDb;
  let stations: Workstation[];
  let gk: string;
  let senderId: string;

  beforeAll(async () => {
    database = await createServerDatabase('postgres');
    servers = [await startServer({ database }), await startServer({ database })];
    side = await openServerDb({ databaseUrl: database.env.DATABASE_URL });
    stations = Array.from({ length: STATIONS }, (_, i) => workstation(servers[i % 2]?.url ?? ''));
    for (const s of stations) await login(s, 'akowalska');
    const first = stations[0] as Workstation;
    gk = await unitOf(first, 'GK');
    senderId = (await createSender(first.ctx, 'Dwuprocesowa')).id;
    await settle(stations);
  }, 180_000);
  afterAll(async () => {
    for (const s of stations) s.close();
    await side.close();
    await Promise.all(servers.map((s) => s.stop({ keepDatabase: true })));
    await database.drop();
  });

  it(`${String(STATIONS)} workstations × ${String(LETTERS)} letters pushed at once through both: RPW numbers 1..N each once, every replica the same`, async () => {
    for (const s of stations) {
      for (let i = 0; i < LETTERS; i++) await call(s.ctx, 'intake.register', letterInput(senderId, gk, { subject: `Pismo ${String(i + 1)}` }));
    }
    await settle(stations);

    const seqs = (await rows<{ seq: string | number }>(side, sql`SELECT seq FROM correspondence WHERE register = 'RPW' ORDER BY seq`)).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: STATIONS * LETTERS }, (_, i) => i + 1));
    const server = new Map((await rows<{ id: string; number: string }>(side, sql`SELECT id, number FROM correspondence WHERE register = 'RPW'`)).map((r) => [r.id, r.number]));
    // Every workstation holds every letter under the number the server gave it.
    for (const s of stations) expect(lettersOf(s)).toEqual(server);

    await sealAudit(side.db);
    expect((await verifyAuditChain(side.db)).firstBroken).toBeNull();
    const applied = await rows<{ n: string; d: string }>(side, sql`SELECT count(*) AS n, count(DISTINCT entity_id || ':' || (data->>'mutationId')) AS d FROM audit_log WHERE action = 'sync.applied' AND summary LIKE '%registerIncoming%'`);
    expect([Number(applied[0]?.n), Number(applied[0]?.d)]).toEqual([STATIONS * LETTERS, STATIONS * LETTERS]);
  }, 240_000);

  it('one letter cancelled at once through both processes: the second waits for the first and is refused, the metryka has one cancellation', async () => {
    const [first, second] = stations as [Workstation, Workstation];
    const letter = await call(first.ctx, 'intake.register', letterInput(senderId, gk, { subject: 'Anulowane dwa razy naraz' }));
    await settle(stations);
    // Both pushes must meet at the letter's row: a side transaction holds it until both wait.
    const holder = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM correspondence WHERE id = $1 FOR UPDATE', [letter.id]);
      await call(first.ctx, 'intake.cancel', { id: letter.id, reason: 'Pomyłka pierwszego stanowiska' });
      await call(second.ctx, 'intake.cancel', { id: letter.id, reason: 'Pomyłka drugiego stanowiska' });
      const pushes = [call(first.ctx, 'sync.now', {}), call(second.ctx, 'sync.now', {})];
      const waiting = async () => Number((await rows<{ n: string }>(side, sql`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0]?.n ?? 0);
      for (let i = 0; (await waiting()) < 2; i++) {
        if (i === 200) throw new Error('the two pushes never waited for the letter');
        await new Promise((r) => setTimeout(r, 50));
      }
      await holder.query('COMMIT');
      await Promise.all(pushes);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    await settle(stations);

    // Deciding on the row as the first left it, the second is refused: one cancellation.
    const cancelled = await rows<{ n: string }>(side, sql`SELECT count(*) AS n FROM record_events WHERE entity_id = ${letter.id} AND action = 'correspondence.cancelled'`);
    expect(Number(cancelled[0]?.n)).toBe(1);
    const refused = await Promise.all([first, second].map(async (s) => (await call(s.ctx, 'sync.status', {}))?.rejected));
    expect(refused.sort()).toEqual([0, 1]);
    const [row] = await rows<{ status: string; cancel_reason: string }>(side, sql`SELECT status, cancel_reason FROM correspondence WHERE id = ${letter.id}`);
    expect(row?.status).toBe('cancelled');
    // Every workstation shows the reason the server kept.
    for (const s of stations) expect((await call(s.ctx, 'intake.get', { id: letter.id })).cancelReason).toBe(row?.cancel_reason);
  }, 120_000);

  it('a writer held open beside both: pushes through either still go through, no pull passes it, the next pull brings everything', async () => {
    const [first, second] = stations as [Workstation, Workstation];
    const [actor] = await rows<{ id: string }>(side, sql`SELECT id FROM users WHERE login = 'akowalska'`);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const lateId = crypto.randomUUID();
    let begun = () => {};
    const writing = new Promise<void>((r) => (begun = r));
    const late = writeTx(side.db, async (w) => {
      await w.tx.insert(parties).values({ id: lateId, kind: 'person', name: 'Zenon Późny', country: 'Polska', createdAt: new Date().toISOString(), createdBy: actor?.id ?? '', version: w.version });
      begun();
      await held;
    });
    try {
      // The late writer has its version (its transaction id) before the push takes one: only then
      // is it the older, still open transaction the pulls must not pass.
      await writing;
      // With one version row every writer locked, this push would wait for the writer held open.
      const letter = await call(first.ctx, 'intake.register', letterInput(senderId, gk, { subject: 'Wysłane, gdy inny zapis trwa' }));
      const pushed = await call(first.ctx, 'sync.now', {});
      expect([pushed.pending, pushed.state]).toEqual([0, 'online']);
      const [row] = await rows<{ number: string }>(side, sql`SELECT number FROM correspondence WHERE id = ${letter.id}`);
      const numbered = row?.number ?? '';
      expect(numbered).toMatch(/^RPW\/\d+\/\d{4}$/);
      // Its own pull cannot bring the server's row yet; the letter stays on its desk all the same.
      await call(first.ctx, 'sync.now', {});
      expect(lettersOf(first).has(letter.id)).toBe(true);

      // The other process's workstation: the letter is committed, but its version is above the open writer's — not yet.
      await call(second.ctx, 'sync.now', {});
      expect(lettersOf(second).has(letter.id)).toBe(false);
      expect((await call(second.ctx, 'parties.search', { q: 'Późny', limit: 5 })).length).toBe(0);

      release();
      await late;
      await call(second.ctx, 'sync.now', {});
      expect(lettersOf(second).get(letter.id)).toBe(numbered);
      expect((await call(second.ctx, 'parties.search', { q: 'Późny', limit: 5 })).map((p) => p.name)).toEqual(['Zenon Późny']);
      // The workstation that pushed it kept the letter on top meanwhile; now it holds the server's row.
      await call(first.ctx, 'sync.now', {});
      expect((await call(first.ctx, 'intake.get', { id: letter.id })).label).toBe(numbered);
    } finally {
      release();
      await late;
    }
  }, 120_000);
});
