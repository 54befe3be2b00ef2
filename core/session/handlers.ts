import type { Handlers } from '#core/services/handlers';
import { listUnits, listUsers, getUser } from '#db/directory';
import { fail } from '#core/errors';
import { requireUser } from '#core/services/access';
import { readSettings } from '#core/admin/settings';
import { rebase } from '#core/services/execute';
import { anyLocalAccount } from '#db/localAccounts';

/**
 * Who sits at the desk. With a server, the password decides (core/sync/handlers.ts); picking a
 * name from the list is the demo office's only — a profile that was not started as the demo
 * (a real office's replica opened without its server, say) never offers it: otherwise anyone
 * could act as anyone, and the metryka would name the wrong person.
 */
export const sessionHandlers = {
  'session.demoUsers': (ctx) => (ctx.sync || !ctx.demo ? [] : listUsers(ctx.store)),
  'session.signIn': (ctx, { userId }) => {
    if (ctx.sync) throw fail('SYNC_LOGIN_REQUIRED');
    if (!ctx.demo) throw fail('SESSION_PICKER_DEMO_ONLY');
    const user = getUser(ctx.store, userId);
    if (!user) throw fail('USER_NOT_FOUND');
    ctx.session.user = user;
    ctx.log(`signed in: ${user.login}`);
    return user;
  },
  'session.current': async (ctx) => {
    // A session kept from the last run (desktop shell) is resumed before the first screen.
    if (ctx.sync && !ctx.session.user) {
      const resumed = await ctx.sync.whenResumed();
      if (resumed) ctx.session.user = getUser(ctx.store, resumed.id);
    }
    const signIn = ctx.sync ? 'server' : ctx.demo ? 'demo' : anyLocalAccount(ctx.store) ? 'local' : 'none';
    return { user: ctx.session.user, office: readSettings(ctx.store).office, mode: ctx.mode, demo: ctx.demo, signIn, sync: ctx.sync?.status() ?? null };
  },
  'session.signOut': async (ctx) => {
    ctx.session.user = null;
    // A card left logged in would sign for whoever sits down next.
    ctx.signing.sessions.endAll();
    // The next person at this desk sees the server's rows, not what this one has not sent yet.
    if (ctx.sync) rebase(ctx, null);
    await ctx.sync?.logout();
    return { ok: true as const };
  },
  // The directory this replica holds: the local office, or what the server's pull brought.
  'office.people': (ctx) => {
    requireUser(ctx);
    return listUsers(ctx.store);
  },
  'office.units': (ctx) => listUnits(ctx.store).map((u) => ({ id: u.id, symbol: u.symbol, name: u.name, parentId: u.parentId })),
} satisfies Handlers<'session.demoUsers' | 'session.signIn' | 'session.current' | 'session.signOut' | 'office.units' | 'office.people'>;
