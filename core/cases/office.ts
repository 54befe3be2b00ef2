import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import type { Person, OfficeUser, UnitRef, Substitution } from '#core/cases/substitution';
import type { CalendarDate } from '#core/deadlines/holidays';
import { warsawDate } from '#core/time';
import { listUnits, listUsers } from '#db/directory';
import { listSubstitutions } from '#db/assignmentRepo';

/** The office around a rule check: who acts, today's office date, units, people, substitutions. */
export type OfficeContext = {
  actor: Person;
  today: CalendarDate;
  units: UnitRef[];
  users: OfficeUser[];
  substitutions: Substitution[];
};

export function officeContext(ctx: Ctx, user: User): OfficeContext {
  return {
    actor: { id: user.id, fullName: user.fullName, role: user.role, unitId: user.unitId },
    today: warsawDate(ctx.clock()) as CalendarDate,
    units: listUnits(ctx.store).map((u) => ({ id: u.id, symbol: u.symbol, parentId: u.parentId })),
    users: listUsers(ctx.store).map((u) => ({ id: u.id, fullName: u.fullName, role: u.role, unitId: u.unitId, active: true })),
    substitutions: listSubstitutions(ctx.store).map((s) => ({ id: s.id, substituteId: s.substituteId, forUserId: s.forUserId, from: s.fromOn as CalendarDate, to: s.toOn as CalendarDate, createdBy: s.createdBy })),
  };
}

export function personById(office: OfficeContext, id: string | null): Person | null {
  if (id === null) return null;
  return office.users.find((u) => u.id === id) ?? null;
}
