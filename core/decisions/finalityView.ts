/**
 * Where a signed decision stands, as the case view, the decision window, the "Terminy" list and
 * the finality clause show it: the letters sent to its parties with what came back of them, the
 * appeals and waivers marked against it, judged by core/deadlines/finality.ts on today's date.
 */
import type { Ctx } from '#core/services/context';
import { deliveryRecordSchema, type DecisionFinality, type FilingTimeliness } from '#core/contract';
import type { DeliveryRecord as StoredDelivery } from '#core/contract';
import { finality, type Appeal, type DeliveryRecord, type Filing, type JudgedAppeal, type PartyDelivery } from '#core/deadlines/finality';
import type { CalendarDate } from '#core/deadlines/holidays';
import { warsawDate } from '#core/time';
import { labelOf } from '#core/commands/office';
import { decisionType } from '#core/decisions/prefill';
import { dispatchItemsOfDecision } from '#db/dispatchRepo';
import { appealsOfDecision, getCorrespondence, type CorrespondenceRow } from '#db/correspondenceRepo';
import type { DecisionRow } from '#db/decisionRepo';

/** Whether a decision has parties' periods to follow: a signed decision, not a certificate or a procedural letter. */
export function followsFinality(d: Pick<DecisionRow, 'status' | 'typeCode'>): boolean {
  return d.status === 'signed' && decisionType(d.typeCode)?.kind === 'decision';
}

/** The delivery record a letter row keeps as JSON (written by recordDelivery); null when none is readable. */
export function storedDelivery(json: string | null): StoredDelivery | null {
  if (json === null) return null;
  const parsed = deliveryRecordSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

/** What came back of a letter sent; a letter handed over at the office was delivered that day (art. 42 §2). */
function recordOf(letter: CorrespondenceRow | null): DeliveryRecord | null {
  if (!letter || letter.status === 'cancelled') return null;
  if (letter.delivery !== null) return storedDelivery(letter.delivery);
  if (letter.channel === 'in_person' && letter.dispatchedOn !== null) return { kind: 'delivered', on: letter.dispatchedOn, to: 'addressee' };
  return null;
}

/** The day that counts for a letter filed with the office (art. 57 §5): a courier's postmark does not. */
export function filingOf(letter: Pick<CorrespondenceRow, 'receivedAt' | 'postmarkedOn' | 'postmarkOperator'>): Filing {
  return {
    receivedOn: warsawDate(new Date(letter.receivedAt)) as CalendarDate,
    postmarkedOn: letter.postmarkOperator === 'designated' && letter.postmarkedOn !== null ? (letter.postmarkedOn as CalendarDate) : null,
  };
}

export function decisionFinalityOf(ctx: Ctx, d: DecisionRow): DecisionFinality | null {
  if (!followsFinality(d)) return null;
  const today = warsawDate(ctx.clock()) as CalendarDate;
  const items = dispatchItemsOfDecision(ctx.store, d.id).filter((i) => i.status !== 'cancelled' && i.partyId !== null);
  const sent = new Map(items.map((i) => [i.id, i.correspondenceId ? getCorrespondence(ctx.store, i.correspondenceId) : null]));
  const answers = appealsOfDecision(ctx.store, d.id);
  const byId = new Map(answers.map((a) => [a.id, a]));
  const parties: PartyDelivery[] = items.map((i) => {
    const waivers = answers.filter((a) => a.appealKind === 'waiver' && a.appealPartyId === i.partyId).map((a) => filingOf(a).receivedOn);
    return { partyId: i.partyId ?? '', record: recordOf(sent.get(i.id) ?? null), waivedOn: waivers.length > 0 ? waivers.reduce((m, x) => (x < m ? x : m)) : null };
  });
  const appeals: Appeal[] = answers.filter((a) => a.appealKind === 'appeal' && a.appealPartyId !== null).map((a) => ({ partyId: a.appealPartyId ?? '', filing: filingOf(a), ref: a.id }));
  const f = finality(parties, appeals, today);
  const judged = (j: JudgedAppeal): FilingTimeliness => {
    const letter = j.ref === null ? undefined : byId.get(j.ref);
    return { letterId: letter?.id ?? '', label: letter ? labelOf(letter) : '?', onTime: j.onTime, daysLate: j.daysLate, filedOn: j.filedOn, countedFrom: j.countedFrom };
  };
  return {
    status: f.status,
    finalOn: f.status === 'final' || f.status === 'appeal-running' ? f.finalOn : null,
    parties: f.parties.map((p, n) => {
      const item = items[n];
      const letter = item ? (sent.get(item.id) ?? null) : null;
      return {
        partyId: p.partyId,
        name: item?.addresseeName ?? '?',
        outgoingLabel: letter ? labelOf(letter) : null,
        returned: parties[n]?.record?.kind === 'returned',
        deliveredOn: p.delivery?.on ?? null,
        deemed: p.delivery?.deemed ?? false,
        basis: p.delivery?.basis ?? null,
        appealEnd: p.appealEnd?.end ?? null,
        appealEndMovedBecause: p.appealEnd?.shiftedBecause.map((x) => x.reason) ?? [],
        waivedOn: p.waivedOn,
        appeal: p.appealed ? judged(p.appealed) : null,
        lateAppeals: p.lateAppeals.map(judged),
      };
    }),
  };
}
