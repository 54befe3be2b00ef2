import { createHash } from 'node:crypto';
import { desc, asc, and, eq, gt, or } from 'drizzle-orm';
import type { Store } from '#db/store';
import { events } from '#db/schema/index';
import { chainInput, GENESIS_HASH, type ChainedEvent } from '#core/events/canonical';

export type NewEvent = Omit<ChainedEvent, 'seq' | 'prevHash'>;

function sha256hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Appends one event, linking it to the last one. Call inside the command's transaction:
 * the IMMEDIATE lock makes "read last hash, insert next" atomic across processes.
 */
export function appendEvent(store: Store, e: NewEvent): ChainedEvent & { hash: string } {
  const last = store.db.select({ seq: events.seq, hash: events.hash }).from(events).orderBy(desc(events.seq)).limit(1).get();
  const row: ChainedEvent = { ...e, seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH };
  const hash = sha256hex(chainInput(row));
  store.db.insert(events).values({ ...row, hash }).run();
  return { ...row, hash };
}

const INSERT_EVENT = `INSERT INTO events (seq, id, at, actor_id, actor_name, actor_position, on_behalf_of_id, on_behalf_of_name, action, entity_type, entity_id, document_ref, summary, data, prev_hash, hash)
  VALUES (@seq, @id, @at, @actorId, @actorName, @actorPosition, @onBehalfOfId, @onBehalfOfName, @action, @entityType, @entityId, @documentRef, @summary, @data, @prevHash, @hash)`;

/**
 * Appends many events in order (a pull brings thousands): the chain's tail is read once and
 * carried along, and one prepared statement inserts them all. Same links and hashes as
 * appendEvent. Events whose id the log already holds are skipped. Call inside a transaction.
 */
export function appendEvents(store: Store, list: readonly NewEvent[]): number {
  if (list.length === 0) return 0;
  const last = store.db.select({ seq: events.seq, hash: events.hash }).from(events).orderBy(desc(events.seq)).limit(1).get();
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const held = store.sqlite.prepare('SELECT 1 FROM events WHERE id = ?').pluck();
  const insert = store.sqlite.prepare(INSERT_EVENT);
  let added = 0;
  for (const e of list) {
    if (held.get(e.id) !== undefined) continue;
    const row: ChainedEvent = { ...e, seq: seq + 1, prevHash };
    const hash = sha256hex(chainInput(row));
    insert.run({ ...row, hash });
    seq = row.seq;
    prevHash = hash;
    added++;
  }
  return added;
}

export function eventsFor(store: Store, entityType: string, entityId: string) {
  return store.db
    .select()
    .from(events)
    .where(and(eq(events.entityType, entityType), eq(events.entityId, entityId)))
    .orderBy(asc(events.seq))
    .all();
}

function* allEventsInOrder(store: Store, chunk = 5000) {
  for (let after = 0; ; ) {
    const rows = store.db.select().from(events).where(gt(events.seq, after)).orderBy(asc(events.seq)).limit(chunk).all();
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < chunk) return;
    after = last.seq;
  }
}

export type ChainReport = { count: number; firstBroken: { seq: number; reason: string } | null };

/** Walks the whole chain and names the first event whose link or hash does not hold. */
export function verifyEventChain(store: Store): ChainReport {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of allEventsInOrder(store)) {
    count++;
    const { hash, ...rest } = row;
    if (row.seq !== expectedSeq) return { count, firstBroken: { seq: row.seq, reason: `brak zdarzenia nr ${expectedSeq}` } };
    if (row.prevHash !== prev) return { count, firstBroken: { seq: row.seq, reason: 'przerwane ogniwo: poprzedni skrót się nie zgadza' } };
    if (sha256hex(chainInput(rest)) !== hash) return { count, firstBroken: { seq: row.seq, reason: 'treść zdarzenia zmieniona po zapisie' } };
    prev = hash;
    expectedSeq++;
  }
  return { count, firstBroken: null };
}

/** Events of several entities in log order: a case's metryka covers the case and its letters. */
export function eventsForAny(store: Store, refs: { entityType: string; entityId: string }[]) {
  if (refs.length === 0) return [];
  const conds = refs.map((r) => and(eq(events.entityType, r.entityType), eq(events.entityId, r.entityId)));
  return store.db
    .select()
    .from(events)
    .where(or(...conds))
    .orderBy(asc(events.seq))
    .all();
}
