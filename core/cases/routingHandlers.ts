import type { Handlers } from '#core/services/handlers';
import { requireUser } from '#core/services/access';
import { execute } from '#core/services/execute';
import { forwardItem, returnItem } from '#core/commands/routing';
import { incomingDetail } from '#core/intake/handlers';

/** Przekazanie to another unit and return to the registry: each one command (core/commands/routing). */
export const routingHandlers = {
  'dekretacja.forward': (ctx, input) => {
    execute(ctx, requireUser(ctx), forwardItem, { itemId: input.itemId, toUnitId: input.toUnitId, reason: input.reason, actingForId: input.actingForId });
    return incomingDetail(ctx, input.itemId);
  },
  'dekretacja.returnToRegistry': (ctx, input) => {
    execute(ctx, requireUser(ctx), returnItem, { itemId: input.itemId, reason: input.reason, actingForId: input.actingForId });
    return incomingDetail(ctx, input.itemId);
  },
} satisfies Handlers<'dekretacja.forward' | 'dekretacja.returnToRegistry'>;
