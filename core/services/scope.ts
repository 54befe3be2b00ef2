import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import { listUnits, getUser } from '#db/directory';
import { listSubstitutions } from '#db/assignmentRepo';
import { visibleInboxOwners, type Substitution } from '#core/cases/substitution';
import type { CalendarDate } from '#core/deadlines/holidays';
import { warsawDate } from '#core/time';

/**
 * Units whose mail and cases a user may read: registry and admin see the whole office; a head
 * or clerk sees their own unit and its sub-units (GK sees GK-I), and while substituting someone
 * today, that person's units too. `null` means no restriction.
 */
export function visibleUnitIds(ctx: Ctx, user: User): string[] | null {
  if (user.role === 'registry' || user.role === 'admin') return null;
  const today = warsawDate(ctx.clock()) as CalendarDate;
  const subs: Substitution[] = listSubstitutions(ctx.store).map((s) => ({ id: s.id, substituteId: s.substituteId, forUserId: s.forUserId, from: s.fromOn as CalendarDate, to: s.toOn as CalendarDate, createdBy: s.createdBy }));
  const roots = visibleInboxOwners(user.id, subs, today)
    .map((id) => (id === user.id ? user.unitId : getUser(ctx.store, id)?.unitId))
    .filter((u) => u !== undefined);
  const all = listUnits(ctx.store);
  const out = new Set(roots);
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
