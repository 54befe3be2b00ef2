import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import type { Person } from '#core/cases/substitution';
import { ruleOffice, type RuleOffice } from '#core/commands/office';
import { actorOf } from '#core/services/execute';
import { sqliteReads } from '#db/commandStore';

/** The office around a rule check: who acts, today's office date, units, people, substitutions. */
export type OfficeContext = RuleOffice;

/** The office as the rules see it, read from this replica (the same shape every command decides on). */
export function officeContext(ctx: Ctx, user: User): OfficeContext {
  return ruleOffice(sqliteReads(ctx.store).office(), { actor: actorOf(user), now: ctx.clock() });
}

export function personById(office: OfficeContext, id: string | null): Person | null {
  if (id === null) return null;
  return office.users.find((u) => u.id === id) ?? null;
}
