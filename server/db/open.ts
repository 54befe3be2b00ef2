import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema/index.ts';
import { lockDataDir } from './dataDirLock.ts';
import { keepVersionsAhead } from './versionBase.ts';
import { ChangeFeed, attachChangeFeed, listenPglite, listenPostgres } from './changeFeed.ts';

export type ServerSchema = typeof schema;

/**
 * The server's database, whichever driver is under it: drizzle's PostgreSQL query builder.
 *
 * A transaction is a ServerDb too (PgTransaction extends PgDatabase), so a function that only
 * reads or writes takes a ServerDb and works inside or outside a transaction.
 */
export type ServerDb = PgDatabase<PgQueryResultHKT, ServerSchema>;
export type ServerTx = PgTransaction<PgQueryResultHKT, ServerSchema, ExtractTablesWithRelations<ServerSchema>>;

/** Which engine answers: PostgreSQL (DATABASE_URL) or the embedded PGlite (a data directory). */
export type DatabaseEngine = 'postgresql' | 'pglite';

export type OpenedServerDb = {
  db: ServerDb;
  engine: DatabaseEngine;
  /** Where the data is, for messages: the data directory, or the URL without its password. */
  location: string;
  close(): Promise<void>;
};

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Key of the session-level advisory lock held while migrating: two server processes (or the
 * server and the admin CLI) starting together on one PostgreSQL migrate one after the other,
 * and the second finds nothing left to do.
 */
export const MIGRATION_LOCK_KEY = 0x4b414e43; // "KANC"

export type OpenOptions = {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Apply only the first N migrations (a restore loads a copy at the schema it was taken at, then migrates on). */
  migrationsUpTo?: number;
  /**
   * PostgreSQL: the schema owner's URL, used only to migrate; the server then works as the role
   * of `databaseUrl`, granted rows but no DDL (it cannot drop the audit log's triggers or alter
   * a table). Without it `databaseUrl` does both.
   */
  migrationUrl?: string | undefined;
  /**
   * Listen for changes of sessions and the directory (server/db/changeFeed.ts), so the caches
   * built on them answer: the server does; the CLI and a restore, which answer no requests, not.
   */
  listen?: boolean;
};

type Journal = { entries: { idx: number; when: number; tag: string }[] };

/** The migrations this program knows, in order (drizzle's journal). */
export function knownMigrations(): Journal['entries'] {
  return (JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as Journal).entries;
}

/**
 * A migrations folder holding only the first `n` (drizzle applies what its journal lists);
 * the caller removes it.
 */
function migrationsFolderUpTo(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'kancelaria-migracje-'));
  mkdirSync(join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as Journal;
  const entries = journal.entries.slice(0, n);
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) copyFileSync(join(MIGRATIONS_DIR, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return dir;
}

/** Runs `fn` with the folder of migrations to apply: all, or only the first `upTo`. */
async function withMigrations<T>(upTo: number | undefined, fn: (folder: string) => Promise<T>): Promise<T> {
  if (upTo === undefined) return fn(MIGRATIONS_DIR);
  const folder = migrationsFolderUpTo(upTo);
  try {
    return await fn(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Opens the server's database and brings its schema up to date.
 *
 * `databaseUrl` selects PostgreSQL (node-postgres pool); otherwise PGlite in `dataDir`, which
 * is created when missing and locked for this process (server/db/dataDirLock.ts).
 */
export async function openServerDb(opts: OpenOptions): Promise<OpenedServerDb> {
  if (!opts.databaseUrl && !opts.dataDir) throw new Error('openServerDb: give databaseUrl or dataDir');
  const opened = opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts.migrationsUpTo, opts.migrationUrl, opts.listen === true) : await openPglite(resolve(opts.dataDir ?? ''), opts.migrationsUpTo, opts.listen === true);
  // A database moved to another cluster meets lower transaction ids: versions stay ahead.
  if (opts.migrationsUpTo === undefined) {
    try {
      await keepVersionsAhead(opened.db);
    } catch (e) {
      await opened.close();
      throw e;
    }
  }
  return opened;
}

/** Migrates with `client`, one process at a time (the advisory lock). */
async function migrateWith(client: pg.PoolClient | pg.Client, upTo: number | undefined): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await withMigrations(upTo, (migrationsFolder) => migrateNodePg(drizzleNodePg(client), { migrationsFolder }));
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

/**
 * What the server's own role may do, granted by the owner after each migration: read and write
 * rows, nothing else — the audit log only appended to (its triggers refuse changes too, and
 * only an owner could drop them).
 */
export async function grantServerRole(owner: pg.PoolClient | pg.Client, role: string): Promise<void> {
  const quoted = (await owner.query<{ r: string }>('SELECT quote_ident($1) AS r', [role])).rows[0]?.r;
  if (!quoted) throw new Error('no role name');
  for (const statement of [
    `GRANT USAGE ON SCHEMA public TO ${quoted}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoted}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${quoted}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${quoted}`,
    // A copy records how many migrations the database has.
    `GRANT USAGE ON SCHEMA drizzle TO ${quoted}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${quoted}`,
  ]) {
    await owner.query(statement);
  }
}

async function openPostgres(url: string, upTo: number | undefined, migrationUrl: string | undefined, listen: boolean): Promise<OpenedServerDb> {
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'kancelaria-serwer' });
  // An idle client that loses its connection (database restart) must not crash the process.
  pool.on('error', (e) => process.stderr.write(`Kancelaria (serwer): połączenie z PostgreSQL przerwane: ${e.message}\n`));
  try {
    const client = await pool.connect();
    try {
      if (migrationUrl === undefined) await migrateWith(client, upTo);
      else {
        const role = (await client.query<{ role: string }>('SELECT current_user AS role')).rows[0]?.role ?? '';
        const owner = new pg.Client({ connectionString: migrationUrl, application_name: 'kancelaria-migracje' });
        await owner.connect();
        try {
          await migrateWith(owner, upTo);
          await grantServerRole(owner, role);
        } finally {
          await owner.end();
        }
      }
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end();
    throw e;
  }
  const db: ServerDb = drizzleNodePg(pool, { schema });
  let unlisten: (() => Promise<void>) | null = null;
  if (listen) {
    const feed = new ChangeFeed();
    attachChangeFeed(db, feed);
    unlisten = listenPostgres(url, feed);
  }
  return {
    db,
    engine: 'postgresql',
    location: redactUrl(url),
    async close() {
      await unlisten?.();
      await pool.end();
    },
  };
}

async function openPglite(dir: string, upTo: number | undefined, listen: boolean): Promise<OpenedServerDb> {
  // The office's whole database: the server account's only (files inside follow the process umask).
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const lock = lockDataDir(dir);
  let client: PGlite | null = null;
  try {
    client = await PGlite.create(dir);
    const db = drizzlePglite(client, { schema });
    await withMigrations(upTo, (migrationsFolder) => migratePglite(db, { migrationsFolder }));
    const opened = client;
    let unlisten: (() => Promise<void>) | null = null;
    if (listen) {
      const feed = new ChangeFeed();
      attachChangeFeed(db, feed);
      unlisten = await listenPglite(opened, feed);
    }
    return {
      db,
      engine: 'pglite',
      location: dir,
      async close() {
        try {
          await unlisten?.();
          await opened.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (e) {
    await client?.close().catch(() => undefined);
    lock.release();
    throw e;
  }
}

/** The URL as it can be printed: without the password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(adres bazy danych)';
  }
}
