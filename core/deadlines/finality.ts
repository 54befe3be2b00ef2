/**
 * When a decision reaches each party, when each party's appeal period ends, and when the
 * decision becomes final (ostateczna) — the questions a head asks every day about what was sent.
 *
 * Pure: the registry's records of delivery (a return receipt, an awizo, a returned letter, an
 * electronic delivery's evidence) and the appeals registered are passed in, with `today`.
 *
 * - Delivery (KPA art. 42–47): to the addressee or, in their absence, to an adult household
 *   member, the building's administrator or the sołtys (art. 43) — delivered that day. Not found
 *   at home: the letter waits 14 days at the post office after the first notice, with a second
 *   notice after 7 days; not collected, it is deemed delivered on the last day of those 14 days
 *   (art. 44 §1 pkt 1, §4). That period is the post office's, not a term for the party to act,
 *   so art. 57 §4 does not move its end (the view the administrative courts take); the appeal
 *   period counted from it does move. A refusal to accept is delivery on that day (art. 47 §2).
 *   Electronic delivery (e-Doręczenia, ustawa o doręczeniach elektronicznych art. 41): on the day
 *   of the proof of receipt, or deemed 14 days after the proof of sending when not collected.
 * - Appeal (art. 129 §2): 14 days from delivery, or the term a special act sets for the
 *   decision's type; its end is moved past Saturdays and days off (art. 57 §4).
 * - An appeal or a request is on time when, before the term's end, it was posted at a Polish
 *   post office of the designated operator, sent electronically with a confirmation, or handed
 *   in at the office (art. 57 §5): the postmark date, not the day it arrived, decides.
 * - Finality: a decision no appeal can be lodged against any more is final (art. 16 §1). That is
 *   the day after the last party's appeal period ends without an appeal on time; or the day
 *   the office received the last party's waiver of appeal (art. 127a §2). An appeal on time stops
 *   it; a late one does not (the appeal organ will state it late, art. 134).
 */
import type { DeliveryRecordInput } from '#core/contract';
import { addDays, daysBetween, type CalendarDate, type OfficeCalendar } from '#core/deadlines/holidays';
import { addTerm, type Term, type TermEnd } from '#core/deadlines/terms';

/**
 * What came back of one letter sent, as the registry records it: the contract's record
 * (core/contract.ts deliveryRecordSchema), whose schema has checked every day it names.
 */
export type DeliveryRecord = DeliveryRecordInput;

/** A day from a checked record. */
const day = (checked: string) => checked as CalendarDate;

/** The day a letter counts as delivered, and whether in fact or by the law's fiction. */
export type Delivery = { on: CalendarDate; deemed: boolean; basis: string };

/** Days the post office keeps an awizo'd letter (art. 44 §1 pkt 1), and the e-Doręczenia box (art. 41). */
const AWIZO_DAYS = 14;
const ELECTRONIC_DAYS = 14;

/**
 * When the letter counts as delivered, or null while it does not (not yet, or returned
 * undelivered). `today` decides whether an awizo's or an electronic message's period has run out.
 */
export function deliveryOf(record: DeliveryRecord, today: CalendarDate): Delivery | null {
  switch (record.kind) {
    case 'delivered':
      return { on: day(record.on), deemed: false, basis: record.to === 'addressee' ? 'art. 42 § 1 k.p.a.' : 'art. 43 k.p.a.' };
    case 'refused':
      return { on: day(record.on), deemed: true, basis: 'art. 47 § 2 k.p.a.' };
    case 'awizo': {
      const lastDay = addDays(day(record.firstNoticeOn), AWIZO_DAYS);
      // Collected within the 14 days: delivered that day; later (a post office's mistake) changes nothing.
      if (record.collectedOn !== null && record.collectedOn <= lastDay) return { on: day(record.collectedOn), deemed: false, basis: 'art. 44 § 1 k.p.a.' };
      // Deemed "with the end of" the 14th day: until that day is over the letter may still be collected.
      return lastDay < today ? { on: lastDay, deemed: true, basis: 'art. 44 § 4 k.p.a.' } : null;
    }
    case 'electronic': {
      if (record.receivedOn !== null) return { on: day(record.receivedOn), deemed: false, basis: 'art. 41 ust. 1 ustawy o doręczeniach elektronicznych' };
      const lastDay = addDays(day(record.sentOn), ELECTRONIC_DAYS);
      return lastDay < today ? { on: lastDay, deemed: true, basis: 'art. 41 ust. 2 ustawy o doręczeniach elektronicznych' } : null;
    }
    case 'returned':
      return null;
  }
}

/** The appeal period a decision gives (art. 129 §2) unless its type says otherwise. */
export const APPEAL_TERM: Term = { days: 14 };

/** The last day to appeal for a party the decision reached on `deliveredOn`. */
export function appealPeriodEnd(deliveredOn: CalendarDate, term: Term = APPEAL_TERM, calendar?: OfficeCalendar): TermEnd {
  return addTerm(deliveredOn, term, calendar);
}

/** How a letter to the office was filed: the day that counts for its timeliness (art. 57 §5). */
export type Filing = { receivedOn: CalendarDate; postmarkedOn: CalendarDate | null };

/** On time, or late by how many days, against the term's last day. */
export type Timeliness = { onTime: boolean; daysLate: number; countedFrom: 'postmark' | 'receipt'; filedOn: CalendarDate };

export function timeliness(filing: Filing, lastDay: CalendarDate): Timeliness {
  // A postmark after the day it arrived is a typing error, not a later posting: the arrival counts.
  const byPost = filing.postmarkedOn !== null && filing.postmarkedOn <= filing.receivedOn;
  const filedOn = byPost && filing.postmarkedOn !== null ? filing.postmarkedOn : filing.receivedOn;
  const late = Math.max(0, daysBetween(lastDay, filedOn));
  return { onTime: late === 0, daysLate: late, countedFrom: byPost ? 'postmark' : 'receipt', filedOn };
}

/** One party of a decision: what came back of the letter to them, and their waiver if any. */
export type PartyDelivery = { partyId: string; record: DeliveryRecord | null; waivedOn: CalendarDate | null };

/** An appeal registered against the decision; `ref` (the letter's id) comes back with its judgement. */
export type Appeal = { partyId: string; filing: Filing; ref?: string };

/** An appeal judged against the party's period. */
export type JudgedAppeal = Timeliness & { ref: string | null };

export type PartyStanding = {
  partyId: string;
  delivery: Delivery | null;
  /** The last day to appeal (after art. 57 §4); null until delivered. */
  appealEnd: TermEnd | null;
  waivedOn: CalendarDate | null;
  /** The party's appeal on time, if one was lodged. */
  appealed: JudgedAppeal | null;
  /** Appeals lodged after the period (they do not stop finality). */
  lateAppeals: JudgedAppeal[];
};

export type Finality =
  /** Some party has no delivery yet (or the letter came back undelivered). */
  | { status: 'awaiting-delivery'; parties: PartyStanding[] }
  /** Delivered to all; some appeal period still runs. `finalOn`: the day it becomes final if no one appeals. */
  | { status: 'appeal-running'; finalOn: CalendarDate; parties: PartyStanding[] }
  | { status: 'appealed'; parties: PartyStanding[] }
  | { status: 'final'; finalOn: CalendarDate; parties: PartyStanding[] };

/** Where a decision stands on `today` (Warsaw's date). */
export function finality(parties: readonly PartyDelivery[], appeals: readonly Appeal[], today: CalendarDate, opts: { term?: Term; calendar?: OfficeCalendar } = {}): Finality {
  const standings: PartyStanding[] = parties.map((p) => {
    const delivery = p.record ? deliveryOf(p.record, today) : null;
    const appealEnd = delivery ? appealPeriodEnd(delivery.on, opts.term, opts.calendar) : null;
    const judged = appeals
      .filter((a) => a.partyId === p.partyId)
      .map((a): JudgedAppeal => ({ ...(appealEnd ? timeliness(a.filing, appealEnd.end) : timeliness(a.filing, a.filing.receivedOn)), ref: a.ref ?? null }));
    // An appeal before delivery (the party learnt of the decision otherwise) is on time too.
    return { partyId: p.partyId, delivery, appealEnd, waivedOn: p.waivedOn, appealed: judged.find((t) => t.onTime) ?? null, lateAppeals: judged.filter((t) => !t.onTime) };
  });
  if (standings.some((s) => s.appealed !== null)) return { status: 'appealed', parties: standings };
  // A party that waived its appeal needs no delivery to be bound (art. 127a): its waiver is its day.
  const open = standings.filter((s) => s.waivedOn === null);
  if (standings.length === 0 || open.some((s) => s.appealEnd === null)) return { status: 'awaiting-delivery', parties: standings };
  const lastWaiver = standings.reduce<CalendarDate | null>((max, s) => (s.waivedOn !== null && (max === null || s.waivedOn > max) ? s.waivedOn : max), null);
  const lastAppealDay = open.reduce<CalendarDate | null>((max, s) => (s.appealEnd && (max === null || s.appealEnd.end > max) ? s.appealEnd.end : max), null);
  // Final the day after the last appeal period ends; with waivers only, the day of the last waiver.
  const candidates = [lastAppealDay === null ? null : addDays(lastAppealDay, 1), lastWaiver].filter((d): d is CalendarDate => d !== null);
  const finalOn = candidates.reduce((max, d) => (d > max ? d : max));
  return finalOn <= today ? { status: 'final', finalOn, parties: standings } : { status: 'appeal-running', finalOn, parties: standings };
}
