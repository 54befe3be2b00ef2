import { and, eq, sql } from 'drizzle-orm';
import type { Store } from '#db/store';
import { localAccounts, users } from '#db/schema/index';

/** A standalone workstation's accounts (db/schema/users.ts localAccounts). */

/** The person with this login (any case) and their local credentials, if any. */
export function localAccountByLogin(store: Store, login: string) {
  return (
    store.db
      .select({ userId: users.id, active: users.active, passwordHash: localAccounts.passwordHash, failedLogins: localAccounts.failedLogins, lastFailedAt: localAccounts.lastFailedAt })
      .from(users)
      .leftJoin(localAccounts, eq(localAccounts.userId, users.id))
      .where(eq(sql`lower(${users.login})`, login.trim().toLowerCase()))
      .get() ?? null
  );
}

/** Whether any person here can sign in with a local password. */
export function anyLocalAccount(store: Store): boolean {
  return store.db.select({ one: sql`1` }).from(localAccounts).innerJoin(users, and(eq(users.id, localAccounts.userId), eq(users.active, true))).limit(1).get() !== undefined;
}

/** Sets a person's password hash and clears their failures. */
export function setLocalPassword(store: Store, userId: string, passwordHash: string, at: string): void {
  store.db
    .insert(localAccounts)
    .values({ userId, passwordHash, failedLogins: 0, lastFailedAt: null, passwordSetAt: at })
    .onConflictDoUpdate({ target: localAccounts.userId, set: { passwordHash, failedLogins: 0, lastFailedAt: null, passwordSetAt: at } })
    .run();
}

/** One more failure, at `at`. */
export function recordLocalFailure(store: Store, userId: string, at: string): void {
  store.db
    .update(localAccounts)
    .set({ failedLogins: sql`${localAccounts.failedLogins} + 1`, lastFailedAt: at })
    .where(eq(localAccounts.userId, userId))
    .run();
}

/** A good sign-in: the count starts again (and a hash made with older parameters is replaced). */
export function recordLocalSuccess(store: Store, userId: string, rehashed: string | null): void {
  store.db
    .update(localAccounts)
    .set({ failedLogins: 0, lastFailedAt: null, ...(rehashed === null ? {} : { passwordHash: rehashed }) })
    .where(eq(localAccounts.userId, userId))
    .run();
}
