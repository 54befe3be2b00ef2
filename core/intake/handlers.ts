import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { Channel, Duplicate, IncomingDetail, IncomingRow, User } from '#core/contract';
import { requireUser } from '#core/services/access';
import { visibleUnitIds } from '#core/services/scope';
import { execute } from '#core/services/execute';
import { fail } from '#core/errors';
import { makeProvisionalCode, makeStatusCode, provisionalLabel } from '#core/numbering/pattern';
import { partyAddress, toParty } from '#core/parties/handlers';
import { duplicatesAmong } from '#core/intake/duplicates';
import { attachScans, cancelIncoming, correctIncoming, registerIncoming } from '#core/commands/intake';
import { labelOf } from '#core/commands/office';
import { sqliteReads } from '#db/commandStore';
import { getParty } from '#db/partyRepo';
import { listUnits, getUser } from '#db/directory';
import { eventsFor } from '#db/eventLog';
import { assignmentsOf } from '#db/assignmentRepo';
import { casesOfItem } from '#db/caseRepo';
import { caseLabel } from '#core/commands/cases';
import { refusedOf } from '#core/sync/handlers';
import { discardCommand } from '#db/outboxRepo';
import { getCorrespondence, scansOf, findByLabel, type CorrespondenceRow } from '#db/correspondenceRepo';
import { getDecision } from '#db/decisionRepo';

const INCOMING_REGISTER = 'RPW';

export { labelOf } from '#core/commands/office';

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
    postmarkedOn: c.postmarkedOn,
    postmarkOperator: c.postmarkOperator,
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
/** Who has the letter now (active dekretacje, people or a whole unit) and the case it is filed in. */
export function whereaboutsOf(ctx: Ctx, id: string): IncomingDetail['whereabouts'] {
  const active = assignmentsOf(ctx.store, id).filter((a) => a.state === 'active');
  const assignees = active.map((a) => (a.assigneeUserId ? (getUser(ctx.store, a.assigneeUserId)?.fullName ?? '?') : unitSymbol(ctx, a.assigneeUnitId ?? '')));
  const filed = casesOfItem(ctx.store, id)[0];
  return { assignees, caseLabel: filed ? caseLabel(filed) : null };
}

export function incomingDetail(ctx: Ctx, id: string): IncomingDetail {
  const r = getCorrespondence(ctx.store, id);
  if (!r) throw fail('CORRESPONDENCE_NOT_FOUND');
  const sender = getParty(ctx.store, r.senderId);
  if (!sender) throw fail('PARTY_NOT_FOUND');
  const scans = scansOf(ctx.store, id);
  return {
    ...incomingRowOf(r, { unitSymbol: unitSymbol(ctx, r.unitId), senderAddress: partyAddress(sender), scanCount: scans.length }),
    direction: r.direction,
    channel: r.channel,
    revision: r.revision,
    sender: toParty(sender),
    statusCode: r.statusCode,
    registeredAt: r.registeredAt,
    registeredByName: getUser(ctx.store, r.registeredBy)?.fullName ?? '?',
    whereabouts: whereaboutsOf(ctx, r.id),
    appeal: appealOf(ctx, r),
    scans,
    events: eventsFor(ctx.store, 'correspondence', id).map((e) => ({
      id: e.id,
      seq: e.seq,
      pending: e.pending,
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

function appealOf(ctx: Ctx, r: CorrespondenceRow): IncomingDetail['appeal'] {
  if (r.appealDecisionId === null || r.appealKind === null || r.appealPartyId === null) return null;
  return {
    decisionId: r.appealDecisionId,
    decisionNumber: getDecision(ctx.store, r.appealDecisionId)?.number ?? null,
    kind: r.appealKind,
    partyId: r.appealPartyId,
    partyName: getParty(ctx.store, r.appealPartyId)?.name ?? '?',
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
export function findDuplicates(ctx: Ctx, q: { senderId: string | null; senderReference: string | null; sha256s: string[]; externalId?: string | null }): Duplicate[] {
  const reads = sqliteReads(ctx.store);
  return duplicatesAmong(reads.lettersWithFiles(q.sha256s), q.senderId && q.senderReference ? reads.referencedLettersOf(q.senderId) : [], q.senderReference, q.externalId ? reads.lettersWithExternalId(q.externalId) : []);
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
    const user = requireUser(ctx);
    const id = crypto.randomUUID();
    // A refused registration made again, corrected: both in one transaction, so the refused one
    // leaves "do wyjaśnienia" exactly when its correction is saved.
    const replaced = input.replaces === null ? null : refusedOf(ctx, input.replaces);
    ctx.store.tx(() => {
      execute(ctx, user, registerIncoming, {
      id,
      // With a central server only the server numbers (DESIGN "Numbers"): the receipt and label
      // print a provisional label, which stays findable once the final number comes back.
      provisionalLabel: ctx.sync ? freshProvisionalLabel(ctx, INCOMING_REGISTER) : null,
      statusCode: makeStatusCode(ctx.randomBytes).replace('-', ''),
      receivedAt: new Date(input.receivedAt).toISOString(),
      channel: input.channel,
      senderId: input.senderId,
      senderReference: input.senderReference,
      letterDate: input.letterDate,
      postmarkedOn: input.postmarkedOn,
      postmarkOperator: input.postmarkOperator,
      externalId: input.externalId,
      subject: input.subject,
      attachmentsCount: input.attachmentsCount,
      trackingNumber: input.trackingNumber,
      remarks: input.remarks,
      unitId: input.unitId,
      scans: input.scans,
      acknowledgeDuplicates: input.acknowledgeDuplicates,
      });
      if (replaced) discardCommand(ctx.store, replaced.mutationId);
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
    execute(ctx, requireUser(ctx), attachScans, { id: input.id, scans: input.scans });
    moveInboxFiles(ctx, input.inboxFiles);
    return incomingDetail(ctx, input.id);
  },

  'intake.correct': (ctx, input) => {
    execute(ctx, requireUser(ctx), correctIncoming, input);
    return incomingDetail(ctx, input.id);
  },

  'intake.cancel': (ctx, { id, reason }) => {
    execute(ctx, requireUser(ctx), cancelIncoming, { id, reason });
    return incomingDetail(ctx, id);
  },
} satisfies Handlers<'intake.checkDuplicates' | 'intake.register' | 'intake.get' | 'intake.findByLabel' | 'intake.attachScans' | 'intake.correct' | 'intake.cancel'>;
