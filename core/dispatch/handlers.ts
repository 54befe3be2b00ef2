import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { OutgoingChannel, OutgoingRow } from '#core/contract';
import { requireRole, requireUser, REGISTRY_ROLES } from '#core/services/access';
import { runCommand } from '#core/services/commands';
import { fail } from '#core/errors';
import { readSettings } from '#core/admin/settings';
import { formatDate, warsawDate, warsawYear } from '#core/time';
import { makeStatusCode } from '#core/numbering/pattern';
import { outgoingChannelLabels } from '#core/i18n/labels.pl';
import { partyAddress } from '#core/parties/handlers';
import { caseLabel } from '#core/cases/handlers';
import { getParty } from '#db/partyRepo';
import { getCase } from '#db/caseRepo';
import { nextNumber } from '#db/counters';
import { insertCorrespondence, outgoingBetween, type CorrespondenceRow } from '#db/correspondenceRepo';
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
  };
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
      if (input.dispatchedOn > warsawDate(cmd.now)) throw fail('OUTGOING_IN_FUTURE', { date: formatDate(input.dispatchedOn) });
      if (REGISTERED.includes(input.channel) && !input.trackingNumber) throw fail('OUTGOING_TRACKING_REQUIRED');
      const party = getParty(ctx.store, input.addresseeId);
      if (!party) throw fail('PARTY_NOT_FOUND');
      const theCase = input.caseId ? getCase(ctx.store, input.caseId) : null;
      if (input.caseId && !theCase) throw fail('CASE_NOT_FOUND');
      const year = warsawYear(cmd.now);
      const seq = nextNumber(ctx.store, `${OUTGOING_REGISTER}/${String(year)}`);
      const number = `${OUTGOING_REGISTER}/${String(seq)}/${String(year)}`;
      const row = insertCorrespondence(ctx.store, {
        id: crypto.randomUUID(),
        direction: 'out',
        register: OUTGOING_REGISTER,
        year,
        seq,
        number,
        provisionalLabel: null,
        status: 'registered',
        receivedAt: cmd.nowIso,
        channel: input.channel,
        senderId: party.id,
        senderName: party.name,
        senderReference: null,
        letterDate: null,
        subject: input.subject,
        attachmentsCount: 0,
        trackingNumber: input.trackingNumber,
        remarks: input.remarks,
        unitId: theCase?.unitId ?? user.unitId,
        statusCode: makeStatusCode(ctx.randomBytes).replace('-', ''),
        registeredBy: user.id,
        registeredAt: cmd.nowIso,
        updatedAt: cmd.nowIso,
        revision: 1,
        cancelReason: null,
        caseId: theCase?.id ?? null,
        postageGrosze: input.postageGrosze,
        massGrams: input.massGrams,
        dispatchedOn: input.dispatchedOn,
      });
      const how = `${outgoingChannelLabels[input.channel]}${input.trackingNumber ? ` ${input.trackingNumber}` : ''}`;
      cmd.event({ action: 'correspondence.dispatched', entityType: 'correspondence', entityId: row.id, documentRef: number, summary: `Wysłano ${number} do ${party.name} (${how}): ${input.subject}` });
      if (theCase) {
        cmd.event({ action: 'case.letterSent', entityType: 'case', entityId: theCase.id, documentRef: number, summary: `W sprawie ${caseLabel(theCase)} wysłano pismo ${number} do ${party.name} (${how})` });
      }
      return row.id;
    });
    const rows = outgoingBetween(ctx.store, input.dispatchedOn, input.dispatchedOn).filter((r) => r.id === id);
    const row = rows[0];
    if (!row) throw fail('CORRESPONDENCE_NOT_FOUND');
    return toOutgoingRow(ctx, row);
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
} satisfies Handlers<'outgoing.register' | 'outgoing.list' | 'outgoing.dispatchBook'>;
