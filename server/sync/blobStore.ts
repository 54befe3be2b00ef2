/**
 * Files on the server (docs/sync.md "Files"): resumable uploads, one per person, checked whole
 * before they become the office's, and read back piece by piece.
 *
 * Memory stays bounded by one piece (≤ 8 MiB) whatever the file's size: a piece is stored as
 * it comes, the hash is taken over the stored pieces one at a time, a finished upload's pieces
 * are moved inside PostgreSQL, and a download streams them. Only what is read from the bytes
 * (pages of a PDF or TIFF, what a signature covers) needs the whole file, and only up to INSPECT_LIMIT.
 *
 * Nobody learns from the server that it holds a file they may not read: the state of an upload
 * is the person's own, and a file the office has is "complete" only for those who may read it.
 * Someone else sends the same bytes again, and the server drops the copy once it checks out.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, gt, like, lt, sql, sum } from 'drizzle-orm';
import { fail } from '#core/errors';
import { inspectScan, sniffMime } from '#core/scans/inspect';
import type { SignedOver } from '#core/commands/records';
import { signedOverOf } from '#signing/signedOver';
import { scopeToday } from '#server/auth/scope';
import type { SignedInUser } from '#server/auth/sessions';
import type { ServerDb, ServerTx } from '#server/db/open';
import { blobChunks, blobSenders, blobs, blobUploads, caseDocuments, cases, correspondence, correspondenceScans, decisions, uploadChunks } from '#server/db/schema/records';
import { settings } from '#server/db/schema/settings';

/** The largest scan the office accepts unless its settings say otherwise (MB). */
const DEFAULT_MAX_MB = 100;
/** Files up to this size are read whole at the end of their upload (type, pages, signature); larger ones by their first bytes. */
export const INSPECT_LIMIT_BYTES = 32 * 1024 * 1024;

/** What a person may send: bytes per 24 hours, and how long an untouched upload is kept. */
export type UploadPolicy = { quotaBytesPerDay: number; expireAfterHours: number };

export type BlobState = { sha256: string; size: number; received: number; complete: boolean };

/** The state of a file as this person may know it. */
export async function blobStateFor(db: ServerDb, user: SignedInUser, sha256: string): Promise<BlobState> {
  const [whole] = await db.select({ size: blobs.size }).from(blobs).where(eq(blobs.sha256, sha256));
  if (whole && (await mayRead(db, user, sha256))) return { sha256, size: whole.size, received: whole.size, complete: true };
  const [mine] = await db.select().from(blobUploads).where(and(eq(blobUploads.sha256, sha256), eq(blobUploads.userId, user.id)));
  return { sha256, size: mine?.size ?? 0, received: mine?.received ?? 0, complete: false };
}

/** Whether the user may read a whole file: they sent it, or a record of their units names it. */
export async function mayRead(db: ServerDb, user: SignedInUser, sha256: string): Promise<boolean> {
  const [sent] = await db
    .select({ one: sql`1` })
    .from(blobSenders)
    .where(and(eq(blobSenders.sha256, sha256), eq(blobSenders.userId, user.id)));
  if (sent) return true;
  const scope = await scopeToday(db, user);
  const seen = (rows: { unitId: string }[]) => rows.some((r) => scope.all || scope.unitIds.has(r.unitId));
  // A signed decision: whoever may see its case may read it.
  if (seen(await db.select({ unitId: cases.unitId }).from(decisions).innerJoin(cases, eq(cases.id, decisions.caseId)).where(eq(decisions.signedPdfSha256, sha256)))) return true;
  // A document in a case's akta, likewise.
  if (seen(await db.select({ unitId: cases.unitId }).from(caseDocuments).innerJoin(cases, eq(cases.id, caseDocuments.caseId)).where(eq(caseDocuments.sha256, sha256)))) return true;
  // An electronic delivery's evidence (named in the letter's delivery record): whoever may see the letter.
  if (seen(await db.select({ unitId: correspondence.unitId }).from(correspondence).where(and(eq(correspondence.direction, 'out'), like(correspondence.delivery, `%${sha256}%`))))) return true;
  // A letter's scan: whoever may see the letter.
  return seen(await db.select({ unitId: correspondence.unitId }).from(correspondenceScans).innerJoin(correspondence, eq(correspondence.id, correspondenceScans.correspondenceId)).where(eq(correspondenceScans.sha256, sha256)));
}

async function maxBlobBytes(db: ServerDb): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'office-settings'));
  const mb = (row?.value as { maxScanMb?: unknown } | undefined)?.maxScanMb;
  return (typeof mb === 'number' ? mb : DEFAULT_MAX_MB) * 1024 * 1024;
}

/** Bytes this person sent, or is sending, within the last 24 hours. */
async function sentToday(tx: ServerTx, userId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 24 * 3600_000);
  const [pending] = await tx.select({ n: sum(blobUploads.size) }).from(blobUploads).where(eq(blobUploads.userId, userId));
  const [done] = await tx
    .select({ n: sum(blobs.size) })
    .from(blobSenders)
    .innerJoin(blobs, eq(blobs.sha256, blobSenders.sha256))
    .where(and(eq(blobSenders.userId, userId), gt(blobSenders.sentAt, since)));
  return Number(pending?.n ?? 0) + Number(done?.n ?? 0);
}

/** The pieces of a person's upload, one at a time in order (each is ≤ one request's body). */
async function* uploadPieces(tx: ServerTx, sha256: string, userId: string): AsyncGenerator<Buffer> {
  for (let offset = 0; ; ) {
    const [piece] = await tx
      .select({ data: uploadChunks.data })
      .from(uploadChunks)
      .where(and(eq(uploadChunks.sha256, sha256), eq(uploadChunks.userId, userId), eq(uploadChunks.offset, offset)));
    if (!piece || piece.data.length === 0) return;
    yield piece.data;
    offset += piece.data.length;
  }
}

/**
 * Type, pages and what a signature covers, from the bytes. The first piece names the type;
 * only a PDF or a TIFF (pages, a signature) is read whole, and only up to INSPECT_LIMIT.
 */
async function readFacts(tx: ServerTx, sha256: string, userId: string, size: number): Promise<{ mime: string; pageCount: number; signedOver: SignedOver | null }> {
  const first = await uploadPieces(tx, sha256, userId).next();
  const mime = sniffMime(first.done === true ? Buffer.alloc(0) : first.value);
  if (mime === null) return { mime: 'application/octet-stream', pageCount: 1, signedOver: null };
  if ((mime !== 'application/pdf' && mime !== 'image/tiff') || size > INSPECT_LIMIT_BYTES) return { mime, pageCount: 1, signedOver: null };
  const parts: Buffer[] = [];
  for await (const p of uploadPieces(tx, sha256, userId)) parts.push(p);
  const bytes = Buffer.concat(parts);
  // The same inspection as at intake; a file no scan reader opens is kept as plain bytes.
  const seen = await inspectScan(bytes, sha256).catch(() => null);
  return { mime: seen?.mime ?? 'application/octet-stream', pageCount: seen?.pageCount ?? 1, signedOver: mime === 'application/pdf' ? await signedOverOf(bytes) : null };
}

export type ChunkIn = { sha256: string; offset: number; size: number; chunk: Buffer; now: Date };

/**
 * Stores one piece of the person's upload at its offset. At the last piece the pieces are
 * hashed: a mismatch drops the upload (a corrupted piece cannot be found by its offset alone),
 * a match makes it the office's file — or, when someone's identical file got there first, only
 * records that this person sent it too.
 */
export async function receiveChunk(db: ServerDb, policy: UploadPolicy, user: SignedInUser, c: ChunkIn): Promise<BlobState & { mismatch?: true }> {
  const limit = await maxBlobBytes(db);
  if (c.size > limit) throw fail('BLOB_TOO_LARGE', { maxMb: Math.round(limit / 1024 / 1024) });
  const already = await blobStateFor(db, user, c.sha256);
  if (already.complete) return already;
  return db.transaction(async (tx) => {
    const mine = and(eq(blobUploads.sha256, c.sha256), eq(blobUploads.userId, user.id));
    let [upload] = await tx.select().from(blobUploads).where(mine).for('update');
    // A new upload, or this person's own restarted with another length: counted against the day's quota.
    if (!upload || upload.size !== c.size) {
      if (upload) await tx.delete(blobUploads).where(mine);
      const sent = await sentToday(tx, user.id, c.now);
      if (sent + c.size > policy.quotaBytesPerDay) throw fail('BLOB_QUOTA_EXCEEDED', { quotaMb: Math.floor(policy.quotaBytesPerDay / 1024 / 1024) });
      // Two pieces of one new upload at once (a retry racing the first try): one row, the other waits for it.
      await tx.insert(blobUploads).values({ sha256: c.sha256, userId: user.id, size: c.size, received: 0, startedAt: c.now, touchedAt: c.now }).onConflictDoNothing();
      [upload] = await tx.select().from(blobUploads).where(mine).for('update');
      if (!upload) throw new Error('upload row not made');
      if (upload.size !== c.size) throw fail('BLOB_OFFSET_MISMATCH', { expected: upload.received });
    }
    if (c.offset !== upload.received) throw fail('BLOB_OFFSET_MISMATCH', { expected: upload.received });
    if (c.offset + c.chunk.length > c.size) throw fail('INVALID_INPUT', { detail: 'fragment wychodzi poza długość pliku' });
    if (c.chunk.length > 0) await tx.insert(uploadChunks).values({ sha256: c.sha256, userId: user.id, offset: c.offset, data: c.chunk });
    const received = c.offset + c.chunk.length;
    await tx.update(blobUploads).set({ received, touchedAt: c.now }).where(mine);
    if (received < c.size) return { sha256: c.sha256, size: c.size, received, complete: false };

    const hash = createHash('sha256');
    for await (const p of uploadPieces(tx, c.sha256, user.id)) hash.update(p);
    if (hash.digest('hex') !== c.sha256) {
      await tx.delete(blobUploads).where(mine);
      return { sha256: c.sha256, size: c.size, received: 0, complete: false, mismatch: true };
    }
    const facts = await readFacts(tx, c.sha256, user.id, c.size);
    // Two people finishing the same file at once: the second waits for the first's row and keeps it.
    const made = await tx
      .insert(blobs)
      .values({ sha256: c.sha256, size: c.size, ...facts, uploadedBy: user.id, createdAt: c.now.toISOString() })
      .onConflictDoNothing()
      .returning({ sha256: blobs.sha256 });
    if (made.length > 0) {
      await tx.execute(sql`INSERT INTO blob_chunks (sha256, "offset", data) SELECT sha256, "offset", data FROM upload_chunks WHERE sha256 = ${c.sha256} AND user_id = ${user.id}`);
    }
    await tx.insert(blobSenders).values({ sha256: c.sha256, userId: user.id, sentAt: c.now }).onConflictDoNothing();
    await tx.delete(blobUploads).where(mine);
    return { sha256: c.sha256, size: c.size, received: c.size, complete: true };
  });
}

/** A whole file's bytes as a stream, one stored piece at a time; its type and size for the headers. */
export async function blobStream(db: ServerDb, sha256: string): Promise<{ mime: string; size: number; stream: Readable } | null> {
  const [b] = await db.select({ mime: blobs.mime, size: blobs.size }).from(blobs).where(eq(blobs.sha256, sha256));
  if (!b) return null;
  const size = b.size;
  async function* pieces(): AsyncGenerator<Buffer> {
    for (let next = 0; next < size; ) {
      const [piece] = await db
        .select({ data: blobChunks.data })
        .from(blobChunks)
        .where(and(eq(blobChunks.sha256, sha256), eq(blobChunks.offset, next)));
      if (!piece || piece.data.length === 0) throw new Error(`blob ${sha256} has no piece at ${String(next)}`);
      next += piece.data.length;
      yield piece.data;
    }
  }
  return { mime: b.mime, size: b.size, stream: Readable.from(pieces(), { objectMode: false }) };
}

/** Drops uploads nobody touched for `expireAfterHours` (their pieces go with them); returns how many. */
export async function sweepUploads(db: ServerDb, policy: UploadPolicy, now: Date): Promise<number> {
  const before = new Date(now.getTime() - policy.expireAfterHours * 3600_000);
  const gone = await db.delete(blobUploads).where(lt(blobUploads.touchedAt, before)).returning({ sha256: blobUploads.sha256 });
  return gone.length;
}

/** Once now (awaited, before the server takes requests), then every hour: unfinished uploads expire. */
export async function startUploadSweep(db: ServerDb, policy: UploadPolicy, log: (line: string) => void): Promise<{ stop: () => void }> {
  const run = async () => {
    try {
      const n = await sweepUploads(db, policy, new Date());
      if (n > 0) log(`usunięto ${String(n)} niedokończonych przesłań plików (nieaktywnych dłużej niż ${String(policy.expireAfterHours)} h)`);
    } catch (e) {
      log(`nie udało się usunąć niedokończonych przesłań: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  await run();
  const timer = setInterval(() => void run(), 3600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
