/**
 * Sign-in on a standalone workstation (no central server): the person's login and password,
 * checked against the hash kept here with the same hashing as the server's
 * (core/security/password.ts) and the same slowdown instead of a lockout
 * (core/security/loginSlowdown.ts). The administrator sets each person's password; with a
 * server, passwords are the server's and none is kept here.
 */
import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import { fail } from '#core/errors';
import { requireRole } from '#core/services/access';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '#core/security/password';
import { LOCAL_SLOWDOWN, loginDelaySeconds, MIN_PASSWORD_LENGTH } from '#core/security/loginSlowdown';
import { getUser } from '#db/directory';
import { localAccountByLogin, recordLocalFailure, recordLocalSuccess, setLocalPassword } from '#db/localAccounts';

/** Checks the password and signs the person in; refusals never tell whether the login exists. */
export async function localLogin(ctx: Ctx, login: string, password: string): Promise<User> {
  const found = localAccountByLogin(ctx.store, login);
  const stored = found?.passwordHash ?? null;
  const now = ctx.clock();
  // Waiting first: while the wait lasts, no guess is even checked.
  if (found && stored !== null && found.lastFailedAt !== null) {
    const wait = loginDelaySeconds(found.failedLogins ?? 0, LOCAL_SLOWDOWN.afterFailures, LOCAL_SLOWDOWN.maxDelaySeconds);
    const until = Date.parse(found.lastFailedAt) + wait * 1000;
    if (now.getTime() < until) throw fail('AUTH_SLOW_DOWN', { seconds: Math.ceil((until - now.getTime()) / 1000) });
  }
  // As long for an unknown login or one without a password as for a wrong password.
  const ok = await verifyPassword(password, stored ?? (await dummyPasswordHash()));
  if (!found || stored === null || !ok) {
    if (found && stored !== null) ctx.store.tx(() => recordLocalFailure(ctx.store, found.userId, now.toISOString()));
    throw fail('AUTH_LOGIN_FAILED');
  }
  if (!found.active) throw fail('AUTH_ACCOUNT_INACTIVE');
  const rehashed = needsRehash(stored) ? await hashPassword(password) : null;
  ctx.store.tx(() => recordLocalSuccess(ctx.store, found.userId, rehashed));
  const user = getUser(ctx.store, found.userId);
  if (!user) throw fail('USER_NOT_FOUND');
  ctx.session.user = user;
  ctx.log(`signed in (local password): ${user.login}`);
  return user;
}

export const localAccountHandlers = {
  'accounts.setPassword': async (ctx, { userId, password }) => {
    const admin = requireRole(ctx, ['admin'], 'ustawienie hasła pracownika');
    if (ctx.sync) throw fail('LOCAL_PASSWORD_WITH_SERVER');
    if (password.length < MIN_PASSWORD_LENGTH) throw fail('AUTH_PASSWORD_TOO_SHORT', { min: MIN_PASSWORD_LENGTH });
    const person = getUser(ctx.store, userId);
    if (!person) throw fail('USER_NOT_FOUND');
    const hash = await hashPassword(password);
    ctx.store.tx(() => setLocalPassword(ctx.store, userId, hash, ctx.clock().toISOString()));
    ctx.log(`password set for ${person.login} by ${admin.login}`);
    return { ok: true as const };
  },
} satisfies Handlers<'accounts.setPassword'>;
