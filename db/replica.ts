/**
 * The replica's own bookkeeping for a rebase (DESIGN.md "Sync"; docs/sync.md "Rebase"): what
 * each command the server has not confirmed changed, so it can be taken back, and the few
 * deletions only the replica's maintenance may make.
 *
 * Decisions:
 * - Changes are captured by temporary triggers (SQLite's own undo/redo recipe,
 *   sqlite.org/undoredo.html), not by each effect's code: every write of a command lands in the
 *   log, whichever repository made it, and a new table needs one line here.
 * - The log is a table of the profile's database, so commands waiting across a restart can
 *   still be taken back.
 * - Search indexes (FTS) are not captured: they are rebuilt for the rows the undo touched.
 */
import type { Store } from '#db/store';
import type { Statement } from 'better-sqlite3';
import { reindexCaseRow, dropCaseFromIndex } from '#db/caseRepo';
import { reindexLetterRow, dropLetterFromIndex } from '#db/correspondenceRepo';
import { dropEventsOf } from '#db/eventLog';

/** The tables commands write (db/commandStore.ts applyEffects), as SQLite names them. */
const CAPTURED = [
  'units',
  'users',
  'parties',
  'correspondence',
  'correspondence_scans',
  'assignments',
  'substitutions',
  'cases',
  'case_parties',
  'case_items',
  'case_documents',
  'opinion_requests',
  'case_suspensions',
  'decisions',
  'decision_versions',
  'decision_reviews',
  'dispatch_items',
  'document_templates',
  'settings',
] as const;

type Captured = (typeof CAPTURED)[number];

const prepared = new WeakMap<Store['sqlite'], Map<Captured, string[]>>();

/** Creates this connection's capture triggers once; returns each table's columns. */
function columnsOf(store: Store): Map<Captured, string[]> {
  const known = prepared.get(store.sqlite);
  if (known) return known;
  const db = store.sqlite;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS undo_capture (mutation_id INTEGER NOT NULL)');
  const columns = new Map<Captured, string[]>();
  for (const table of CAPTURED) {
    const cols = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
    columns.set(table, cols);
    const oldRow = `json_object(${cols.map((c) => `'${c}', OLD."${c}"`).join(', ')})`;
    const when = 'WHEN EXISTS (SELECT 1 FROM temp.undo_capture)';
    const log = (rowid: string, old: string) => `INSERT INTO undo_log (mutation_id, table_name, row_id, old_row) SELECT mutation_id, '${table}', ${rowid}, ${old} FROM temp.undo_capture;`;
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS undo_${table}_insert AFTER INSERT ON main.${table} ${when} BEGIN ${log('NEW.rowid', 'NULL')} END`);
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS undo_${table}_update BEFORE UPDATE ON main.${table} ${when} BEGIN ${log('OLD.rowid', oldRow)} END`);
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS undo_${table}_delete BEFORE DELETE ON main.${table} ${when} BEGIN ${log('OLD.rowid', oldRow)} END`);
  }
  prepared.set(db, columns);
  return columns;
}

/** Runs `fn` (a command's effects) with every change it makes logged under `mutationId`. */
export function capturingUndo<T>(store: Store, mutationId: number, fn: () => T): T {
  columnsOf(store);
  store.sqlite.prepare('INSERT INTO temp.undo_capture (mutation_id) VALUES (?)').run(mutationId);
  try {
    return fn();
  } finally {
    store.sqlite.prepare('DELETE FROM temp.undo_capture').run();
  }
}

/** Runs `fn` with the storage guards open for the replica's own maintenance (same transaction). */
export function asMaintenance<T>(store: Store, reason: string, fn: () => T): T {
  store.sqlite.prepare('INSERT INTO replica_maintenance (reason) VALUES (?)').run(reason);
  try {
    return fn();
  } finally {
    store.sqlite.prepare('DELETE FROM replica_maintenance WHERE reason = ?').run(reason);
  }
}

type LogRow = { step: number; tableName: Captured; rowId: number; oldRow: string | null };

/**
 * Takes back every logged change of the given commands, newest first, so the replica is as it
 * was before the first of them; their metryka entries waiting for the server go too. Call
 * inside a transaction, for a suffix of the unconfirmed commands (a command is never taken
 * back from under a later one that is kept).
 */
export function undoCommands(store: Store, mutationIds: readonly number[]): void {
  if (mutationIds.length === 0) return;
  const columns = columnsOf(store);
  const db = store.sqlite;
  const ids = JSON.stringify(mutationIds);
  const steps = db
    .prepare('SELECT step, table_name AS tableName, row_id AS rowId, old_row AS oldRow FROM undo_log WHERE mutation_id IN (SELECT value FROM json_each(?)) ORDER BY step DESC')
    .all(ids) as LogRow[];
  const letters = new Set<number>();
  const casesTouched = new Set<number>();
  // One statement per table and kind, not one per logged row: a rebase runs at every pull.
  const prepared = new Map<string, Statement>();
  const prepare = (sql: string) => {
    let st = prepared.get(sql);
    if (!st) prepared.set(sql, (st = db.prepare(sql)));
    return st;
  };
  asMaintenance(store, 'rebase', () => {
    for (const s of steps) {
      const cols = columns.get(s.tableName);
      if (!cols) continue;
      if (s.tableName === 'correspondence') letters.add(s.rowId);
      if (s.tableName === 'cases') casesTouched.add(s.rowId);
      if (s.oldRow === null) {
        prepare(`DELETE FROM ${s.tableName} WHERE rowid = ?`).run(s.rowId);
        continue;
      }
      const exists = prepare(`SELECT 1 FROM ${s.tableName} WHERE rowid = ?`).get(s.rowId) !== undefined;
      const values = cols.map((c) => `json_extract(@old, '$."${c}"')`);
      if (exists) prepare(`UPDATE ${s.tableName} SET ${cols.map((c, i) => `"${c}" = ${values[i] ?? 'NULL'}`).join(', ')} WHERE rowid = @rowId`).run({ old: s.oldRow, rowId: s.rowId });
      else prepare(`INSERT INTO ${s.tableName} (rowid, ${cols.map((c) => `"${c}"`).join(', ')}) VALUES (@rowId, ${values.join(', ')})`).run({ old: s.oldRow, rowId: s.rowId });
    }
    db.prepare('DELETE FROM undo_log WHERE mutation_id IN (SELECT value FROM json_each(?))').run(ids);
    db.prepare('DELETE FROM pending_events WHERE mutation_id IN (SELECT value FROM json_each(?))').run(ids);
  });
  for (const pk of letters) {
    if (!reindexLetterRow(store, pk)) dropLetterFromIndex(store, pk);
  }
  for (const pk of casesTouched) {
    if (!reindexCaseRow(store, pk)) dropCaseFromIndex(store, pk);
  }
}

/** Forgets the log of commands whose effects the server's rows now carry. */
export function forgetUndo(store: Store, mutationIds: readonly number[]): void {
  if (mutationIds.length === 0) return;
  const ids = JSON.stringify(mutationIds);
  store.sqlite.prepare('DELETE FROM undo_log WHERE mutation_id IN (SELECT value FROM json_each(?))').run(ids);
  store.sqlite.prepare('DELETE FROM pending_events WHERE mutation_id IN (SELECT value FROM json_each(?))').run(ids);
}

/** Ids as a JSON array, for `IN (SELECT value FROM json_each(?))` (no limit on how many). */
const asJson = (ids: readonly string[]) => JSON.stringify(ids);

/**
 * Drops letters that left the person's scope (forwarded to another unit) with everything that
 * hangs on them: scans, dekretacje, their place in a case here, their metryka. Their senders go
 * too unless something else here names them or `keepPartiesOf` added them.
 */
export function dropLetters(store: Store, letterIds: readonly string[], keepPartiesOf: string | null): void {
  if (letterIds.length === 0) return;
  const db = store.sqlite;
  const ids = asJson(letterIds);
  const inIds = 'IN (SELECT value FROM json_each(?))';
  const rows = db.prepare(`SELECT pk, sender_id AS senderId FROM correspondence WHERE id ${inIds}`).all(ids) as { pk: number; senderId: string }[];
  if (rows.length === 0) return;
  asMaintenance(store, 'scope', () => {
    db.prepare(`DELETE FROM correspondence_scans WHERE correspondence_id ${inIds}`).run(ids);
    db.prepare(`DELETE FROM assignments WHERE correspondence_id ${inIds}`).run(ids);
    db.prepare(`DELETE FROM case_items WHERE correspondence_id ${inIds}`).run(ids);
    db.prepare(`UPDATE dispatch_items SET correspondence_id = NULL WHERE correspondence_id ${inIds}`).run(ids);
    db.prepare(`DELETE FROM correspondence WHERE id ${inIds}`).run(ids);
    dropEventsOf(store, letterIds);
  });
  for (const r of rows) dropLetterFromIndex(store, r.pk);
  dropUnnamedParties(store, rows.map((r) => r.senderId), keepPartiesOf);
}

/** Drops cases (their parties' links, items, suspensions, decisions, dispatch and metryka). */
function dropCases(store: Store, caseIds: readonly string[]): void {
  if (caseIds.length === 0) return;
  const db = store.sqlite;
  const ids = asJson(caseIds);
  const inIds = 'IN (SELECT value FROM json_each(?))';
  const pks = db.prepare(`SELECT pk FROM cases WHERE id ${inIds}`).pluck().all(ids) as number[];
  const decisionIds = db.prepare(`SELECT id FROM decisions WHERE case_id ${inIds}`).pluck().all(ids) as string[];
  const dids = asJson(decisionIds);
  asMaintenance(store, 'scope', () => {
    db.prepare(`DELETE FROM dispatch_items WHERE case_id ${inIds}`).run(ids);
    db.prepare(`DELETE FROM decision_reviews WHERE decision_id ${inIds}`).run(dids);
    db.prepare(`DELETE FROM decision_versions WHERE decision_id ${inIds}`).run(dids);
    db.prepare(`DELETE FROM decisions WHERE id ${inIds}`).run(dids);
    db.prepare(`DELETE FROM case_parties WHERE case_id ${inIds}`).run(ids);
    db.prepare(`DELETE FROM case_items WHERE case_id ${inIds}`).run(ids);
    db.prepare(`DELETE FROM case_documents WHERE case_id ${inIds}`).run(ids);
    db.prepare(`DELETE FROM opinion_requests WHERE case_id ${inIds}`).run(ids);
    db.prepare(`DELETE FROM case_suspensions WHERE case_id ${inIds}`).run(ids);
    db.prepare(`DELETE FROM cases WHERE id ${inIds}`).run(ids);
    dropEventsOf(store, [...caseIds, ...decisionIds]);
  });
  for (const pk of pks) dropCaseFromIndex(store, pk);
}

/** Parties nothing in the replica names any more (and not added by `keepPartiesOf`) go. */
function dropUnnamedParties(store: Store, candidates: readonly string[], keepPartiesOf: string | null): void {
  if (candidates.length === 0) return;
  store.sqlite
    .prepare(
      `DELETE FROM parties WHERE id IN (SELECT value FROM json_each(?))
         AND created_by IS NOT ?
         AND NOT EXISTS (SELECT 1 FROM correspondence c WHERE c.sender_id = parties.id)
         AND NOT EXISTS (SELECT 1 FROM case_parties cp WHERE cp.party_id = parties.id)
         AND NOT EXISTS (SELECT 1 FROM dispatch_items d WHERE d.party_id = parties.id)`,
    )
    .run(asJson(candidates), keepPartiesOf);
}

/**
 * Keeps only the records of `unitIds` (the person's scope after a substitution ended): every
 * letter and case of another unit leaves the replica, with what hangs on them.
 */
export function keepOnlyUnits(store: Store, unitIds: readonly string[], keepPartiesOf: string | null): void {
  const units = asJson(unitIds);
  const cases = store.sqlite.prepare('SELECT id FROM cases WHERE unit_id NOT IN (SELECT value FROM json_each(?))').pluck().all(units) as string[];
  const letters = store.sqlite.prepare('SELECT id FROM correspondence WHERE unit_id NOT IN (SELECT value FROM json_each(?))').pluck().all(units) as string[];
  const partiesOfCases = store.sqlite.prepare('SELECT party_id FROM case_parties WHERE case_id IN (SELECT value FROM json_each(?))').pluck().all(asJson(cases)) as string[];
  dropCases(store, cases);
  dropLetters(store, letters, keepPartiesOf);
  dropUnnamedParties(store, partiesOfCases, keepPartiesOf);
}

/**
 * Empties the replica of the office's records (not the directory, settings, templates or the
 * outbox) before another person's replica is pulled onto this workstation.
 */
export function dropAllRecords(store: Store): void {
  asMaintenance(store, 'owner', () => {
    store.sqlite.exec(`
      DELETE FROM dispatch_items; DELETE FROM decision_reviews; DELETE FROM decision_versions; DELETE FROM decisions;
      DELETE FROM case_parties; DELETE FROM case_items; DELETE FROM case_documents; DELETE FROM opinion_requests; DELETE FROM case_suspensions; DELETE FROM cases; DELETE FROM cases_fts;
      DELETE FROM correspondence_scans; DELETE FROM assignments; DELETE FROM correspondence; DELETE FROM correspondence_fts;
      DELETE FROM parties; DELETE FROM events; DELETE FROM pending_events; DELETE FROM incoming_events;`);
  });
}
