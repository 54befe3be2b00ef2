import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { Channel, Duplicate, IncomingDetail, IncomingRow, User } from '#core/contract';
import { requireRole, requireUser, REGISTRY_ROLES } from '#core/services/access';
import { visibleUnitIds } from '#core/services/scope';
import { runCommand } from '#core/services/commands';
import { fail } from '#core/errors';
import { readSettings } from '#core/admin/settings';
import { formatNumber, makeProvisionalCode, makeStatusCode, provisionalLabel } from '#core/numbering/pattern';
import { correctedFields } from '#core/intake/correction';
import { warsawYear, warsawDate, formatDateTime } from '#core/time';
import { partyAddress, toParty } from '#core/parties/handlers';
import { getParty } from '#db/partyRepo';
import { listUnits, getUser } from '#db/directory';
import { nextNumber } from '#db/counters';
import { eventsFor } from '#db/eventLog';
import {
  insertCorrespondence,
  updateCorrespondence,
  getCorrespondence,
  insertScans,
  scansOf,
  getBlob,
  lettersWithFiles,
  lettersWithReference,
  findByLabel,
  type CorrespondenceRow,
} from '#db/correspondenceRepo';

/** Seconds of tolerance for "not in the future": the form's "now" and the backend's clock. */
const FUTURE_TOLERANCE_MS = 5_000;
const INCOMING_REGISTER = 'RPW';

export function labelOf(r: { number: string | null; provisionalLabel: string | null }): string {
  return r.number ?? r.provisionalLabel ?? '?';
}

function unitSymbol(ctx: Ctx, unitId: string): string {
  return listUnits(ctx.store).find((u) => u.id === unitId)?.symbol ?? '?';
}

/** The register's view of a letter row, given what lives in other tables. */
export function incomingRowOf(c: CorrespondenceRow, more: { unitSymbol: string; senderAddress: string; scanCount: number }): IncomingRow {
  return {
    id: c.id,
    label: labelOf(c),
    provisional: c.number === null,
    seq: c.seq,
    year: c.year,
    status: c.status,
    receivedAt: c.receivedAt,
    // The register lists incoming letters only, whose channel is always an incoming one.
    channel: c.channel as Channel,
    senderName: c.senderName,
    senderAddress: more.senderAddress,
    senderReference: c.senderReference,
    letterDate: c.letterDate,
    subject: c.subject,
    attachmentsCount: c.attachmentsCount,
    trackingNumber: c.trackingNumber,
    remarks: c.remarks,
    unitId: c.unitId,
    unitSymbol: more.unitSymbol,
    scanCount: more.scanCount,
    cancelReason: c.cancelReason,
  };
}

/** The full view of one letter: data, sender, scans and its event history. */
export function incomingDetail(ctx: Ctx, id: string): IncomingDetail {
  const r = getCorrespondence(ctx.store, id);
  if (!r) throw fail('CORRESPONDENCE_NOT_FOUND');
  const sender = getParty(ctx.store, r.senderId);
  if (!sender) throw fail('PARTY_NOT_FOUND');
  const scans = scansOf(ctx.store, id);
  return {
    ...incomingRowOf(r, { unitSymbol: unitSymbol(ctx, r.unitId), senderAddress: partyAddress(sender), scanCount: scans.length }),
    revision: r.revision,
    sender: toParty(sender),
    statusCode: r.statusCode,
    registeredAt: r.registeredAt,
    registeredByName: getUser(ctx.store, r.registeredBy)?.fullName ?? '?',
    scans,
    events: eventsFor(ctx.store, 'correspondence', id).map((e) => ({
      seq: e.seq,
      at: e.at,
      actorName: e.actorName,
      actorPosition: e.actorPosition,
      onBehalfOfName: e.onBehalfOfName,
      action: e.action,
      summary: e.summary,
      documentRef: e.documentRef,
    })),
  };
}

/** A letter the user may read, or a refusal. */
export function readableLetter(ctx: Ctx, user: User, id: string): CorrespondenceRow {
  const r = getCorrespondence(ctx.store, id);
  if (!r) throw fail('CORRESPONDENCE_NOT_FOUND');
  const units = visibleUnitIds(ctx, user);
  if (units && !units.includes(r.unitId)) throw fail('NOT_IN_YOUR_UNIT');
  return r;
}

/** Letters that look like this one: the same file, or the same sender and sender's reference. */
export function findDuplicates(ctx: Ctx, q: { senderId: string | null; senderReference: string | null; sha256s: string[] }): Duplicate[] {
  const out = new Map<string, Duplicate>();
  for (const l of lettersWithFiles(ctx.store, q.sha256s)) {
    const label = labelOf(l);
    out.set(l.id, { id: l.id, label, reason: 'same_file', message: `Ten sam plik skanu jest już w przesyłce ${label}.` });
  }
  if (q.senderId && q.senderReference) {
    for (const l of lettersWithReference(ctx.store, q.senderId, q.senderReference)) {
      const label = labelOf(l);
      if (!out.has(l.id)) out.set(l.id, { id: l.id, label, reason: 'same_reference', message: `Pismo tego nadawcy o znaku „${q.senderReference}” zarejestrowano już jako ${label}.` });
    }
  }
  return [...out.values()];
}

function checkDates(now: Date, receivedAt: string, letterDate: string | null) {
  const received = new Date(receivedAt);
  if (received.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw fail('RECEIVED_IN_FUTURE', { when: formatDateTime(received) });
  if (letterDate && letterDate > warsawDate(received)) throw fail('LETTER_AFTER_RECEIPT');
}

/**
 * Moves scanner files that are now part of a letter out of the to-do folder. After the commit
 * and outside it: a file that cannot be moved (share offline) only stays visible, and staging
 * it again shows which letter already carries it.
 */
function moveInboxFiles(ctx: Ctx, names: string[]) {
  for (const name of names) {
    try {
      ctx.scanFolder.markRegistered(name);
    } catch (e) {
      ctx.log(`could not move scan ${name} out of the scan folder: ${String(e)}`);
    }
  }
}

/** A provisional label no letter here holds yet (four characters clash now and then: draw again). */
function freshProvisionalLabel(ctx: Ctx, register: string): string {
  for (;;) {
    const label = provisionalLabel(register, makeProvisionalCode(ctx.randomBytes));
    if (!findByLabel(ctx.store, label)) return label;
  }
}

export const intakeHandlers = {
  'intake.checkDuplicates': (ctx, q) => {
    requireUser(ctx);
    return findDuplicates(ctx, q);
  },

  'intake.register': (ctx, input) => {
    const user = requireRole(ctx, REGISTRY_ROLES, 'rejestracja przesyłki');
    const settings = readSettings(ctx.store);
    const id = runCommand(ctx, user, 'registerIncoming', input, (c) => {
      checkDates(c.now, input.receivedAt, input.letterDate);
      const sender = getParty(ctx.store, input.senderId);
      if (!sender) throw fail('PARTY_NOT_FOUND');
      if (!listUnits(ctx.store).some((u) => u.id === input.unitId)) throw fail('UNIT_NOT_FOUND');
      for (const s of input.scans) if (!getBlob(ctx.store, s.sha256)) throw fail('SCAN_NOT_STAGED', { fileName: s.fileName });
      if (!input.acknowledgeDuplicates) {
        const dupes = findDuplicates(ctx, { senderId: input.senderId, senderReference: input.senderReference, sha256s: input.scans.map((s) => s.sha256) });
        if (dupes.length > 0) throw fail('DUPLICATE_SUSPECTED', { list: dupes.map((d) => d.message).join(' ') });
      }
      // The register's year is the office's calendar year at registration (Europe/Warsaw).
      const year = warsawYear(c.now);
      // With a central server only the server numbers (DESIGN "Numbers"): the receipt and label
      // print a provisional label, which stays findable once the final number comes back.
      const seq = ctx.sync ? null : nextNumber(ctx.store, `${INCOMING_REGISTER}/${year}`);
      const number = seq === null ? null : formatNumber(settings.incomingPattern, { seq, year, date: c.now });
      const provisional = seq === null ? freshProvisionalLabel(ctx, INCOMING_REGISTER) : null;
      const label = number ?? provisional ?? '?';
      const statusCode = makeStatusCode(ctx.randomBytes).replace('-', '');
      const row = insertCorrespondence(ctx.store, {
        id: crypto.randomUUID(),
        direction: 'in',
        register: INCOMING_REGISTER,
        year,
        seq,
        number,
        provisionalLabel: provisional,
        status: 'registered',
        receivedAt: new Date(input.receivedAt).toISOString(),
        channel: input.channel,
        senderId: sender.id,
        senderName: sender.name,
        senderReference: input.senderReference,
        letterDate: input.letterDate,
        subject: input.subject,
        attachmentsCount: input.attachmentsCount,
        trackingNumber: input.trackingNumber,
        remarks: input.remarks,
        unitId: input.unitId,
        statusCode,
        registeredBy: user.id,
        registeredAt: c.nowIso,
        updatedAt: c.nowIso,
        revision: 1,
        cancelReason: null,
      });
      insertScans(
        ctx.store,
        input.scans.map((s, i) => ({ correspondenceId: row.id, sha256: s.sha256, fileName: s.fileName, position: i + 1, addedAt: c.nowIso, addedBy: user.id })),
      );
      c.event({
        action: 'correspondence.registered',
        entityType: 'correspondence',
        entityId: row.id,
        documentRef: label,
        summary: `Zarejestrowano przesyłkę wpływającą ${label} od ${sender.name}: ${input.subject}`,
        data: { number: label, scans: input.scans.map((s) => s.sha256), acknowledgedDuplicates: input.acknowledgeDuplicates },
      });
      c.push(
        'registerIncoming',
        {
          id: row.id,
          provisionalLabel: provisional ?? label,
          statusCode,
          receivedAt: row.receivedAt,
          channel: input.channel,
          senderId: sender.id,
          senderReference: input.senderReference,
          letterDate: input.letterDate,
          subject: input.subject,
          attachmentsCount: input.attachmentsCount,
          trackingNumber: input.trackingNumber,
          remarks: input.remarks,
          unitId: input.unitId,
          scans: input.scans,
          acknowledgeDuplicates: input.acknowledgeDuplicates,
        },
        `Rejestracja ${label}: ${input.subject}`,
      );
      return row.id;
    });
    moveInboxFiles(ctx, input.inboxFiles);
    return incomingDetail(ctx, id);
  },

  'intake.get': (ctx, { id }) => {
    const user = requireUser(ctx);
    readableLetter(ctx, user, id);
    return incomingDetail(ctx, id);
  },

  'intake.findByLabel': (ctx, { label }) => {
    const user = requireUser(ctx);
    const r = findByLabel(ctx.store, label);
    if (!r) return { id: null };
    const units = visibleUnitIds(ctx, user);
    return { id: units && !units.includes(r.unitId) ? null : r.id };
  },

  'intake.attachScans': (ctx, input) => {
    const user = requireRole(ctx, REGISTRY_ROLES, 'dołączenie skanu');
    runCommand(ctx, user, 'attachScans', input, (c) => {
      const r = getCorrespondence(ctx.store, input.id);
      if (!r) throw fail('CORRESPONDENCE_NOT_FOUND');
      if (r.status === 'cancelled') throw fail('ALREADY_CANCELLED');
      const present = scansOf(ctx.store, r.id);
      for (const s of input.scans) {
        if (!getBlob(ctx.store, s.sha256)) throw fail('SCAN_NOT_STAGED', { fileName: s.fileName });
        if (present.some((p) => p.sha256 === s.sha256)) throw fail('SCAN_ALREADY_ATTACHED', { fileName: s.fileName, label: labelOf(r) });
      }
      insertScans(
        ctx.store,
        input.scans.map((s, i) => ({ correspondenceId: r.id, sha256: s.sha256, fileName: s.fileName, position: present.length + i + 1, addedAt: c.nowIso, addedBy: user.id })),
      );
      updateCorrespondence(ctx.store, r.id, { revision: r.revision + 1, updatedAt: c.nowIso });
      c.push('attachScans', { id: r.id, scans: input.scans }, `Skan do ${labelOf(r)}`);
      c.event({
        action: 'correspondence.scansAttached',
        entityType: 'correspondence',
        entityId: r.id,
        documentRef: labelOf(r),
        summary: `Dołączono skan do ${labelOf(r)}: ${input.scans.map((s) => s.fileName).join(', ')}`,
        data: { scans: input.scans.map((s) => s.sha256) },
      });
    });
    moveInboxFiles(ctx, input.inboxFiles);
    return incomingDetail(ctx, input.id);
  },

  'intake.correct': (ctx, input) => {
    const user = requireRole(ctx, REGISTRY_ROLES, 'korekta przesyłki');
    runCommand(ctx, user, 'correctIncoming', input, (c) => {
      const r = getCorrespondence(ctx.store, input.id);
      if (!r) throw fail('CORRESPONDENCE_NOT_FOUND');
      if (r.status === 'cancelled') throw fail('ALREADY_CANCELLED');
      if (r.revision !== input.expectedRevision) throw fail('STALE_REVISION');
      const { next, changed } = correctedFields(r, input.changes);
      checkDates(c.now, next.receivedAt, next.letterDate);
      const sender = getParty(ctx.store, next.senderId);
      if (!sender) throw fail('PARTY_NOT_FOUND');
      if (!listUnits(ctx.store).some((u) => u.id === next.unitId)) throw fail('UNIT_NOT_FOUND');
      if (Object.keys(changed).length === 0) throw fail('NOTHING_CHANGED');
      updateCorrespondence(ctx.store, r.id, { ...next, channel: next.channel as Channel, senderName: sender.name, revision: r.revision + 1, updatedAt: c.nowIso });
      c.push('correctIncoming', input, `Korekta ${labelOf(r)}`);
      c.event({
        action: 'correspondence.corrected',
        entityType: 'correspondence',
        entityId: r.id,
        documentRef: labelOf(r),
        summary: `Korekta ${labelOf(r)} (${Object.keys(changed).join(', ')}): ${input.reason}`,
        data: { reason: input.reason, changed },
      });
    });
    return incomingDetail(ctx, input.id);
  },

  'intake.cancel': (ctx, { id, reason }) => {
    const user = requireRole(ctx, REGISTRY_ROLES, 'anulowanie przesyłki');
    runCommand(ctx, user, 'cancelIncoming', { id, reason }, (c) => {
      const r = getCorrespondence(ctx.store, id);
      if (!r) throw fail('CORRESPONDENCE_NOT_FOUND');
      if (r.status === 'cancelled') throw fail('ALREADY_CANCELLED');
      updateCorrespondence(ctx.store, id, { status: 'cancelled', cancelReason: reason, revision: r.revision + 1, updatedAt: c.nowIso });
      c.push('cancelIncoming', { id, reason }, `Anulowanie ${labelOf(r)}`);
      c.event({
        action: 'correspondence.cancelled',
        entityType: 'correspondence',
        entityId: id,
        documentRef: labelOf(r),
        summary: `Anulowano ${labelOf(r)} (numer zachowany): ${reason}`,
        data: { reason },
      });
    });
    return incomingDetail(ctx, id);
  },
} satisfies Handlers<'intake.checkDuplicates' | 'intake.register' | 'intake.get' | 'intake.findByLabel' | 'intake.attachScans' | 'intake.correct' | 'intake.cancel'>;
