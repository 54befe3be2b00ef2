import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import { type OutgoingChannel, type OutgoingRow } from '#core/contract';
import { deliveryOf } from '#core/deadlines/finality';
import type { CalendarDate } from '#core/deadlines/holidays';
import { requireRole, requireUser, REGISTRY_ROLES } from '#core/services/access';
import { execute } from '#core/services/execute';
import { REGISTERED, recordExport, registerOutgoing, sendDispatchItem } from '#core/commands/dispatch';
import { recordDelivery } from '#core/commands/delivery';
import { visibleUnitIds } from '#core/services/scope';
import { toDispatchItem } from '#core/dispatch/items';
import { buildExportPackage, type PackageLetter } from '#core/dispatch/exportPackage';
import { awaitingDispatch } from '#db/dispatchRepo';
import { fail } from '#core/errors';
import { readSettings } from '#core/admin/settings';
import { warsawDate } from '#core/time';
import { makeProvisionalCode, makeStatusCode, provisionalLabel } from '#core/numbering/pattern';
import { partyAddress } from '#core/parties/handlers';
import { caseLabel } from '#core/cases/handlers';
import { getParty } from '#db/partyRepo';
import { getCase } from '#db/caseRepo';
import { findByLabel, getCorrespondence, outgoingBetween, outgoingByTracking, scansOf, type CorrespondenceRow } from '#db/correspondenceRepo';
import { renderDispatchBook } from '#documents/dispatchBook';
import { renderReturnReceipt } from '#documents/returnReceipt';
import { storedDelivery } from '#core/decisions/finalityView';
import { importDeliveryEvidence } from '#core/dispatch/evidenceImport';

const OUTGOING_REGISTER = 'WYCH';

function toOutgoingRow(ctx: Ctx, r: CorrespondenceRow): OutgoingRow {
  const party = getParty(ctx.store, r.senderId);
  const c = r.caseId ? getCase(ctx.store, r.caseId) : null;
  return {
    id: r.id,
    label: r.number ?? r.provisionalLabel ?? '?',
    status: r.status,
    dispatchedOn: r.dispatchedOn ?? warsawDate(new Date(r.receivedAt)),
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
    returnReceipt: r.returnReceipt,
    documents: scansOf(ctx.store, r.id).map((s) => ({ fileName: s.fileName, sha256: s.sha256 })),
    ...deliveryOfRow(ctx, r.delivery),
  };
}

/** The recorded delivery (JSON written by recordDelivery) and the day it counts from, as of today. */
function deliveryOfRow(ctx: Ctx, json: string | null): Pick<OutgoingRow, 'delivery' | 'delivered'> {
  const delivery = storedDelivery(json);
  return { delivery, delivered: delivery ? deliveryOf(delivery, warsawDate(ctx.clock()) as CalendarDate) : null };
}


function outgoingRow(ctx: Ctx, id: string): OutgoingRow {
  const row = getCorrespondence(ctx.store, id);
  if (!row) throw fail('CORRESPONDENCE_NOT_FOUND');
  return toOutgoingRow(ctx, row);
}

/** A provisional outgoing label no letter here holds yet. */
function freshOutgoingLabel(ctx: Ctx): string {
  for (;;) {
    const label = provisionalLabel(OUTGOING_REGISTER, makeProvisionalCode(ctx.randomBytes));
    if (!findByLabel(ctx.store, label)) return label;
  }
}

/** What every entry in the outgoing register gets from this workstation: its label and status code. */
function entryIds(ctx: Ctx) {
  // With a central server the number comes back with the push; until then a provisional label.
  return { provisionalLabel: ctx.sync ? freshOutgoingLabel(ctx) : null, statusCode: makeStatusCode(ctx.randomBytes).replace('-', '') };
}

export const dispatchHandlers = {
  /**
   * Registers an outgoing letter in the outgoing register (rejestr przesyłek wychodzących):
   * dispatch date, addressee, case sign, channel, tracking number, postage. Registered post
   * needs its tracking number: the dispatch book is the office's proof of posting.
   */
  'outgoing.register': (ctx, input) => {
    const id = crypto.randomUUID();
    execute(ctx, requireUser(ctx), registerOutgoing, { id, ...entryIds(ctx), ...input });
    return outgoingRow(ctx, id);
  },

  /** "Do wysyłki": the registry sees every waiting letter; others those of their units. */
  'dispatch.awaiting': (ctx) => {
    const user = requireUser(ctx);
    return awaitingDispatch(ctx.store, visibleUnitIds(ctx, user)).map((r) => toDispatchItem(ctx, r));
  },

  'outgoing.byTracking': (ctx, { trackingNumber }) => {
    requireRole(ctx, REGISTRY_ROLES, 'potwierdzenie doręczenia');
    // The schema checked the number and wrote it as the register keeps it (no spaces, capitals).
    return trackingNumber === null ? [] : outgoingByTracking(ctx.store, trackingNumber).map((r) => toOutgoingRow(ctx, r));
  },

  'outgoing.recordDelivery': (ctx, { id, record }) => {
    execute(ctx, requireUser(ctx), recordDelivery, { letterId: id, record });
    return outgoingRow(ctx, id);
  },

  'outgoing.importEvidence': async (ctx, { fileName, letterId }, upload) => {
    if (!upload) throw fail('SCAN_EMPTY', { fileName });
    const done = await importDeliveryEvidence(ctx, fileName, upload.bytes(), letterId);
    return { letter: outgoingRow(ctx, done.letterId), evidence: done.evidence, already: done.already };
  },

  'dispatch.send': (ctx, input) => {
    const id = crypto.randomUUID();
    execute(ctx, requireUser(ctx), sendDispatchItem, { ...input, correspondenceId: id, ...entryIds(ctx) });
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
        dispatchedOn: r.dispatchedOn ?? warsawDate(new Date(r.receivedAt)),
        fileName: scan.fileName,
        sha256: scan.sha256,
        bytes: ctx.blobs.read(scan.sha256),
      };
    });
    const now = ctx.clock();
    const bytes = buildExportPackage(readSettings(ctx.store).office, letters, now);
    execute(ctx, user, recordExport, { outgoingIds });
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
        remarks: [r.channel === 'registered_priority' ? 'priorytet' : '', r.returnReceipt ? 'ZPO' : '', r.caseSign ?? ''].filter(Boolean).join(', '),
      })),
      generatedAt: ctx.clock().toISOString(),
      generatedBy: user.fullName,
    });
    return { fileName: `ksiazka-nadawcza-${date}.pdf`, mime: 'application/pdf', bytes };
  },

  /** The return receipt card of a registered letter sent "za potwierdzeniem odbioru". */
  'outgoing.returnReceiptPdf': async (ctx, { id }) => {
    requireRole(ctx, REGISTRY_ROLES, 'druk potwierdzenia odbioru');
    const r = outgoingRow(ctx, id);
    if (!r.returnReceipt || r.trackingNumber === null) throw fail('OUTGOING_NO_ZPO', { label: r.label });
    const bytes = await renderReturnReceipt({
      office: readSettings(ctx.store).office,
      outgoingNumber: r.label,
      caseSign: r.caseSign,
      subject: r.subject,
      addresseeName: r.addresseeName,
      addresseeAddress: r.addresseeAddress,
      trackingNumber: r.trackingNumber,
      printedAt: ctx.clock().toISOString(),
    });
    return { fileName: `zpo-${r.trackingNumber}.pdf`, mime: 'application/pdf', bytes };
  },
} satisfies Handlers<'outgoing.returnReceiptPdf' | 'outgoing.register' | 'outgoing.byTracking' | 'outgoing.recordDelivery' | 'outgoing.importEvidence' | 'outgoing.list' | 'outgoing.dispatchBook' | 'dispatch.awaiting' | 'dispatch.send' | 'dispatch.package'>;
