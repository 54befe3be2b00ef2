import { sql } from 'drizzle-orm';
import type { ServerDb, ServerTx } from './open.ts';
import { changeFeedOf, type Change } from './changeFeed.ts';
import { auditQueue } from './schema/auditLog.ts';

/**
 * A write transaction and the server version it was given.
 *
 * Every row a write transaction creates or changes that workstations pull should carry this
 * `version`; a pull returns rows with a version above the client's cursor.
 */
export type WriteTx = { readonly tx: ServerTx; readonly version: number; readonly reads?: SharedReads; readonly changes?: Change[]; readonly audit?: AuditRow[] };

/** An audit entry as it joins the queue (server/db/audit.ts). */
export type AuditRow = typeof auditQueue.$inferInsert;

/**
 * Writes the audit entries `w` holds, in the order they were made, with one INSERT: a push of
 * fifty commands wrote a hundred single rows, one round trip each. `writeTx` calls it before
 * its commit; a push's command hands its entries to the push once its savepoint is released.
 */
export async function writeHeldAudit(w: WriteTx): Promise<void> {
  if (!w.audit || w.audit.length === 0) return;
  await w.tx.insert(auditQueue).values(w.audit.splice(0));
}

/**
 * Notes that this transaction changes what the process's caches remember (server/db/changeFeed.ts):
 * they forget it as soon as the transaction commits, before its answer is sent — PostgreSQL's
 * notification of the same change reaches this process a moment later.
 */
export function noteChange(w: WriteTx, change: Change): void {
  w.changes?.push(change);
}

/**
 * Reads a push's commands share (server/sync/commandStore.ts): the office's directory, its
 * settings and the acting person, read once a push instead of once a command — every command
 * reads the whole directory to decide. A command whose effects change one of them drops it,
 * and the next command reads it again; what other writers commit meanwhile is seen by the next
 * push, as if the push had read them at its start.
 */
export class SharedReads {
  private readonly held = new Map<string, Promise<unknown>>();

  once<T>(key: 'office' | 'settings' | 'actor', read: () => Promise<T>): Promise<T> {
    const had = this.held.get(key) as Promise<T> | undefined;
    if (had) return had;
    const reading = read();
    this.held.set(key, reading);
    // A read that failed (its savepoint rolled back) is read again by the next command.
    reading.catch(() => this.held.delete(key));
    return reading;
  }

  drop(...keys: ('office' | 'settings' | 'actor')[]): void {
    for (const k of keys) this.held.delete(k);
  }
}

/**
 * Server versions are PostgreSQL's own transaction ids (64-bit, never reused) on the database's
 * version base — what logical replication and sync engines follow, instead of a counter row
 * every writer would have to lock until commit. Transaction ids are not given in commit order;
 * the pull's horizon (`pullHorizon`) makes up for it.
 */
const TRANSACTION_VERSION = sql`SELECT pg_current_xact_id()::text::bigint + version_base AS v FROM server_identity WHERE id = 1`;

/**
 * The highest version a pull may hand out: just below the oldest transaction of this database
 * still running in the pull's snapshot (`kancelaria_horizon()`, migration 0014). Every
 * transaction below it has ended, so everything written at or under this version is in the
 * snapshot — or was rolled back; a writer that started earlier and commits late holds the
 * horizon back until it ends, and its rows come with a later pull. Read-only transactions have
 * no id and hold nothing back; nor do transactions of other databases on the same PostgreSQL
 * (ids are the cluster's: another application's long transaction must not stall the office).
 */
const PULL_HORIZON = sql`SELECT kancelaria_horizon() + version_base AS v FROM server_identity WHERE id = 1`;

/** The same horizon as a column of server_identity's row, for a query that reads more beside it. */
export const HORIZON_COLUMN = sql<string>`kancelaria_horizon() + version_base`;

async function single(db: ServerDb | ServerTx, query: ReturnType<typeof sql>): Promise<number> {
  const result: unknown = await db.execute(query);
  const row = (result as { rows: { v: string | number }[] }).rows[0];
  if (!row) throw new Error('server_identity has no row: the migrations did not run');
  return Number(row.v);
}

type AfterWrite = () => void;
const afterWrites = new WeakMap<ServerDb, AfterWrite>();

/** Calls `fn` after each write transaction on `db` commits (the audit sequencer's nudge). */
export function onCommitted(db: ServerDb, fn: AfterWrite | null): void {
  if (fn) afterWrites.set(db, fn);
  else afterWrites.delete(db);
}

/**
 * Runs `fn` in one READ COMMITTED transaction with its server version.
 *
 * Nothing global is locked: writers run side by side, each serialised only where it must be —
 * the register counter of the number it takes (server/db/counters.ts), the client row of the
 * queue it pushes into. A throw rolls back everything. Under READ COMMITTED each statement
 * reads what other writers have committed by then. The transaction's audit entries wait in
 * `audit_queue` until the sequencer chains them (server/db/audit.ts).
 */
export async function writeTx<T>(db: ServerDb, fn: (w: WriteTx) => Promise<T>): Promise<T> {
  const changes: Change[] = [];
  const result = await db.transaction(
    async (tx) => {
      const w: WriteTx = { tx, version: await single(tx, TRANSACTION_VERSION), changes, audit: [] };
      const out = await fn(w);
      await writeHeldAudit(w);
      return out;
    },
    { isolationLevel: 'read committed', accessMode: 'read write' },
  );
  const feed = changeFeedOf(db);
  for (const c of changes) feed?.heard(c);
  afterWrites.get(db)?.();
  return result;
}

/**
 * Runs `fn` in one REPEATABLE READ, read-only transaction: every statement sees the same
 * snapshot. A pull reads its horizon and the rows above the cursor here, so what it returns is
 * consistent with the version it reports.
 */
export async function snapshotTx<T>(db: ServerDb, fn: (tx: ServerTx) => Promise<T>): Promise<T> {
  return db.transaction(fn, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

/** The pull's upper bound in the caller's snapshot (see PULL_HORIZON). */
export async function pullHorizon(db: ServerDb | ServerTx): Promise<number> {
  return single(db, PULL_HORIZON);
}

/**
 * Makes writers of one kind take turns until commit (a transaction-level advisory lock by name):
 * for a check no unique key can enforce — "is the office still empty?" — now that write
 * transactions no longer run one at a time.
 */
export async function takeTurns(tx: ServerTx, what: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`kancelaria:${what}`}, 0))`);
}

/** Records the highest transaction id seen (inside the caller's write transaction). */
export async function recordTransactionSeen(tx: ServerTx): Promise<void> {
  await tx.execute(sql`UPDATE server_identity SET transaction_seen = greatest(transaction_seen, pg_current_xact_id()::text::bigint) WHERE id = 1`);
}
