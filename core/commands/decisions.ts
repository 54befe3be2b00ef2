/**
 * Decision commands: a draft in a case, its versions, the ścieżka akceptacji, akceptacja or
 * return, the number in the decision register (DEC/<year>) and the signed file with the letters
 * to send. Defined once (engine.ts); the rules are core/decisions.
 */
import { z } from 'zod';
import { decisionContentSchema, type Settings } from '#core/contract';
import { fail } from '#core/errors';
import { warsawYear } from '#core/time';
import { settingsFrom } from '#core/settings';
import { headsUnit, visibleInboxOwners } from '#core/cases/substitution';
import { decisionType, draftType, missingElements, numberedInRegister } from '#core/decisions/prefill';
import { afterApproval, configuredPath } from '#core/decisions/approvalPath';
import { signedOverIs } from '#core/decisions/signedMark';
import { ask, defineCommand, type CommandEnv } from '#core/commands/engine';
import { allowRoles, ruleOffice, type RuleOffice, visibleCase } from '#core/commands/office';
import { CASE_ROLES, caseEntry, caseLabel } from '#core/commands/cases';
import type { Effect } from '#core/commands/effects';
import type { CaseRecord, DecisionRecord } from '#core/commands/records';
import type { OfficeDirectory } from '#core/commands/reads';

const id = z.uuid();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The decision register: `DEC/<year>` numbered `{nr}/{rok}` (1/2026). */
export const DECISION_REGISTER = 'DEC';

export const typeName = (code: string) => decisionType(code)?.name ?? code;
/** How the metryka and the dispatch name a signed document: "decyzja nr 4/2026", or the letter's kind. */
export const documentName = (code: string, number: string | null) => (number ? `decyzja nr ${number}` : typeName(code).toLowerCase());

/** The ścieżka akceptacji fixed at submission, as stored. */
export function storedPath(d: Pick<DecisionRecord, 'approvalPath'>): string[] {
  return d.approvalPath ? z.array(z.string()).parse(JSON.parse(d.approvalPath)) : [];
}

/**
 * The ścieżka akceptacji of a draft: the office's configured path for the case's unit and the
 * decision type (everyone on it still working here), or else the head of the case's unit (or
 * of a unit above it) alone.
 */
export function approvalPathOf(settings: Settings, c: Pick<CaseRecord, 'unitId'>, typeCode: string, dir: OfficeDirectory, o: RuleOffice): string[] {
  const active = dir.users.filter((u) => u.active);
  const configured = configuredPath(settings.approvalPaths, c.unitId, typeCode, o.units);
  if (configured) {
    for (const pid of configured) if (!active.some((u) => u.id === pid)) throw fail('DECISION_PATH_INACTIVE', { name: dir.users.find((u) => u.id === pid)?.fullName ?? pid });
    return configured;
  }
  const heads = active.filter((u) => u.role === 'head');
  const head = heads.find((u) => u.unitId === c.unitId) ?? heads.find((u) => headsUnit(u, c.unitId, o.units));
  if (!head) throw fail('DECISION_NO_APPROVER');
  return [head.id];
}

/** A decision and its case, read together: a decision is seen through its case's unit. */
function* readDecision(decisionId: string) {
  const decision = yield* ask.decision(decisionId);
  return { office: yield* ask.office(), decision, theCase: decision ? yield* ask.case(decision.caseId) : null };
}

type DecisionSnapshot = { office: OfficeDirectory; decision: DecisionRecord | null; theCase: CaseRecord | null };

function visibleDecision(s: DecisionSnapshot, env: CommandEnv): { d: DecisionRecord; c: CaseRecord; o: RuleOffice } {
  if (!s.decision) throw fail('DECISION_NOT_FOUND');
  const o = ruleOffice(s.office, env);
  return { d: s.decision, c: visibleCase(s.theCase, o, env), o };
}

/**
 * Who writes a draft: its author or whoever leads the case. Not the reviewer who returned it —
 * she would then approve her own corrections (the four-eyes rule of the approval path).
 */
export function draftWriter(actorId: string, d: Pick<DecisionRecord, 'authorId'>, c: Pick<CaseRecord, 'ownerId'>): boolean {
  return actorId === d.authorId || actorId === c.ownerId;
}

function requireDraftWriter(env: CommandEnv, d: DecisionRecord, c: CaseRecord, o: RuleOffice) {
  const name = (id: string) => o.users.find((u) => u.id === id)?.fullName ?? '?';
  if (!draftWriter(env.actor.id, d, c)) throw fail('DECISION_NOT_WRITER', { author: name(d.authorId), owner: name(c.ownerId) });
}

const nameIn = (dir: OfficeDirectory, personId: string) => dir.users.find((u) => u.id === personId)?.fullName ?? '?';

export const createDecision = defineCommand({
  name: 'createDecision',
  args: z.object({ id, caseId: id, typeCode: z.string().min(1).max(40), content: decisionContentSchema }),
  *read(a) {
    return { office: yield* ask.office(), theCase: yield* ask.case(a.caseId) };
  },
  decide(s, a, env) {
    allowRoles(env.actor, CASE_ROLES, 'przygotowanie projektu decyzji');
    if (!decisionType(a.typeCode)) throw fail('DECISION_TYPE_UNKNOWN_CODE', { code: a.typeCode });
    const c = visibleCase(s.theCase, ruleOffice(s.office, env), env);
    if (c.status === 'closed' || c.status === 'cancelled') throw fail('CASE_NOT_OPEN', { sign: caseLabel(c) });
    const at = env.now.toISOString();
    const row: DecisionRecord = {
      id: a.id,
      caseId: c.id,
      typeCode: a.typeCode,
      status: 'draft',
      currentVersion: 1,
      authorId: env.actor.id,
      approverId: null,
      approvalPath: null,
      approvalStage: null,
      templateVersion: null,
      year: null,
      seq: null,
      number: null,
      signedAt: null,
      signedPdfSha256: null,
      createdAt: at,
      updatedAt: at,
    };
    return [
      { kind: 'insert', table: 'decisions', rows: [row] },
      { kind: 'insert', table: 'decisionVersions', rows: [{ decisionId: a.id, version: 1, content: JSON.stringify(a.content), createdAt: at, createdBy: env.actor.id }] },
      // Drafting the decision is work on the case: a case still "założona" is "w toku" from now on
      // (its revision stays, so a colleague's open case window is not made stale by it).
      ...(c.status === 'opened' ? [{ kind: 'update' as const, table: 'cases' as const, ids: [c.id], set: { status: 'in_progress' as const, updatedAt: at } }] : []),
      caseEntry(c, { action: 'decision.drafted', data: { label: caseLabel(c), decisionId: a.id, typeName: typeName(a.typeCode), version: 1 } }),
    ];
  },
  describe: (s, a) => `Nowy projekt: ${typeName(a.typeCode)} (${s.theCase ? caseLabel(s.theCase) : '?'})`,
});

export const saveDecision = defineCommand({
  name: 'saveDecision',
  args: z.object({ id, expectedVersion: z.number().int().positive(), content: decisionContentSchema }),
  read: (a) => readDecision(a.id),
  decide(s, a, env) {
    allowRoles(env.actor, CASE_ROLES, 'edycja projektu decyzji');
    const { d, c, o } = visibleDecision(s, env);
    if (d.status !== 'draft' && d.status !== 'returned') throw fail('DECISION_NOT_EDITABLE');
    requireDraftWriter(env, d, c, o);
    if (d.currentVersion !== a.expectedVersion) throw fail('DECISION_STALE_VERSION', { version: d.currentVersion });
    const version = d.currentVersion + 1;
    const at = env.now.toISOString();
    return [
      { kind: 'insert', table: 'decisionVersions', rows: [{ decisionId: d.id, version, content: JSON.stringify(a.content), createdAt: at, createdBy: env.actor.id }] },
      { kind: 'update', table: 'decisions', ids: [d.id], set: { currentVersion: version, status: 'draft', updatedAt: at } },
      caseEntry(c, { action: 'decision.saved', data: { label: caseLabel(c), decisionId: d.id, typeName: typeName(d.typeCode), version } }),
    ];
  },
  describe: (s, a) => `Projekt ${s.theCase ? caseLabel(s.theCase) : '?'}, wersja ${String(a.expectedVersion + 1)}`,
});

export const submitDecision = defineCommand({
  name: 'submitDecision',
  args: z.object({ id }),
  *read(a) {
    const base = yield* readDecision(a.id);
    return { ...base, latest: base.decision ? yield* ask.decisionVersion(base.decision.id, base.decision.currentVersion) : null, settings: yield* ask.settings() };
  },
  decide(s, _a, env) {
    allowRoles(env.actor, CASE_ROLES, 'przekazanie projektu do akceptacji');
    const { d, c, o } = visibleDecision(s, env);
    if (d.status !== 'draft' && d.status !== 'returned') throw fail('DECISION_NOT_EDITABLE');
    requireDraftWriter(env, d, c, o);
    const content = decisionContentSchema.parse(JSON.parse(s.latest?.content ?? '{}'));
    const missing = missingElements(content, draftType(d.typeCode));
    if (missing.length > 0) throw fail('DECISION_INCOMPLETE', { list: missing.join(', ') });
    const path = approvalPathOf(settingsFrom(s.settings), c, d.typeCode, s.office, o);
    const approverId = path[0] ?? '';
    return [
      { kind: 'update', table: 'decisions', ids: [d.id], set: { status: 'submitted', approverId, approvalPath: JSON.stringify(path), approvalStage: 0, updatedAt: env.now.toISOString() } },
      caseEntry(c, {
        action: 'decision.submitted',
        data: { label: caseLabel(c), decisionId: d.id, typeName: typeName(d.typeCode), version: d.currentVersion, approverName: nameIn(s.office, approverId), pathNames: path.map((p) => nameIn(s.office, p)) },
      }),
    ];
  },
  describe: (s) => `Do akceptacji: projekt ${s.theCase ? caseLabel(s.theCase) : '?'}`,
});

export const reviewDecision = defineCommand({
  name: 'reviewDecision',
  args: z.object({ id, outcome: z.enum(['approved', 'returned']), remarks: z.string().max(5000).nullable() }),
  read: (a) => readDecision(a.id),
  decide(s, a, env) {
    const { d, c, o } = visibleDecision(s, env);
    if (d.status !== 'submitted') throw fail('DECISION_NOT_SUBMITTED');
    // The person the draft waits for, or their substitute today.
    if (!d.approverId || !visibleInboxOwners(env.actor.id, o.substitutions, o.today).includes(d.approverId)) throw fail('DECISION_NOT_YOUR_REVIEW');
    if (a.outcome === 'returned' && !a.remarks) throw fail('DECISION_REMARKS_REQUIRED');
    const at = env.now.toISOString();
    const path = storedPath(d);
    const stage = d.approvalStage ?? 0;
    const next = a.outcome === 'approved' ? afterApproval(path, stage) : null;
    const set: Partial<DecisionRecord> =
      next?.kind === 'next'
        ? { approverId: next.approverId, approvalStage: next.stage, updatedAt: at }
        : next?.kind === 'approved'
          ? { status: 'approved', updatedAt: at }
          : { status: 'returned', approverId: null, approvalStage: null, updatedAt: at };
    const approver = d.approverId === env.actor.id ? null : s.office.users.find((u) => u.id === d.approverId);
    const base = { label: caseLabel(c), decisionId: d.id, typeName: typeName(d.typeCode), version: d.currentVersion, stage, stages: path.length };
    return [
      { kind: 'insert', table: 'decisionReviews', rows: [{ decisionId: d.id, version: d.currentVersion, reviewerId: env.actor.id, outcome: a.outcome, remarks: a.remarks, at }] },
      { kind: 'update', table: 'decisions', ids: [d.id], set },
      caseEntry(
        c,
        a.outcome === 'approved'
          ? { action: 'decision.approved', data: { ...base, nextName: next?.kind === 'next' ? nameIn(s.office, next.approverId) : null } }
          : { action: 'decision.returned', data: { ...base, remarks: a.remarks ?? '' } },
        { onBehalfOf: approver ? { id: approver.id, fullName: approver.fullName } : null },
      ),
    ];
  },
  describe: (s, a) => `${a.outcome === 'approved' ? 'Akceptacja' : 'Zwrot'} projektu ${s.theCase ? caseLabel(s.theCase) : '?'}`,
});

/**
 * The decision-register number of an approved decision, taken before it is printed and signed
 * (the number is part of the signed text). Once taken it belongs to the decision: a signature
 * that failed is simply made again with it, and the register has no gaps. The server takes it
 * when a workstation asks (`POST /decisions/:id/number`); a workstation without one, itself.
 * Asked again, it changes nothing.
 */
export const numberDecision = defineCommand({
  name: 'numberDecision',
  args: z.object({ id }),
  read: (a) => readDecision(a.id),
  decide(s, _a, env): Effect[] {
    allowRoles(env.actor, ['head'], 'podpisanie decyzji');
    const { d, c } = visibleDecision(s, env);
    if (d.number !== null) return [];
    if (d.status !== 'approved') throw fail('DECISION_NOT_APPROVED');
    // A letter of the procedure (zawiadomienie, wezwanie) is not entered in the decision register.
    if (!numberedInRegister(decisionType(d.typeCode))) throw fail('DECISION_NOT_NUMBERED', { name: typeName(d.typeCode) });
    if (!c.sign) throw fail('DECISION_CASE_PROVISIONAL', { sign: caseLabel(c) });
    const year = warsawYear(env.now);
    const at = env.now.toISOString();
    return [
      { kind: 'update', table: 'decisions', ids: [d.id], set: { year, updatedAt: at } },
      { kind: 'number', table: 'decisions', id: d.id, scope: `${DECISION_REGISTER}/${String(year)}`, format: { kind: 'pattern', pattern: '{nr}/{rok}', year, at } },
      { ...caseEntry(c, { action: 'decision.numbered', data: { label: caseLabel(c), number: '?', decisionId: d.id } }), numbered: { number: d.id } },
    ];
  },
  describe: (s) => `Numer decyzji w sprawie ${s.theCase ? caseLabel(s.theCase) : '?'}`,
});

export const signDecision = defineCommand({
  name: 'signDecision',
  /**
   * The signed file of a decision numbered beforehand (a letter of the procedure has no number):
   * its blob, the template version printed, the letters to send.
   */
  args: z.object({
    id,
    number: z.string().min(1).max(30).nullable(),
    sha256,
    templateVersion: z.number().int().min(0),
    /** Who signed, as the certificate names them (for the metryka). */
    signerName: z.string().max(300).nullable().default(null),
    dispatch: z.array(z.object({ id, partyId: id.nullable(), addresseeName: z.string().max(300), addresseeAddress: z.string().max(500), seqInDecision: z.number().int().positive() })).max(50),
  }),
  *read(a) {
    const base = yield* readDecision(a.id);
    const known: string[] = [];
    for (const x of a.dispatch) if (x.partyId && (yield* ask.party(x.partyId))) known.push(x.partyId);
    return { ...base, stored: yield* ask.storedBlobs([a.sha256]), signedOver: yield* ask.signedOver(a.sha256), known };
  },
  decide(s, a, env) {
    allowRoles(env.actor, ['head'], 'podpisanie decyzji');
    const { d, c } = visibleDecision(s, env);
    if (d.status !== 'approved') throw fail('DECISION_NOT_APPROVED');
    // Signed with the number taken for it, and no other; a letter with none.
    const numbered = numberedInRegister(decisionType(d.typeCode));
    if (numbered ? d.number === null || d.number !== a.number : a.number !== null) throw fail('DECISION_NUMBER_MISMATCH', { number: a.number ?? '—' });
    const document = documentName(d.typeCode, a.number);
    if (!s.stored.includes(a.sha256)) throw fail('SCAN_NOT_STAGED', { fileName: document });
    // The file must be this decision, signed: a signature that verifies over the revision naming
    // it and its number. Any other file (or one signed over another decision) is not its original.
    if (!signedOverIs(s.signedOver, d.id, a.number)) throw fail('DECISION_SIGNED_FILE_MISMATCH', { document });
    const at = env.now.toISOString();
    const subject = a.number ? `Decyzja nr ${a.number}: ${typeName(d.typeCode)} (${caseLabel(c)})` : `${typeName(d.typeCode)} (${caseLabel(c)})`;
    const ref = { documentRef: document };
    const effects: Effect[] = [
      { kind: 'update', table: 'decisions', ids: [d.id], set: { status: 'signed', signedAt: at, signedPdfSha256: a.sha256, templateVersion: a.templateVersion, updatedAt: at } },
      // Signing hands the decision to the registry: one letter to send per addressee.
      {
        kind: 'insert',
        table: 'dispatchItems',
        rows: a.dispatch.map((x) => ({
          id: x.id,
          decisionId: d.id,
          caseId: c.id,
          unitId: c.unitId,
          partyId: x.partyId && s.known.includes(x.partyId) ? x.partyId : null,
          addresseeName: x.addresseeName,
          addresseeAddress: x.addresseeAddress,
          subject,
          documentSha256: a.sha256,
          status: 'awaiting',
          channel: null,
          correspondenceId: null,
          collectedBy: null,
          createdAt: at,
          updatedAt: at,
          seqInDecision: x.seqInDecision,
        })),
      },
      caseEntry(c, { action: 'decision.signed', data: { label: caseLabel(c), number: a.number, document, signerName: a.signerName, sha256: a.sha256 } }, ref),
    ];
    if (a.dispatch.length > 0) effects.push(caseEntry(c, { action: 'dispatch.created', data: { label: caseLabel(c), number: a.number, document, names: a.dispatch.map((x) => x.addresseeName) } }, ref));
    return effects;
  },
  describe: (s, a) => `Podpis: ${s.decision ? documentName(s.decision.typeCode, a.number) : `decyzja nr ${a.number ?? '?'}`} (${s.theCase ? caseLabel(s.theCase) : '?'})`,
});
