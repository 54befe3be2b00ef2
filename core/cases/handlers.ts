import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { CaseDetail, CaseSummary, User } from '#core/contract';
import { requireUser } from '#core/services/access';
import { visibleUnitIds } from '#core/services/scope';
import { execute } from '#core/services/execute';
import { caseAction, caseDue, caseGrant, caseLabel, changeCaseOwner, linkItem, openCase } from '#core/commands/cases';
import { addCaseDocument, addCaseNote, addCaseParty, opinionColleagues, removeCaseParty, requestOpinion } from '#core/commands/caseWork';
import { stageScan, storedFile } from '#core/scans/handlers';
import { requireRole } from '#core/services/access';
import { fail } from '#core/errors';
import { readSettings } from '#core/admin/settings';
import { warsawDate } from '#core/time';
import { valueOrThrow } from '#core/checkResult';
import { provisionalCaseLabel } from '#core/cases/caseSign';
import { makeProvisionalCode } from '#core/numbering/provisional';
import { allowedActions } from '#core/cases/status';
import { officeContext, personById, type OfficeContext } from '#core/cases/office';
import type { CalendarDate } from '#core/deadlines/holidays';
import { deadlineStatus } from '#core/deadlines/status';
import { labelOf } from '#core/intake/handlers';
import { toParty } from '#core/parties/handlers';
import { eventsForAny } from '#db/eventLog';
import { getJrwa } from '#db/jrwaRepo';
import { listUnits, listUsers } from '#db/directory';
import { caseRegister, initiatingLettersOfRegister, documentsOfCase, getCase, itemsOfCase, opinionRequestsOfCase, partiesOfCase, provisionalCaseLabelTaken, suspensionsOf, type CaseRow } from '#db/caseRepo';
import { renderCaseRegister } from '#documents/caseRegister';


export { caseLabel } from '#core/commands/cases';

/**
 * Summarises cases against today's deadlines, looking units and owners up once per request:
 * a head's lists hold thousands of cases, and two queries per case made them take a second.
 */
export function caseSummarizer(ctx: Ctx, today: CalendarDate): (c: CaseRow) => CaseSummary {
  const units = new Map(listUnits(ctx.store).map((u) => [u.id, u.symbol]));
  const owners = new Map(listUsers(ctx.store).map((u) => [u.id, u.fullName]));
  const warnWorkingDays = readSettings(ctx.store).deadlineWarningDays;
  return (c) => {
    let deadline: CaseSummary['deadline'] = 'none';
    let workingDaysLeft: number | null = null;
    if (c.status === 'suspended') deadline = 'suspended';
    else if ((c.status === 'opened' || c.status === 'in_progress') && c.dueOn) {
      const s = deadlineStatus(c.dueOn as CalendarDate, today, { warnWorkingDays });
      deadline = s.status;
      workingDaysLeft = s.workingDaysLeft;
    }
    return {
      id: c.id,
      label: caseLabel(c),
      provisional: c.sign === null,
      title: c.title,
      status: c.status,
      unitId: c.unitId,
      unitSymbol: units.get(c.unitId) ?? c.unitSymbol,
      jrwaSymbol: c.jrwaSymbol,
      ownerId: c.ownerId,
      ownerName: owners.get(c.ownerId) ?? '?',
      startedOn: c.startedOn,
      dueOn: c.dueOn,
      deadline,
      workingDaysLeft,
    };
  };
}

/** The case's register line with its deadline seen from today. */
export function caseSummary(ctx: Ctx, c: CaseRow, today: CalendarDate): CaseSummary {
  return caseSummarizer(ctx, today)(c);
}

/** The term of a case from its start and suspensions (KPA art. 35 with art. 57). */
function computeDue(ctx: Ctx, c: Pick<CaseRow, 'id' | 'deadlineKind' | 'startedOn'>): { dueOn: string | null; basis: string; suspendedDays: number } {
  return caseDue(c, suspensionsOf(ctx.store, c.id));
}

function readableCase(ctx: Ctx, user: User, id: string): CaseRow {
  const c = getCase(ctx.store, id);
  if (!c) throw fail('CASE_NOT_FOUND');
  const units = visibleUnitIds(ctx, user);
  if (units && !units.includes(c.unitId)) throw fail('CASE_NOT_FOUND');
  return c;
}

export function caseDetail(ctx: Ctx, id: string): CaseDetail {
  const c = getCase(ctx.store, id);
  if (!c) throw fail('CASE_NOT_FOUND');
  const today = warsawDate(ctx.clock()) as CalendarDate;
  const items = itemsOfCase(ctx.store, id);
  const due = computeDue(ctx, c);
  // The office as the rules see it, read once: who may act here, and everyone's name (those
  // who have left included: a request they made or were sent still names them).
  const user = ctx.session.user;
  const office = user ? officeContext(ctx, user) : null;
  const works = user !== null && office !== null && mayWork(office, user, c);
  const nameOf = (userId: string) => (office ? personById(office, userId)?.fullName : undefined) ?? '?';
  const metryka = eventsForAny(ctx.store, [{ entityType: 'case', entityId: id }, ...items.map((i) => ({ entityType: 'correspondence', entityId: i.item.id }))]);
  return {
    ...caseSummary(ctx, c, today),
    revision: c.revision,
    deadlineKind: c.deadlineKind as CaseDetail['deadlineKind'],
    deadlineBasis: due.basis,
    suspendedDays: due.suspendedDays,
    closedOn: c.closedOn,
    cancelReason: c.cancelReason,
    parties: partiesOfCase(ctx.store, id).map((p) => ({ ...toParty(p.party), role: p.role })),
    items: items.map((i) => ({ id: i.item.id, label: labelOf(i.item), subject: i.item.subject, senderName: i.item.senderName, receivedAt: i.item.receivedAt, initiating: i.initiating })),
    documents: documentsOfCase(ctx.store, id).map((x) => ({ id: x.d.id, title: x.d.title, fileName: x.d.fileName, sha256: x.d.sha256, mime: x.mime ?? 'application/octet-stream', pageCount: x.pageCount ?? 1, addedAt: x.d.addedAt, addedByName: x.addedByName ?? '?' })),
    opinionRequests: opinionRequestsOfCase(ctx.store, id).map((r) => ({ id: r.id, askedOfId: r.askedOf, askedOfName: nameOf(r.askedOf), askedByName: nameOf(r.askedBy), question: r.question, askedAt: r.askedAt, dueOn: r.dueOn, answeredAt: r.answeredAt })),
    mayWork: works,
    opinionColleagues: works ? opinionColleagues(office, c, user.id).map((u) => ({ id: u.id, fullName: u.fullName })) : [],
    allowedActions: office ? allowedActions(c.status).filter((action) => caseGrant(office, c, action).ok) : [],
    metryka: metryka.map((e) => ({ id: e.id, seq: e.seq, pending: e.pending, at: e.at, actorName: e.actorName, actorPosition: e.actorPosition, onBehalfOfName: e.onBehalfOfName, action: e.action, summary: e.summary, documentRef: e.documentRef })),
  };
}

/** Whether the signed-in person works the open case (as the case-work commands decide it). */
function mayWork(office: OfficeContext, user: User, c: CaseRow): boolean {
  if ((user.role !== 'clerk' && user.role !== 'head') || c.status === 'closed' || c.status === 'cancelled') return false;
  return caseGrant(office, c, 'start').ok;
}

/** A provisional case label no case here holds yet (draw again on a clash). */
function freshCaseLabel(ctx: Ctx, unit: string, jrwa: Parameters<typeof provisionalCaseLabel>[0]['jrwa']): string {
  for (;;) {
    const label = valueOrThrow(provisionalCaseLabel({ unit, jrwa, code: makeProvisionalCode(ctx.randomBytes) }));
    if (!provisionalCaseLabelTaken(ctx.store, label)) return label;
  }
}

export const caseHandlers = {
  'cases.open': (ctx, input) => {
    const user = requireUser(ctx);
    const id = crypto.randomUUID();
    const jrwa = getJrwa(ctx.store, input.jrwaSymbol);
    const unit = listUnits(ctx.store).find((u) => u.id === user.unitId);
    execute(ctx, user, openCase, {
      id,
      // With a central server only the server gives signs: until then the case has a
      // provisional label (and no decision in it can be signed, DESIGN "Numbers").
      provisionalLabel: ctx.sync && jrwa && unit ? freshCaseLabel(ctx, unit.symbol, jrwa) : null,
      itemId: input.itemId,
      jrwaSymbol: input.jrwaSymbol,
      title: input.title,
      deadlineKind: input.deadlineKind,
      startedOn: input.startedOn,
      partyIds: input.partyIds,
    });
    return caseDetail(ctx, id);
  },

  'cases.get': (ctx, { id }) => {
    const user = requireUser(ctx);
    readableCase(ctx, user, id);
    return caseDetail(ctx, id);
  },

  'cases.linkItem': (ctx, { caseId, itemId }) => {
    execute(ctx, requireUser(ctx), linkItem, { caseId, itemId });
    return caseDetail(ctx, caseId);
  },

  'cases.act': (ctx, { id, action, expectedRevision, reason }) => {
    execute(ctx, requireUser(ctx), caseAction, { id, action, reason, expectedRevision });
    return caseDetail(ctx, id);
  },

  'cases.changeOwner': (ctx, { id, ownerId, reason, expectedRevision }) => {
    execute(ctx, requireUser(ctx), changeCaseOwner, { id, ownerId, reason, expectedRevision });
    return caseDetail(ctx, id);
  },

  'cases.addNote': (ctx, { caseId, kind, text }) => {
    execute(ctx, requireUser(ctx), addCaseNote, { caseId, kind, text });
    return caseDetail(ctx, caseId);
  },

  'cases.addParty': (ctx, { caseId, partyId, role }) => {
    execute(ctx, requireUser(ctx), addCaseParty, { caseId, partyId, role });
    return caseDetail(ctx, caseId);
  },

  'cases.removeParty': (ctx, { caseId, partyId, reason }) => {
    execute(ctx, requireUser(ctx), removeCaseParty, { caseId, partyId, reason });
    return caseDetail(ctx, caseId);
  },

  'cases.stageDocument': async (ctx, { fileName }, upload) => {
    requireRole(ctx, ['clerk', 'head'], 'dołączenie dokumentu do akt sprawy');
    if (!upload) throw fail('SCAN_EMPTY', { fileName });
    return stageScan(ctx, fileName, upload);
  },

  'cases.addDocument': (ctx, { caseId, sha256, fileName, title }) => {
    execute(ctx, requireUser(ctx), addCaseDocument, { id: crypto.randomUUID(), caseId, sha256, fileName, title });
    return caseDetail(ctx, caseId);
  },

  'cases.document': async (ctx, { caseId, documentId }) => {
    const c = readableCase(ctx, requireUser(ctx), caseId);
    const d = documentsOfCase(ctx.store, c.id).find((x) => x.d.id === documentId);
    if (!d) throw fail('CASE_DOCUMENT_NOT_FOUND');
    return storedFile(ctx, d.d.sha256, d.d.fileName, d.mime ?? 'application/octet-stream');
  },

  'cases.requestOpinion': (ctx, { caseId, askedOf, question, dueOn }) => {
    execute(ctx, requireUser(ctx), requestOpinion, { id: crypto.randomUUID(), caseId, askedOf, question, dueOn });
    return caseDetail(ctx, caseId);
  },

  'cases.register': (ctx, { unitId, jrwaSymbol, year }) => {
    const user = requireUser(ctx);
    const units = visibleUnitIds(ctx, user);
    if (units && !units.includes(unitId)) throw fail('NOT_IN_YOUR_UNIT');
    return spisRows(ctx, unitId, jrwaSymbol, year);
  },

  'cases.registerPdf': async (ctx, { unitId, jrwaSymbol, year }) => {
    const user = requireUser(ctx);
    const visible = visibleUnitIds(ctx, user);
    if (visible && !visible.includes(unitId)) throw fail('NOT_IN_YOUR_UNIT');
    const unit = listUnits(ctx.store).find((u) => u.id === unitId);
    const jrwa = getJrwa(ctx.store, jrwaSymbol);
    if (!unit) throw fail('UNIT_NOT_FOUND');
    if (!jrwa) throw fail('CASE_JRWA_UNKNOWN', { symbol: jrwaSymbol });
    const rows = spisRows(ctx, unitId, jrwaSymbol, year);
    const bytes = await renderCaseRegister({
      office: readSettings(ctx.store).office,
      unit: { symbol: unit.symbol, name: unit.name },
      jrwa: { symbol: jrwa.symbol, name: jrwa.name, category: jrwa.categoryOwner },
      year,
      rows: rows.map((r) => ({ seq: r.seq, sign: r.label, title: r.title, fromWhom: r.fromWhom, letterReference: r.letterReference, letterDate: r.letterDate, startedOn: r.startedOn, completedOn: r.closedOn, remarks: null, cancelled: r.status === 'cancelled' })),
      generatedAt: ctx.clock().toISOString(),
      generatedBy: user.fullName,
    });
    return { fileName: `spis-spraw-${unit.symbol}-${jrwa.symbol}-${String(year)}.pdf`, mime: 'application/pdf', bytes };
  },
} satisfies Handlers<
  'cases.open' | 'cases.get' | 'cases.linkItem' | 'cases.act' | 'cases.changeOwner' | 'cases.addNote' | 'cases.addParty' | 'cases.removeParty' | 'cases.stageDocument' | 'cases.addDocument' | 'cases.document' | 'cases.requestOpinion' | 'cases.register' | 'cases.registerPdf'
>;


/** Spis spraw: the cases in sign order, "from whom" filled from the letter that started each. */
function spisRows(ctx: Ctx, unitId: string, jrwaSymbol: string, year: number) {
  const summarize = caseSummarizer(ctx, warsawDate(ctx.clock()) as CalendarDate);
  const initiating = initiatingLettersOfRegister(ctx.store, unitId, jrwaSymbol, year);
  return caseRegister(ctx.store, unitId, jrwaSymbol, year).map((c) => {
    const letter = initiating.get(c.id);
    return {
      ...summarize(c),
      seq: c.seq,
      fromWhom: letter?.senderName ?? null,
      letterReference: letter?.senderReference ?? null,
      letterDate: letter?.letterDate ?? null,
      closedOn: c.closedOn,
    };
  });
}

