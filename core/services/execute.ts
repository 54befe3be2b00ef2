/**
 * Runs a command defined on the engine (core/commands) on the workstation: read, decide and
 * apply in one SQLite transaction with its outbox row, so a refusal leaves nothing half-saved.
 *
 * Without a server the local store is the numbering authority and the command is recorded as
 * applied. With one, numbers stay provisional and the command waits in the outbox under the
 * person's own client id and sequence; its metryka entries get the ids the server will derive
 * from the same pair, so the server's copy of each entry is recognised as the same entry.
 */
import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import { decideSync, type Actor, type Command, type Decided } from '#core/commands/engine';
import { metrykaId } from '#core/commands/metryka';
import { applyEffects, sqliteReads } from '#db/commandStore';
import { recordCommand, setCommandEventIds } from '#db/outboxRepo';

/** The client id of a workstation without a server: its mutation ids are unique in its one database. */
const LOCAL_CLIENT = 'local';

export function actorOf(user: User): Actor {
  return { id: user.id, fullName: user.fullName, position: user.position, role: user.role, unitId: user.unitId };
}

export function execute<A, S>(ctx: Ctx, user: User, command: Command<A, S>, args: A): Decided {
  const now = ctx.clock();
  const at = now.toISOString();
  const actor = actorOf(user);
  const sync = ctx.sync;
  const decided = ctx.store.tx(() => {
    const d = decideSync(command, args, { actor, now }, sqliteReads(ctx.store));
    const recorded = recordCommand(ctx.store, { name: command.name, args, createdAt: at, status: sync ? 'pending' : 'applied', label: d.label, userId: user.id });
    const clientId = sync ? sync.clientFor(user.id) : LOCAL_CLIENT;
    const seq = sync ? (recorded.userSeq ?? recorded.mutationId) : recorded.mutationId;
    const { metrykaIds } = applyEffects(ctx.store, d.effects, { numbering: sync ? 'provisional' : 'final', actor, at, metrykaId: (i) => metrykaId(clientId, seq, i) });
    setCommandEventIds(ctx.store, recorded.mutationId, metrykaIds);
    return d;
  });
  sync?.commandRecorded();
  return decided;
}
