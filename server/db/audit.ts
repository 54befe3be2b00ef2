import { createHash } from 'node:crypto';
import { asc, desc, gt, inArray, sql } from 'drizzle-orm';
import { canonicalJson, GENESIS_HASH } from '#core/events/canonical';
import type { ServerDb, ServerTx } from './open.ts';
import { auditLog, auditQueue } from './schema/auditLog.ts';
import { onCommitted, recordTransactionSeen, type AuditRow, type WriteTx } from './tx.ts';

/** What a caller says about a change; the log adds seq, time, links and hash. */
export type AuditEntry = {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  data?: Record<string, unknown>;
};

/** The fields the hash covers: everything of the row but the hash itself. */
type AuditChained = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  data: unknown;
  version: number | null;
  prevHash: string;
};

/** Key of the transaction-level advisory lock that lets one sequencer at a time extend the chain. */
export const AUDIT_LOCK_KEY = 0x4b415544; // "KAUD"

function sha256hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The text hashed for an audit row: its predecessor's hash, then its canonical JSON. */
export function auditChainInput(row: AuditChained): string {
  return `${row.prevHash}\n${canonicalJson(row)}`;
}

/**
 * Records one audit entry in the caller's transaction: it joins the queue, and the sequencer
 * (`sealAudit`) chains it once the transaction has committed and every one below it has ended.
 *
 * Nothing is locked here: chaining inside each write transaction would make every writer of the
 * office wait for the one before it to commit. Takes a WriteTx (the entry records its version)
 * or, for changes that workstations do not pull (logins, logouts), a bare transaction.
 */
export async function appendAudit(at: WriteTx | ServerTx, entry: AuditEntry): Promise<void> {
  const fields = { at: new Date(), actor: entry.actor, action: entry.action, entityType: entry.entityType, entityId: entry.entityId, summary: entry.summary, data: entry.data ?? {} };
  if (!('tx' in at)) {
    await at.insert(auditQueue).values({ ...fields, position: sql`pg_current_xact_id()::text::bigint + (SELECT version_base FROM server_identity WHERE id = 1)`, version: null });
    return;
  }
  const row: AuditRow = { ...fields, position: at.version, version: at.version };
  // A write transaction holds its entries and writes them together before it commits (writeHeldAudit).
  if (at.audit) at.audit.push(row);
  else await at.tx.insert(auditQueue).values(row);
}

/** How long after a commit the sequencer runs: a push of fifty commands is sealed in one or two runs, not fifty. */
const SEAL_DELAY_MS = 20;

/** How many queued entries one sealing transaction chains at most. */
const SEAL_BATCH = 2000;

/**
 * Moves queued entries into the chain: those of transactions below the oldest one still running
 * (so none can still appear before them), in the order of their positions, each linked to the
 * one before and hashed; the queue rows go in the same transaction. Returns how many.
 *
 * One sequencer at a time (a transaction-level advisory lock; only sequencers take it), so two
 * server processes on one database extend one chain. The statement that picks the entries
 * runs after the lock is granted and so sees every commit made before.
 */
export async function sealAudit(db: ServerDb): Promise<number> {
  let sealed = 0;
  for (;;) {
    const n = await db.transaction(
      async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
        const queued = await tx
          .select()
          .from(auditQueue)
          .where(sql`${auditQueue.position} <= kancelaria_horizon() + (SELECT version_base FROM server_identity WHERE id = 1)`)
          .orderBy(asc(auditQueue.position), asc(auditQueue.id))
          .limit(SEAL_BATCH);
        if (queued.length === 0) return 0;
        const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
        let seq = last?.seq ?? 0;
        let prevHash = last?.hash ?? GENESIS_HASH;
        const rows = queued.map((q) => {
          // Milliseconds, as JavaScript keeps them: the value re-read from timestamptz prints the same.
          const row: AuditChained = { seq: ++seq, at: q.at.toISOString(), actor: q.actor, action: q.action, entityType: q.entityType, entityId: q.entityId, summary: q.summary, data: q.data, version: q.version, prevHash };
          const hash = sha256hex(auditChainInput(row));
          prevHash = hash;
          return { ...row, at: q.at, hash };
        });
        await tx.insert(auditLog).values(rows);
        await tx.delete(auditQueue).where(inArray(auditQueue.id, queued.map((q) => q.id)));
        await recordTransactionSeen(tx);
        return queued.length;
      },
      { isolationLevel: 'read committed', accessMode: 'read write' },
    );
    sealed += n;
    if (n < SEAL_BATCH) return sealed;
  }
}

/**
 * The server's sequencer: seals shortly after committed writes (the commits of a few
 * milliseconds share one run; one run at a time, a commit during a run makes one more after
 * it) and every second for entries a late committer held back. `stop` seals what is left.
 */
export function startAuditSequencer(db: ServerDb, log: (line: string) => void): { stop: () => Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = sealAudit(db)
      .then(
        () => undefined,
        (e: unknown) => log(`nie udało się dopisać wpisów do dziennika audytu (spróbuję ponownie): ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          run();
        }
      });
  };
  let soon: NodeJS.Timeout | null = null;
  onCommitted(db, () => {
    soon ??= setTimeout(() => {
      soon = null;
      run();
    }, SEAL_DELAY_MS);
  });
  const timer = setInterval(run, 1000);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      onCommitted(db, null);
      await running;
      await sealAudit(db);
    },
  };
}

export type AuditChainReport = { count: number; firstBroken: { seq: number; reason: string } | null };

/** Walks the whole audit chain and names the first row whose link or hash does not hold. */
export async function verifyAuditChain(db: ServerDb, chunk = 5000): Promise<AuditChainReport> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (let after = 0; ; ) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(chunk);
    for (const r of rows) {
      count++;
      if (r.seq !== expectedSeq) return { count, firstBroken: { seq: r.seq, reason: `brak wpisu nr ${expectedSeq}` } };
      if (r.prevHash !== prev) return { count, firstBroken: { seq: r.seq, reason: 'przerwane ogniwo: poprzedni skrót się nie zgadza' } };
      const { hash, ...rest } = r;
      if (sha256hex(auditChainInput({ ...rest, at: rest.at.toISOString() })) !== hash) {
        return { count, firstBroken: { seq: r.seq, reason: 'treść wpisu zmieniona po zapisie' } };
      }
      prev = hash;
      expectedSeq++;
    }
    const last = rows.at(-1);
    if (!last || rows.length < chunk) return { count, firstBroken: null };
    after = last.seq;
  }
}
