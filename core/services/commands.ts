import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import { appendEvent } from '#db/eventLog';
import { recordCommand } from '#db/outboxRepo';
import { fail } from '#core/errors';

/** What a local-only command body may do inside its transaction. */
export type CommandScope = {
  readonly user: User;
  readonly now: Date;
  readonly nowIso: string;
  /** Records an event in the hash-chained log. */
  event(e: { action: string; entityType: string; entityId: string; documentRef?: string | null; summary: string; data?: unknown }): void;
};

/**
 * Runs a change that exists only on this workstation (the JRWA imported without a server) as one
 * transaction: its effects, its events and its outbox row commit together or not at all. Every
 * command of the office's records is defined on the engine instead (core/commands, run with
 * `execute`), so it means the same on the server; with a server, this is refused whole
 * (SYNC_COMMAND_UNSUPPORTED) rather than kept on one workstation only.
 */
export function runCommand<T>(ctx: Ctx, user: User, name: string, args: unknown, body: (c: CommandScope) => T): T {
  if (ctx.sync) throw fail('SYNC_COMMAND_UNSUPPORTED');
  const now = ctx.clock();
  const nowIso = now.toISOString();
  return ctx.store.tx(() => {
    const scope: CommandScope = {
      user,
      now,
      nowIso,
      event: (e) => {
        appendEvent(ctx.store, {
          id: crypto.randomUUID(),
          at: nowIso,
          actorId: user.id,
          actorName: user.fullName,
          actorPosition: user.position,
          onBehalfOfId: null,
          onBehalfOfName: null,
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
    recordCommand(ctx.store, { name, args, createdAt: nowIso, status: 'applied', userId: user.id });
    return result;
  });
}
