import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from '#db/schema/index';

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
 * Opens (creating if needed) the SQLite file of a user profile and brings its schema up to date.
 *
 * WAL lets readers run beside the one writer; busy_timeout makes a second process wait for the
 * write lock instead of failing; foreign keys are off by default in SQLite and must be asked for.
 */
export function openStore(path: string, opts: { log?: (msg: string) => void; readOnly?: boolean } = {}): Store {
  // Read-only: a damaged profile is read without a single write (no migration, no journal change).
  // The office's registers are for this Windows/Unix account only: the file is made 0600 before
  // SQLite opens it, and SQLite gives its WAL and shared-memory files the same mode.
  if (!opts.readOnly && path !== ':memory:') {
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  const sqlite = opts.readOnly ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path);
  if (!opts.readOnly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
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
  if (!opts.readOnly) migrate(db, { migrationsFolder });
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
