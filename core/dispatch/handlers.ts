import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { OutgoingChannel, OutgoingRow } from '#core/contract';
import { requireRole, requireUser, REGISTRY_ROLES } from '#core/services/access';
import { runCommand, type CommandScope } from '#core/services/commands';
import { visibleUnitIds } from '#core/services/scope';
import { toDispatchItem } from '#core/dispatch/items';
import { buildExportPackage, type PackageLetter } from '#core/dispatch/exportPackage';
import { getDecision } from '#db/decisionRepo';
import { awaitingDispatch, getDispatchItem, updateDispatchItem } from '#db/dispatchRepo';
import type { PartyRow } from '#db/partyRepo';
import type { CaseRow } from '#db/caseRepo';
import { fail } from '#core/errors';
import { readSettings } from '#core/admin/settings';
import { formatDate, warsawDate, warsawYear } from '#core/time';
import { makeProvisionalCode, makeStatusCode, provisionalLabel } from '#core/numbering/pattern';
import { outgoingChannelLabels } from '#core/i18n/labels.pl';
import { partyAddress } from '#core/parties/handlers';
import { caseLabel } from '#core/cases/handlers';
import { getParty } from '#db/partyRepo';
import { getCase } from '#db/caseRepo';
import { nextNumber } from '#db/counters';
import { findByLabel, getCorrespondence, insertCorrespondence, insertScans, outgoingBetween, scansOf, type CorrespondenceRow } from '#db/correspondenceRepo';
import { renderDispatchBook } from '#documents/dispatchBook';

const OUTGOING_REGISTER = 'WYCH';
const REGISTERED: readonly OutgoingChannel[] = ['registered', 'registered_priority'];

function toOutgoingRow(ctx: Ctx, r: CorrespondenceRow): OutgoingRow {
  const party = getParty(ctx.store, r.senderId);
  const c = r.caseId ? getCase(ctx.store, r.caseId) : null;
  return {
    id: r.id,
    label: r.number ?? r.provisionalLabel ?? '?',
    status: r.status,
    dispatchedOn: r.dispatchedOn ?? r.receivedAt.slice(0, 10),
    addresseeName: r.senderName,
    addresseeAddress: party ? partyAddress(party) : '',
    caseSign: c ? caseLabel(c) : null,
    subject: r.subject,
    // Outgoing rows are written by this module only, with an outgoing channel.
    channel: r.channel as OutgoingChannel,
    trackingNumber: r.trackingNumber,
    postageGrosze: r.postageGrosze,
    massGrams: r.massGrams,
    remarks: r.remarks,
    documents: scansOf(ctx.store, r.id).map((s) => ({ fileName: s.fileName, sha256: s.sha256 })),
  };
}

const ELECTRONIC: readonly OutgoingChannel[] = ['epuap', 'edoreczenia'];
const CHANNEL_LABEL = { epuap: 'ePUAP', edoreczenia: 'e-Doręczenia' } as const;

function outgoingRow(ctx: Ctx, id: string): OutgoingRow {
  const row = getCorrespondence(ctx.store, id);
  if (!row) throw fail('CORRESPONDENCE_NOT_FOUND');
  return toOutgoingRow(ctx, row);
}

type OutgoingEntry = {
  party: PartyRow;
  theCase: CaseRow | null;
  subject: string;
  channel: OutgoingChannel;
  trackingNumber: string | null;
  postageGrosze: number | null;
  massGrams: number | null;
  dispatchedOn: string;
  remarks: string | null;
  /** The document sent (the signed decision), kept with the register entry. */
  attachment: { sha256: string; fileName: string } | null;
};

/** A provisional outgoing label no letter here holds yet. */
function freshOutgoingLabel(ctx: Ctx): string {
  for (;;) {
    const label = provisionalLabel(OUTGOING_REGISTER, makeProvisionalCode(ctx.randomBytes));
    if (!findByLabel(ctx.store, label)) return label;
  }
}

/**
 * Enters a letter in the outgoing register (rejestr przesyłek wychodzących) inside the
 * caller's command: the number `WYCH/n/year` from the counter in the same transaction. Registered
 * post needs its tracking number: the dispatch book is the office's proof of posting.
 */
function enterOutgoing(ctx: Ctx, cmd: CommandScope, e: OutgoingEntry): CorrespondenceRow {
  if (e.dispatchedOn > warsawDate(cmd.now)) throw fail('OUTGOING_IN_FUTURE', { date: formatDate(e.dispatchedOn) });
  if (REGISTERED.includes(e.channel) && !e.trackingNumber) throw fail('OUTGOING_TRACKING_REQUIRED');
  const year = warsawYear(cmd.now);
  // With a central server the number comes back with the push; until then a provisional label.
  const seq = ctx.sync ? null : nextNumber(ctx.store, `${OUTGOING_REGISTER}/${String(year)}`);
  const finalNumber = seq === null ? null : `${OUTGOING_REGISTER}/${String(seq)}/${String(year)}`;
  const provisional = seq === null ? freshOutgoingLabel(ctx) : null;
  const number = finalNumber ?? provisional ?? '?';
  const row = insertCorrespondence(ctx.store, {
    id: crypto.randomUUID(),
    direction: 'out',
    register: OUTGOING_REGISTER,
    year,
    seq,
    number: finalNumber,
    provisionalLabel: provisional,
    status: 'registered',
    receivedAt: cmd.nowIso,
    channel: e.channel,
    senderId: e.party.id,
    senderName: e.party.name,
    senderReference: null,
    letterDate: null,
    subject: e.subject,
    attachmentsCount: 0,
    trackingNumber: e.trackingNumber,
    remarks: e.remarks,
    unitId: e.theCase?.unitId ?? cmd.user.unitId,
    statusCode: makeStatusCode(ctx.randomBytes).replace('-', ''),
    registeredBy: cmd.user.id,
    registeredAt: cmd.nowIso,
    updatedAt: cmd.nowIso,
    revision: 1,
    cancelReason: null,
    caseId: e.theCase?.id ?? null,
    postageGrosze: e.postageGrosze,
    massGrams: e.massGrams,
    dispatchedOn: e.dispatchedOn,
  });
  if (e.attachment) {
    insertScans(ctx.store, [{ correspondenceId: row.id, sha256: e.attachment.sha256, fileName: e.attachment.fileName, position: 0, addedAt: cmd.nowIso, addedBy: cmd.user.id }]);
  }
  const how = `${outgoingChannelLabels[e.channel]}${e.trackingNumber ? ` ${e.trackingNumber}` : ''}`;
  cmd.event({ action: 'correspondence.dispatched', entityType: 'correspondence', entityId: row.id, documentRef: number, summary: `Wysłano ${number} do ${e.party.name} (${how}): ${e.subject}` });
  if (e.theCase) {
    cmd.event({ action: 'case.letterSent', entityType: 'case', entityId: e.theCase.id, documentRef: number, summary: `W sprawie ${caseLabel(e.theCase)} wysłano pismo ${number} do ${e.party.name} (${how})` });
  }
  return row;
}

export const dispatchHandlers = {
  /**
   * Registers an outgoing letter in the outgoing register (rejestr przesyłek wychodzących):
   * dispatch date, addressee, case sign, channel, tracking number, postage. Registered post
   * needs its tracking number: the dispatch book is the office's proof of posting.
   */
  'outgoing.register': (ctx, input) => {
    const user = requireRole(ctx, REGISTRY_ROLES, 'wysyłka pisma');
    const id = runCommand(ctx, user, 'registerOutgoing', input, (cmd) => {
      const party = getParty(ctx.store, input.addresseeId);
      if (!party) throw fail('PARTY_NOT_FOUND');
      const theCase = input.caseId ? getCase(ctx.store, input.caseId) : null;
      if (input.caseId && !theCase) throw fail('CASE_NOT_FOUND');
      const row = enterOutgoing(ctx, cmd, { ...input, party, theCase, attachment: null });
      cmd.push(
        'registerOutgoing',
        {
          id: row.id,
          provisionalLabel: row.provisionalLabel ?? row.number ?? '?',
          statusCode: row.statusCode,
          caseId: theCase?.id ?? null,
          addresseeId: party.id,
          subject: input.subject,
          channel: input.channel,
          trackingNumber: input.trackingNumber,
          postageGrosze: input.postageGrosze,
          massGrams: input.massGrams,
          dispatchedOn: input.dispatchedOn,
          remarks: input.remarks,
        },
        `Wysyłka ${row.number ?? row.provisionalLabel ?? ''}: ${input.subject}`,
      );
      return row.id;
    });
    return outgoingRow(ctx, id);
  },

  /** "Do wysyłki": the registry sees every waiting letter; others those of their units. */
  'dispatch.awaiting': (ctx) => {
    const user = requireUser(ctx);
    return awaitingDispatch(ctx.store, visibleUnitIds(ctx, user)).map((r) => toDispatchItem(ctx, r));
  },

  'dispatch.send': (ctx, input) => {
    const user = requireRole(ctx, REGISTRY_ROLES, 'wysyłka pisma');
    const id = runCommand(ctx, user, 'sendDispatchItem', input, (cmd) => {
      const item = getDispatchItem(ctx.store, input.itemId);
      if (!item) throw fail('DISPATCH_NOT_FOUND');
      if (item.status !== 'awaiting') throw fail('DISPATCH_ALREADY_SENT');
      const partyId = item.partyId ?? input.addresseeId;
      if (!partyId) throw fail('DISPATCH_ADDRESSEE_REQUIRED', { name: item.addresseeName });
      const party = getParty(ctx.store, partyId);
      if (!party) throw fail('PARTY_NOT_FOUND');
      if (ELECTRONIC.includes(input.channel) && !party.electronicAddress) throw fail('DISPATCH_NO_ELECTRONIC_ADDRESS', { name: party.name });
      if (input.channel === 'in_person' && !input.collectedBy) throw fail('DISPATCH_COLLECTED_BY_REQUIRED');
      const theCase = getCase(ctx.store, item.caseId);
      const decision = item.decisionId ? getDecision(ctx.store, item.decisionId) : null;
      const remarks = input.channel === 'in_person' ? `odebrał(a): ${input.collectedBy ?? ''}` : null;
      const fileName = `decyzja-${(decision?.number ?? 'pismo').replace('/', '-')}.pdf`;
      const row = enterOutgoing(ctx, cmd, { ...input, remarks, subject: item.subject, party, theCase, attachment: { sha256: item.documentSha256, fileName } });
      updateDispatchItem(ctx.store, item.id, { status: 'dispatched', channel: input.channel, correspondenceId: row.id, partyId, collectedBy: input.collectedBy, updatedAt: cmd.nowIso });
      cmd.push(
        'sendDispatchItem',
        {
          itemId: item.id,
          correspondenceId: row.id,
          provisionalLabel: row.provisionalLabel ?? row.number ?? '?',
          statusCode: row.statusCode,
          channel: input.channel,
          trackingNumber: input.trackingNumber,
          postageGrosze: input.postageGrosze,
          massGrams: input.massGrams,
          dispatchedOn: input.dispatchedOn,
          collectedBy: input.collectedBy,
          addresseeId: input.addresseeId,
        },
        `Wysyłka ${row.number ?? row.provisionalLabel ?? ''}: ${item.subject}`,
      );
      return row.id;
    });
    return outgoingRow(ctx, id);
  },

  /** The ZIP for the ePUAP / e-Doręczenia gateway of letters already entered for those channels. */
  'dispatch.package': (ctx, { outgoingIds }) => {
    const user = requireRole(ctx, REGISTRY_ROLES, 'paczka do wysyłki elektronicznej');
    const letters: PackageLetter[] = outgoingIds.map((id) => {
      const r = getCorrespondence(ctx.store, id);
      if (r?.direction !== 'out') throw fail('CORRESPONDENCE_NOT_FOUND');
      const number = r.number ?? r.provisionalLabel ?? '?';
      if (r.channel !== 'epuap' && r.channel !== 'edoreczenia') throw fail('DISPATCH_PACKAGE_NOT_ELECTRONIC', { number });
      const party = getParty(ctx.store, r.senderId);
      const scan = scansOf(ctx.store, r.id)[0];
      if (!party?.electronicAddress) throw fail('DISPATCH_NO_ELECTRONIC_ADDRESS', { name: r.senderName });
      if (!scan) throw fail('DISPATCH_NOT_FOUND');
      const c = r.caseId ? getCase(ctx.store, r.caseId) : null;
      return {
        number,
        channel: r.channel,
        addresseeName: r.senderName,
        addresseeAddress: partyAddress(party),
        electronicAddress: party.electronicAddress,
        subject: r.subject,
        caseSign: c ? caseLabel(c) : null,
        dispatchedOn: r.dispatchedOn ?? r.receivedAt.slice(0, 10),
        fileName: scan.fileName,
        sha256: scan.sha256,
        bytes: ctx.blobs.read(scan.sha256),
      };
    });
    const now = ctx.clock();
    const bytes = buildExportPackage(readSettings(ctx.store).office, letters, now);
    runCommand(ctx, user, 'exportDispatchPackage', { outgoingIds }, (cmd) => {
      for (const l of letters) {
        const r = findByLabel(ctx.store, l.number);
        if (r) cmd.event({ action: 'correspondence.exported', entityType: 'correspondence', entityId: r.id, documentRef: l.number, summary: `Przygotowano paczkę ${CHANNEL_LABEL[l.channel]} dla ${l.addresseeName} (${l.electronicAddress})` });
      }
    });
    return { fileName: `paczka-wysylka-elektroniczna-${warsawDate(now)}.zip`, mime: 'application/zip', bytes };
  },

  'outgoing.list': (ctx, { from, to }) => {
    requireUser(ctx);
    return outgoingBetween(ctx.store, from, to).map((r) => toOutgoingRow(ctx, r));
  },

  'outgoing.dispatchBook': async (ctx, { date }) => {
    const user = requireRole(ctx, REGISTRY_ROLES, 'książka nadawcza');
    const rows = outgoingBetween(ctx.store, date, date)
      .filter((r) => r.status === 'registered' && REGISTERED.includes(r.channel as OutgoingChannel))
      .map((r) => toOutgoingRow(ctx, r));
    const bytes = await renderDispatchBook({
      office: readSettings(ctx.store).office,
      date,
      rows: rows.map((r) => ({
        addressee: r.addresseeName,
        address: r.addresseeAddress,
        trackingNumber: r.trackingNumber ?? '',
        massGrams: r.massGrams,
        postageGrosze: r.postageGrosze,
        remarks: [r.channel === 'registered_priority' ? 'priorytet' : '', r.caseSign ?? ''].filter(Boolean).join(', '),
      })),
      generatedAt: ctx.clock().toISOString(),
      generatedBy: user.fullName,
    });
    return { fileName: `ksiazka-nadawcza-${date}.pdf`, mime: 'application/pdf', bytes };
  },
} satisfies Handlers<'outgoing.register' | 'outgoing.list' | 'outgoing.dispatchBook' | 'dispatch.awaiting' | 'dispatch.send' | 'dispatch.package'>;
