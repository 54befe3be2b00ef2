import type { Handlers } from '#core/services/handlers';
import { listUnits, listUsers, getUser } from '#db/directory';
import { fail } from '#core/errors';
import { requireUser } from '#core/services/access';
import { readSettings } from '#core/admin/settings';
import { rebase } from '#core/services/execute';

/** Sign-in by choosing a demo user; real accounts arrive with the central server. */
export const sessionHandlers = {
  // The demo picker belongs to a one-workstation office; with a server the password decides.
  'session.demoUsers': (ctx) => (ctx.sync ? [] : listUsers(ctx.store)),
  'session.signIn': (ctx, { userId }) => {
    if (ctx.sync) throw fail('SYNC_LOGIN_REQUIRED');
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
    return { user: ctx.session.user, office: readSettings(ctx.store).office, mode: ctx.mode, sync: ctx.sync?.status() ?? null };
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
