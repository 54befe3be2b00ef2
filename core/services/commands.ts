import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import { appendEvent } from '#db/eventLog';
import { recordCommand } from '#db/outboxRepo';

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
};

/**
 * Runs one command as one transaction: its effects, its events and its outbox row commit
 * together or not at all, so a refused or failed command leaves nothing half-saved.
 */
export function runCommand<T>(ctx: Ctx, user: User, name: string, args: unknown, body: (c: CommandScope) => T): T {
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
    recordCommand(ctx.store, { name, args, createdAt: nowIso, status: 'applied' });
    return result;
  });
}
