/**
 * Runs a command defined on the engine (core/commands) on the workstation: read, decide and
 * apply in one SQLite transaction with its outbox row, so a refusal leaves nothing half-saved.
 *
 * Without a server the local store is the numbering authority and the command is recorded as
 * applied. With one, numbers stay provisional and the command waits in the outbox under the
 * person's own client id and sequence; its metryka entries get the ids the server will derive
 * from the same pair, so the server's copy of each entry is recognised as the same entry.
 *
 * With a server the replica is the server's rows with the person's unconfirmed commands on
 * top (DESIGN.md "Sync"). Every change such a command makes is logged (db/replica.ts), so a
 * rebase can take them all back, write what the server sent, and decide the still-unsettled
 * commands again on that — the same definition, the same arguments, the person's own moment.
 */
import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import { decideSync, type Actor, type AnyCommand, type Command, type Decided } from '#core/commands/engine';
import { engineCommands, isEngineCommand } from '#core/commands/registry';
import { metrykaId } from '#core/commands/metryka';
import { applyEffects, sqliteReads } from '#db/commandStore';
import { markSpeculative, recordCommand, setCommandEventIds, speculativeCommands, unsettledCommandsOf, type OutboxEntry } from '#db/outboxRepo';
import { capturingUndo, undoCommands } from '#db/replica';
import { getUser } from '#db/directory';

/** The client id of a workstation without a server: its mutation ids are unique in its one database. */
const LOCAL_CLIENT = 'local';

export function actorOf(user: Pick<User, 'id' | 'fullName' | 'position' | 'role' | 'unitId'>): Actor {
  return { id: user.id, fullName: user.fullName, position: user.position, role: user.role, unitId: user.unitId };
}

/** Applies a decided command; with a server, as a guess the next rebase can take back. */
function applyDecided(ctx: Ctx, d: Decided, o: { actor: Actor; at: string; userId: string; mutationId: number; seq: number }): string[] {
  const sync = ctx.sync;
  const clientId = sync ? sync.clientFor(o.userId) : LOCAL_CLIENT;
  const apply = () =>
    applyEffects(ctx.store, d.effects, {
      numbering: sync ? 'provisional' : 'final',
      actor: o.actor,
      at: o.at,
      metrykaId: (i) => metrykaId(clientId, o.seq, i),
      awaitingServer: sync ? o.mutationId : undefined,
    }).metrykaIds;
  return sync ? capturingUndo(ctx.store, o.mutationId, apply) : apply();
}

export function execute<A, S>(ctx: Ctx, user: User, command: Command<A, S>, args: A): Decided {
  const now = ctx.clock();
  const at = now.toISOString();
  const actor = actorOf(user);
  const sync = ctx.sync;
  const decided = ctx.store.tx(() => {
    const d = decideSync(command, args, { actor, now }, sqliteReads(ctx.store));
    const recorded = recordCommand(ctx.store, { name: command.name, args, createdAt: at, status: sync ? 'pending' : 'applied', label: d.label, userId: user.id });
    const seq = sync ? (recorded.userSeq ?? recorded.mutationId) : recorded.mutationId;
    setCommandEventIds(ctx.store, recorded.mutationId, applyDecided(ctx, d, { actor, at, userId: user.id, mutationId: recorded.mutationId, seq }));
    return d;
  });
  sync?.commandRecorded();
  return decided;
}

/** Decides a recorded command again on the replica as it is now, at the moment it was made. */
function replay(ctx: Ctx, row: OutboxEntry): void {
  if (!isEngineCommand(row.name) || row.userId === null || row.userSeq === null) return;
  const command: AnyCommand = engineCommands[row.name];
  const person = getUser(ctx.store, row.userId);
  if (!person) return;
  const actor = actorOf(person);
  const args: unknown = command.args.parse(JSON.parse(row.args));
  const d = decideSync(command, args, { actor, now: new Date(row.createdAt) }, sqliteReads(ctx.store));
  applyDecided(ctx, d, { actor, at: row.createdAt, userId: row.userId, mutationId: row.mutationId, seq: row.userSeq });
  markSpeculative(ctx.store, [row.mutationId], true);
}

export type RebaseOutcome = {
  /** Unsettled commands the replica could not show on the server's rows (the server will answer them). */
  notReplayed: number[];
};

/**
 * The replica as the server's rows with `userId`'s unconfirmed commands on top: takes back every
 * guess in the replica, runs `between` (writing a pull, confirming commands), then decides
 * that person's unsettled commands again, oldest first. A command that no longer fits (the
 * server's rows moved on, or it was refused) shows nothing until the server answers it; a
 * rejected or discarded one is simply not replayed. Someone else's waiting commands wait,
 * unseen, for them to sign in here again. One transaction: the screens never see it half done.
 */
export function rebase(ctx: Ctx, userId: string | null, between: () => void = () => undefined): RebaseOutcome {
  return ctx.store.tx(() => {
    const guesses = speculativeCommands(ctx.store).map((r) => r.mutationId);
    undoCommands(ctx.store, guesses);
    markSpeculative(ctx.store, guesses, false);
    between();
    const notReplayed: number[] = [];
    for (const row of userId ? unsettledCommandsOf(ctx.store, userId) : []) {
      try {
        // A savepoint each: one that no longer fits leaves nothing behind.
        ctx.store.tx(() => replay(ctx, row));
      } catch (e) {
        notReplayed.push(row.mutationId);
        ctx.log(`sync: command ${String(row.mutationId)} (${row.name}) does not replay on the server's rows: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return { notReplayed };
  });
}
