import type { Ctx } from '#core/services/context';
import type { Role, User } from '#core/contract';
import { fail } from '#core/errors';
import { allowRoles } from '#core/commands/office';

export function requireUser(ctx: Ctx): User {
  const user = ctx.session.user;
  if (!user) throw fail('NOT_SIGNED_IN');
  return user;
}

/** The signed-in user, provided their role is one of `roles`. */
export function requireRole(ctx: Ctx, roles: readonly Role[], action: string): User {
  const user = requireUser(ctx);
  allowRoles(user, roles, action);
  return user;
}

/** Who may register, correct and cancel incoming mail. */
export const REGISTRY_ROLES = ['registry', 'admin'] as const satisfies readonly Role[];
