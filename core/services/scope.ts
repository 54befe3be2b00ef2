import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import { officeContext } from '#core/cases/office';
import { visibleUnits } from '#core/commands/office';

/**
 * Units whose mail and cases a user may read (core/commands/office.ts visibleUnits, the rule the
 * commands apply): `null` means no restriction.
 */
export function visibleUnitIds(ctx: Ctx, user: User): string[] | null {
  const scope = visibleUnits(user, officeContext(ctx, user));
  return scope ? [...scope] : null;
}
