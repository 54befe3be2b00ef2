import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from '#db/schema/index';
import { restoreDeferredIndexes } from '#db/bulkLoad';

export type Db = BetterSQLite3Database<typeof schema>;

/** An open local store: the drizzle handle for queries and the raw handle for hot paths. */
export type Store = {
  readonly db: Db;
  readonly sqlite: Database.Database;
  readonly path: string;
  /** Runs `fn` in one IMMEDIATE transaction: the write lock is taken up front, so two
   *  processes on one file queue instead of failing at commit with SQLITE_BUSY. */
  tx<T>(fn: () => T): T;
  /**
   * How many times the office's records changed under this process (a command decided here, a
   * pull or a push that moved the replica). Open screens compare it and refresh when it moves.
   */
  revision(): number;
  changed(): void;
  close(): void;
};

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Slow statements are logged (Signal's SQL worker does the same at 40 ms). */
const SLOW_MS = 40;

/**
 * The database key: 64 hex digits (256 bits), from the workstation's data key (backend/dataKey.ts).
 * null only for a throwaway copy (a backup's check) or a database held in memory.
 */
export type DatabaseKey = string | null;

export class DatabaseKeyError extends Error {
  override name = 'DatabaseKeyError';
}

/** Whether the open database can be read with the key it was given (none: read plain). */
function readable(sqlite: Database.Database): boolean {
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch (e) {
    if (e instanceof Error && (e as Error & { code?: string }).code === 'SQLITE_NOTADB') return false;
    throw e;
  }
}

/**
 * SQLite3 Multiple Ciphers' ChaCha20-Poly1305 (each page authenticated). Its key derivation is
 * for passwords (64,007 PBKDF2 rounds, 70 ms at every open); ours is 256 random bits already
 * (backend/dataKey.ts), so one round: stretching a random key adds nothing.
 */
function cipherFor(sqlite: Database.Database): void {
  sqlite.pragma("cipher = 'chacha20'");
  sqlite.pragma('kdf_iter = 1');
}

function useKey(sqlite: Database.Database, key: DatabaseKey): void {
  if (key === null) return;
  if (!/^[0-9a-f]{64}$/.test(key)) throw new DatabaseKeyError('a database key is 64 hex digits');
  cipherFor(sqlite);
  sqlite.pragma(`hexkey='${key}'`);
}

/**
 * Opens `path` with `key`. A profile from before encryption (a plain file) is encrypted in
 * place on its first open with a key: its rows never stay readable next to an encrypted copy.
 */
function openKeyed(path: string, key: DatabaseKey, readOnly: boolean): Database.Database {
  const open = () => (readOnly ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path));
  const sqlite = open();
  useKey(sqlite, key);
  if (readable(sqlite)) return sqlite;
  sqlite.close();
  const plain = open();
  if (key === null || !readable(plain)) {
    plain.close();
    throw new DatabaseKeyError('the database does not open with this key');
  }
  if (readOnly) return plain;
  // Re-keying is done in rollback-journal mode (not WAL), then WAL is taken back below.
  plain.pragma('journal_mode = DELETE');
  cipherFor(plain);
  plain.pragma(`hexrekey='${key}'`);
  plain.close();
  const keyed = open();
  useKey(keyed, key);
  if (!readable(keyed)) throw new DatabaseKeyError('the database did not take its key');
  return keyed;
}

/** SQLite's page cache, KiB: what a workstation keeps decrypted while people work (below). */
const CACHE_KIB = 64 * 1024;

/**
 * Opens (creating if needed) the SQLite file of a user profile and brings its schema up to date.
 * The file is encrypted with `key` (a copied profile or a stolen disk shows no letter).
 *
 * WAL lets readers run beside the one writer; busy_timeout makes a second process wait for the
 * write lock instead of failing; foreign keys are off by default in SQLite and must be asked for.
 */
export function openStore(path: string, opts: { key: DatabaseKey; log?: (msg: string) => void; readOnly?: boolean }): Store {
  // Read-only: a damaged profile is read without a single write (no migration, no journal change).
  // The office's registers are for this Windows/Unix account only: the file is made 0600 before
  // SQLite opens it, and SQLite gives its WAL and shared-memory files the same mode.
  if (!opts.readOnly && path !== ':memory:') {
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  const sqlite = path === ':memory:' ? new Database(path) : openKeyed(path, opts.key, opts.readOnly ?? false);
  if (!opts.readOnly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // Every page read from disk is decrypted (and checked); pages kept in SQLite's own cache are
  // not. Its default 2 MiB holds little of an office's year: 64 MiB keeps the registers, the
  // inbox's cases and the metryka's recent pages decrypted (bench/RESULTS.md, Cases).
  sqlite.pragma(`cache_size = -${String(CACHE_KIB)}`);
  const log = opts.log;
  const db = drizzle(sqlite, {
    schema,
    casing: 'snake_case',
    logger: log
      ? {
          logQuery: () => undefined,
        }
      : false,
  });
  if (!opts.readOnly) {
    // A pull from the start stopped half way left indexes to build (db/bulkLoad.ts).
    const rebuilt = restoreDeferredIndexes(sqlite);
    if (rebuilt > 0) log?.(`indeksy przerwanej synchronizacji odbudowane: ${String(rebuilt)}`);
    migrate(db, { migrationsFolder });
  }
  const immediate = <T>(fn: () => T): T => {
    const started = performance.now();
    const result = sqlite.transaction(fn).immediate();
    const ms = performance.now() - started;
    if (log && ms > SLOW_MS) log(`wolna transakcja: ${ms.toFixed(1)} ms`);
    return result;
  };
  let revision = 0;
  return {
    db,
    sqlite,
    path,
    tx: immediate,
    revision: () => revision,
    changed: () => {
      revision++;
    },
    close: () => sqlite.close(),
  };
}

/**
 * A consistent copy of the database at `path` into `target`, decrypted (a backup archive is
 * encrypted with its own key and restored on other machines, under other keys). One read
 * transaction's view: writers go on meanwhile. `target` must be a folder of this account's only.
 */
export function plainSnapshot(path: string, key: DatabaseKey, target: string): void {
  const live = openKeyed(path, key, true);
  try {
    live.pragma('busy_timeout = 10000');
    live.prepare('VACUUM INTO ?').run(target);
  } finally {
    live.close();
  }
  if (key === null) return;
  // VACUUM INTO keeps the key; the copy (in rollback-journal mode) drops it.
  const copy = new Database(target);
  try {
    useKey(copy, key);
    copy.pragma('journal_mode = DELETE');
    copy.pragma("rekey=''");
  } finally {
    copy.close();
  }
}
