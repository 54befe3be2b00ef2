import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '#db/store';
import { preparedUpsert } from '#db/preparedWrite';
import { blobs, parties } from '#db/schema/index';

// The pull's prepared upserts (db/preparedWrite.ts) must write what the query builder wrote:
// the same row on insert, the named columns on conflict, and nothing the row did not carry.

const KEY = 'b'.repeat(64);
let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kancelaria-prepared-'));
  store = openStore(join(dir, 'profile.db'), { key: KEY });
});
afterEach(() => {
  store.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

const party = { id: 'p1', kind: 'person', name: 'Anna Nowak', firstName: 'Anna', lastName: 'Nowak', city: 'Łódź', searchText: 'anna nowak lodz', createdAt: '2026-12-01T10:00:00.000Z', createdBy: 'u1' };

describe('preparedUpsert', () => {
  it('inserts the row as drizzle would (a column left out takes its SQL default) and replaces it whole on conflict, key untouched', () => {
    const up = preparedUpsert(store, parties, { target: ['id'] });
    up.run(party);
    const first = store.db.select().from(parties).all();
    expect(first).toEqual([expect.objectContaining({ ...party, country: 'Polska', pesel: null })]);
    up.run({ ...party, name: 'Anna Kowalska', city: null });
    const after = store.db.select().from(parties).all();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: 'p1', name: 'Anna Kowalska', city: null, country: 'Polska' });
  });

  it('keepWhenNull keeps what is here when the new row has none; a value replaces it', () => {
    const up = preparedUpsert(store, parties, { target: ['id'], keepWhenNull: ['phone'] });
    up.run({ ...party, phone: '600 100 200' });
    up.run({ ...party, phone: null });
    expect(store.db.select().from(parties).get()?.phone).toBe('600 100 200');
    up.run({ ...party, phone: '600 300 400' });
    expect(store.db.select().from(parties).get()?.phone).toBe('600 300 400');
  });

  it('an update list sets only those columns; "nothing" leaves the row here as it is', () => {
    const guess = preparedUpsert(store, blobs, { target: ['sha256'], update: ['mime', 'pageCount'] });
    guess.run({ sha256: 'a'.repeat(64), size: 10, mime: 'application/octet-stream', pageCount: 0, createdAt: '2026-12-01T10:00:00.000Z' });
    guess.run({ sha256: 'a'.repeat(64), size: 99, mime: 'application/pdf', pageCount: 3, createdAt: '2026-12-02T10:00:00.000Z' });
    expect(store.db.select().from(blobs).get()).toMatchObject({ size: 10, mime: 'application/pdf', pageCount: 3, createdAt: '2026-12-01T10:00:00.000Z' });
    const keep = preparedUpsert(store, blobs, { target: ['sha256'], update: 'nothing' });
    keep.run({ sha256: 'a'.repeat(64), size: 1, mime: 'text/plain', pageCount: 1, createdAt: '2026-12-03T10:00:00.000Z' });
    expect(store.db.select().from(blobs).get()).toMatchObject({ size: 10, mime: 'application/pdf' });
    // A JSON column goes in as drizzle writes it and reads back as the same value.
    const signedOver = { revisions: [{ bytes: 120, signer: 'Jan Kowalski' }] };
    keep.run({ sha256: 'c'.repeat(64), size: 5, mime: 'application/pdf', pageCount: 1, createdAt: '2026-12-03T10:00:00.000Z', signedOver });
    expect(store.db.select().from(blobs).all().find((b) => b.sha256 === 'c'.repeat(64))?.signedOver).toEqual(signedOver);
  });

  it('returns what the row holds after the write, and refuses a column the table does not have', () => {
    const up = preparedUpsert(store, parties, { target: ['id'], keepWhenNull: ['city'], returning: 'city, name' });
    expect(up.get(party)).toEqual({ city: 'Łódź', name: 'Anna Nowak' });
    expect(up.get({ ...party, city: null, name: 'Anna N.' })).toEqual({ city: 'Łódź', name: 'Anna N.' });
    expect(() => preparedUpsert(store, parties, { target: ['nope'] }).run(party)).toThrow(/no column nope/);
  });
});
