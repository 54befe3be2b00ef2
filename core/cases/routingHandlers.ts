import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import { requireRole } from '#core/services/access';
import { runCommand, type CommandScope } from '#core/services/commands';
import { fail } from '#core/errors';
import { valueOrThrow } from '#core/checkResult';
import { officeContext, personById } from '#core/cases/office';
import { checkForwarding, checkReturnToRegistry, toRuleAssignment, type RoutedItem, type RoutingPlan } from '#core/cases/dekretacja';
import { incomingDetail, labelOf } from '#core/intake/handlers';
import { getCorrespondence, updateCorrespondence } from '#db/correspondenceRepo';
import { assignmentsOf, setAssignmentState } from '#db/assignmentRepo';
import { casesOfItem } from '#db/caseRepo';
import { getUser, listUnits } from '#db/directory';

type Routing = { itemId: string; reason: string; actingForId: string | null };

/**
 * Przekazanie and return share one shape: check with the rule, move the item to its new unit,
 * end its assignments, and record who did it and why. One command, one transaction.
 */
function route(
  ctx: Ctx,
  user: User,
  name: string,
  input: Routing,
  check: (item: RoutedItem, office: ReturnType<typeof officeContext>) => RoutingPlan,
  toUnit: (plan: RoutingPlan, registeredBy: string) => string,
  summary: (label: string, unitSymbol: string, reason: string) => string,
  push: (cmd: CommandScope, label: string) => void,
) {
  runCommand(ctx, user, name, input, (cmd) => {
    const row = getCorrespondence(ctx.store, input.itemId);
    if (!row) throw fail('CORRESPONDENCE_NOT_FOUND');
    const office = officeContext(ctx, user);
    const active = assignmentsOf(ctx.store, row.id).filter((a) => a.state === 'active');
    const item: RoutedItem = { id: row.id, unitId: row.unitId, caseId: casesOfItem(ctx.store, row.id)[0]?.id ?? null, assignments: active.map(toRuleAssignment) };
    const plan = check(item, office);
    const unitId = toUnit(plan, row.registeredBy);
    const symbol = listUnits(ctx.store).find((u) => u.id === unitId)?.symbol ?? '?';
    setAssignmentState(ctx.store, plan.endsAssignments, 'withdrawn');
    updateCorrespondence(ctx.store, row.id, { unitId, revision: row.revision + 1, updatedAt: cmd.nowIso });
    push(cmd, labelOf(row));
    const actingFor = personById(office, plan.actingForId);
    cmd.event({
      action: `correspondence.${name}`,
      entityType: 'correspondence',
      entityId: row.id,
      documentRef: labelOf(row),
      summary: summary(labelOf(row), symbol, plan.reason),
      data: { from: plan.fromUnitId, to: unitId, reason: plan.reason },
      onBehalfOf: actingFor ? { id: actingFor.id, fullName: actingFor.fullName } : null,
    });
  });
  return incomingDetail(ctx, input.itemId);
}

export const routingHandlers = {
  'dekretacja.forward': (ctx, input) => {
    const user = requireRole(ctx, ['head'], 'przekazanie pisma');
    return route(
      ctx,
      user,
      'forwarded',
      input,
      (item, office) => valueOrThrow(checkForwarding({ ...office, actingFor: personById(office, input.actingForId), item, toUnitId: input.toUnitId, reason: input.reason })),
      (plan) => plan.toUnitId ?? input.toUnitId,
      (label, symbol, reason) => `Przekazano ${label} do komórki ${symbol}: ${reason}`,
      (cmd, label) => cmd.push('forwardItem', { itemId: input.itemId, toUnitId: input.toUnitId, reason: input.reason, actingForId: input.actingForId }, `Przekazanie ${label}`),
    );
  },
  'dekretacja.returnToRegistry': (ctx, input) => {
    const user = requireRole(ctx, ['head'], 'zwrot pisma do kancelarii');
    return route(
      ctx,
      user,
      'returned',
      input,
      (item, office) => valueOrThrow(checkReturnToRegistry({ ...office, actingFor: personById(office, input.actingForId), item, reason: input.reason })),
      // Back to the registry office that registered it, which routes it again.
      (_plan, registeredBy) => getUser(ctx.store, registeredBy)?.unitId ?? user.unitId,
      (label, symbol, reason) => `Zwrócono ${label} do kancelarii (${symbol}) jako błędnie skierowane: ${reason}`,
      (cmd, label) => cmd.push('returnItem', { itemId: input.itemId, reason: input.reason, actingForId: input.actingForId }, `Zwrot ${label} do kancelarii`),
    );
  },
} satisfies Handlers<'dekretacja.forward' | 'dekretacja.returnToRegistry'>;
