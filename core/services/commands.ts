import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import { appendEvent } from '#db/eventLog';
import { recordCommand } from '#db/outboxRepo';
import { fail } from '#core/errors';
import type { SyncCommandArgs, SyncCommandName } from '#sync/protocol/commands';

/** What a command body may do inside its transaction. */
export type CommandScope = {
  readonly user: User;
  readonly now: Date;
  readonly nowIso: string;
  /** Records an event in the hash-chained log (metryka). */
  event(e: {
    action: string;
    entityType: string;
    entityId: string;
    documentRef?: string | null;
    summary: string;
    data?: unknown;
    /** The person whose authority a substitute used ("X w zastępstwie: Y"). */
    onBehalfOf?: { id: string; fullName: string } | null;
  }): void;
  /**
   * What to push to the central server for this command: its sync name and arguments (with
   * the ids of the rows it created), and how the sync panel names it. Required when the
   * workstation works with a server; ignored when the local store is the authority.
   */
  push<N extends SyncCommandName>(name: N, args: SyncCommandArgs<N>, label: string): void;
};

/**
 * Runs one command as one transaction: its effects, its events and its outbox row commit
 * together or not at all, so a refused or failed command leaves nothing half-saved.
 */
export function runCommand<T>(ctx: Ctx, user: User, name: string, args: unknown, body: (c: CommandScope) => T): T {
  const now = ctx.clock();
  const nowIso = now.toISOString();
  return ctx.store.tx(() => {
    const eventIds: string[] = [];
    let pushed: { name: string; args: unknown; label: string } | null = null;
    const scope: CommandScope = {
      user,
      now,
      nowIso,
      push: (pushName, pushArgs, label) => {
        pushed = { name: pushName, args: pushArgs, label };
      },
      event: (e) => {
        const eventId = crypto.randomUUID();
        eventIds.push(eventId);
        appendEvent(ctx.store, {
          id: eventId,
          at: nowIso,
          actorId: user.id,
          actorName: user.fullName,
          actorPosition: user.position,
          onBehalfOfId: e.onBehalfOf?.id ?? null,
          onBehalfOfName: e.onBehalfOf?.fullName ?? null,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          documentRef: e.documentRef ?? null,
          summary: e.summary,
          data: JSON.stringify(e.data ?? {}),
        });
      },
    };
    const result = body(scope);
    if (ctx.sync) {
      // The server is the authority: the command waits in the outbox until it has applied it.
      // A command it cannot apply yet is refused here, whole, rather than kept only locally.
      const p = pushed as { name: string; args: unknown; label: string } | null;
      if (!p) throw fail('SYNC_COMMAND_UNSUPPORTED');
      recordCommand(ctx.store, { name: p.name, args: p.args, createdAt: nowIso, status: 'pending', label: p.label, eventIds, userId: user.id });
      ctx.sync.commandRecorded();
    } else {
      recordCommand(ctx.store, { name, args, createdAt: nowIso, status: 'applied', userId: user.id });
    }
    return result;
  });
}
