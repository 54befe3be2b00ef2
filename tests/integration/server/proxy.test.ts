import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase, startServer, type ApiRefusal, type ServerDatabase } from '#tests/support/server';

// Who the server believes about a client's address (X-Forwarded-For) decides whom the login
// limits count. Read strictly: a hop count, or proxies named one by one.

describe('X-Forwarded-For is believed only from the proxies IT named', () => {
  let database: ServerDatabase;
  beforeAll(async () => {
    database = await createServerDatabase('pglite');
  });
  afterAll(async () => {
    await database.drop();
  });

  const guesses = async (server: Awaited<ReturnType<typeof startServer>>) => {
    const statuses: number[] = [];
    // Each guess claims another address, as a client forging the header would.
    for (let i = 0; i < 21; i++) statuses.push((await server.call<ApiRefusal>('POST', '/auth/login', { body: { login: `ktos${String(i)}`, password: 'zle-haslo', clientName: 'test' }, ip: `203.0.113.${String(i + 1)}` })).status);
    return statuses;
  };

  it('a client not behind a named proxy cannot forge its address: the 21st guess in a minute is refused', async () => {
    const server = await startServer({ database, env: { KANCELARIA_SERVER_TRUST_PROXY: '10.9.9.9' } });
    try {
      const statuses = await guesses(server);
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses[20]).toBe(429);
    } finally {
      await server.stop({ keepDatabase: true });
    }
  });

  it('"1" is one proxy in front (its X-Forwarded-For believed), not the address 0.0.0.1', async () => {
    const server = await startServer({ database, env: { KANCELARIA_SERVER_TRUST_PROXY: '1' } });
    try {
      expect((await guesses(server)).every((s) => s === 401)).toBe(true);
    } finally {
      await server.stop({ keepDatabase: true });
    }
  });

  it('a named range keyword is refused at start: a private range is trusted only when spelt out', async () => {
    await expect(startServer({ database, env: { KANCELARIA_SERVER_TRUST_PROXY: 'uniquelocal' } })).rejects.toThrow(/„uniquelocal” nie jest adresem IP ani zakresem CIDR/);
  });
});
