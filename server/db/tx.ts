import { eq, sql } from 'drizzle-orm';
import type { ServerDb, ServerTx } from './open.ts';
import { serverVersion } from './schema/serverVersion.ts';

/**
 * A write transaction and the server version it was given.
 *
 * Every row a write transaction creates or changes that workstations pull should carry this
 * `version`; a pull returns rows with a version above the client's cursor.
 */
export type WriteTx = { readonly tx: ServerTx; readonly version: number };

/**
 * Runs `fn` in one READ COMMITTED transaction whose first statement bumps the server version.
 *
 * Why this order: `UPDATE server_version SET v = v + 1 RETURNING v` takes the row's lock and
 * holds it until commit, so write transactions get their versions in commit order — a pull
 * that has seen version N has seen every change up to N, even when a writer that started
 * earlier commits late. The price is that write transactions run one at a time; keep them
 * short (no network, no waiting on people inside). A throw rolls back everything, the version
 * bump included, so versions have no gaps either. Under READ COMMITTED each statement after
 * the bump reads what the previous writer committed.
 */
export async function writeTx<T>(db: ServerDb, fn: (w: WriteTx) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      const [row] = await tx
        .update(serverVersion)
        .set({ v: sql`${serverVersion.v} + 1` })
        .where(eq(serverVersion.id, 1))
        .returning({ v: serverVersion.v });
      if (!row) throw new Error('server_version has no row: the migrations did not run');
      return fn({ tx, version: row.v });
    },
    { isolationLevel: 'read committed', accessMode: 'read write' },
  );
}

/**
 * Runs `fn` in one REPEATABLE READ, read-only transaction: every statement sees the same
 * snapshot. A pull reads the current version and the rows above the cursor here, so what it
 * returns is consistent with the version it reports.
 */
export async function snapshotTx<T>(db: ServerDb, fn: (tx: ServerTx) => Promise<T>): Promise<T> {
  return db.transaction(fn, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

/** The last version any write transaction committed (a pull's upper bound). */
export async function currentVersion(db: ServerDb): Promise<number> {
  const [row] = await db.select({ v: serverVersion.v }).from(serverVersion).where(eq(serverVersion.id, 1));
  if (!row) throw new Error('server_version has no row: the migrations did not run');
  return row.v;
}
