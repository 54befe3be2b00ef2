import { describe, expect, it } from 'vitest';
import { appealPeriodEnd, deliveryOf, finality, timeliness, type PartyDelivery } from '#core/deadlines/finality';
import type { CalendarDate } from '#core/deadlines/holidays';

const d = (s: string) => s as CalendarDate;
const delivered = (partyId: string, on: string): PartyDelivery => ({ partyId, record: { kind: 'delivered', on: d(on), to: 'addressee' }, waivedOn: null });

describe('delivery of a decision (k.p.a. art. 42–47, e-Doręczenia art. 41)', () => {
  it('a return receipt: delivered that day, to the addressee or a household member', () => {
    expect(deliveryOf({ kind: 'delivered', on: d('2026-03-02'), to: 'addressee' }, d('2026-03-10'))).toEqual({ on: '2026-03-02', deemed: false, basis: 'art. 42 § 1 k.p.a.' });
    expect(deliveryOf({ kind: 'delivered', on: d('2026-03-02'), to: 'household' }, d('2026-03-10'))?.basis).toBe('art. 43 k.p.a.');
  });

  it('awizo not collected: deemed delivered on the 14th day after the first notice, known only once that day is over', () => {
    const awizo = { kind: 'awizo', firstNoticeOn: d('2026-10-14'), secondNoticeOn: d('2026-10-21'), collectedOn: null } as const;
    expect(deliveryOf(awizo, d('2026-10-28'))).toBeNull();
    expect(deliveryOf(awizo, d('2026-10-29'))).toEqual({ on: '2026-10-28', deemed: true, basis: 'art. 44 § 4 k.p.a.' });
    // Collected on the tenth day: delivered then, in fact.
    expect(deliveryOf({ ...awizo, collectedOn: d('2026-10-24') }, d('2026-11-30'))).toEqual({ on: '2026-10-24', deemed: false, basis: 'art. 44 § 1 k.p.a.' });
    // Handed out after the 14 days by the post office's mistake: the fiction stands.
    expect(deliveryOf({ ...awizo, collectedOn: d('2026-11-02') }, d('2026-11-30'))?.on).toBe('2026-10-28');
  });

  it('the 14 days of an awizo end on their day even on a Sunday (art. 57 §4 is for terms to act, not for the post office)', () => {
    // First notice Sunday 2026-03-22 is unusual but possible; 14 days later is Easter Sunday 2026-04-05.
    expect(deliveryOf({ kind: 'awizo', firstNoticeOn: d('2026-03-22'), secondNoticeOn: null, collectedOn: null }, d('2026-04-10'))?.on).toBe('2026-04-05');
  });

  it('refused: delivered on the day of the refusal; returned undelivered: no delivery', () => {
    expect(deliveryOf({ kind: 'refused', on: d('2026-03-02') }, d('2026-03-03'))).toEqual({ on: '2026-03-02', deemed: true, basis: 'art. 47 § 2 k.p.a.' });
    expect(deliveryOf({ kind: 'returned', on: d('2026-03-09'), reason: 'adresat nieznany' }, d('2026-03-20'))).toBeNull();
  });

  it('e-Doręczenia: the day of the proof of receipt, or deemed 14 days after sending', () => {
    expect(deliveryOf({ kind: 'electronic', sentOn: d('2026-06-01'), receivedOn: d('2026-06-03') }, d('2026-06-04'))?.on).toBe('2026-06-03');
    expect(deliveryOf({ kind: 'electronic', sentOn: d('2026-06-01'), receivedOn: null }, d('2026-06-15'))).toBeNull();
    expect(deliveryOf({ kind: 'electronic', sentOn: d('2026-06-01'), receivedOn: null }, d('2026-06-16'))).toMatchObject({ on: '2026-06-15', deemed: true });
  });
});

describe('appeal periods and finality (art. 129 §2, art. 57, art. 16, art. 127a)', () => {
  it('an appeal period ending on 11 November ends on the 12th', () => {
    const end = appealPeriodEnd(d('2026-10-28'));
    expect(end.nominalEnd).toBe('2026-11-11');
    expect(end.end).toBe('2026-11-12');
    expect(end.shiftedBecause.map((s) => s.reason)).toEqual(['Narodowe Święto Niepodległości']);
  });

  it('two parties delivered on different days: final the day after the later period ends', () => {
    const parties = [delivered('a', '2026-03-02'), delivered('b', '2026-03-05')];
    const running = finality(parties, [], d('2026-03-18'));
    expect(running).toMatchObject({ status: 'appeal-running', finalOn: '2026-03-20' });
    if (running.status !== 'appeal-running') throw new Error('unreachable');
    expect(running.parties.map((p) => p.appealEnd?.end)).toEqual(['2026-03-16', '2026-03-19']);
    expect(finality(parties, [], d('2026-03-19')).status).toBe('appeal-running');
    expect(finality(parties, [], d('2026-03-20'))).toMatchObject({ status: 'final', finalOn: '2026-03-20' });
  });

  it('one party still without delivery (or its letter returned): the decision waits for it', () => {
    const returned: PartyDelivery = { partyId: 'b', record: { kind: 'returned', on: d('2026-03-09'), reason: 'wyprowadził się' }, waivedOn: null };
    expect(finality([delivered('a', '2026-03-02'), returned], [], d('2026-05-01')).status).toBe('awaiting-delivery');
    expect(finality([delivered('a', '2026-03-02'), { partyId: 'b', record: null, waivedOn: null }], [], d('2026-05-01')).status).toBe('awaiting-delivery');
    expect(finality([], [], d('2026-05-01')).status).toBe('awaiting-delivery');
  });

  it('awizo, a holiday at the end, and a postmark on the last day: the appeal is on time and stops finality', () => {
    const party: PartyDelivery = { partyId: 'a', record: { kind: 'awizo', firstNoticeOn: d('2026-10-14'), secondNoticeOn: d('2026-10-21'), collectedOn: null }, waivedOn: null };
    expect(finality([party], [], d('2026-11-02'))).toMatchObject({ status: 'appeal-running', finalOn: '2026-11-13' });
    // Posted on the last day (12 November), arrived on the 16th.
    const onTime = finality([party], [{ partyId: 'a', filing: { receivedOn: d('2026-11-16'), postmarkedOn: d('2026-11-12') } }], d('2026-11-20'));
    expect(onTime.status).toBe('appealed');
    expect(onTime.parties[0]?.appealed).toEqual({ onTime: true, daysLate: 0, countedFrom: 'postmark', filedOn: '2026-11-12', ref: null });
    // Posted a day late: it does not stop finality; the appeal organ will state it late.
    const late = finality([party], [{ partyId: 'a', filing: { receivedOn: d('2026-11-16'), postmarkedOn: d('2026-11-13') } }], d('2026-11-20'));
    expect(late).toMatchObject({ status: 'final', finalOn: '2026-11-13' });
    expect(late.parties[0]?.lateAppeals).toEqual([{ onTime: false, daysLate: 1, countedFrom: 'postmark', filedOn: '2026-11-13', ref: null }]);
  });

  it('an appeal handed in (no postmark) counts from its arrival', () => {
    expect(timeliness({ receivedOn: d('2026-11-16'), postmarkedOn: null }, d('2026-11-12'))).toEqual({ onTime: false, daysLate: 4, countedFrom: 'receipt', filedOn: '2026-11-16' });
    // A postmark after the arrival is a typing error: the arrival counts.
    expect(timeliness({ receivedOn: d('2026-11-10'), postmarkedOn: d('2026-11-14') }, d('2026-11-12'))).toMatchObject({ onTime: true, countedFrom: 'receipt' });
  });

  it('every party waived its appeal: final on the day the last waiver arrived', () => {
    const parties: PartyDelivery[] = [
      { ...delivered('a', '2026-03-02'), waivedOn: d('2026-03-03') },
      { partyId: 'b', record: null, waivedOn: d('2026-03-04') },
    ];
    expect(finality(parties, [], d('2026-03-03')).status).toBe('appeal-running');
    expect(finality(parties, [], d('2026-03-04'))).toMatchObject({ status: 'final', finalOn: '2026-03-04' });
  });

  it('a term of its own for the decision type (7 days for a zażalenie, art. 141 §2)', () => {
    expect(finality([delivered('a', '2026-03-02')], [], d('2026-03-09'), { term: { days: 7 } })).toMatchObject({ status: 'appeal-running', finalOn: '2026-03-10' });
    expect(finality([delivered('a', '2026-03-02')], [], d('2026-03-10'), { term: { days: 7 } })).toMatchObject({ status: 'final', finalOn: '2026-03-10' });
  });
});
