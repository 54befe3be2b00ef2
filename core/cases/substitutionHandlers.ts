import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { SubstitutionView } from '#core/contract';
import { requireUser } from '#core/services/access';
import { execute } from '#core/services/execute';
import { fail } from '#core/errors';
import { officeContext } from '#core/cases/office';
import { coversDay, type Substitution } from '#core/cases/substitution';
import type { CalendarDate } from '#core/deadlines/holidays';
import { cancelSubstitution, createSubstitution } from '#core/commands/substitutions';
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
    const user = requireUser(ctx);
    const id = crypto.randomUUID();
    execute(ctx, user, createSubstitution, { id, substituteId: input.substituteId, forUserId: input.forUserId, from: input.from, to: input.to });
    const office = officeContext(ctx, user);
    const made = office.substitutions.find((s) => s.id === id);
    if (!made) throw fail('SUBSTITUTION_NOT_FOUND');
    return view(ctx, made, office.today);
  },
  'substitutions.cancel': (ctx, { id }) => {
    execute(ctx, requireUser(ctx), cancelSubstitution, { id });
    return { ok: true as const };
  },
} satisfies Handlers<'substitutions.list' | 'substitutions.create' | 'substitutions.cancel'>;
