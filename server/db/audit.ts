import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { canonicalJson, GENESIS_HASH } from '#core/events/canonical';
import type { ServerDb, ServerTx } from './open.ts';
import { auditLog } from './schema/auditLog.ts';
import type { WriteTx } from './tx.ts';

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

/** Key of the transaction-level advisory lock that orders appends to the chain. */
export const AUDIT_LOCK_KEY = 0x4b415544; // "KAUD"

function sha256hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The text hashed for an audit row: its predecessor's hash, then its canonical JSON. */
export function auditChainInput(row: AuditChained): string {
  return `${row.prevHash}\n${canonicalJson(row)}`;
}

/**
 * Appends one row to the audit chain, in the caller's transaction.
 *
 * "Read the last hash, insert the next row" must not interleave between transactions, so it
 * takes a transaction-level advisory lock first (released at commit or rollback). Inside a
 * write transaction that lock is taken after the server_version row lock, always in that
 * order, so the two cannot deadlock. Takes a WriteTx (the row records its version) or, for
 * changes that workstations do not pull (logins, logouts), a bare transaction.
 */
export async function appendAudit(at: WriteTx | ServerTx, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  const { tx, version } = 'tx' in at ? at : { tx: at, version: null };
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  // Milliseconds, as JavaScript keeps them: the value re-read from timestamptz prints the same.
  const row: AuditChained = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    summary: entry.summary,
    data: entry.data ?? {},
    version,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = sha256hex(auditChainInput(row));
  await tx.insert(auditLog).values({ ...row, at: new Date(row.at), hash });
  return { seq: row.seq, hash };
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
