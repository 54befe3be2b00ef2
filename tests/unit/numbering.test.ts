import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '#db/store';
import { nextNumber, allCounters } from '#db/counters';

// nextNumber on a real SQLite file with two connections (two workstations on one file): the
// write lock orders them, and a transaction that fails gives its number back.

const SCOPE = 'RPW/2026';
let dir: string;
let a: Store;
let b: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kancelaria-numeracja-'));
  a = openStore(join(dir, 'kancelaria.sqlite'), { key: null });
  b = openStore(join(dir, 'kancelaria.sqlite'), { key: null });
});

afterEach(() => {
  a.close();
  b.close();
  rmSync(dir, { recursive: true, force: true });
});

const take = (s: Store, scope = SCOPE) => s.tx(() => nextNumber(s, scope));

describe('nextNumber', () => {
  it('starts at 1 and counts up per scope, alternating between connections', () => {
    expect([take(a), take(b), take(a), take(b)]).toEqual([1, 2, 3, 4]);
    expect(take(b, 'RPW/2027')).toBe(1);
    expect(take(a, 'RPW/2027')).toBe(2);
    expect(allCounters(a)).toEqual([
      { scope: 'RPW/2026', last: 4 },
      { scope: 'RPW/2027', last: 2 },
    ]);
  });

  it('a transaction that throws after taking a number gives it back: the next one reuses it', () => {
    expect(take(a)).toBe(1);
    expect(() =>
      a.tx(() => {
        expect(nextNumber(a, SCOPE)).toBe(2);
        throw new Error('rejestracja odrzucona po nadaniu numeru');
      }),
    ).toThrow('rejestracja odrzucona');
    // The other connection never saw 2 given and gets it now.
    expect(take(b)).toBe(2);
    expect(take(a)).toBe(3);
    expect(allCounters(b)).toEqual([{ scope: SCOPE, last: 3 }]);
  });

  it('numbers taken twice in one transaction are both rolled back together', () => {
    expect(() =>
      b.tx(() => {
        nextNumber(b, SCOPE);
        nextNumber(b, SCOPE);
        throw new Error('przerwano');
      }),
    ).toThrow('przerwano');
    expect(take(a)).toBe(1);
  });

  it('while one connection holds the write lock the other cannot take a number; after commit it takes the next', () => {
    b.sqlite.pragma('busy_timeout = 50');
    a.sqlite.exec('BEGIN IMMEDIATE');
    expect(nextNumber(a, SCOPE)).toBe(1);
    // The second workstation waits for the lock and gives up rather than read a stale counter.
    expect(() => take(b)).toThrow(/locked|busy/i);
    // A reader outside the transaction does not see the uncommitted number.
    expect(allCounters(b)).toEqual([]);
    a.sqlite.exec('COMMIT');
    expect(take(b)).toBe(2);
  });

  it('interleaved transactions, one rolled back midway, leave 1..N with no gap and no duplicate', () => {
    b.sqlite.pragma('busy_timeout = 50');
    const given: number[] = [];
    // a: begin, take; b: blocked; a: rollback; b: take (reuses); a: begin, take, commit; …
    a.sqlite.exec('BEGIN IMMEDIATE');
    const lost = nextNumber(a, SCOPE);
    expect(() => take(b)).toThrow(/locked|busy/i);
    a.sqlite.exec('ROLLBACK');
    given.push(take(b));
    expect(given[0]).toBe(lost);
    for (let i = 0; i < 10; i++) {
      const s = i % 2 === 0 ? a : b;
      if (i === 6) {
        expect(() =>
          s.tx(() => {
            nextNumber(s, SCOPE);
            throw new Error('błąd zapisu');
          }),
        ).toThrow('błąd zapisu');
        continue;
      }
      given.push(take(s));
    }
    expect(given).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(allCounters(a)).toEqual([{ scope: SCOPE, last: 10 }]);
  });
});
