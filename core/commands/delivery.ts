/**
 * What came back of a letter sent: the return receipt (ZPO) with the day and who took it, an
 * awizo with its notices, a refusal, a letter returned undelivered, or the evidence of an
 * electronic delivery. The registry records it on the outgoing register entry; the decision's
 * appeal period and finality are computed from it (core/deadlines/finality.ts). Defined once
 * (engine.ts): recorded again, the later record replaces the earlier one, and the metryka keeps both.
 */
import { z } from 'zod';
import { deliveryRecordSchema, type DeliveryRecordInput } from '#core/contract';
import { fail } from '#core/errors';
import { formatDate, warsawDate } from '#core/time';
import { ask, defineCommand } from '#core/commands/engine';
import { allowRoles, labelOf, letterEntry } from '#core/commands/office';
import { caseLabel } from '#core/commands/cases';
import { REGISTRY_ROLES } from '#core/commands/intake';
import { ELECTRONIC } from '#core/commands/dispatch';
import type { Effect } from '#core/commands/effects';
import type { LetterRecord } from '#core/commands/records';

const id = z.uuid();

const POSTAL: readonly LetterRecord['channel'][] = ['registered', 'registered_priority', 'ordinary', 'ordinary_priority'];
const electronic = (channel: LetterRecord['channel']) => (ELECTRONIC as readonly string[]).includes(channel);

/** The days a record names, each with what it is called on the form. */
function daysOf(r: DeliveryRecordInput): { field: string; on: string }[] {
  switch (r.kind) {
    case 'delivered':
    case 'refused':
    case 'returned':
      return [{ field: 'on', on: r.on }];
    case 'awizo':
      return [
        { field: 'firstNoticeOn', on: r.firstNoticeOn },
        ...(r.secondNoticeOn ? [{ field: 'secondNoticeOn', on: r.secondNoticeOn }] : []),
        ...(r.collectedOn ? [{ field: 'collectedOn', on: r.collectedOn }] : []),
      ];
    case 'electronic':
      return [{ field: 'sentOn', on: r.sentOn }, ...(r.receivedOn ? [{ field: 'receivedOn', on: r.receivedOn }] : [])];
  }
}

export const recordDelivery = defineCommand({
  name: 'recordDelivery',
  args: z.object({ letterId: id, record: deliveryRecordSchema }),
  *read(a) {
    const letter = yield* ask.letter(a.letterId);
    const evidence = a.record.kind === 'electronic' ? a.record.evidence.map((e) => e.sha256) : [];
    return { letter, theCase: letter?.caseId ? yield* ask.case(letter.caseId) : null, stored: evidence.length > 0 ? yield* ask.storedBlobs(evidence) : [] };
  },
  decide(s, a, env): Effect[] {
    allowRoles(env.actor, REGISTRY_ROLES, 'potwierdzenie doręczenia');
    const letter = s.letter;
    if (letter?.direction !== 'out') throw fail('CORRESPONDENCE_NOT_FOUND');
    if (letter.status === 'cancelled') throw fail('DELIVERY_LETTER_CANCELLED', { label: labelOf(letter) });
    const r = a.record;
    if (r.kind === 'electronic' ? !electronic(letter.channel) : !POSTAL.includes(letter.channel)) {
      throw fail('DELIVERY_WRONG_CHANNEL', { label: labelOf(letter) });
    }
    const today = warsawDate(env.now);
    const sent = letter.dispatchedOn ?? today;
    for (const d of daysOf(r)) {
      if (d.on > today) throw fail('DELIVERY_DATE_IN_FUTURE', { date: formatDate(d.on) });
      if (d.on < sent) throw fail('DELIVERY_DATE_BEFORE_SENDING', { date: formatDate(d.on), sent: formatDate(sent) });
    }
    if (r.kind === 'awizo') {
      if (r.secondNoticeOn !== null && r.secondNoticeOn <= r.firstNoticeOn) throw fail('DELIVERY_NOTICES_ORDER');
      if (r.collectedOn !== null && r.collectedOn < r.firstNoticeOn) throw fail('DELIVERY_COLLECTED_BEFORE_NOTICE');
    }
    if (r.kind === 'electronic' && r.receivedOn !== null && r.receivedOn < r.sentOn) throw fail('DELIVERY_COLLECTED_BEFORE_NOTICE');
    // The evidence files named must be the office's: stored here (and, on the server, received).
    for (const e of r.kind === 'electronic' ? r.evidence : []) if (!s.stored.includes(e.sha256)) throw fail('SCAN_NOT_STAGED', { fileName: e.title });
    const label = labelOf(letter);
    const effects: Effect[] = [
      { kind: 'update', table: 'correspondence', ids: [letter.id], set: { delivery: JSON.stringify(r), updatedAt: env.now.toISOString(), revision: letter.revision + 1 } },
      letterEntry(letter, { action: 'correspondence.deliveryRecorded', data: { label, addresseeName: letter.senderName, record: r } }),
    ];
    if (s.theCase) {
      effects.push({
        kind: 'metryka',
        entityType: 'case',
        entityId: s.theCase.id,
        unitId: s.theCase.unitId,
        documentRef: label,
        onBehalfOf: null,
        entry: { action: 'case.deliveryRecorded', data: { label, caseLabel: caseLabel(s.theCase), addresseeName: letter.senderName, record: r } },
      });
    }
    return effects;
  },
  describe: (s) => `Doręczenie ${s.letter ? labelOf(s.letter) : ''}`,
});
