import { describe, expect, it } from 'vitest';
import { foldText, ftsQuery } from '#core/text/fold';
import { checkTrackingNumber, s10CheckDigit } from '#core/tracking';

describe('foldText', () => {
  it.each([
    ['Żółw', 'zolw'],
    ['Łódź', 'lodz'],
    ['ZAŻÓŁĆ GĘŚLĄ JAŹŃ', 'zazolc gesla jazn'],
    ['Wałbrzych', 'walbrzych'],
  ])('%s → %s', (input, folded) => expect(foldText(input)).toBe(folded));
});

describe('ftsQuery', () => {
  it('quotes words as prefixes and drops FTS syntax', () => {
    expect(ftsQuery('RPW/12/2026')).toBe('"rpw"* "12"* "2026"*');
    expect(ftsQuery('Łódź NOT "x')).toBe('"lodz"* "not"* "x"*');
    expect(ftsQuery('  --  ')).toBeNull();
  });
});

describe('checkTrackingNumber', () => {
  it('accepts a valid S10 number and normalises it', () => {
    expect(s10CheckDigit('47312482')).toBe(9); // UPU's own example, RR473124829GB
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(checkTrackingNumber('rr 473124829 pl')).toEqual({ ok: true, value: 'RR473124829PL' });
  });
  it('refuses a wrong check digit with a Polish message', () => {
    const r = checkTrackingNumber('RR473124825PL');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/błędną cyfrę kontrolną/);
  });
  it('accepts a 20-digit domestic number and refuses garbage', () => {
    expect(checkTrackingNumber('00659007734210841438').ok).toBe(true);
    expect(checkTrackingNumber('abc').ok).toBe(false);
  });
});
