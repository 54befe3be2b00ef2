/**
 * An incoming letter named as what it is to a decision: a party's appeal (odwołanie, KPA art.
 * 127) or its waiver of the right to appeal (art. 127a). Finality reads these marks
 * (core/decisions/finalityView.ts): an appeal on time stops the decision becoming final, a
 * waiver ends that party's period. Defined once (engine.ts).
 *
 * The registry marks it as it registers the letter ("odwołanie od decyzji nr …" is written on
 * it), or the case's clerk or head does when they read it. An appeal belongs in the case's file
 * even of a case already closed, so marking files the letter there if it is in no case yet.
 */
import { z } from 'zod';
import { appealKindSchema } from '#core/contract';
import { fail } from '#core/errors';
import { valueOrThrow } from '#core/checkResult';
import { ask, defineCommand } from '#core/commands/engine';
import { allowRoles, labelOf, letterEntry, ruleOffice, visibleCase, visibleLetter } from '#core/commands/office';
import { CASE_ROLES, caseEntry, caseGrant, caseLabel, onBehalfOf } from '#core/commands/cases';
import { REGISTRY_ROLES } from '#core/commands/intake';
import { decisionType } from '#core/decisions/prefill';
import type { Effect } from '#core/commands/effects';

const id = z.uuid();

export const markAppeal = defineCommand({
  name: 'markAppeal',
  args: z.object({
    letterId: id,
    /** The decision and the party; null takes a wrong mark off. */
    mark: z.object({ decisionId: id, kind: appealKindSchema, partyId: id }).nullable(),
  }),
  *read(a) {
    const letter = yield* ask.letter(a.letterId);
    const holdingId = yield* ask.caseOfLetter(a.letterId);
    const decisionId = a.mark?.decisionId ?? letter?.appealDecisionId ?? null;
    const decision = decisionId === null ? null : yield* ask.decision(decisionId);
    return {
      office: yield* ask.office(),
      letter,
      holdingId,
      decision,
      theCase: decision ? yield* ask.case(decision.caseId) : null,
      items: decision ? yield* ask.dispatchItemsOf(decision.id) : [],
    };
  },
  decide(s, a, env): Effect[] {
    allowRoles(env.actor, [...REGISTRY_ROLES, ...CASE_ROLES], 'wskazanie odwołania');
    const o = ruleOffice(s.office, env);
    const letter = visibleLetter(s.letter, o, env);
    const label = labelOf(letter);
    if (letter.direction !== 'in') throw fail('APPEAL_NOT_INCOMING', { label });
    if (letter.status === 'cancelled') throw fail('ALREADY_CANCELLED');
    if (!s.decision) throw a.mark ? fail('DECISION_NOT_FOUND') : fail('APPEAL_NOT_MARKED', { label });
    const d = s.decision;
    const c = visibleCase(s.theCase, o, env);
    // The registry marks what it reads on the letter; in the case, its clerk or head does.
    const registry = (REGISTRY_ROLES as readonly string[]).includes(env.actor.role);
    const who = registry ? null : onBehalfOf(o, valueOrThrow(caseGrant(o, c, 'start')));
    if (s.holdingId !== null && s.holdingId !== c.id) throw fail('APPEAL_LETTER_IN_OTHER_CASE', { label });
    const number = d.number ?? '?';
    const at = env.now.toISOString();
    const effects: Effect[] = [];
    if (a.mark === null) {
      if (letter.appealDecisionId === null) throw fail('APPEAL_NOT_MARKED', { label });
      effects.push(
        { kind: 'update', table: 'correspondence', ids: [letter.id], set: { appealDecisionId: null, appealKind: null, appealPartyId: null, revision: letter.revision + 1, updatedAt: at } },
        letterEntry(letter, { action: 'correspondence.appealUnmarked', data: { label, decisionNumber: number } }, { onBehalfOf: who }),
        caseEntry(c, { action: 'case.appealUnmarked', data: { label, caseLabel: caseLabel(c), decisionNumber: number } }, { documentRef: label, onBehalfOf: who }),
      );
      return effects;
    }
    const mark = a.mark;
    // Only a signed decision reaches the parties; a certificate or a procedural letter has no appeal.
    if (d.status !== 'signed' || decisionType(d.typeCode)?.kind !== 'decision') throw fail('APPEAL_DECISION_NOT_SIGNED');
    const addressed = s.items.find((i) => i.partyId === mark.partyId && i.status !== 'cancelled');
    if (!addressed) throw fail('APPEAL_PARTY_NOT_ADDRESSEE', { number });
    if (letter.appealDecisionId === mark.decisionId && letter.appealKind === mark.kind && letter.appealPartyId === mark.partyId) throw fail('APPEAL_ALREADY_MARKED', { label, number });
    effects.push({ kind: 'update', table: 'correspondence', ids: [letter.id], set: { appealDecisionId: mark.decisionId, appealKind: mark.kind, appealPartyId: mark.partyId, revision: letter.revision + 1, updatedAt: at } });
    if (s.holdingId === null) {
      effects.push(
        { kind: 'insert', table: 'caseItems', rows: [{ caseId: c.id, correspondenceId: letter.id, initiating: false, linkedAt: at, linkedBy: env.actor.id }] },
        letterEntry(letter, { action: 'correspondence.linked', data: { label, caseLabel: caseLabel(c), caseId: c.id, initiating: false } }, { onBehalfOf: who }),
      );
    }
    const data = { label, caseLabel: caseLabel(c), decisionNumber: number, kind: mark.kind, partyName: addressed.addresseeName };
    effects.push(
      letterEntry(letter, { action: 'correspondence.appealMarked', data }, { onBehalfOf: who }),
      caseEntry(c, { action: 'case.appealMarked', data }, { documentRef: label, onBehalfOf: who }),
    );
    return effects;
  },
  describe: (s, a) => `${a.mark?.kind === 'waiver' ? 'Zrzeczenie się odwołania' : 'Odwołanie'}: ${s.letter ? labelOf(s.letter) : '?'}`,
});

/**
 * The clause of finality (klauzula ostateczności) placed on a copy of a final decision: the
 * case's metryka records who issued it, with the day of finality it states. The day is the
 * finality view's (core/decisions/finalityView.ts), computed by the handler that prints the copy.
 */
export const issueFinalityClause = defineCommand({
  name: 'issueFinalityClause',
  args: z.object({ decisionId: id, finalOn: z.iso.date() }),
  *read(a) {
    const decision = yield* ask.decision(a.decisionId);
    return { office: yield* ask.office(), decision, theCase: decision ? yield* ask.case(decision.caseId) : null };
  },
  decide(s, a, env): Effect[] {
    allowRoles(env.actor, [...REGISTRY_ROLES, ...CASE_ROLES], 'klauzula ostateczności');
    const o = ruleOffice(s.office, env);
    if (!s.decision) throw fail('DECISION_NOT_FOUND');
    const c = visibleCase(s.theCase, o, env);
    const number = s.decision.number ?? '?';
    if (s.decision.status !== 'signed' || decisionType(s.decision.typeCode)?.kind !== 'decision') throw fail('FINALITY_NOT_A_DECISION');
    if (a.finalOn > env.now.toISOString().slice(0, 10)) throw fail('FINALITY_NOT_YET', { number, status: 'jeszcze nieostateczna' });
    return [caseEntry(c, { action: 'case.finalityClauseIssued', data: { caseLabel: caseLabel(c), decisionNumber: number, finalOn: a.finalOn } }, { documentRef: number })];
  },
  describe: (s) => `Klauzula ostateczności: decyzja ${s.decision?.number ?? '?'}`,
});
