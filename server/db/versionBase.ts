import { sql } from 'drizzle-orm';
import type { ServerDb } from './open.ts';
import { appendAudit } from './audit.ts';
import { serverIdentity } from './schema/serverIdentity.ts';

/** Far more transaction ids than a server could use between two seals: the margin of a raised base. */
const ID_MARGIN = 2 ** 32;

/**
 * Keeps every version handed out from now on above every version the rows hold.
 *
 * Transaction ids only grow within one PostgreSQL cluster. A database moved to another
 * (a copy restored elsewhere, a dump loaded by hand) meets lower ids; `transaction_seen` (the
 * highest id this database recorded, at start and at each audit seal) tells it, and the base
 * is raised past it with a margin for the ids used since the last record. `always` raises it
 * regardless (a restore). A raised base starts a new epoch too: the cursors workstations hold
 * belong to the old numbering, so they pull from the start. Returns whether it was raised.
 */
export async function keepVersionsAhead(db: ServerDb, always = false): Promise<boolean> {
  return db.transaction(async (tx) => {
    const result: unknown = await tx.execute(
      sql`SELECT version_base AS base, transaction_seen AS seen, pg_current_xact_id()::text::bigint AS now FROM server_identity WHERE id = 1 FOR UPDATE`,
    );
    const row = (result as { rows: { base: string | number; seen: string | number; now: string | number }[] }).rows[0];
    if (!row) throw new Error('server_identity has no row: the migrations did not run');
    const [base, seen, now] = [Number(row.base), Number(row.seen), Number(row.now)];
    const raise = always || now < seen;
    await tx
      .update(serverIdentity)
      .set({ transactionSeen: now, ...(raise ? { versionBase: base + Math.max(seen - now, 0) + ID_MARGIN, epoch: sql`gen_random_uuid()` } : {}) })
      .where(sql`${serverIdentity.id} = 1`);
    if (raise && !always) {
      await appendAudit(tx, { actor: 'system', action: 'server.versionsRaised', entityType: 'server', entityId: 'baza', summary: 'Baza działa w innym klastrze PostgreSQL niż poprzednio (przeniesiona albo wczytana z zrzutu): numeracja zmian przesunięta, stanowiska pobiorą dane od nowa', data: { seen, now } });
    }
    return raise;
  });
}
