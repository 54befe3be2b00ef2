import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { SubstitutionView } from '#core/contract';
import { requireRole, requireUser } from '#core/services/access';
import { runCommand } from '#core/services/commands';
import { fail } from '#core/errors';
import { valueOrThrow } from '#core/checkResult';
import { officeContext } from '#core/cases/office';
import { checkSubstitution, coversDay, headsUnit, type Substitution } from '#core/cases/substitution';
import type { CalendarDate } from '#core/deadlines/holidays';
import { cancelSubstitution, insertSubstitution, listSubstitutions } from '#db/assignmentRepo';
import { getUser } from '#db/directory';

function view(ctx: Ctx, s: Substitution, today: CalendarDate): SubstitutionView {
  return {
    id: s.id,
    substituteId: s.substituteId,
    substituteName: getUser(ctx.store, s.substituteId)?.fullName ?? '?',
    forUserId: s.forUserId,
    forUserName: getUser(ctx.store, s.forUserId)?.fullName ?? '?',
    from: s.from,
    to: s.to,
    createdByName: getUser(ctx.store, s.createdBy)?.fullName ?? '?',
    active: coversDay(s, today),
  };
}

export const substitutionHandlers = {
  'substitutions.list': (ctx) => {
    const user = requireUser(ctx);
    const office = officeContext(ctx, user);
    return office.substitutions.filter((s) => s.to >= office.today).map((s) => view(ctx, s, office.today));
  },
  'substitutions.create': (ctx, input) => {
    const user = requireRole(ctx, ['head', 'admin'], 'ustanowienie zastępstwa');
    const office = officeContext(ctx, user);
    const candidate: Substitution = { id: crypto.randomUUID(), substituteId: input.substituteId, forUserId: input.forUserId, from: input.from as CalendarDate, to: input.to as CalendarDate, createdBy: user.id };
    runCommand(ctx, user, 'createSubstitution', input, (cmd) => {
      const ok = valueOrThrow(checkSubstitution(candidate, office.substitutions, { actor: office.actor, today: office.today, users: office.users, units: office.units }));
      insertSubstitution(ctx.store, { id: ok.id, substituteId: ok.substituteId, forUserId: ok.forUserId, fromOn: ok.from, toOn: ok.to, createdBy: user.id, createdAt: cmd.nowIso, cancelledAt: null });
      cmd.push('createSubstitution', { id: ok.id, substituteId: ok.substituteId, forUserId: ok.forUserId, from: ok.from, to: ok.to }, 'Nowe zastępstwo');
      const v = view(ctx, ok, office.today);
      cmd.event({ action: 'substitution.created', entityType: 'user', entityId: ok.forUserId, summary: `Zastępstwo: ${v.substituteName} w zastępstwie: ${v.forUserName}, od ${ok.from} do ${ok.to}` });
    });
    return view(ctx, candidate, office.today);
  },
  'substitutions.cancel': (ctx, { id }) => {
    const user = requireRole(ctx, ['head', 'admin'], 'odwołanie zastępstwa');
    const office = officeContext(ctx, user);
    const s = listSubstitutions(ctx.store).find((x) => x.id === id);
    if (!s) throw fail('SUBSTITUTION_NOT_FOUND');
    const absent = office.users.find((u) => u.id === s.forUserId);
    // The same people who may set a substitution may call it off.
    if (user.role !== 'admin' && !(absent && headsUnit(office.actor, absent.unitId, office.units))) throw fail('SUBSTITUTION_FORBIDDEN', { absent: absent?.fullName ?? '?' });
    runCommand(ctx, user, 'cancelSubstitution', { id }, (cmd) => {
      cancelSubstitution(ctx.store, id, cmd.nowIso);
      cmd.push('cancelSubstitution', { id }, 'Odwołanie zastępstwa');
      cmd.event({ action: 'substitution.cancelled', entityType: 'user', entityId: s.forUserId, summary: `Odwołano zastępstwo ${getUser(ctx.store, s.substituteId)?.fullName ?? '?'} za ${absent?.fullName ?? '?'}` });
    });
    return { ok: true as const };
  },
} satisfies Handlers<'substitutions.list' | 'substitutions.create' | 'substitutions.cancel'>;
