import { and, asc, desc, eq, gte, lt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Store } from '#db/store';
import type { Statement } from 'better-sqlite3';
import { correspondence, correspondenceScans, parties, units, blobs } from '#db/schema/index';
import { foldText, ftsQuery } from '#core/text/fold';

export type CorrespondenceRow = typeof correspondence.$inferSelect;
export type NewCorrespondence = typeof correspondence.$inferInsert;

export function insertCorrespondence(store: Store, row: NewCorrespondence): CorrespondenceRow {
  const inserted = store.db.insert(correspondence).values(row).returning().get();
  indexForSearch(store, inserted);
  return inserted;
}

export function updateCorrespondence(store: Store, id: string, changes: Partial<NewCorrespondence>): CorrespondenceRow {
  // drizzle types .get() as always found; an unknown id gives undefined at run time.
  const updated = store.db.update(correspondence).set(changes).where(eq(correspondence.id, id)).returning().get() as CorrespondenceRow | undefined;
  if (!updated) throw new Error(`no correspondence ${id}`);
  indexForSearch(store, updated);
  return updated;
}

export function getCorrespondence(store: Store, id: string): CorrespondenceRow | null {
  return store.db.select().from(correspondence).where(eq(correspondence.id, id)).get() ?? null;
}

/** Letters by id, in one query (a tray of a hundred is one read, not a hundred). */
export function correspondenceByIds(store: Store, ids: readonly string[]): Map<string, CorrespondenceRow> {
  if (ids.length === 0) return new Map();
  return new Map(store.db.select().from(correspondence).where(inArray(correspondence.id, [...ids])).all().map((c) => [c.id, c]));
}

/** Letters marked as an appeal against (or a waiver of appeal from) this decision, not cancelled. */
export function appealsOfDecision(store: Store, decisionId: string): CorrespondenceRow[] {
  return store.db
    .select()
    .from(correspondence)
    .where(and(eq(correspondence.appealDecisionId, decisionId), eq(correspondence.status, 'registered')))
    .orderBy(asc(correspondence.receivedAt))
    .all();
}

/** Finds a letter by its final number, provisional label or status code (case-insensitive). */
export function findByLabel(store: Store, label: string): CorrespondenceRow | null {
  // Numbers are stored upper case; equality keeps each lookup on its index.
  const typed = label.trim();
  const upper = typed.toUpperCase();
  return (
    store.db
      .select()
      .from(correspondence)
      .where(sql`${correspondence.number} = ${upper} OR ${correspondence.provisionalLabel} = ${typed} OR ${correspondence.statusCode} = ${upper.replace(/-/g, '')}`)
      .get() ?? null
  );
}

// Prepared once per database: a pull re-indexes thousands of letters in one go.
const ftsStatements = new WeakMap<Store['sqlite'], { city: Statement; remove: Statement; add: Statement }>();

function ftsOf(store: Store) {
  let s = ftsStatements.get(store.sqlite);
  if (!s) {
    s = {
      city: store.sqlite.prepare('SELECT city FROM parties WHERE id = ?'),
      remove: store.sqlite.prepare('DELETE FROM correspondence_fts WHERE rowid = ?'),
      add: store.sqlite.prepare('INSERT INTO correspondence_fts (rowid, numbers, sender, subject, reference, remarks) VALUES (?, ?, ?, ?, ?, ?)'),
    };
    ftsStatements.set(store.sqlite, s);
  }
  return s;
}

/** Re-indexes a letter written without the repository (a pull's prepared upsert). */
export function indexLetterForSearch(store: Store, r: Pick<CorrespondenceRow, 'pk' | 'senderId' | 'number' | 'provisionalLabel' | 'statusCode' | 'trackingNumber' | 'senderName' | 'subject' | 'senderReference' | 'remarks' | 'cancelReason'>) {
  indexForSearch(store, r);
}

function indexForSearch(store: Store, r: Pick<CorrespondenceRow, 'pk' | 'senderId' | 'number' | 'provisionalLabel' | 'statusCode' | 'trackingNumber' | 'senderName' | 'subject' | 'senderReference' | 'remarks' | 'cancelReason'>) {
  const fts = ftsOf(store);
  const sender = fts.city.get(r.senderId) as { city: string | null } | undefined;
  const f = (s: string | null | undefined) => foldText(s ?? '');
  fts.remove.run(r.pk);
  fts.add
    .run(
      r.pk,
      f([r.number, r.provisionalLabel, r.statusCode, r.trackingNumber].filter(Boolean).join(' ')),
      f(`${r.senderName} ${sender?.city ?? ''}`),
      f(r.subject),
      f(r.senderReference),
      f([r.remarks, r.cancelReason].filter(Boolean).join(' ')),
    );
}

/** Re-indexes the letter stored under `pk`; false when there is none (an undo removed it). */
export function reindexLetterRow(store: Store, pk: number): boolean {
  const row = store.db.select().from(correspondence).where(eq(correspondence.pk, pk)).get();
  if (row) indexForSearch(store, row);
  return row !== undefined;
}

export function dropLetterFromIndex(store: Store, pk: number) {
  ftsOf(store).remove.run(pk);
}

export function insertScans(store: Store, rows: (typeof correspondenceScans.$inferInsert)[]) {
  if (rows.length > 0) store.db.insert(correspondenceScans).values(rows).run();
}

export function scansOf(store: Store, correspondenceId: string) {
  return store.db
    .select({ sha256: correspondenceScans.sha256, fileName: correspondenceScans.fileName, mime: blobs.mime, pageCount: blobs.pageCount, size: blobs.size })
    .from(correspondenceScans)
    .innerJoin(blobs, eq(blobs.sha256, correspondenceScans.sha256))
    .where(eq(correspondenceScans.correspondenceId, correspondenceId))
    .orderBy(asc(correspondenceScans.position))
    .all();
}

export function upsertBlob(store: Store, b: typeof blobs.$inferInsert) {
  store.db.insert(blobs).values(b).onConflictDoNothing().run();
}

export function getBlob(store: Store, sha256: string) {
  return store.db.select().from(blobs).where(eq(blobs.sha256, sha256)).get() ?? null;
}

export function allBlobHashes(store: Store): string[] {
  return store.db.select({ sha256: blobs.sha256 }).from(blobs).all().map((b) => b.sha256);
}

/** Letters already carrying any of these files. */
export function lettersWithFiles(store: Store, sha256s: string[]) {
  if (sha256s.length === 0) return [];
  return store.db
    .select({ id: correspondence.id, number: correspondence.number, provisionalLabel: correspondence.provisionalLabel, sha256: correspondenceScans.sha256 })
    .from(correspondenceScans)
    .innerJoin(correspondence, eq(correspondence.id, correspondenceScans.correspondenceId))
    .where(inArray(correspondenceScans.sha256, sha256s))
    .all();
}

/** Letters from the same sender with the same reference (znak pisma), ignoring case and spaces. */
export function lettersWithReference(store: Store, senderId: string, reference: string) {
  const norm = reference.replace(/\s+/g, '').toUpperCase();
  return store.db
    .select({ id: correspondence.id, number: correspondence.number, provisionalLabel: correspondence.provisionalLabel })
    .from(correspondence)
    .where(and(eq(correspondence.senderId, senderId), sql`upper(replace(${correspondence.senderReference}, ' ', '')) = ${norm}`, eq(correspondence.status, 'registered')))
    .all();
}

export type RegisterQuery = {
  direction: 'in' | 'out';
  fromUtc: string | null;
  toUtcExclusive: string | null;
  channel: CorrespondenceRow['channel'] | null;
  unitIds: string[] | null;
  text: string;
  includeCancelled: boolean;
  sortBy: 'number' | 'receivedAt' | 'sender' | 'subject' | 'unit' | 'channel';
  dir: 'asc' | 'desc';
};

function whereOf(q: RegisterQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(correspondence.direction, q.direction)];
  if (q.fromUtc) conds.push(gte(correspondence.receivedAt, q.fromUtc));
  if (q.toUtcExclusive) conds.push(lt(correspondence.receivedAt, q.toUtcExclusive));
  if (q.channel) conds.push(eq(correspondence.channel, q.channel));
  if (q.unitIds) conds.push(inArray(correspondence.unitId, q.unitIds));
  if (!q.includeCancelled) conds.push(eq(correspondence.status, 'registered'));
  const match = ftsQuery(q.text);
  // "treść" takes in what was read from the letter's scans too, as the top bar's search does.
  if (match) {
    conds.push(
      sql`(${correspondence.pk} IN (SELECT rowid FROM correspondence_fts WHERE correspondence_fts MATCH ${match})
        OR ${correspondence.id} IN (SELECT cs.correspondence_id FROM scan_text_fts JOIN scan_texts t ON t.rowid = scan_text_fts.rowid JOIN correspondence_scans cs ON cs.sha256 = t.sha256 WHERE scan_text_fts MATCH ${match}))`,
    );
  }
  return and(...conds);
}

function orderOf(q: RegisterQuery): SQL[] {
  const d = q.dir === 'asc' ? asc : desc;
  switch (q.sortBy) {
    case 'number':
      return [d(correspondence.year), d(correspondence.seq), d(correspondence.pk)];
    case 'receivedAt':
      return [d(correspondence.receivedAt), d(correspondence.pk)];
    case 'sender':
      return [d(sql`${correspondence.senderName} COLLATE NOCASE`), d(correspondence.pk)];
    case 'subject':
      return [d(sql`${correspondence.subject} COLLATE NOCASE`), d(correspondence.pk)];
    case 'unit':
      return [d(units.symbol), d(correspondence.pk)];
    case 'channel':
      return [d(correspondence.channel), d(correspondence.pk)];
  }
}

const registerColumns = {
  row: correspondence,
  unitSymbol: units.symbol,
  senderStreet: parties.street,
  senderPostalCode: parties.postalCode,
  senderCity: parties.city,
  scanCount: sql<number>`(SELECT count(*) FROM correspondence_scans s WHERE s.correspondence_id = ${correspondence.id})`,
};

export type RegisterRow = { row: CorrespondenceRow; unitSymbol: string; senderStreet: string | null; senderPostalCode: string | null; senderCity: string | null; scanCount: number };

export function countRegister(store: Store, q: RegisterQuery): number {
  return store.db.select({ n: sql<number>`count(*)` }).from(correspondence).where(whereOf(q)).get()?.n ?? 0;
}

export function pageRegister(store: Store, q: RegisterQuery, offset: number, limit: number): RegisterRow[] {
  return store.db
    .select(registerColumns)
    .from(correspondence)
    .innerJoin(units, eq(units.id, correspondence.unitId))
    .innerJoin(parties, eq(parties.id, correspondence.senderId))
    .where(whereOf(q))
    .orderBy(...orderOf(q))
    .limit(limit)
    .offset(offset)
    .all();
}

/** Every matching row, streamed (CSV and PDF of a whole date range). */
export function* iterateRegister(store: Store, q: RegisterQuery, chunk = 2000): Generator<RegisterRow> {
  for (let offset = 0; ; offset += chunk) {
    const rows = pageRegister(store, q, offset, chunk);
    yield* rows;
    if (rows.length < chunk) return;
  }
}

/** Outgoing letters dispatched between two office days (inclusive), in register order. */
/** The outgoing letters sent under a tracking number (a returned card's barcode), the latest first. */
export function outgoingByTracking(store: Store, trackingNumber: string): CorrespondenceRow[] {
  return store.db
    .select()
    .from(correspondence)
    .where(and(eq(correspondence.direction, 'out'), eq(correspondence.trackingNumber, trackingNumber)))
    .orderBy(desc(correspondence.dispatchedOn))
    .all();
}

export function outgoingBetween(store: Store, from: string, to: string): CorrespondenceRow[] {
  return store.db
    .select()
    .from(correspondence)
    .where(and(eq(correspondence.direction, 'out'), gte(correspondence.dispatchedOn, from), sql`${correspondence.dispatchedOn} <= ${to}`))
    .orderBy(asc(correspondence.year), asc(correspondence.seq))
    .all();
}
