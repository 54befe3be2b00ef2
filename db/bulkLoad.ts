import type Database from 'better-sqlite3';
import type { Store } from '#db/store';

/**
 * A pull of many windows (a first sync, a resync) writes the person's whole scope. Row by row
 * into every index, a window's cost grew with the replica: each index of random keys (ids,
 * party names, dates) has a dirty page almost everywhere after a window, so each commit wrote
 * most of every index again, and every few megabytes SQLite checkpointed them into the file
 * too (bench/RESULTS.md). While such a pull runs, a pull from the start also leaves out the
 * secondary indexes of the big tables and builds them once at the end (a sort, each page
 * written once); any pull of many windows keeps more pages decrypted in memory and checkpoints
 * once at the end.
 *
 * The unique indexes stay (the upserts find rows by them), and so do the two indexes the
 * triggers keeping "do dekretacji" read on every row (db/migrations/0018): the screens read
 * correct, if slower, data while the pull runs.
 */

/** SQLite's page cache, KiB, while a pull of many windows writes (the workstation's own: store.ts). */
const BULK_CACHE_KIB = 512 * 1024;
/** WAL pages before a checkpoint while a pull of many windows writes (SQLite's default: 1,000). */
const BULK_CHECKPOINT_PAGES = 256 * 1024;
const DEFAULT_CHECKPOINT_PAGES = 1000;

/** The tables a first sync fills: their secondary indexes wait for its end. */
const DEFERRED_TABLES = ['parties', 'correspondence', 'assignments', 'cases', 'case_parties', 'events'];
/** Read by the triggers keeping awaiting_assignment, once per row written (migration 0018). */
const KEPT = ['assignments_item', 'case_items_letter'];

/**
 * Where the indexes left out wait, with the statements that make them again: written in the
 * transaction that drops them, so a workstation stopped meanwhile builds them when it opens.
 */
const DEFERRED_KEY = 'deferred-indexes';

type Deferred = { name: string; sql: string }[];

/** What a bulk load changed: whether indexes wait, and the page cache to give back (as SQLite reported it). */
export type BulkLoad = { deferred: boolean; cacheSize: number };

/**
 * Begins the bulk writing of a pull of many windows. `fromStart`: the pull begins with an
 * empty cursor, so it brings every row of the person's scope and the indexes wait for its end.
 */
export function beginBulkLoad(store: Store, fromStart: boolean): BulkLoad {
  const cacheSize = Number(store.sqlite.pragma('cache_size', { simple: true }));
  store.sqlite.pragma(`cache_size = -${String(BULK_CACHE_KIB)}`);
  store.sqlite.pragma(`wal_autocheckpoint = ${String(BULK_CHECKPOINT_PAGES)}`);
  if (!fromStart) return { deferred: false, cacheSize };
  store.tx(() => {
    const marks = DEFERRED_TABLES.map(() => '?').join(', ');
    const indexes = store.sqlite
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (${marks}) ORDER BY name`)
      .all(...DEFERRED_TABLES) as Deferred;
    const left = indexes.filter((i) => !KEPT.includes(i.name));
    const held = readDeferred(store.sqlite);
    store.sqlite.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(DEFERRED_KEY, JSON.stringify([...held, ...left]));
    for (const i of left) store.sqlite.exec(`DROP INDEX "${i.name}"`);
  });
  return { deferred: true, cacheSize };
}

/** Builds what waited, gives the memory back and checkpoints once. The store must be open. */
export function endBulkLoad(store: Store, bulk: BulkLoad): void {
  if (bulk.deferred) restoreDeferredIndexes(store.sqlite);
  store.sqlite.pragma(`cache_size = ${String(bulk.cacheSize)}`);
  store.sqlite.pragma(`wal_autocheckpoint = ${String(DEFAULT_CHECKPOINT_PAGES)}`);
  // The WAL grew by the whole pull: written into the file now, and the file cut back.
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

function readDeferred(sqlite: Database.Database): Deferred {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get();
  if (table === undefined) return [];
  const text = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(DEFERRED_KEY) as string | undefined;
  return text === undefined ? [] : (JSON.parse(text) as Deferred);
}

/**
 * Makes again the indexes a pull left out, in one transaction with forgetting them. Run by
 * the pull at its end, and on opening a profile before its migrations (a pull interrupted by
 * the workstation stopping; a migration may name them).
 */
export function restoreDeferredIndexes(sqlite: Database.Database): number {
  const deferred = readDeferred(sqlite);
  if (deferred.length === 0) return 0;
  sqlite.transaction(() => {
    // Only statements SQLite itself wrote when the index was made (sqlite_master), read back.
    for (const i of deferred) sqlite.exec(i.sql.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
    sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(DEFERRED_KEY);
  })();
  return deferred.length;
}
