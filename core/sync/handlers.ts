import type { Handlers } from '#core/services/handlers';
import type { Ctx, SyncPort } from '#core/services/context';
import { requireUser } from '#core/services/access';
import { fail } from '#core/errors';
import { getUser } from '#db/directory';
import { unsettledCommands } from '#db/syncApply';

function syncOf(ctx: Ctx): SyncPort {
  if (!ctx.sync) throw fail('SYNC_NO_SERVER');
  return ctx.sync;
}

export const syncHandlers = {
  /**
   * Signs in against the central server, then brings the office's directory and records so
   * the person works on current data (offline, the last copy is used).
   */
  'session.login': async (ctx, { login, password }) => {
    const sync = syncOf(ctx);
    const who = await sync.login(login, password);
    await sync.syncNow();
    const user = getUser(ctx.store, who.id);
    if (!user) throw fail('USER_NOT_FOUND');
    ctx.session.user = user;
    ctx.log(`signed in (server): ${user.login}`);
    return user;
  },
  'sync.status': (ctx) => ctx.sync?.status() ?? null,
  'sync.now': async (ctx) => {
    requireUser(ctx);
    return syncOf(ctx).syncNow();
  },
  'sync.commands': (ctx) => {
    requireUser(ctx);
    return unsettledCommands(ctx.store, 200).map((r) => {
      const result = r.result ? (JSON.parse(r.result) as { error?: { message?: string } | null }) : null;
      return { mutationId: r.mutationId, label: r.label ?? r.name, status: r.status, createdAt: r.createdAt, reason: result?.error?.message ?? null };
    });
  },
} satisfies Handlers<'session.login' | 'sync.status' | 'sync.now' | 'sync.commands'>;
