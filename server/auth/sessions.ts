import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { fail, type DomainError } from '#core/errors';
import { warsawParts } from '#core/time';
import type { LoginRequest, SessionTokens, SessionUser } from '#sync/protocol';
import type { ServerDb, ServerTx } from '#server/db/open';
import { loginAttempts, sessions, units, users } from '#server/db/schema/index';
import { appendAudit } from '#server/db/audit';
import type { AuthPolicy } from './policy.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { newToken, tokenHash } from './tokens.ts';

// Logging in, refreshing and ending sessions. Everything that must hold across server processes
// (failed-login counters, locks, the rate limit, sessions) is in the database and changed by
// single statements or in transactions; nothing is kept in memory.

/** The session a request's access token belongs to, with its user. */
export type SessionInfo = { id: string; clientName: string; accessExpiresAt: Date; refreshExpiresAt: Date };
export type SignedInUser = SessionUser & { session: SessionInfo };

/** Where a login comes from. */
export type LoginContext = { ip: string };

/** `10:45`, rounded up to the minute: "try again after" must not name a time still locked. */
function lockedUntilText(until: Date): string {
  const p = warsawParts(new Date(Math.ceil(until.getTime() / 60_000) * 60_000));
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

function secondsFromNow(seconds: number) {
  return sql<Date>`now() + make_interval(secs => ${seconds})`;
}

const userColumns = {
  id: users.id,
  login: users.login,
  fullName: users.fullName,
  position: users.position,
  role: users.role,
  unitId: users.unitId,
  unitSymbol: units.symbol,
};

/**
 * Counts this attempt against the per-address limit and records it; throws AUTH_RATE_LIMITED
 * (nothing recorded) when the address has used up its minute. A transaction-level advisory lock
 * per address makes "count, then insert" exact even with many server processes.
 */
async function recordAttempt(db: ServerDb, policy: AuthPolicy, login: string, ip: string): Promise<string> {
  const outcome = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`kancelaria-login:${ip}`}, 0))`);
    await tx.delete(loginAttempts).where(and(eq(loginAttempts.ip, ip), lt(loginAttempts.at, sql`now() - make_interval(hours => ${policy.attemptsKeptHours})`)));
    const recent = await tx
      .select({ at: loginAttempts.at, wait: sql<number>`ceil(extract(epoch from (${loginAttempts.at} + interval '1 minute' - now())))::int` })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), gt(loginAttempts.at, sql`now() - interval '1 minute'`)))
      .orderBy(asc(loginAttempts.at));
    if (recent.length >= policy.loginAttemptsPerIpPerMinute) {
      // The wait until the oldest attempts leave the window and a new one fits.
      const freeing = recent[recent.length - policy.loginAttemptsPerIpPerMinute];
      return { limited: true as const, seconds: Math.max(1, freeing?.wait ?? 60) };
    }
    const [row] = await tx.insert(loginAttempts).values({ ip, login, succeeded: false }).returning({ id: loginAttempts.id });
    if (!row) throw new Error('login attempt not recorded');
    return { limited: false as const, id: row.id };
  });
  if (outcome.limited) throw fail('AUTH_RATE_LIMITED', { seconds: outcome.seconds });
  return outcome.id;
}

/**
 * For a login that does not exist: refused exactly like a real account would be, including
 * the lock after repeated failures (counted from login_attempts), so that the answers never
 * tell whether a login exists.
 */
async function refuseUnknownLogin(db: ServerDb, policy: AuthPolicy, login: string): Promise<never> {
  await verifyPassword('x', await dummyPasswordHash());
  const failures = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.login, login), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, sql`now() - make_interval(mins => ${policy.lockoutMinutes})`)))
    .orderBy(asc(loginAttempts.at));
  const locking = failures[policy.maxFailedLogins - 1];
  if (locking) throw fail('AUTH_ACCOUNT_LOCKED', { until: lockedUntilText(new Date(locking.at.getTime() + policy.lockoutMinutes * 60_000)) });
  throw fail('AUTH_LOGIN_FAILED', { maxFailed: policy.maxFailedLogins, lockMinutes: policy.lockoutMinutes });
}

/** Creates a session row with fresh tokens, in `tx`. */
async function createSession(tx: ServerTx, policy: AuthPolicy, user: SessionUser, clientName: string, ip: string): Promise<SessionTokens> {
  const accessToken = newToken();
  const refreshToken = newToken();
  const [row] = await tx
    .insert(sessions)
    .values({
      id: crypto.randomUUID(),
      userId: user.id,
      accessTokenHash: tokenHash(accessToken),
      accessExpiresAt: secondsFromNow(policy.accessTtlSeconds),
      refreshTokenHash: tokenHash(refreshToken),
      refreshExpiresAt: secondsFromNow(policy.refreshTtlSeconds),
      clientName,
      ip,
    })
    .returning({ id: sessions.id, accessExpiresAt: sessions.accessExpiresAt, refreshExpiresAt: sessions.refreshExpiresAt });
  if (!row) throw new Error('session not created');
  return { accessToken, accessExpiresAt: row.accessExpiresAt.toISOString(), refreshToken, refreshExpiresAt: row.refreshExpiresAt.toISOString(), user };
}

/**
 * POST /auth/login: checks the password and opens a session.
 *
 * Order: the per-address limit (429), then the account's lock, then the password. A wrong
 * password bumps `failed_logins` in one UPDATE (so concurrent guesses on several server
 * processes all count); the fifth in a row sets `locked_until`. A right password still fails
 * if the account got locked meanwhile (the reset is conditional on the lock).
 */
export async function login(db: ServerDb, policy: AuthPolicy, req: LoginRequest, ctx: LoginContext): Promise<SessionTokens> {
  const loginName = req.login.trim().toLowerCase();
  const attemptId = await recordAttempt(db, policy, loginName, ctx.ip);

  const [found] = await db
    .select({
      ...userColumns,
      active: users.active,
      passwordHash: users.passwordHash,
      lockedUntil: users.lockedUntil,
      locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)`,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.login, loginName));
  if (!found) return refuseUnknownLogin(db, policy, loginName);

  if (found.locked && found.lockedUntil) {
    await verifyPassword(req.password, await dummyPasswordHash());
    throw fail('AUTH_ACCOUNT_LOCKED', { until: lockedUntilText(found.lockedUntil) });
  }

  const ok = found.passwordHash !== null && (await verifyPassword(req.password, found.passwordHash));
  if (!found.passwordHash) await verifyPassword(req.password, await dummyPasswordHash());
  if (!ok) {
    // A lock that has run out starts the count again. (SET expressions read the old values.)
    const restartedCount = sql`CASE WHEN ${users.lockedUntil} IS NOT NULL AND ${users.lockedUntil} <= now() THEN 1 ELSE ${users.failedLogins} + 1 END`;
    const lockedNow = await db.transaction(async (tx) => {
      const [after] = await tx
        .update(users)
        .set({
          failedLogins: sql`${restartedCount}`,
          lockedUntil: sql`CASE
            WHEN ${restartedCount} >= ${policy.maxFailedLogins} THEN now() + make_interval(mins => ${policy.lockoutMinutes})
            WHEN ${users.lockedUntil} <= now() THEN NULL
            ELSE ${users.lockedUntil} END`,
        })
        .where(eq(users.id, found.id))
        .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
      if (after?.failedLogins === policy.maxFailedLogins && after.lockedUntil) {
        await appendAudit(tx, {
          actor: 'system',
          action: 'auth.locked',
          entityType: 'user',
          entityId: found.id,
          summary: `Konto ${found.login} zablokowane na ${policy.lockoutMinutes} min po ${policy.maxFailedLogins} nieudanych próbach logowania (ostatnia z adresu ${ctx.ip})`,
          data: { ip: ctx.ip, until: after.lockedUntil.toISOString() },
        });
      }
      return after?.lockedUntil && after.failedLogins >= policy.maxFailedLogins ? after.lockedUntil : null;
    });
    if (lockedNow) throw fail('AUTH_ACCOUNT_LOCKED', { until: lockedUntilText(lockedNow) });
    throw fail('AUTH_LOGIN_FAILED', { maxFailed: policy.maxFailedLogins, lockMinutes: policy.lockoutMinutes });
  }
  if (!found.active) throw fail('AUTH_ACCOUNT_INACTIVE');

  const { active: _a, passwordHash: _p, lockedUntil: _l, locked: _k, ...user } = found;
  const result = await db.transaction(async (tx) => {
    const [reset] = await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null })
      .where(and(eq(users.id, user.id), or(isNull(users.lockedUntil), sql`${users.lockedUntil} <= now()`)))
      .returning({ id: users.id });
    if (!reset) return null;
    await tx.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
    const tokens = await createSession(tx, policy, user, req.clientName, ctx.ip);
    await appendAudit(tx, {
      actor: user.login,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      summary: `Logowanie ${user.login} ze stanowiska „${req.clientName}” (${ctx.ip})`,
      data: { clientName: req.clientName, ip: ctx.ip },
    });
    return tokens;
  });
  if (!result) {
    const [now] = await db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, user.id));
    throw fail('AUTH_ACCOUNT_LOCKED', { until: lockedUntilText(now?.lockedUntil ?? new Date()) });
  }
  return result;
}

/**
 * The signed-in user behind an access token, or the refusal: no such token (replaced by a
 * refresh, or made up) and an expired one are AUTH_SESSION_EXPIRED, an ended session
 * AUTH_SESSION_REVOKED, a disabled account AUTH_ACCOUNT_INACTIVE.
 */
export async function userForAccessToken(db: ServerDb, accessToken: string): Promise<SignedInUser> {
  const [row] = await db
    .select({
      ...userColumns,
      active: users.active,
      sessionId: sessions.id,
      clientName: sessions.clientName,
      accessExpiresAt: sessions.accessExpiresAt,
      refreshExpiresAt: sessions.refreshExpiresAt,
      revoked: sql<boolean>`${sessions.revokedAt} IS NOT NULL`,
      expired: sql<boolean>`${sessions.accessExpiresAt} <= now()`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(sessions.accessTokenHash, tokenHash(accessToken)));
  if (!row) throw fail('AUTH_SESSION_EXPIRED');
  if (row.revoked) throw fail('AUTH_SESSION_REVOKED');
  if (row.expired) throw fail('AUTH_SESSION_EXPIRED');
  if (!row.active) throw fail('AUTH_ACCOUNT_INACTIVE');
  return {
    id: row.id,
    login: row.login,
    fullName: row.fullName,
    position: row.position,
    role: row.role,
    unitId: row.unitId,
    unitSymbol: row.unitSymbol,
    session: { id: row.sessionId, clientName: row.clientName, accessExpiresAt: row.accessExpiresAt, refreshExpiresAt: row.refreshExpiresAt },
  };
}

/**
 * POST /auth/refresh: both tokens replaced, the refresh expiry kept. The refresh token just
 * replaced is remembered; presenting it again means two holders of one session (a copied
 * token), and the whole session ends (AUTH_REFRESH_REUSED).
 */
export async function refresh(db: ServerDb, policy: AuthPolicy, refreshToken: string, ctx: LoginContext): Promise<SessionTokens> {
  const hash = tokenHash(refreshToken);
  const outcome = await db.transaction(async (tx): Promise<{ refused: DomainError } | { tokens: SessionTokens }> => {
    const [row] = await tx
      .select({
        ...userColumns,
        active: users.active,
        sessionId: sessions.id,
        refreshExpiresAt: sessions.refreshExpiresAt,
        revoked: sql<boolean>`${sessions.revokedAt} IS NOT NULL`,
        expired: sql<boolean>`${sessions.refreshExpiresAt} <= now()`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(units, eq(units.id, users.unitId))
      .where(eq(sessions.refreshTokenHash, hash))
      .for('update', { of: sessions });
    if (!row) {
      const [reused] = await tx
        .update(sessions)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(sessions.previousRefreshHash, hash), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id, userId: sessions.userId });
      if (!reused) return { refused: fail('AUTH_REFRESH_INVALID') };
      await appendAudit(tx, {
        actor: 'system',
        action: 'auth.refresh-reused',
        entityType: 'session',
        entityId: reused.id,
        summary: `Sesja zakończona: ponownie użyto wymienionego klucza odświeżania (adres ${ctx.ip})`,
        data: { ip: ctx.ip, userId: reused.userId },
      });
      // Committed before the refusal is thrown: the session stays ended.
      return { refused: fail('AUTH_REFRESH_REUSED') };
    }
    if (row.revoked) return { refused: fail('AUTH_SESSION_REVOKED') };
    if (row.expired) return { refused: fail('AUTH_REFRESH_EXPIRED', { hours: Math.round(policy.refreshTtlSeconds / 3600) }) };
    if (!row.active) return { refused: fail('AUTH_ACCOUNT_INACTIVE') };
    const accessToken = newToken();
    const nextRefresh = newToken();
    const [updated] = await tx
      .update(sessions)
      .set({
        accessTokenHash: tokenHash(accessToken),
        accessExpiresAt: sql`least(${secondsFromNow(policy.accessTtlSeconds)}, ${sessions.refreshExpiresAt})`,
        refreshTokenHash: tokenHash(nextRefresh),
        previousRefreshHash: hash,
        refreshedAt: sql`now()`,
      })
      .where(eq(sessions.id, row.sessionId))
      .returning({ accessExpiresAt: sessions.accessExpiresAt, refreshExpiresAt: sessions.refreshExpiresAt });
    if (!updated) throw new Error('session vanished during refresh');
    const user: SessionUser = { id: row.id, login: row.login, fullName: row.fullName, position: row.position, role: row.role, unitId: row.unitId, unitSymbol: row.unitSymbol };
    return {
      tokens: {
        accessToken,
        accessExpiresAt: updated.accessExpiresAt.toISOString(),
        refreshToken: nextRefresh,
        refreshExpiresAt: updated.refreshExpiresAt.toISOString(),
        user,
      },
    };
  });
  // Thrown after the transaction: a reused token's session must stay ended (committed).
  if ('refused' in outcome) throw outcome.refused;
  return outcome.tokens;
}

/** POST /auth/logout: ends the session (both its tokens stop working at once). */
export async function logout(db: ServerDb, user: SignedInUser, ctx: LoginContext): Promise<void> {
  await db.transaction(async (tx) => {
    const [ended] = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.id, user.session.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (!ended) return;
    await appendAudit(tx, {
      actor: user.login,
      action: 'auth.logout',
      entityType: 'session',
      entityId: ended.id,
      summary: `Wylogowanie ${user.login} ze stanowiska „${user.session.clientName}” (${ctx.ip})`,
      data: { ip: ctx.ip },
    });
  });
}

/** Ends every open session of a user (a new password, an account switched off). */
export async function revokeSessionsOf(tx: ServerTx, userId: string): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

/** Deletes login attempts older than the policy keeps them (run at start). */
export async function sweepLoginAttempts(db: ServerDb, policy: AuthPolicy): Promise<number> {
  const gone = await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.at, sql`now() - make_interval(hours => ${policy.attemptsKeptHours})`))
    .returning({ id: loginAttempts.id });
  return gone.length;
}
