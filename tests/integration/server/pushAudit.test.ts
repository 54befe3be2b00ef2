import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerDb, type OpenedServerDb } from '#server/db/open';
import { sealAudit, verifyAuditChain } from '#server/db/audit';
import { startServer, type ServerProcess } from '#tests/support/server';

// A push writes its audit entries together, before its commit (server/db/tx.ts writeHeldAudit):
// the log must still read as if each had been written when it happened — one entry a command,
// in the order of the commands, a refused command's entry saying so and nothing of what it
// would have done — and the chain must hold.

async function rows<T>(db: OpenedServerDb, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.db.execute(query);
  return (result as { rows: T[] }).rows;
}

describe('the audit entries of one push, on postgres', () => {
  let server: ServerProcess;
  let side: OpenedServerDb;

  beforeAll(async () => {
    server = await startServer({ engine: 'postgres' });
    side = await openServerDb({ databaseUrl: server.database.env.DATABASE_URL });
  }, 120_000);
  afterAll(async () => {
    await side.close();
    await server.stop();
  });

  it('applied, refused, applied: three entries in that order, the refused one without its person', async () => {
    const t = await server.login('gszymanski');
    const gk = (await server.call<{ units: { id: string; symbol: string }[] }>('GET', '/directory', { token: t.accessToken })).body.units.find((u) => u.symbol === 'GK')?.id;
    const clientId = randomUUID();
    const person = (id: number, login: string) => ({
      id,
      name: 'addPerson',
      args: { id: randomUUID(), login, fullName: `Osoba ${login}`, position: 'referent', role: 'clerk', unitId: gk },
      eventIds: [],
      createdAt: new Date().toISOString(),
    });
    // The second takes a login the first has just taken: the rules refuse it.
    const push = await server.call<{ results: { id: number; status: string }[] }>('POST', '/sync/push', {
      token: t.accessToken,
      body: { clientId, mutations: [person(1, 'audyt.pierwsza'), person(2, 'audyt.pierwsza'), person(3, 'audyt.trzecia')] },
    });
    expect(push.status, JSON.stringify(push.body)).toBe(200);
    expect(push.body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);

    await sealAudit(side.db);
    expect(await rows(side, sql`SELECT action, data->>'mutationId' AS m FROM audit_log WHERE entity_id = ${clientId} ORDER BY seq`)).toEqual([
      { action: 'sync.applied', m: '1' },
      { action: 'sync.rejected', m: '2' },
      { action: 'sync.applied', m: '3' },
    ]);
    const people = await rows<{ login: string }>(side, sql`SELECT login FROM users WHERE login LIKE 'audyt.%' ORDER BY login`);
    expect(people.map((p) => p.login)).toEqual(['audyt.pierwsza', 'audyt.trzecia']);
    expect((await verifyAuditChain(side.db)).firstBroken).toBeNull();
  });
});
