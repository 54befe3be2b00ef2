import { createHash } from 'node:crypto';
import { desc, asc, and, eq, gt, gte, lt, or, sql } from 'drizzle-orm';
import { asMaintenance } from '#db/replica';
import type { Store } from '#db/store';
import { preparedUpsert } from '#db/preparedWrite';
import { events, incomingEvents, pendingEvents } from '#db/schema/index';
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

const INSERT_EVENT = `INSERT INTO events (seq, id, at, actor_id, actor_name, actor_position, on_behalf_of_id, on_behalf_of_name, action, entity_type, entity_id, document_ref, summary, data, prev_hash, hash, server_ordinal)
  VALUES (@seq, @id, @at, @actorId, @actorName, @actorPosition, @onBehalfOfId, @onBehalfOfName, @action, @entityType, @entityId, @documentRef, @summary, @data, @prevHash, @hash, @serverOrdinal)`;

/** A metryka entry as the server recorded it, with its place in the office's metryka. */
export type ServerEvent = NewEvent & { ordinal: number };

/**
 * Chains many entries in order onto the log (a pull brings thousands): the chain's tail is read
 * once and carried along, and one prepared statement inserts them all. Same links and hashes as
 * appendEvent (the server's ordinal is kept beside the entry, outside what the hash covers).
 * The entries must be missing from the log (the caller checked, once). Call inside a transaction.
 */
function chainOnto(store: Store, list: readonly (NewEvent | ServerEvent)[]): number {
  if (list.length === 0) return 0;
  const last = store.db.select({ seq: events.seq, hash: events.hash }).from(events).orderBy(desc(events.seq)).limit(1).get();
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const insert = store.sqlite.prepare(INSERT_EVENT);
  for (const e of list) {
    const { ordinal, ...fields } = { ordinal: null, ...e };
    const row: ChainedEvent = { ...fields, seq: seq + 1, prevHash };
    const hash = sha256hex(chainInput(row));
    insert.run({ ...row, hash, serverOrdinal: ordinal });
    seq = row.seq;
    prevHash = hash;
  }
  return list.length;
}

type StoredEvent = typeof events.$inferSelect;

function asServerEvent({ seq: _s, prevHash: _p, hash: _h, serverOrdinal, ...e }: StoredEvent): ServerEvent {
  return { ...e, ordinal: serverOrdinal ?? 0 };
}

/** Chains `list` again from `fromSeq` on: what was there goes, the chain is re-linked. */
function rewriteTail(store: Store, fromSeq: number, list: readonly ServerEvent[]) {
  asMaintenance(store, 'rechain', () => store.sqlite.prepare('DELETE FROM events WHERE seq >= ?').run(fromSeq));
  // What was there went just now; the rest the caller found missing.
  chainOnto(store, list);
}

/**
 * Writes the server's metryka entries into the replica's chain in the office's order. Entries
 * mostly arrive in that order; one that belongs earlier (a transaction that committed late, a
 * letter forwarded in with its history) is put in its place and the entries after it are
 * chained again, so the chain is the one a new workstation of the same person would build.
 */
export function mergeServerEvents(store: Store, list: readonly ServerEvent[]): number {
  const { fresh, afterTail } = missingEntries(store, list);
  const first = fresh[0];
  if (!first) return 0;
  if (afterTail) return chainOnto(store, fresh);
  const from = store.sqlite.prepare('SELECT min(seq) FROM events WHERE server_ordinal > ?').pluck().get(first.ordinal) as number | null;
  if (from === null) return chainOnto(store, fresh);
  const later = store.db.select().from(events).where(gte(events.seq, from)).orderBy(asc(events.seq)).all().map(asServerEvent);
  rewriteTail(store, from, [...later, ...fresh].sort((a, b) => a.ordinal - b.ordinal));
  return fresh.length;
}

/**
 * The entries of `list` the log lacks, in the office's order, and whether they all come after
 * its last entry — the chain follows the office's order, so its tail has the highest ordinal it
 * holds (read by its key: no index on the ordinal needed, which a first sync builds only at its end).
 */
function missingEntries(store: Store, list: readonly ServerEvent[]): { fresh: ServerEvent[]; afterTail: boolean } {
  const held = store.sqlite.prepare('SELECT 1 FROM events WHERE id = ?').pluck();
  const fresh = list.filter((e) => held.get(e.id) === undefined).sort((a, b) => a.ordinal - b.ordinal);
  const tail = store.sqlite.prepare('SELECT server_ordinal FROM events ORDER BY seq DESC LIMIT 1').pluck().get() as number | null | undefined;
  const first = fresh[0];
  return { fresh, afterTail: first === undefined || tail === undefined || (tail !== null && first.ordinal > tail) };
}

/**
 * Takes a pull window's metryka entries. While they come in the office's order, after every
 * entry the chain holds, they are chained at once (a first sync's windows do: the metryka
 * grows as the records arrive, and the last window has nothing left to chain). An entry that
 * belongs earlier (a later window may undercut: a letter forwarded in brings its old history)
 * is kept, with every one after it, until the pull's last window has come, and they go into
 * the chain in order then, instead of re-linking the chain after every window.
 */
export function takeServerEvents(store: Store, list: readonly ServerEvent[], lastWindow: boolean): void {
  const waiting = store.sqlite.prepare('SELECT 1 FROM incoming_events LIMIT 1').get() !== undefined;
  if (!waiting) {
    const { fresh, afterTail } = missingEntries(store, list);
    if (afterTail) {
      chainOnto(store, fresh);
      return;
    }
  }
  const stage = preparedUpsert(store, incomingEvents, { target: ['id'], update: 'nothing' });
  for (const e of list) stage.run(e);
  if (lastWindow) chainStagedEvents(store);
}

/** Chains every staged entry in the office's order: the pull's last window has come. */
function chainStagedEvents(store: Store): number {
  const staged = store.db.select().from(incomingEvents).all();
  store.db.delete(incomingEvents).run();
  return mergeServerEvents(store, staged);
}

/** Drops the metryka of records that left the replica and links the rest of the chain again. */
export function dropEventsOf(store: Store, entityIds: readonly string[]): void {
  if (entityIds.length === 0) return;
  const ids = JSON.stringify(entityIds);
  store.sqlite.prepare('DELETE FROM incoming_events WHERE entity_id IN (SELECT value FROM json_each(?))').run(ids);
  const from = store.sqlite.prepare('SELECT min(seq) FROM events WHERE entity_id IN (SELECT value FROM json_each(?))').pluck().get(ids) as number | null;
  if (from === null) return;
  const kept = store.db
    .select()
    .from(events)
    .where(and(gte(events.seq, from), sql`${events.entityId} NOT IN (SELECT value FROM json_each(${ids}))`))
    .orderBy(asc(events.seq))
    .all()
    .map(asServerEvent);
  rewriteTail(store, from, kept);
}

/** A metryka entry of a command the server has not confirmed: shown, but outside the chain. */
export function addPendingEvent(store: Store, mutationId: number, e: NewEvent) {
  store.db.insert(pendingEvents).values({ ...e, mutationId }).run();
}

export type MetrykaEntry = Omit<typeof events.$inferSelect, 'prevHash' | 'hash' | 'serverOrdinal'> & { pending: boolean };

function withPending(store: Store, held: StoredEvent[], where: ReturnType<typeof and>): MetrykaEntry[] {
  const waiting = store.db.select().from(pendingEvents).where(and(where, sql`${pendingEvents.id} NOT IN (SELECT id FROM events)`)).orderBy(asc(pendingEvents.mutationId), asc(sql`rowid`)).all();
  return [
    ...held.map(({ prevHash: _p, hash: _h, serverOrdinal: _o, ...e }) => ({ ...e, pending: false })),
    // After the chain: they happened last, and their place in it is the server's to give.
    ...waiting.map(({ mutationId: _m, ...e }) => ({ ...e, seq: 0, pending: true })),
  ];
}

export function eventsFor(store: Store, entityType: string, entityId: string): MetrykaEntry[] {
  return eventsForAny(store, [{ entityType, entityId }]);
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
    const { hash, serverOrdinal: _o, ...rest } = row;
    if (row.seq !== expectedSeq) return { count, firstBroken: { seq: row.seq, reason: `brak zdarzenia nr ${expectedSeq}` } };
    if (row.prevHash !== prev) return { count, firstBroken: { seq: row.seq, reason: 'przerwane ogniwo: poprzedni skrót się nie zgadza' } };
    if (sha256hex(chainInput(rest)) !== hash) return { count, firstBroken: { seq: row.seq, reason: 'treść zdarzenia zmieniona po zapisie' } };
    prev = hash;
    expectedSeq++;
  }
  return { count, firstBroken: null };
}

/** Events of several entities in log order: a case's metryka covers the case and its letters. */
export function eventsForAny(store: Store, refs: { entityType: string; entityId: string }[]): MetrykaEntry[] {
  if (refs.length === 0) return [];
  const held = store.db
    .select()
    .from(events)
    .where(or(...refs.map((r) => and(eq(events.entityType, r.entityType), eq(events.entityId, r.entityId)))))
    .orderBy(asc(events.seq))
    .all();
  return withPending(store, held, or(...refs.map((r) => and(eq(pendingEvents.entityType, r.entityType), eq(pendingEvents.entityId, r.entityId)))));
}

export type EventLogFilter = { text: string | null; actorId: string | null; fromAt: string | null; untilAt: string | null; beforeSeq: number | null; limit: number };

/**
 * A page of the whole log, newest first, for the administrator's "Dziennik zdarzeń": by who,
 * between two instants, and text in the sentence or the document's reference (LIKE: letters
 * outside ASCII match in the case typed).
 */
export function eventLogPage(store: Store, f: EventLogFilter): { rows: MetrykaEntry[]; hasMore: boolean } {
  const conditions = [
    f.beforeSeq === null ? undefined : lt(events.seq, f.beforeSeq),
    f.actorId === null ? undefined : or(eq(events.actorId, f.actorId), eq(events.onBehalfOfId, f.actorId)),
    f.fromAt === null ? undefined : gte(events.at, f.fromAt),
    f.untilAt === null ? undefined : lt(events.at, f.untilAt),
    f.text === null ? undefined : or(contains(events.summary, f.text), contains(events.documentRef, f.text)),
  ].filter((c) => c !== undefined);
  const rows = store.db
    .select()
    .from(events)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(events.seq))
    .limit(f.limit + 1)
    .all();
  return { rows: rows.slice(0, f.limit).map(({ prevHash: _p, hash: _h, serverOrdinal: _o, ...e }) => ({ ...e, pending: false })), hasMore: rows.length > f.limit };
}

/** The column holds the text literally (its own % and _ are not wildcards). */
function contains(column: typeof events.summary | typeof events.documentRef, text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}
