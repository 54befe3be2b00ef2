/**
 * Work on a case's file besides its status: who takes part in it (parties added and taken off),
 * documents put into the file, notes, and opinions asked of colleagues and given. Defined once
 * (engine.ts); every one of them is a metryka entry of the case.
 */
import { z } from 'zod';
import { fail } from '#core/errors';
import { valueOrThrow } from '#core/checkResult';
import { casePartyRoleLabels } from '#core/i18n/labels.pl';
import { ask, defineCommand } from '#core/commands/engine';
import { allowRoles, ruleOffice, visibleCase, visibleUnits, type RuleOffice } from '#core/commands/office';
import { CASE_ROLES, caseEntry, caseGrant, caseLabel, onBehalfOf } from '#core/commands/cases';
import type { Effect } from '#core/commands/effects';
import type { CasePartyRecord, CaseRecord } from '#core/commands/records';
import type { CommandEnv } from '#core/commands/engine';

const id = z.uuid();
export const casePartyRoleSchema = z.enum(['strona', 'wnioskodawca', 'pelnomocnik', 'uczestnik']);

/** The case, if the actor works it (owner, head, their substitutes) and it is still open; and in whose name. */
function workedCase(theCase: CaseRecord | null, o: RuleOffice, env: CommandEnv) {
  const c = visibleCase(theCase, o, env);
  const who = onBehalfOf(o, valueOrThrow(caseGrant(o, c, 'start')));
  if (c.status === 'closed' || c.status === 'cancelled') throw fail('CASE_NOT_OPEN', { sign: caseLabel(c) });
  return { c, who };
}

const current = (rows: readonly CasePartyRecord[], partyId: string) => rows.find((r) => r.partyId === partyId && r.removedAt === null) ?? null;

export const addCaseParty = defineCommand({
  name: 'addCaseParty',
  args: z.object({ caseId: id, partyId: id, role: casePartyRoleSchema }),
  *read(a) {
    return { office: yield* ask.office(), theCase: yield* ask.case(a.caseId), party: yield* ask.party(a.partyId), parties: yield* ask.partiesOfCase(a.caseId) };
  },
  decide(s, a, env) {
    allowRoles(env.actor, CASE_ROLES, 'dodanie strony sprawy');
    const { c, who } = workedCase(s.theCase, ruleOffice(s.office, env), env);
    if (!s.party) throw fail('PARTY_NOT_FOUND');
    if (current(s.parties, a.partyId)) throw fail('CASE_PARTY_PRESENT', { name: s.party.name });
    const at = env.now.toISOString();
    // A party taken off earlier comes back on the same row: the metryka keeps both changes.
    return [
      { kind: 'caseParty', row: { caseId: c.id, partyId: a.partyId, role: a.role, addedAt: at, removedAt: null, removedBy: null, removalReason: null } },
      caseEntry(c, { action: 'case.partyAdded', data: { label: caseLabel(c), name: s.party.name, role: casePartyRoleLabels[a.role] } }, { onBehalfOf: who }),
    ];
  },
  describe: (s) => `Nowa strona ${s.party?.name ?? '?'} w sprawie ${s.theCase ? caseLabel(s.theCase) : '?'}`,
});

export const removeCaseParty = defineCommand({
  name: 'removeCaseParty',
  args: z.object({ caseId: id, partyId: id, reason: z.string().trim().min(1).max(1000) }),
  *read(a) {
    return { office: yield* ask.office(), theCase: yield* ask.case(a.caseId), party: yield* ask.party(a.partyId), parties: yield* ask.partiesOfCase(a.caseId) };
  },
  decide(s, a, env) {
    allowRoles(env.actor, CASE_ROLES, 'usunięcie strony sprawy');
    const { c, who } = workedCase(s.theCase, ruleOffice(s.office, env), env);
    const row = current(s.parties, a.partyId);
    if (!row || !s.party) throw fail('CASE_PARTY_ABSENT', { name: s.party?.name ?? '?' });
    return [
      { kind: 'caseParty', row: { ...row, removedAt: env.now.toISOString(), removedBy: env.actor.id, removalReason: a.reason } },
      caseEntry(c, { action: 'case.partyRemoved', data: { label: caseLabel(c), name: s.party.name, role: casePartyRoleLabels[row.role], reason: a.reason } }, { onBehalfOf: who }),
    ];
  },
  describe: (s) => `Usunięcie strony ${s.party?.name ?? '?'} ze sprawy ${s.theCase ? caseLabel(s.theCase) : '?'}`,
});

/** A file put into the case's akta (already stored by its hash, as scans are). */
export const addCaseDocument = defineCommand({
  name: 'addCaseDocument',
  args: z.object({ id, caseId: id, sha256: z.string().regex(/^[0-9a-f]{64}$/), fileName: z.string().min(1).max(255), title: z.string().trim().min(1).max(300) }),
  *read(a) {
    return { office: yield* ask.office(), theCase: yield* ask.case(a.caseId), stored: yield* ask.storedBlobs([a.sha256]) };
  },
  decide(s, a, env) {
    allowRoles(env.actor, CASE_ROLES, 'dołączenie dokumentu do akt sprawy');
    const { c, who } = workedCase(s.theCase, ruleOffice(s.office, env), env);
    if (!s.stored.includes(a.sha256)) throw fail('SCAN_NOT_STAGED', { fileName: a.fileName });
    const at = env.now.toISOString();
    return [
      { kind: 'insert', table: 'caseDocuments', rows: [{ id: a.id, caseId: c.id, sha256: a.sha256, fileName: a.fileName, title: a.title, addedAt: at, addedBy: env.actor.id }] },
      caseEntry(c, { action: 'case.documentAdded', data: { label: caseLabel(c), title: a.title, fileName: a.fileName, documentId: a.id, sha256: a.sha256 } }, { onBehalfOf: who }),
    ];
  },
  describe: (s, a) => `Dokument „${a.title}” w aktach ${s.theCase ? caseLabel(s.theCase) : '?'}`,
});

/**
 * Whom an opinion on the case may be asked of: an active clerk or head, other than the one
 * asking, who can read the case (its unit, or a unit above it).
 */
export function opinionColleagues(o: RuleOffice, c: Pick<CaseRecord, 'unitId'>, askingId: string): RuleOffice['users'] {
  return o.users.filter((u) => {
    if (!u.active || (u.role !== 'clerk' && u.role !== 'head') || u.id === askingId) return false;
    const reads = visibleUnits(u, o);
    return reads === null || reads.has(c.unitId);
  });
}

/**
 * Who works the case asks a colleague who can read it (its unit, or a unit above) for an opinion.
 * The request waits in the colleague's "Do zaopiniowania" until they write their opinion.
 */
export const requestOpinion = defineCommand({
  name: 'requestOpinion',
  args: z.object({ id, caseId: id, askedOf: id, question: z.string().trim().min(1).max(2000), dueOn: z.iso.date().nullable() }),
  *read(a) {
    return { office: yield* ask.office(), theCase: yield* ask.case(a.caseId), requests: yield* ask.opinionRequestsOf(a.caseId) };
  },
  decide(s, a, env) {
    allowRoles(env.actor, CASE_ROLES, 'prośba o opinię w sprawie');
    const o = ruleOffice(s.office, env);
    const { c, who } = workedCase(s.theCase, o, env);
    const colleague = opinionColleagues(o, c, env.actor.id).find((u) => u.id === a.askedOf);
    if (!colleague) throw fail('OPINION_COLLEAGUE_INVALID', { sign: caseLabel(c) });
    if (a.dueOn !== null && a.dueOn < o.today) throw fail('OPINION_DUE_PAST');
    if (s.requests.some((r) => r.askedOf === colleague.id && r.answeredAt === null)) throw fail('OPINION_ALREADY_ASKED', { name: colleague.fullName });
    return [
      { kind: 'insert', table: 'opinionRequests', rows: [{ id: a.id, caseId: c.id, askedBy: env.actor.id, askedOf: colleague.id, question: a.question, askedAt: env.now.toISOString(), dueOn: a.dueOn, answeredAt: null }] },
      caseEntry(c, { action: 'case.opinionRequested', data: { label: caseLabel(c), toName: colleague.fullName, question: a.question, dueOn: a.dueOn } }, { onBehalfOf: who }),
    ];
  },
  describe: (s) => `Prośba o opinię w sprawie ${s.theCase ? caseLabel(s.theCase) : '?'}`,
});

/**
 * A notatka służbowa (what was said on the phone, seen on site) by whoever works the case, or an
 * opinion by a colleague: written once into the case's metryka, never edited. An opinion answers
 * the requests that asked its author.
 */
export const addCaseNote = defineCommand({
  name: 'addCaseNote',
  args: z.object({ caseId: id, kind: z.enum(['note', 'opinion']), text: z.string().trim().min(1).max(4000) }),
  *read(a) {
    return { office: yield* ask.office(), theCase: yield* ask.case(a.caseId), requests: a.kind === 'opinion' ? yield* ask.opinionRequestsOf(a.caseId) : [] };
  },
  decide(s, a, env) {
    allowRoles(env.actor, CASE_ROLES, a.kind === 'note' ? 'notatka służbowa w sprawie' : 'opinia w sprawie');
    const o = ruleOffice(s.office, env);
    const c = visibleCase(s.theCase, o, env);
    // A note is the case's own work (its owner, the head, their substitutes); an opinion comes
    // from anyone of the unit who can read the case.
    const who = a.kind === 'note' ? onBehalfOf(o, valueOrThrow(caseGrant(o, c, 'start'))) : null;
    if (c.status === 'cancelled') throw fail('CASE_NOT_OPEN', { sign: caseLabel(c) });
    const answered = s.requests.filter((r) => r.askedOf === env.actor.id && r.answeredAt === null).map((r) => r.id);
    const effects: Effect[] = [caseEntry(c, { action: 'case.note', data: { label: caseLabel(c), kind: a.kind, text: a.text } }, { onBehalfOf: who })];
    if (answered.length > 0) effects.push({ kind: 'update', table: 'opinionRequests', ids: answered, set: { answeredAt: env.now.toISOString() } });
    return effects;
  },
  describe: (s, a) => `${a.kind === 'note' ? 'Notatka' : 'Opinia'} w sprawie ${s.theCase ? caseLabel(s.theCase) : '?'}`,
});
