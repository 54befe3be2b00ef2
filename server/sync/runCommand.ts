/**
 * Runs a command defined on the engine (core/commands) in a server write transaction: read
 * through the PostgreSQL store, decide, apply. The server holds no rule of its own.
 */
import { eq } from 'drizzle-orm';
import { decideAsync, type Actor, type AnyCommand, type Command } from '#core/commands/engine';
import { engineCommands, isEngineCommand } from '#core/commands/registry';
import type { Mutation } from '#sync/protocol/commands';
import { metrykaId } from '#core/commands/metryka';
import { fail } from '#core/errors';
import type { SessionUser } from '#sync/protocol';
import type { WriteTx } from '#server/db/tx';
import { users } from '#server/db/schema/users';
import { applyEffectsPg, pgReads, type Assigned } from '#server/sync/commandStore';

/** The acting person as commands see them, with the position the metryka names; refused once they have left. */
export async function actorFor(w: WriteTx, user: SessionUser): Promise<Actor> {
  const read = async () => (await w.tx.select({ position: users.position, active: users.active }).from(users).where(eq(users.id, user.id)))[0];
  const me = await (w.reads ? w.reads.once('actor', read) : read());
  if (!me?.active) throw fail('AUTH_ACCOUNT_INACTIVE');
  return { id: user.id, fullName: user.fullName, position: me.position, role: user.role, unitId: user.unitId };
}

/**
 * One command in the caller's write transaction. Its metryka entries get the ids derived from
 * `clientId` and `mutationId`, as the workstation that made it derived its own.
 */
export async function runOnServer<A, S>(w: WriteTx, user: SessionUser, command: Command<A, S>, args: A, o: { now: Date; clientId: string; mutationId: number }): Promise<Assigned[]> {
  const actor = await actorFor(w, user);
  const decided = await decideAsync(command, args, { actor, now: o.now }, pgReads(w));
  return applyEffectsPg(w, decided.effects, { actor, login: user.login, at: o.now.toISOString(), metrykaId: (i) => metrykaId(o.clientId, o.mutationId, i) });
}

/**
 * Applies one pushed command in the caller's write transaction; throws a DomainError to refuse
 * it. Every command the server accepts is defined on the engine: the server has no rule of its own.
 */
export async function applyMutation(w: WriteTx, user: SessionUser, m: Mutation, now: Date, clientId: string): Promise<Assigned[]> {
  if (!isEngineCommand(m.name)) throw fail('SYNC_COMMAND_UNKNOWN', { name: m.name });
  const command: AnyCommand = engineCommands[m.name];
  const parsed = command.args.safeParse(m.args);
  if (!parsed.success) throw fail('SYNC_COMMAND_INVALID', { name: m.name, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  return runOnServer(w, user, command, parsed.data, { now, clientId, mutationId: m.id });
}
