import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { DecisionContent, DecisionDetail, DecisionSummary, User } from '#core/contract';
import { decisionContentSchema } from '#core/contract';
import { requireRole, requireUser } from '#core/services/access';
import { visibleUnitIds } from '#core/services/scope';
import { runCommand } from '#core/services/commands';
import { fail } from '#core/errors';
import { readSettings } from '#core/admin/settings';
import { formatDateLong, warsawDate } from '#core/time';
import type { DecisionDraft } from '#core/decisions/art107';
import { decisionValues } from '#core/decisions/compose';
import { currentTemplate } from '#core/decisions/templateStore';
import { renderDocumentTemplate } from '#core/decisions/templates';
import { renderDecision } from '#documents/decision';
import { officeContext } from '#core/cases/office';
import { headsUnit, visibleInboxOwners } from '#core/cases/substitution';
import { caseLabel } from '#core/cases/handlers';
import { partyAddress } from '#core/parties/handlers';
import { decisionType, decisionTypes, missingElements, standardAppeal } from '#core/decisions/prefill';
import { afterApproval, configuredPath, stageStates } from '#core/decisions/approvalPath';
import { changedFields } from '#core/decisions/versionDiff';
import { toDispatchItem } from '#core/dispatch/items';
import { dispatchItemsOfDecision } from '#db/dispatchRepo';
import { z } from 'zod';
import { getCase, partiesOfCase, type CaseRow } from '#db/caseRepo';
import { anyUserName, getUser, listUsers } from '#db/directory';
import {
  approvedInUnits,
  decisionsAwaiting,
  decisionsOfCase,
  getDecision,
  insertDecision,
  insertReview,
  insertVersion,
  latestVersion,
  reviewsOf,
  updateDecision,
  versionsOf,
  type DecisionRow,
} from '#db/decisionRepo';

function caseFor(ctx: Ctx, user: User, caseId: string): CaseRow {
  const c = getCase(ctx.store, caseId);
  const units = visibleUnitIds(ctx, user);
  if (!c || (units && !units.includes(c.unitId))) throw fail('CASE_NOT_FOUND');
  return c;
}

function summary(ctx: Ctx, d: DecisionRow): DecisionSummary {
  const c = getCase(ctx.store, d.caseId);
  return {
    id: d.id,
    caseId: d.caseId,
    caseSign: c ? caseLabel(c) : '?',
    typeCode: d.typeCode,
    typeName: decisionType(d.typeCode)?.name ?? d.typeCode,
    status: d.status,
    currentVersion: d.currentVersion,
    number: d.number,
    authorName: getUser(ctx.store, d.authorId)?.fullName ?? '?',
    updatedAt: d.updatedAt,
  };
}

/** The path fixed at submission, as stored (JSON array of user ids). */
function storedPath(d: DecisionRow): string[] {
  return d.approvalPath ? z.array(z.string()).parse(JSON.parse(d.approvalPath)) : [];
}

export function decisionDetail(ctx: Ctx, id: string): DecisionDetail {
  const d = getDecision(ctx.store, id);
  if (!d) throw fail('DECISION_NOT_FOUND');
  const v = latestVersion(ctx.store, id);
  const content = decisionContentSchema.parse(JSON.parse(v?.content ?? '{}'));
  const type = decisionType(d.typeCode);
  const path = d.status === 'submitted' || d.status === 'approved' || d.status === 'signed' ? storedPath(d) : [];
  const states = stageStates(path, d.approvalStage, d.status !== 'submitted');
  return {
    ...summary(ctx, d),
    content,
    missing: missingElements(content, { isDecision: type?.isDecision ?? true }),
    versions: versionsOf(ctx.store, id).map((x) => ({ version: x.version, createdAt: x.createdAt, createdByName: getUser(ctx.store, x.createdBy)?.fullName ?? '?' })),
    reviews: reviewsOf(ctx.store, id).map((r) => ({ version: r.version, reviewerName: getUser(ctx.store, r.reviewerId)?.fullName ?? '?', outcome: r.outcome, remarks: r.remarks, at: r.at })),
    approvalPath: path.map((userId, i) => {
      const u = getUser(ctx.store, userId);
      return { userId, fullName: u?.fullName ?? '?', position: u?.position ?? '', state: states[i] ?? 'pending' };
    }),
    dispatch: dispatchItemsOfDecision(ctx.store, id).map((item) => toDispatchItem(ctx, item)),
  };
}

/** The version's content as saved. */
function versionContent(ctx: Ctx, id: string, version: number): { content: DecisionContent; createdAt: string; createdBy: string } {
  const v = versionsOf(ctx.store, id).find((x) => x.version === version);
  if (!v) throw fail('DECISION_VERSION_NOT_FOUND', { version });
  return { content: decisionContentSchema.parse(JSON.parse(v.content)), createdAt: v.createdAt, createdBy: v.createdBy };
}

/** A readable decision, through its case. */
function readable(ctx: Ctx, user: User, id: string): { d: DecisionRow; c: CaseRow } {
  const d = getDecision(ctx.store, id);
  if (!d) throw fail('DECISION_NOT_FOUND');
  return { d, c: caseFor(ctx, user, d.caseId) };
}

/**
 * The ścieżka akceptacji of a draft: the office's configured path for the case's unit and the
 * decision type, or else the head of the case's unit (or of the unit above it) alone.
 */
function approvalPathFor(ctx: Ctx, user: User, c: CaseRow, typeCode: string): string[] {
  const office = officeContext(ctx, user);
  const people = listUsers(ctx.store);
  const configured = configuredPath(readSettings(ctx.store).approvalPaths, c.unitId, typeCode, office.units);
  if (configured) {
    // listUsers holds only active staff: anyone on the path missing from it has left.
    for (const id of configured) {
      if (!people.some((u) => u.id === id)) throw fail('DECISION_PATH_INACTIVE', { name: anyUserName(ctx.store, id) ?? id });
    }
    return configured;
  }
  const active = people.filter((u) => u.role === 'head');
  const head = active.find((u) => u.unitId === c.unitId) ?? active.find((u) => headsUnit({ id: u.id, fullName: u.fullName, role: u.role, unitId: u.unitId }, c.unitId, office.units));
  if (!head) throw fail('DECISION_NO_APPROVER');
  return [head.id];
}

export const decisionHandlers = {
  'decisions.types': (ctx) => {
    requireUser(ctx);
    return decisionTypes().map((t) => ({ code: t.code, name: t.name, isDecision: t.isDecision }));
  },

  /** A new draft filled from the case once: organ, parties with addresses, legal basis, fee, appeal. */
  'decisions.create': (ctx, { caseId, typeCode }) => {
    const user = requireRole(ctx, ['clerk', 'head'], 'przygotowanie projektu decyzji');
    const type = decisionType(typeCode);
    if (!type) throw fail('DECISION_TYPE_UNKNOWN_CODE', { code: typeCode });
    const id = runCommand(ctx, user, 'createDecision', { caseId, typeCode }, (cmd) => {
      const c = caseFor(ctx, user, caseId);
      if (c.status === 'closed' || c.status === 'cancelled') throw fail('CASE_NOT_OPEN', { sign: caseLabel(c) });
      const settings = readSettings(ctx.store);
      const content: DecisionContent = {
        organ: settings.organ,
        place: settings.office.city,
        date: null,
        parties: partiesOfCase(ctx.store, caseId).map((p) => ({ name: p.party.name, address: partyAddress(p.party), partyId: p.party.id })),
        legalBasis: type.legalBasis,
        ruling: '',
        justification: '',
        justificationWaived: false,
        appealInstruction: type.isDecision ? standardAppeal({ appealBody: settings.appealBody, procedure: type.procedure }) : '',
        fee: type.fee,
        signatoryName: '',
        signatoryPosition: '',
        electronic: true,
      };
      const row: DecisionRow = {
        pk: 0,
        id: crypto.randomUUID(),
        caseId,
        typeCode,
        status: 'draft',
        currentVersion: 1,
        authorId: user.id,
        approverId: null,
        approvalPath: null,
        approvalStage: null,
        templateVersion: null,
        year: null,
        seq: null,
        number: null,
        signedAt: null,
        signedPdfSha256: null,
        createdAt: cmd.nowIso,
        updatedAt: cmd.nowIso,
      };
      const { pk: _pk, ...insert } = row;
      insertDecision(ctx.store, insert);
      insertVersion(ctx.store, { decisionId: row.id, version: 1, content: JSON.stringify(content), createdAt: cmd.nowIso, createdBy: user.id });
      cmd.push('createDecision', { id: row.id, caseId, typeCode, content }, `Nowy projekt: ${type.name} (${caseLabel(c)})`);
      cmd.event({ action: 'decision.drafted', entityType: 'case', entityId: caseId, documentRef: caseLabel(c), summary: `Przygotowano projekt: ${type.name} (wersja 1)` });
      return row.id;
    });
    return decisionDetail(ctx, id);
  },

  /** Saves a new version; versions are never overwritten. */
  'decisions.save': (ctx, { id, expectedVersion, content }) => {
    const user = requireRole(ctx, ['clerk', 'head'], 'edycja projektu decyzji');
    runCommand(ctx, user, 'saveDecision', { id, expectedVersion }, (cmd) => {
      const { d, c } = readable(ctx, user, id);
      if (d.status !== 'draft' && d.status !== 'returned') throw fail('DECISION_NOT_EDITABLE');
      if (d.currentVersion !== expectedVersion) throw fail('STALE_REVISION');
      const version = d.currentVersion + 1;
      insertVersion(ctx.store, { decisionId: id, version, content: JSON.stringify(content), createdAt: cmd.nowIso, createdBy: user.id });
      updateDecision(ctx.store, id, { currentVersion: version, status: 'draft', updatedAt: cmd.nowIso });
      cmd.push('saveDecision', { id, expectedVersion, content }, `Projekt ${caseLabel(c)}, wersja ${String(version)}`);
      cmd.event({ action: 'decision.saved', entityType: 'case', entityId: c.id, documentRef: caseLabel(c), summary: `Zapisano projekt: ${decisionType(d.typeCode)?.name ?? d.typeCode} (wersja ${String(version)})` });
    });
    return decisionDetail(ctx, id);
  },

  /** Sends the draft for akceptacja: only when every art. 107 §1 element is there. */
  'decisions.submit': (ctx, { id }) => {
    const user = requireRole(ctx, ['clerk', 'head'], 'przekazanie projektu do akceptacji');
    runCommand(ctx, user, 'submitDecision', { id }, (cmd) => {
      const { d, c } = readable(ctx, user, id);
      if (d.status !== 'draft' && d.status !== 'returned') throw fail('DECISION_NOT_EDITABLE');
      const detail = decisionDetail(ctx, id);
      if (detail.missing.length > 0) throw fail('DECISION_INCOMPLETE', { list: detail.missing.join(', ') });
      const path = approvalPathFor(ctx, user, c, d.typeCode);
      const approverId = path[0] ?? '';
      updateDecision(ctx.store, id, { status: 'submitted', approverId, approvalPath: JSON.stringify(path), approvalStage: 0, updatedAt: cmd.nowIso });
      cmd.push('submitDecision', { id }, `Do akceptacji: projekt ${caseLabel(c)}`);
      const stages = path.length > 1 ? ` (ścieżka akceptacji: ${path.map((p) => getUser(ctx.store, p)?.fullName ?? '?').join(' → ')})` : '';
      cmd.event({ action: 'decision.submitted', entityType: 'case', entityId: c.id, documentRef: caseLabel(c), summary: `Przekazano do akceptacji: ${detail.typeName} (wersja ${String(d.currentVersion)}) — ${getUser(ctx.store, approverId)?.fullName ?? '?'}${stages}` });
    });
    return decisionDetail(ctx, id);
  },

  /**
   * Akceptacja: the person the draft waits for (or their substitute) approves the version — it
   * moves to the next stage of its path, or is approved at the last — or returns it with remarks.
   */
  'decisions.review': (ctx, { id, outcome, remarks }) => {
    const user = requireUser(ctx);
    runCommand(ctx, user, 'reviewDecision', { id, outcome }, (cmd) => {
      const { d, c } = readable(ctx, user, id);
      if (d.status !== 'submitted') throw fail('DECISION_NOT_SUBMITTED');
      const office = officeContext(ctx, user);
      const onBehalf = visibleInboxOwners(user.id, office.substitutions, office.today);
      if (!d.approverId || !onBehalf.includes(d.approverId)) throw fail('DECISION_NOT_YOUR_REVIEW');
      if (outcome === 'returned' && !remarks) throw fail('DECISION_REMARKS_REQUIRED');
      insertReview(ctx.store, { decisionId: id, version: d.currentVersion, reviewerId: user.id, outcome, remarks, at: cmd.nowIso });
      cmd.push('reviewDecision', { id, outcome, remarks }, `${outcome === 'approved' ? 'Akceptacja' : 'Zwrot'} projektu ${caseLabel(c)}`);
      const path = storedPath(d);
      const stage = d.approvalStage ?? 0;
      const next = outcome === 'approved' ? afterApproval(path, stage) : null;
      if (next?.kind === 'next') {
        updateDecision(ctx.store, id, { approverId: next.approverId, approvalStage: next.stage, updatedAt: cmd.nowIso });
      } else if (next?.kind === 'approved') {
        updateDecision(ctx.store, id, { status: 'approved', updatedAt: cmd.nowIso });
      } else {
        updateDecision(ctx.store, id, { status: 'returned', approverId: null, approvalStage: null, updatedAt: cmd.nowIso });
      }
      const approver = d.approverId === user.id ? null : getUser(ctx.store, d.approverId);
      const what = `${decisionType(d.typeCode)?.name ?? d.typeCode} (wersja ${String(d.currentVersion)})`;
      const stageNote = path.length > 1 ? ` — etap ${String(stage + 1)} z ${String(path.length)}` : '';
      const onward = next?.kind === 'next' ? `; przekazano do: ${getUser(ctx.store, next.approverId)?.fullName ?? '?'}` : '';
      cmd.event({
        action: outcome === 'approved' ? 'decision.approved' : 'decision.returned',
        entityType: 'case',
        entityId: c.id,
        documentRef: caseLabel(c),
        summary: outcome === 'approved' ? `Zaakceptowano projekt: ${what}${stageNote}${onward}` : `Zwrócono projekt do poprawy: ${what}${stageNote} — ${remarks ?? ''}`,
        onBehalfOf: approver ? { id: approver.id, fullName: approver.fullName } : null,
      });
    });
    return decisionDetail(ctx, id);
  },

  'decisions.get': (ctx, { id }) => {
    const user = requireUser(ctx);
    readable(ctx, user, id);
    return decisionDetail(ctx, id);
  },

  'decisions.forCase': (ctx, { caseId }) => {
    const user = requireUser(ctx);
    caseFor(ctx, user, caseId);
    return decisionsOfCase(ctx.store, caseId).map((d) => summary(ctx, d));
  },

  /** "Do akceptacji": drafts waiting for me, or for the head I substitute today. */
  'decisions.toApprove': (ctx) => {
    const user = requireUser(ctx);
    const office = officeContext(ctx, user);
    return decisionsAwaiting(ctx.store, visibleInboxOwners(user.id, office.substitutions, warsawDate(ctx.clock()) as typeof office.today)).map((d) => summary(ctx, d));
  },

  /** "Do podpisu": approved decisions of the units the head (or the head substituted) leads. */
  'decisions.toSign': (ctx) => {
    const user = requireRole(ctx, ['head'], 'podpisywanie decyzji');
    const office = officeContext(ctx, user);
    const heads = visibleInboxOwners(user.id, office.substitutions, office.today).map((id) => office.users.find((u) => u.id === id)).filter((u) => u !== undefined && u.role === 'head');
    const units = office.units.filter((u) => heads.some((h) => h !== undefined && headsUnit(h, u.id, office.units))).map((u) => u.id);
    return approvedInUnits(ctx.store, units).map((d) => summary(ctx, d));
  },

  /** An earlier version as it was saved, and which fields it changed against the one before. */
  'decisions.version': (ctx, { id, version }) => {
    const user = requireUser(ctx);
    readable(ctx, user, id);
    const v = versionContent(ctx, id, version);
    const before = version > 1 ? versionContent(ctx, id, version - 1).content : null;
    return { version, content: v.content, createdAt: v.createdAt, createdByName: getUser(ctx.store, v.createdBy)?.fullName ?? '?', changedFields: before ? changedFields(before, v.content) : [] };
  },

  /**
   * The signed file once signed (what the office keeps and sends); before that, the draft
   * printed — or an earlier version printed, marked as a draft.
   */
  'decisions.pdf': async (ctx, { id, version }) => {
    const user = requireUser(ctx);
    const { d, c } = readable(ctx, user, id);
    if (version !== null) {
      versionContent(ctx, id, version);
      return decisionPdf(ctx, id, null, version);
    }
    // Signed on another workstation: the signed file comes from the server the first time.
    if (d.signedPdfSha256 && !ctx.blobs.has(d.signedPdfSha256) && ctx.sync) {
      return { fileName: `decyzja-${(d.number ?? '').replace('/', '-')}-${caseLabel(c)}.pdf`, mime: 'application/pdf', bytes: await ctx.sync.fetchBlob(d.signedPdfSha256) };
    }
    if (d.signedPdfSha256 && ctx.blobs.has(d.signedPdfSha256)) {
      return { fileName: `decyzja-${(d.number ?? '').replace('/', '-')}-${caseLabel(c)}.pdf`, mime: 'application/pdf', bytes: ctx.blobs.read(d.signedPdfSha256) };
    }
    return decisionPdf(ctx, id, null);
  },
} satisfies Handlers<'decisions.types' | 'decisions.create' | 'decisions.save' | 'decisions.submit' | 'decisions.review' | 'decisions.get' | 'decisions.forCase' | 'decisions.toApprove' | 'decisions.toSign' | 'decisions.pdf' | 'decisions.version'>;

/**
 * The decision as it will be printed and signed: the type's template filled with the draft.
 * `number` is the decision-register number to print (at signing, before it is stored).
 * `templateVersion` is the version of the template it was printed from, for the record.
 */
export async function decisionPdf(ctx: Ctx, id: string, number: string | null, version: number | null = null): Promise<{ fileName: string; mime: string; bytes: Uint8Array; templateVersion: number }> {
  const d = getDecision(ctx.store, id);
  if (!d) throw fail('DECISION_NOT_FOUND');
  const c = getCase(ctx.store, d.caseId);
  if (!c) throw fail('CASE_NOT_FOUND');
  const content = version === null ? decisionDetail(ctx, id).content : versionContent(ctx, id, version).content;
  const type = decisionType(d.typeCode);
  // The office's current wording (core/decisions/templateStore.ts); its version goes with the file.
  const { template, version: templateVersion } = currentTemplate(ctx.store, d.typeCode);
  const words = content.signatoryName.trim().split(/\s+/);
  const draft: DecisionDraft = {
    procedure: type?.procedure ?? 'kpa',
    organ: content.organ,
    issuedOn: content.date ?? '',
    parties: content.parties,
    legalBasis: content.legalBasis,
    ruling: content.ruling,
    // The editor keeps one justification text (facts, then law, as art. 107 §3 describes).
    justification: { factual: content.justification, legal: '' },
    fullyGrantsRequest: content.justificationWaived,
    contestedInterests: false,
    onAppeal: false,
    appealInstruction: content.appealInstruction,
    signatory: { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1) ?? '', position: content.signatoryPosition },
    signatureForm: content.electronic ? 'qualified-signature' : 'paper',
  };
  const values = decisionValues(draft, {
    caseSign: caseLabel(c),
    place: content.place,
    extra: { numer: number ?? d.number ?? '(projekt)', oplata: content.fee || 'Decyzja nie podlega opłacie skarbowej.', przedmiot: c.title, data_wniosku: formatDateLong(c.startedOn) },
  });
  const rendered = renderDocumentTemplate(template, values);
  if (!rendered.ok) throw fail('DECISION_INCOMPLETE', { list: rendered.missing.join(', ') || rendered.message });
  const settings = readSettings(ctx.store);
  const bytes = await renderDecision({
    office: settings.office,
    document: rendered.document,
    electronic: content.electronic,
    recipients: content.parties.map((p) => (p.address ? `${p.name}, ${p.address}` : p.name)),
    createdAt: ctx.clock().toISOString(),
  });
  const printed = number ?? d.number;
  const name = version !== null ? `projekt-decyzji-wersja-${String(version)}` : printed ? `decyzja-${printed.replace('/', '-')}` : 'projekt-decyzji';
  return { fileName: `${name}-${caseLabel(c)}.pdf`, mime: 'application/pdf', bytes, templateVersion };
}
