import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { Directory } from '#core/contract';
import { requireRole, requireUser } from '#core/services/access';
import { execute } from '#core/services/execute';
import { addPerson, addUnit, changePerson, changeUnit } from '#core/commands/directory';
import { getUser, wholeDirectory } from '#db/directory';

function directory(ctx: Ctx): Directory {
  return wholeDirectory(ctx.store);
}

/**
 * The administrator's screens for units and people; every change is a command, whose rule
 * decides who may make it (core/commands/directory.ts).
 */
export const directoryHandlers = {
  'directory.list': (ctx) => {
    requireRole(ctx, ['admin'], 'przegląd ludzi i komórek');
    return directory(ctx);
  },
  'directory.addUnit': (ctx, a) => {
    execute(ctx, requireUser(ctx), addUnit, { id: crypto.randomUUID(), ...a });
    return directory(ctx);
  },
  'directory.changeUnit': (ctx, a) => {
    execute(ctx, requireUser(ctx), changeUnit, a);
    return directory(ctx);
  },
  'directory.addPerson': (ctx, a) => {
    execute(ctx, requireUser(ctx), addPerson, { id: crypto.randomUUID(), ...a });
    return directory(ctx);
  },
  'directory.changePerson': (ctx, a) => {
    const user = requireUser(ctx);
    execute(ctx, user, changePerson, a);
    // Their own name or position changed: what they sign from now on says it.
    if (a.id === user.id) ctx.session.user = getUser(ctx.store, user.id);
    return directory(ctx);
  },
} satisfies Handlers<'directory.list' | 'directory.addUnit' | 'directory.changeUnit' | 'directory.addPerson' | 'directory.changePerson'>;
