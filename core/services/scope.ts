import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import { listUnits } from '#db/directory';

/**
 * Units whose mail a user may read: registry and admin see the whole office; a head or clerk
 * sees their own unit and its sub-units (GK sees GK-I). `null` means no restriction.
 */
export function visibleUnitIds(ctx: Ctx, user: User): string[] | null {
  if (user.role === 'registry' || user.role === 'admin') return null;
  const all = listUnits(ctx.store);
  const out = new Set([user.unitId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of all) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return [...out];
}
