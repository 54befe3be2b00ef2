import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '#db/store';
import { beginBulkLoad, endBulkLoad } from '#db/bulkLoad';

// A pull from the start leaves the big tables' secondary indexes out and builds them at its end
// (db/bulkLoad.ts). Whatever happens meanwhile, the profile must end with the schema it had:
// after the pull, and after a workstation stopped half way and opened again.

const KEY = 'c'.repeat(64);
let dir: string;
let path: string;
let store: Store;

function schemaOf(s: Store) {
  return s.sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
}
function indexNames(s: Store) {
  return s.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[];
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kancelaria-bulk-'));
  path = join(dir, 'profile.db');
  store = openStore(path, { key: KEY });
});
afterEach(() => {
  if (store.sqlite.open) store.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bulk writing of a pull from the start', () => {
  it('leaves out the secondary indexes of the big tables, keeps the unique ones and those the triggers read, and builds them back at its end', () => {
    const before = schemaOf(store);
    const all = indexNames(store);
    const bulk = beginBulkLoad(store, true);
    const during = indexNames(store);
    expect(during.length).toBeLessThan(all.length - 15);
    for (const gone of ['correspondence_unit', 'cases_owner', 'parties_search', 'events_entity', 'assignments_user']) expect(during).not.toContain(gone);
    for (const kept of ['correspondence_id_unique', 'correspondence_number', 'cases_id_unique', 'events_id_unique', 'assignments_item', 'case_items_letter', 'awaiting_assignment_unit']) expect(during).toContain(kept);
    expect(Number(store.sqlite.pragma('cache_size', { simple: true }))).toBe(-512 * 1024);
    endBulkLoad(store, bulk);
    expect(schemaOf(store)).toEqual(before);
    // The workstation's own page cache and SQLite's checkpoints are back.
    expect(Number(store.sqlite.pragma('cache_size', { simple: true }))).toBe(-64 * 1024);
    expect(Number(store.sqlite.pragma('wal_autocheckpoint', { simple: true }))).toBe(1000);
    expect(store.sqlite.prepare("SELECT count(*) FROM sync_state WHERE key = 'deferred-indexes'").pluck().get()).toBe(0);
  });

  it('a pull of many windows that is not from the start keeps every index', () => {
    const before = schemaOf(store);
    const bulk = beginBulkLoad(store, false);
    expect(schemaOf(store)).toEqual(before);
    endBulkLoad(store, bulk);
    expect(schemaOf(store)).toEqual(before);
  });

  it('a workstation stopped half way builds the indexes when the profile opens again', () => {
    const before = schemaOf(store);
    beginBulkLoad(store, true);
    expect(schemaOf(store)).not.toEqual(before);
    store.sqlite.close();
    store = openStore(path, { key: KEY });
    expect(schemaOf(store)).toEqual(before);
    expect(store.sqlite.prepare("SELECT count(*) FROM sync_state WHERE key = 'deferred-indexes'").pluck().get()).toBe(0);
    // And a second pull from the start defers and restores the same way.
    const bulk = beginBulkLoad(store, true);
    endBulkLoad(store, bulk);
    expect(schemaOf(store)).toEqual(before);
  });
});
