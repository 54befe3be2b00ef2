/**
 * Outgoing mail: a letter entered in the outgoing register (WYCH/n/year) — on its own, or a
 * signed decision waiting "Do wysyłki" sent by a channel — and a package handed to the
 * ePUAP / e-Doręczenia gateway. Defined once (engine.ts).
 */
import { z } from 'zod';
import { outgoingChannelSchema, type OutgoingChannel } from '#core/contract';
import { trackingNumberSchema } from '#core/tracking';
import { fail } from '#core/errors';
import { formatDate, warsawDate, warsawYear } from '#core/time';
import { ask, defineCommand, type CommandEnv } from '#core/commands/engine';
import { allowRoles, labelOf, letterEntry } from '#core/commands/office';
import { caseLabel } from '#core/commands/cases';
import { REGISTRY_ROLES } from '#core/commands/intake';
import type { Effect } from '#core/commands/effects';
import type { CaseRecord, LetterRecord, PartyRecord } from '#core/commands/records';

const id = z.uuid();
const OUTGOING_REGISTER = 'WYCH';
/** Registered post: a tracking number, and a return receipt (ZPO) when asked for. */
export const REGISTERED: readonly OutgoingChannel[] = ['registered', 'registered_priority'];
/** The channels by which a letter leaves electronically (ePUAP, e-Doręczenia). */
export const ELECTRONIC: readonly OutgoingChannel[] = ['epuap', 'edoreczenia'];

/** What every entry in the outgoing register carries, as the workstation sends it. */
const entryArgs = {
  /** The label a synced workstation shows until the server gives the WYCH number. */
  provisionalLabel: z.string().min(1).max(40).nullable(),
  statusCode: z.string().regex(/^[0-9A-Z]{8}$/),
  channel: outgoingChannelSchema,
  trackingNumber: trackingNumberSchema.nullable(),
  postageGrosze: z.number().int().min(0).max(1_000_000).nullable(),
  massGrams: z.number().int().min(1).max(30_000).nullable(),
  dispatchedOn: z.iso.date(),
  /** Sent "za potwierdzeniem odbioru" (ZPO); commands queued before ZPO was kept carry none. */
  returnReceipt: z.boolean().default(false),
};

type Entry = {
  id: string;
  provisionalLabel: string | null;
  statusCode: string;
  party: PartyRecord;
  theCase: CaseRecord | null;
  subject: string;
  channel: OutgoingChannel;
  trackingNumber: string | null;
  postageGrosze: number | null;
  massGrams: number | null;
  dispatchedOn: string;
  returnReceipt: boolean;
  remarks: string | null;
  /** The document sent (the signed decision), kept with the register entry. */
  attachment: { sha256: string; fileName: string } | null;
};

/**
 * Enters a letter in the outgoing register (rejestr przesyłek wychodzących), numbered WYCH/n/year
 * by the authority. Registered post needs its tracking number: the dispatch book is the
 * office's proof of posting.
 */
function enterOutgoing(env: CommandEnv, e: Entry): Effect[] {
  allowRoles(env.actor, REGISTRY_ROLES, 'wysyłka pisma');
  if (e.dispatchedOn > warsawDate(env.now)) throw fail('OUTGOING_IN_FUTURE', { date: formatDate(e.dispatchedOn) });
  if (REGISTERED.includes(e.channel) && !e.trackingNumber) throw fail('OUTGOING_TRACKING_REQUIRED');
  if (e.returnReceipt && !REGISTERED.includes(e.channel)) throw fail('OUTGOING_ZPO_NOT_REGISTERED');
  const year = warsawYear(env.now);
  const at = env.now.toISOString();
  const unitId = e.theCase?.unitId ?? env.actor.unitId;
  const row: LetterRecord = {
    id: e.id,
    direction: 'out',
    register: OUTGOING_REGISTER,
    year,
    seq: null,
    number: null,
    provisionalLabel: e.provisionalLabel,
    status: 'registered',
    receivedAt: at,
    channel: e.channel,
    senderId: e.party.id,
    senderName: e.party.name,
    senderReference: null,
    letterDate: null,
    subject: e.subject,
    attachmentsCount: 0,
    trackingNumber: e.trackingNumber,
    remarks: e.remarks,
    unitId,
    statusCode: e.statusCode,
    registeredBy: env.actor.id,
    registeredAt: at,
    updatedAt: at,
    revision: 1,
    cancelReason: null,
    caseId: e.theCase?.id ?? null,
    postageGrosze: e.postageGrosze,
    massGrams: e.massGrams,
    dispatchedOn: e.dispatchedOn,
    delivery: null,
    postmarkedOn: null,
    postmarkOperator: null,
    appealDecisionId: null,
    appealKind: null,
    appealPartyId: null,
    externalId: null,
    returnReceipt: e.returnReceipt,
  };
  const label = e.provisionalLabel ?? '?';
  const effects: Effect[] = [
    { kind: 'insert', table: 'correspondence', rows: [row] },
    { kind: 'number', table: 'correspondence', id: e.id, scope: `${OUTGOING_REGISTER}/${String(year)}`, format: { kind: 'pattern', pattern: `${OUTGOING_REGISTER}/{nr}/{rok}`, year, at } },
  ];
  if (e.attachment) effects.push({ kind: 'insert', table: 'correspondenceScans', rows: [{ correspondenceId: e.id, sha256: e.attachment.sha256, fileName: e.attachment.fileName, position: 0, addedAt: at, addedBy: env.actor.id }] });
  effects.push({
    kind: 'metryka',
    entityType: 'correspondence',
    entityId: e.id,
    unitId,
    documentRef: label,
    numbered: { label: e.id },
    onBehalfOf: null,
    entry: { action: 'correspondence.dispatched', data: { label, addresseeName: e.party.name, channel: e.channel, trackingNumber: e.trackingNumber, subject: e.subject, ...(e.returnReceipt ? { returnReceipt: true } : {}) } },
  });
  if (e.theCase) {
    effects.push({
      kind: 'metryka',
      entityType: 'case',
      entityId: e.theCase.id,
      unitId: e.theCase.unitId,
      documentRef: label,
      numbered: { label: e.id },
      onBehalfOf: null,
      entry: { action: 'case.letterSent', data: { label, caseLabel: caseLabel(e.theCase), addresseeName: e.party.name, channel: e.channel, trackingNumber: e.trackingNumber, ...(e.returnReceipt ? { returnReceipt: true } : {}) } },
    });
  }
  return effects;
}

export const registerOutgoing = defineCommand({
  name: 'registerOutgoing',
  args: z.object({ id, caseId: id.nullable(), addresseeId: id, subject: z.string().min(1).max(1000), remarks: z.string().max(500).nullable(), ...entryArgs }),
  *read(a) {
    return { party: yield* ask.party(a.addresseeId), theCase: a.caseId === null ? null : yield* ask.case(a.caseId) };
  },
  decide(s, a, env) {
    allowRoles(env.actor, REGISTRY_ROLES, 'wysyłka pisma');
    if (!s.party) throw fail('PARTY_NOT_FOUND');
    if (a.caseId && !s.theCase) throw fail('CASE_NOT_FOUND');
    return enterOutgoing(env, { ...a, party: s.party, theCase: s.theCase, attachment: null });
  },
  describe: (_s, a) => `Wysyłka ${a.provisionalLabel ?? ''}: ${a.subject}`,
});

export const sendDispatchItem = defineCommand({
  name: 'sendDispatchItem',
  /** A letter "Do wysyłki" entered in the outgoing register by a channel. */
  args: z.object({ itemId: id, correspondenceId: id, collectedBy: z.string().max(300).nullable(), addresseeId: id.nullable(), ...entryArgs }),
  *read(a) {
    const item = yield* ask.dispatchItem(a.itemId);
    const partyId = item?.partyId ?? a.addresseeId;
    return {
      item,
      party: partyId ? yield* ask.party(partyId) : null,
      theCase: item ? yield* ask.case(item.caseId) : null,
      decision: item?.decisionId ? yield* ask.decision(item.decisionId) : null,
    };
  },
  decide(s, a, env) {
    allowRoles(env.actor, REGISTRY_ROLES, 'wysyłka pisma');
    const item = s.item;
    if (!item) throw fail('DISPATCH_NOT_FOUND');
    if (item.status !== 'awaiting') throw fail('DISPATCH_ALREADY_SENT');
    const partyId = item.partyId ?? a.addresseeId;
    if (!partyId) throw fail('DISPATCH_ADDRESSEE_REQUIRED', { name: item.addresseeName });
    if (!s.party) throw fail('PARTY_NOT_FOUND');
    if (ELECTRONIC.includes(a.channel) && !s.party.electronicAddress) throw fail('DISPATCH_NO_ELECTRONIC_ADDRESS', { name: s.party.name });
    if (a.channel === 'in_person' && !a.collectedBy) throw fail('DISPATCH_COLLECTED_BY_REQUIRED');
    const fileName = `decyzja-${(s.decision?.number ?? 'pismo').replace('/', '-')}.pdf`;
    return [
      ...enterOutgoing(env, {
        ...a,
        id: a.correspondenceId,
        party: s.party,
        theCase: s.theCase,
        subject: item.subject,
        remarks: a.channel === 'in_person' ? `odebrał(a): ${a.collectedBy ?? ''}` : null,
        attachment: { sha256: item.documentSha256, fileName },
      }),
      { kind: 'update', table: 'dispatchItems', ids: [item.id], set: { status: 'dispatched', channel: a.channel, correspondenceId: a.correspondenceId, partyId, collectedBy: a.collectedBy, updatedAt: env.now.toISOString() } },
    ];
  },
  describe: (s, a) => `Wysyłka ${a.provisionalLabel ?? ''}: ${s.item?.subject ?? ''}`,
});

export const recordExport = defineCommand({
  name: 'recordExport',
  /** Letters handed to the ePUAP / e-Doręczenia gateway in one package. */
  args: z.object({ outgoingIds: z.array(id).min(1).max(500) }),
  *read(a) {
    const letters = [];
    for (const letterId of a.outgoingIds) {
      const letter = yield* ask.letter(letterId);
      letters.push({ letter, party: letter ? yield* ask.party(letter.senderId) : null });
    }
    return { letters };
  },
  decide(s, _a, env) {
    allowRoles(env.actor, REGISTRY_ROLES, 'paczka do wysyłki elektronicznej');
    return s.letters.map(({ letter, party }): Effect => {
      if (letter?.direction !== 'out') throw fail('CORRESPONDENCE_NOT_FOUND');
      if (letter.channel !== 'epuap' && letter.channel !== 'edoreczenia') throw fail('DISPATCH_PACKAGE_NOT_ELECTRONIC', { number: labelOf(letter) });
      if (!party?.electronicAddress) throw fail('DISPATCH_NO_ELECTRONIC_ADDRESS', { name: letter.senderName });
      return letterEntry(letter, { action: 'correspondence.exported', data: { label: labelOf(letter), channel: letter.channel, addresseeName: letter.senderName, electronicAddress: party.electronicAddress } });
    });
  },
  describe: (s) => `Paczka do wysyłki elektronicznej (${String(s.letters.length)})`,
});
