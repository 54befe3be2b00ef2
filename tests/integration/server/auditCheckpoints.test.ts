import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { auditChainInput } from '#server/db/audit';
import { sql, type SQL } from 'drizzle-orm';
import { openServerDb, type ServerTx } from '#server/db/open';
import { POSTGRES_ADMIN_URL, SERVER_ENGINES, createServerDatabase, runServerCliAsync, startServer, type ServerDatabase } from '#tests/support/server';

// The audit log against someone who owns the database: they can switch its triggers off, cut
// its tail, or rewrite an entry and recompute every later hash — the chain alone then looks
// whole. The heads the server signed with its own key (kept on its disk, not in the database)
// catch both. And with two database roles, the server's own cannot even try.

type Row = { seq: number | string; at: Date | string; actor: string; action: string; entity_type: string; entity_id: string; summary: string; data: unknown; version: number | string | null; prev_hash: string; hash: string };

/** As the schema's owner, with the log's triggers off for this transaction (what a DBA can do). */
async function asOwner<T>(database: ServerDatabase, fn: (tx: ServerTx) => Promise<T>): Promise<T> {
  const opened = await openServerDb({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.KANCELARIA_SERVER_DATA });
  try {
    return await opened.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      return fn(tx);
    });
  } finally {
    await opened.close();
  }
}

async function rowsOf<R>(tx: ServerTx, query: SQL): Promise<R[]> {
  const result: unknown = await tx.execute(query);
  return (result as { rows: R[] }).rows;
}

const databases: ServerDatabase[] = [];
afterAll(async () => {
  for (const d of databases) await d.drop();
});

describe.each(SERVER_ENGINES)('the audit log against its signed checkpoints (%s)', (engine) => {
  /** A server that did some audited work and stopped: its log and its checkpoints. */
  async function workedOffice(): Promise<ServerDatabase> {
    const database = await createServerDatabase(engine);
    databases.push(database);
    const server = await startServer({ database });
    for (const login of ['akowalska', 'tlukasik', 'kzielinska']) await server.login(login);
    await server.stop({ keepDatabase: true });
    return database;
  }

  it('the server signs the head at start and at stop; verify says the log holds them; the key and the file are the server account’s only', async () => {
    const database = await workedOffice();
    const keyFile = database.env.KANCELARIA_SERVER_AUDIT_KEY ?? '';
    const lines = readFileSync(join(keyFile, '..', 'punkty-kontrolne-audytu.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const verify = await runServerCliAsync(database, ['audit', 'verify']);
    expect(verify.stdout).toMatch(/Łańcuch dziennika audytu cały: \d+ wpis\w*; zgodny z podpisanymi stanami i \d+ punkt/);
    expect(verify.stdout).not.toMatch(/Uwaga/);
    expect(verify.status).toBe(0);

    // A copy restored into the database starts another history: its log may end earlier, and
    // the checkpoints of the one before are not held against it — but said every time.
    await asOwner(database, (tx) => tx.execute(sql`UPDATE server_identity SET epoch = gen_random_uuid(), restored_at = now()`));
    const restored = await runServerCliAsync(database, ['audit', 'verify']);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(/Uwaga: \d+ punktów kontrolnych dotyczy historii sprzed odtworzenia bazy z kopii \(odtworzono \d\d\.\d\d\.\d{4} \d\d:\d\d\)/);
  }, 120_000);

  it('a cut tail is caught, though the chain that remains is whole', async () => {
    const database = await workedOffice();
    const exportFile = join(mkdtempSync(join(tmpdir(), 'kancelaria-audyt-')), 'punkty.json');
    expect((await runServerCliAsync(database, ['audit', 'export', '--to', exportFile])).status).toBe(0);
    await asOwner(database, async (tx) => {
      const [head] = await rowsOf<{ last: number | string | null }>(tx, sql`SELECT max(seq) AS last FROM audit_log`);
      await tx.execute(sql`DELETE FROM audit_log WHERE seq > ${Number(head?.last ?? 0) - 2}`);
    });
    const local = await runServerCliAsync(database, ['audit', 'verify']);
    expect(local.status).toBe(1);
    expect(local.stdout).not.toMatch(/PRZERWANY/);
    expect(local.stdout).toMatch(/Dziennik UCIĘTO: punkt kontrolny z \d\d\.\d\d\.\d{4} \d\d:\d\d zna wpis nr \d+, a w bazie ostatni jest nr \d+\./);
    // The copy IT keeps elsewhere says the same, even if the server's own file went too.
    const exported = await runServerCliAsync(database, ['audit', 'verify', '--checkpoints', exportFile]);
    expect(exported.status).toBe(1);
    expect(exported.stdout).toMatch(/Dziennik UCIĘTO/);
    rmSync(join(exportFile, '..'), { recursive: true, force: true });
  }, 120_000);

  it('an entry rewritten with every later hash recomputed is caught; a forged checkpoint file is refused', async () => {
    const database = await workedOffice();
    await asOwner(database, async (tx) => {
      const rows = await rowsOf<Row>(tx, sql`SELECT * FROM audit_log ORDER BY seq`);
      // Entry 2 says someone else did it; then the chain is rebuilt so that it holds again.
      let prev = rows[0]?.hash ?? '';
      for (const r of rows.slice(1)) {
        const summary = Number(r.seq) === 2 ? `${r.summary} (zmienione)` : r.summary;
        const hash = createHash('sha256')
          .update(auditChainInput({ seq: Number(r.seq), at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, entityType: r.entity_type, entityId: r.entity_id, summary, data: r.data, version: r.version === null ? null : Number(r.version), prevHash: prev }), 'utf8')
          .digest('hex');
        await tx.execute(sql`UPDATE audit_log SET summary = ${summary}, prev_hash = ${prev}, hash = ${hash} WHERE seq = ${r.seq}`);
        prev = hash;
      }
    });
    const verify = await runServerCliAsync(database, ['audit', 'verify']);
    expect(verify.stdout).not.toMatch(/PRZERWANY/);
    expect(verify.stdout).toMatch(/Dziennik PRZEPISANO: wpis nr \d+ ma inny skrót niż w punkcie kontrolnym z /);
    expect(verify.status).toBe(1);

    // Whoever rewrote the log cannot re-sign the checkpoints: a file with the new hash and an old signature fails.
    const file = join(database.env.KANCELARIA_SERVER_AUDIT_KEY ?? '', '..', 'punkty-kontrolne-audytu.jsonl');
    const forged = readFileSync(file, 'utf8').replace(/"hash":"[0-9a-f]{64}"/, `"hash":"${randomBytes(32).toString('hex')}"`);
    writeFileSync(file, forged);
    expect((await runServerCliAsync(database, ['audit', 'verify'])).stdout).toMatch(/ma nieprawidłowy podpis/);
  }, 120_000);
});

describe('the server’s own database role has rows, not DDL (PostgreSQL)', () => {
  it('migrated by the owner, the server works as a role that cannot alter the log’s triggers nor delete from it', async () => {
    const database = await createServerDatabase('postgres');
    databases.push(database);
    const role = `k_app_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    try {
      const ownerUrl = database.env.DATABASE_URL ?? '';
      const appUrl = new URL(ownerUrl);
      appUrl.username = role;
      const server = await startServer({ database, env: { DATABASE_URL: appUrl.toString(), KANCELARIA_SERVER_MIGRATION_URL: ownerUrl } });
      // It works: the demo office seeded, people sign in, the log grows.
      await server.login('akowalska');
      await server.stop({ keepDatabase: true });

      const app = new pg.Client({ connectionString: appUrl.toString() });
      await app.connect();
      try {
        const refused = (text: string): Promise<string> => app.query(text).then(() => 'allowed', (e: unknown) => (e as { code?: string }).code ?? 'error');
        expect(await refused('ALTER TABLE audit_log DISABLE TRIGGER ALL')).toBe('42501');
        expect(await refused('DELETE FROM audit_log')).toBe('42501');
        expect(await refused('TRUNCATE audit_log')).toBe('42501');
        expect(await refused('DROP TABLE correspondence')).toBe('42501');
        expect(await refused('CREATE TABLE x (a int)')).toBe('42501');
        expect(Number((await app.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]?.n)).toBeGreaterThan(0);
      } finally {
        await app.end();
      }
    } finally {
      await database.drop();
      databases.splice(databases.indexOf(database), 1);
      await admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  }, 120_000);
});
