import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { createServerDatabase, runServerCli, startServer } from '#tests/support/server';

const MIGRATION_COUNT = (JSON.parse(readFileSync(new URL('../../../server/db/migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }).entries.length;

// Starting and stopping the real server: two processes starting together on one fresh
// PostgreSQL migrate and seed once (the advisory lock and the version lock), a PGlite
// directory belongs to one process and survives kill -9, SIGTERM ends cleanly.

describe('central server start-up and shutdown', () => {
  it('two processes starting together on one fresh PostgreSQL migrate and seed once', async () => {
    const database = await createServerDatabase('postgres');
    try {
      const [a, b] = await Promise.all([startServer({ database }), startServer({ database })]);
      try {
        for (const s of [a, b]) expect((await s.call('GET', '/health')).status).toBe(200);
        const seeded = [a, b].filter((s) => s.stdout().includes('Założono urząd demonstracyjny'));
        expect(seeded).toHaveLength(1);
        const token = (await b.login('akowalska')).accessToken;
        const dir = await a.call<{ users: unknown[]; units: unknown[] }>('GET', '/directory', { token });
        expect(dir.body.users).toHaveLength(10);
        expect(dir.body.units).toHaveLength(6);
        const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
        await client.connect();
        try {
          const migrations = await client.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations');
          // Each migration applied once, not once per process.
          expect(Number(migrations.rows[0]?.n)).toBe(MIGRATION_COUNT);
          await expect(client.query("UPDATE audit_log SET summary = 'x'")).rejects.toThrow(/append-only/);
          await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
        } finally {
          await client.end();
        }
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
      // Each process chained the audit entries of its writes before it stopped: none wait in the queue.
      const after = new pg.Client({ connectionString: database.env.DATABASE_URL });
      await after.connect();
      try {
        const counts = await after.query<{ queued: string; chained: string }>('SELECT (SELECT count(*) FROM audit_queue) AS queued, (SELECT count(*) FROM audit_log) AS chained');
        expect(Number(counts.rows[0]?.queued)).toBe(0);
        expect(Number(counts.rows[0]?.chained)).toBeGreaterThan(0);
      } finally {
        await after.end();
      }
      const audit = runServerCli(database, ['audit', 'verify']);
      expect(audit.status).toBe(0);
    } finally {
      await database.drop();
    }
  });

  it('keeps a PGlite directory to one process, and a server killed with -9 restarts on it', async () => {
    const first = await startServer({ engine: 'pglite' });
    const database = first.database;
    try {
      const tokens = await first.login('gszymanski');
      const second = await startServer({ database }).then(
        () => null,
        (e: unknown) => String(e),
      );
      expect(second).toContain('jest używany przez inny proces');

      expect((await first.kill9()).signal).toBe('SIGKILL');
      const again = await startServer({ database });
      try {
        expect(again.stdout()).not.toContain('Założono urząd demonstracyjny');
        // The session from before the kill is in the database, so it still works.
        expect((await again.call('GET', '/me', { token: tokens.accessToken })).status).toBe(200);
      } finally {
        const exit = await again.stop({ keepDatabase: true });
        expect(exit.code).toBe(0);
        expect(again.stdout()).toContain('Kancelaria (serwer): zatrzymany.');
      }
    } finally {
      await database.drop();
    }
  });

  it('seeds the demo office (known passwords) only when asked: a new database otherwise holds no office', async () => {
    const server = await startServer({ engine: 'pglite', env: { KANCELARIA_SERVER_DEMO: '' } });
    try {
      expect(server.stdout()).not.toContain('Założono urząd demonstracyjny');
      expect(server.stdout()).toContain('Baza nie ma jeszcze urzędu. Załóż go narzędziem administratora');
      const demo = await server.call<{ code: string }>('POST', '/auth/login', { body: { login: 'mkaminski', password: 'demo1234', clientName: 'test' } });
      expect([demo.status, demo.body.code]).toEqual([401, 'AUTH_LOGIN_FAILED']);
    } finally {
      await server.stop();
    }
  });
});
