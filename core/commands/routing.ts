/**
 * Routing commands: dekretacja (to people, with an instruction), przekazanie to another unit
 * and return to the registry. Defined once (engine.ts); the rules are core/cases/dekretacja's.
 */
import { z } from 'zod';
import { instructionSchema } from '#core/contract';
import { fail } from '#core/errors';
import { valueOrThrow } from '#core/checkResult';
import { checkAssignment, checkForwarding, checkReturnToRegistry, toRuleAssignment, type RoutedItem, type RoutingPlan } from '#core/cases/dekretacja';
import type { CalendarDate, Person } from '#core/cases/substitution';
import { ask, defineCommand, type CommandEnv } from '#core/commands/engine';
import { allowRoles, labelOf, ruleOffice, type RuleOffice, letterEntry, visibleLetter } from '#core/commands/office';
import type { Effect } from '#core/commands/effects';
import type { AssignmentRecord, LetterRecord } from '#core/commands/records';
import type { OfficeDirectory } from '#core/commands/reads';

const id = z.uuid();

function personIn(o: RuleOffice, personId: string | null): Person | null {
  if (personId === null) return null;
  const p = o.users.find((u) => u.id === personId);
  return p ? { id: p.id, fullName: p.fullName, role: p.role, unitId: p.unitId } : null;
}

export const assignItem = defineCommand({
  name: 'assignItem',
  args: z.object({
    itemId: id,
    /** Ids for the assignments it creates, in the order of `userIds`. */
    assignmentIds: z.array(id).min(1).max(50),
    userIds: z.array(id).min(1).max(50),
    instruction: instructionSchema,
    deadline: z.iso.date().nullable(),
    note: z.string().max(2000).nullable(),
    actingForId: id.nullable(),
  }),
  *read(a) {
    return { letter: yield* ask.letter(a.itemId), office: yield* ask.office(), active: yield* ask.activeAssignments(a.itemId), caseId: yield* ask.caseOfLetter(a.itemId) };
  },
  decide(s, a, env) {
    allowRoles(env.actor, ['head', 'clerk'], 'dekretacja');
    const o = ruleOffice(s.office, env);
    const item = visibleLetter(s.letter, o, env);
    // Once a case is opened from a letter, the case is what moves, not the letter.
    if (s.caseId !== null) throw fail('FORWARD_CASE_OPENED');
    const actingFor = personIn(o, a.actingForId);
    const plan = valueOrThrow(
      checkAssignment({
        ...o,
        actingFor,
        item: { id: item.id, unitId: item.unitId, assignments: s.active.map(toRuleAssignment) },
        targets: a.userIds.map((userId) => ({ kind: 'user' as const, userId })),
        instruction: a.instruction,
        deadline: a.deadline as CalendarDate | null,
        note: a.note,
      }),
    );
    if (plan.create.length !== a.assignmentIds.length) throw fail('INVALID_INPUT', { detail: 'liczba identyfikatorów dekretacji nie zgadza się z liczbą osób' });
    const at = env.now.toISOString();
    const rows: AssignmentRecord[] = plan.create.map((x, i) => ({
      id: a.assignmentIds[i] ?? '',
      correspondenceId: item.id,
      assignedBy: x.assignedBy,
      onBehalfOf: x.onBehalfOf,
      assigneeUserId: x.assignedTo.kind === 'user' ? x.assignedTo.userId : null,
      assigneeUnitId: x.assignedTo.kind === 'unit' ? x.assignedTo.unitId : null,
      instruction: x.instruction,
      deadline: x.deadline,
      note: x.note,
      at,
      state: 'active',
    }));
    const names = rows.map((r) => o.users.find((u) => u.id === r.assigneeUserId)?.fullName ?? '?');
    return [
      { kind: 'update', table: 'assignments', ids: plan.replaces, set: { state: 'withdrawn' } },
      { kind: 'insert', table: 'assignments', rows },
      { kind: 'update', table: 'correspondence', ids: [item.id], set: { updatedAt: at } },
      letterEntry(item, { action: 'correspondence.assigned', data: { label: labelOf(item), targets: a.userIds, names, instruction: a.instruction, deadline: a.deadline, note: a.note } }, { onBehalfOf: actingFor ? { id: actingFor.id, fullName: actingFor.fullName } : null }),
    ];
  },
  describe: (s, a) => `Dekretacja ${s.letter ? labelOf(s.letter) : '?'}: ${a.userIds.map((u) => s.office.users.find((p) => p.id === u)?.fullName ?? '?').join(', ')}`,
});

type RoutingSnapshot = { letter: LetterRecord | null; office: OfficeDirectory; active: AssignmentRecord[]; caseId: string | null };

function* readRouting(itemId: string) {
  const snapshot: RoutingSnapshot = { letter: yield* ask.letter(itemId), office: yield* ask.office(), active: yield* ask.activeAssignments(itemId), caseId: yield* ask.caseOfLetter(itemId) };
  return snapshot;
}

/**
 * Przekazanie and return share one shape: check with the rule, move the letter to its new unit
 * with its history, end its assignments, and record who did it and why.
 */
function route(s: RoutingSnapshot, env: CommandEnv, actingForId: string | null, kind: 'forwarded' | 'returned', check: (o: RuleOffice, actingFor: Person | null, item: RoutedItem) => RoutingPlan): Effect[] {
  allowRoles(env.actor, ['head'], kind === 'forwarded' ? 'przekazanie pisma' : 'zwrot pisma do kancelarii');
  const o = ruleOffice(s.office, env);
  const letter = visibleLetter(s.letter, o, env);
  const actingFor = personIn(o, actingForId);
  const plan = check(o, actingFor, { id: letter.id, unitId: letter.unitId, caseId: s.caseId, assignments: s.active.map(toRuleAssignment) });
  // A return goes back to the registry office that registered the letter, which routes it again.
  const unitId = plan.toUnitId ?? o.users.find((u) => u.id === letter.registeredBy)?.unitId ?? env.actor.unitId;
  const toSymbol = o.units.find((u) => u.id === unitId)?.symbol ?? '?';
  const at = env.now.toISOString();
  return [
    { kind: 'update', table: 'assignments', ids: plan.endsAssignments, set: { state: 'withdrawn' } },
    { kind: 'update', table: 'correspondence', ids: [letter.id], set: { unitId, revision: letter.revision + 1, updatedAt: at } },
    // The receiving unit gets the letter's whole history, not only what happens next.
    { kind: 'rehome', entityType: 'correspondence', entityId: letter.id, fromUnitId: letter.unitId, unitId },
    {
      kind: 'metryka',
      entityType: 'correspondence',
      entityId: letter.id,
      unitId,
      documentRef: labelOf(letter),
      onBehalfOf: actingFor ? { id: actingFor.id, fullName: actingFor.fullName } : null,
      entry: { action: kind === 'forwarded' ? 'correspondence.forwarded' : 'correspondence.returned', data: { label: labelOf(letter), from: plan.fromUnitId, to: unitId, toSymbol, reason: plan.reason } },
    },
  ];
}

export const forwardItem = defineCommand({
  name: 'forwardItem',
  args: z.object({ itemId: id, toUnitId: id, reason: z.string().min(3).max(1000), actingForId: id.nullable() }),
  read: (a) => readRouting(a.itemId),
  decide: (s, a, env) => route(s, env, a.actingForId, 'forwarded', (o, actingFor, item) => valueOrThrow(checkForwarding({ ...o, actingFor, item, toUnitId: a.toUnitId, reason: a.reason }))),
  describe: (s) => `Przekazanie ${s.letter ? labelOf(s.letter) : '?'}`,
});

export const returnItem = defineCommand({
  name: 'returnItem',
  args: z.object({ itemId: id, reason: z.string().min(3).max(1000), actingForId: id.nullable() }),
  read: (a) => readRouting(a.itemId),
  decide: (s, a, env) => route(s, env, a.actingForId, 'returned', (o, actingFor, item) => valueOrThrow(checkReturnToRegistry({ ...o, actingFor, item, reason: a.reason }))),
  describe: (s) => `Zwrot ${s.letter ? labelOf(s.letter) : '?'} do kancelarii`,
});
