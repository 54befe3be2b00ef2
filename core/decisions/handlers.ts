import { storedFile } from '#core/scans/handlers';
import { draftWriter } from '#core/commands/decisions';
import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { DecisionContent, DecisionDetail, DecisionSummary, Settings, User } from '#core/contract';
import { decisionContentSchema } from '#core/contract';
import { requireRole, requireUser } from '#core/services/access';
import { visibleUnitIds } from '#core/services/scope';
import { execute } from '#core/services/execute';
import { createDecision, reviewDecision, saveDecision, storedPath, submitDecision } from '#core/commands/decisions';
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
import { decisionType, decisionTypes, detailFields, draftType, missingElements, numberedInRegister, standardAppeal } from '#core/decisions/prefill';
import { ponaglenieInstruction } from '#core/decisions/clauses';
import { validateDocumentTemplate } from '#core/decisions/templates';
import { stageStates } from '#core/decisions/approvalPath';
import { changedFields } from '#core/decisions/versionDiff';
import { toDispatchItem } from '#core/dispatch/items';
import { decisionFinalityOf } from '#core/decisions/finalityView';
import { dispatchItemsOfDecision } from '#db/dispatchRepo';
import { getCase, itemsOfCase, partiesOfCase, type CaseRow } from '#db/caseRepo';
import { getUser } from '#db/directory';
import { approvedInUnits, decisionsAwaiting, decisionsReturnedTo, decisionsOfCase, getDecision, latestVersion, reviewsOf, versionsOf, type DecisionRow } from '#db/decisionRepo';

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
    finality: decisionFinalityOf(ctx, d),
  };
}

export function decisionDetail(ctx: Ctx, id: string): DecisionDetail {
  const d = getDecision(ctx.store, id);
  if (!d) throw fail('DECISION_NOT_FOUND');
  const content = latestContent(ctx, id);
  const type = decisionType(d.typeCode);
  const path = d.status === 'submitted' || d.status === 'approved' || d.status === 'signed' ? storedPath(d) : [];
  const states = stageStates(path, d.approvalStage, d.status !== 'submitted');
  const theCase = getCase(ctx.store, d.caseId);
  return {
    ...summary(ctx, d),
    content,
    yoursToWrite: (d.status === 'draft' || d.status === 'returned') && ctx.session.user !== null && theCase !== null && draftWriter(ctx.session.user.id, d, theCase),
    missing: missingElements(content, draftType(d.typeCode)),
    kind: type?.kind ?? 'decision',
    detailFields: detailFieldsOf(ctx, d.typeCode),
    versions: versionsOf(ctx.store, id).map((x) => ({ version: x.version, createdAt: x.createdAt, createdByName: getUser(ctx.store, x.createdBy)?.fullName ?? '?' })),
    reviews: reviewsOf(ctx.store, id).map((r) => ({ version: r.version, reviewerName: getUser(ctx.store, r.reviewerId)?.fullName ?? '?', outcome: r.outcome, remarks: r.remarks, at: r.at })),
    approvalPath: path.map((userId, i) => {
      const u = getUser(ctx.store, userId);
      return { userId, fullName: u?.fullName ?? '?', position: u?.position ?? '', state: states[i] ?? 'pending' };
    }),
    dispatch: dispatchItemsOfDecision(ctx.store, id).map((item) => toDispatchItem(ctx, item)),
  };
}

/** What the decision's latest version says (all a printout or a signature needs of it). */
export function latestContent(ctx: Ctx, id: string): DecisionContent {
  return decisionContentSchema.parse(JSON.parse(latestVersion(ctx.store, id)?.content ?? '{}'));
}

/** The version's content as saved. */
function versionContent(ctx: Ctx, id: string, version: number): { content: DecisionContent; createdAt: string; createdBy: string } {
  const v = versionsOf(ctx.store, id).find((x) => x.version === version);
  if (!v) throw fail('DECISION_VERSION_NOT_FOUND', { version });
  return { content: decisionContentSchema.parse(JSON.parse(v.content)), createdAt: v.createdAt, createdBy: v.createdBy };
}

const GAP = '……………';

/** The details the office's template of this type asks for (its own placeholders). */
function detailFieldsOf(ctx: Ctx, typeCode: string) {
  try {
    const checked = validateDocumentTemplate(currentTemplate(ctx.store, typeCode).template);
    return checked.ok ? detailFields(checked.placeholders) : [];
  } catch {
    // A type without a template of its own (a decision of the reference list): none.
    return [];
  }
}

/** Where the parties may see the file, as a zawiadomienie o wszczęciu says it: the office, in its hours. */
function inspectionPlace(office: Settings['office']): string {
  const address = [office.name, ...office.addressLines].filter((x) => x.trim() !== '').join(', ');
  return `${address}, w godzinach pracy urzędu`;
}

/** The art. 36 notice's instruction on the ponaglenie; blank for the clerk when the organ's name cannot be declined. */
function ponaglenie(settings: Settings): string {
  try {
    // The settings hold the appeal body as an appeal is addressed ("do Samorządowego Kolegium …"): the genitive.
    return ponaglenieInstruction({ appealOrgan: { nominative: settings.appealBody, genitive: settings.appealBody }, issuingOrgan: settings.organ });
  } catch {
    return '';
  }
}

/** The date the case's request bears: the initiating letter's own date, else the day it came in. */
function applicationDateOf(ctx: Ctx, caseId: string): string | null {
  const first = itemsOfCase(ctx.store, caseId)[0]?.item;
  if (!first) return null;
  return first.letterDate ?? warsawDate(first.receivedAt);
}

/** A readable decision, through its case. */
function readable(ctx: Ctx, user: User, id: string): { d: DecisionRow; c: CaseRow } {
  const d = getDecision(ctx.store, id);
  if (!d) throw fail('DECISION_NOT_FOUND');
  return { d, c: caseFor(ctx, user, d.caseId) };
}

export const decisionHandlers = {
  'decisions.types': (ctx) => {
    requireUser(ctx);
    return decisionTypes().map((t) => ({ code: t.code, name: t.name, isDecision: t.isDecision, kind: t.kind }));
  },

  /** A new draft filled from the case once: organ, parties with addresses, legal basis, fee, appeal. */
  'decisions.create': (ctx, { caseId, typeCode }) => {
    const user = requireUser(ctx);
    const type = decisionType(typeCode);
    if (!type) throw fail('DECISION_TYPE_UNKNOWN_CODE', { code: typeCode });
    const settings = readSettings(ctx.store);
    const theCase = getCase(ctx.store, caseId);
    const letter = !numberedInRegister(type);
    const content: DecisionContent = {
      organ: settings.organ,
      place: settings.office.city,
      date: null,
      parties: partiesOfCase(ctx.store, caseId).map((p) => ({ name: p.party.name, address: partyAddress(p.party), partyId: p.party.id })),
      legalBasis: type.legalBasis,
      // A letter says "w sprawie: …": the case's title reads right there. A decision names the
      // investment or the object in the request's words, which the clerk writes.
      subject: letter ? (theCase?.title ?? '') : '',
      applicationDate: applicationDateOf(ctx, caseId),
      details: type.kind === 'start-notice' ? { miejsce_wgladu: inspectionPlace(settings.office) } : {},
      ruling: '',
      justification: '',
      justificationWaived: false,
      appealInstruction: type.kind === 'decision' ? standardAppeal({ appealBody: settings.appealBody, procedure: type.procedure }) : type.kind === 'delay-notice' ? ponaglenie(settings) : '',
      fee: type.fee,
      signatoryName: '',
      signatoryPosition: '',
      electronic: true,
    };
    const id = crypto.randomUUID();
    execute(ctx, user, createDecision, { id, caseId, typeCode, content });
    return decisionDetail(ctx, id);
  },

  /** Saves a new version; versions are never overwritten. */
  'decisions.save': (ctx, { id, expectedVersion, content }) => {
    execute(ctx, requireUser(ctx), saveDecision, { id, expectedVersion, content });
    return decisionDetail(ctx, id);
  },

  /** Sends the draft for akceptacja: only when every art. 107 §1 element is there. */
  'decisions.submit': (ctx, { id }) => {
    execute(ctx, requireUser(ctx), submitDecision, { id });
    return decisionDetail(ctx, id);
  },

  /**
   * Akceptacja: the person the draft waits for (or their substitute) approves the version — it
   * moves to the next stage of its path, or is approved at the last — or returns it with remarks.
   */
  'decisions.review': (ctx, { id, outcome, remarks }) => {
    execute(ctx, requireUser(ctx), reviewDecision, { id, outcome, remarks });
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

  /** "Zwrócone do poprawy": the person's drafts a reviewer sent back (and those of whom they stand in for). */
  'decisions.returned': (ctx) => {
    const user = requireUser(ctx);
    const office = officeContext(ctx, user);
    return decisionsReturnedTo(ctx.store, visibleInboxOwners(user.id, office.substitutions, office.today)).map((d) => summary(ctx, d));
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
    if (d.signedPdfSha256 && (ctx.blobs.has(d.signedPdfSha256) || ctx.sync)) {
      return storedFile(ctx, d.signedPdfSha256, `decyzja-${(d.number ?? '').replace('/', '-')}-${caseLabel(c)}.pdf`, 'application/pdf');
    }
    return decisionPdf(ctx, id, null);
  },
} satisfies Handlers<'decisions.types' | 'decisions.create' | 'decisions.save' | 'decisions.submit' | 'decisions.review' | 'decisions.get' | 'decisions.forCase' | 'decisions.toApprove' | 'decisions.returned' | 'decisions.toSign' | 'decisions.pdf' | 'decisions.version'>;

/**
 * The decision as it will be printed and signed: the type's template filled with the draft.
 * `number` is the decision-register number to print (at signing, before it is stored).
 * `templateVersion` is the version of the template it was printed from, for the record.
 */
/**
 * At signing the decision is issued (wydana) that day, by the person who signs it: the printed
 * date of issue and signatory are theirs, whatever the draft proposed (a draft dated ahead was
 * printed "7 grudnia" under a stamp of 6 December).
 */
export type Issue = { on: string; signatoryName: string; signatoryPosition: string };

export async function decisionPdf(ctx: Ctx, id: string, number: string | null, version: number | null = null, issue: Issue | null = null): Promise<{ fileName: string; mime: string; bytes: Uint8Array; templateVersion: number }> {
  const d = getDecision(ctx.store, id);
  if (!d) throw fail('DECISION_NOT_FOUND');
  const c = getCase(ctx.store, d.caseId);
  if (!c) throw fail('CASE_NOT_FOUND');
  const drafted = version === null ? latestContent(ctx, id) : versionContent(ctx, id, version).content;
  const content = issue ? { ...drafted, date: issue.on, signatoryName: issue.signatoryName, signatoryPosition: issue.signatoryPosition } : drafted;
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
    // A draft printed before these are filled shows the gap, not the case's title or the day it was opened.
    extra: {
      ...content.details,
      numer: number ?? d.number ?? '(projekt)',
      oplata: content.fee || 'Decyzja nie podlega opłacie skarbowej.',
      przedmiot: content.subject.trim() || GAP,
      data_wniosku: content.applicationDate ? formatDateLong(content.applicationDate) : GAP,
    },
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
    // The print names its decision and number: signDecision accepts a file only when a signature covers them.
    signedOver: { decisionId: id, number: number ?? d.number },
  });
  const printed = number ?? d.number;
  const name = version !== null ? `projekt-decyzji-wersja-${String(version)}` : printed ? `decyzja-${printed.replace('/', '-')}` : 'projekt-decyzji';
  return { fileName: `${name}-${caseLabel(c)}.pdf`, mime: 'application/pdf', bytes, templateVersion };
}
