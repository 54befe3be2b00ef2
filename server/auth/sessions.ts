import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { fail, type DomainError } from '#core/errors';
import type { LoginRequest, SessionTokens, SessionUser } from '#sync/protocol';
import type { ServerDb, ServerTx } from '#server/db/open';
import { loginAttempts, sessions, units, users } from '#server/db/schema/index';
import { appendAudit } from '#server/db/audit';
import { loginDelaySeconds } from '#core/security/loginSlowdown';
import type { AuthPolicy } from './policy.ts';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '#core/security/password';
import { newToken, tokenHash } from './tokens.ts';
import { takeTurns } from '#server/db/tx';
import { changeFeedOf, feedCache, type FeedCache } from '#server/db/changeFeed';

// Logging in, refreshing and ending sessions. Everything that must hold across server processes
// (the login attempts behind the slowdown, locks, the rate limit, sessions) is in the database and changed by
// single statements or in transactions; nothing is kept in memory.

/** The session a request's access token belongs to, with its user. */
export type SessionInfo = { id: string; clientName: string; accessExpiresAt: Date; refreshExpiresAt: Date };
export type SignedInUser = SessionUser & { session: SessionInfo };

/** Where a login comes from. */
export type LoginContext = { ip: string };

function secondsFromNow(seconds: number) {
  return sql<Date>`now() + make_interval(secs => ${seconds})`;
}

/** A person as sessions and the directory name them: who, their role and unit. */
export const userColumns = {
  id: users.id,
  login: users.login,
  fullName: users.fullName,
  position: users.position,
  role: users.role,
  unitId: users.unitId,
  unitSymbol: units.symbol,
};

/**
 * Counts this attempt against the per-address limit and the login's slowdown, and records it;
 * throws AUTH_RATE_LIMITED (the address used up its minute) or AUTH_SLOW_DOWN (this login failed
 * too often of late) with nothing recorded. Transaction-level advisory locks per address and per
 * login make "count, then insert" exact even with many server processes.
 */
async function recordAttempt(db: ServerDb, policy: AuthPolicy, login: string, ip: string): Promise<string> {
  const outcome = await db.transaction(async (tx) => {
    await takeTurns(tx, `login:${ip}`);
    await takeTurns(tx, `login-account:${login}`);
    await tx.delete(loginAttempts).where(and(eq(loginAttempts.ip, ip), lt(loginAttempts.at, sql`now() - make_interval(hours => ${policy.attemptsKeptHours})`)));
    const recent = await tx
      .select({ at: loginAttempts.at, wait: sql<number>`ceil(extract(epoch from (${loginAttempts.at} + interval '1 minute' - now())))::int` })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), gt(loginAttempts.at, sql`now() - interval '1 minute'`)))
      .orderBy(asc(loginAttempts.at));
    if (recent.length >= policy.loginAttemptsPerIpPerMinute) {
      // The wait until the oldest attempts leave the window and a new one fits.
      const freeing = recent[recent.length - policy.loginAttemptsPerIpPerMinute];
      return { refused: 'AUTH_RATE_LIMITED' as const, seconds: Math.max(1, freeing?.wait ?? 60) };
    }
    const seconds = await slowdownSeconds(tx, policy, login, ip);
    if (seconds > 0) return { refused: 'AUTH_SLOW_DOWN' as const, seconds };
    const [row] = await tx.insert(loginAttempts).values({ ip, login, succeeded: false }).returning({ id: loginAttempts.id });
    if (!row) throw new Error('login attempt not recorded');
    return { refused: null, id: row.id };
  });
  if (outcome.refused !== null) throw fail(outcome.refused, { seconds: outcome.seconds });
  return outcome.id;
}

/**
 * How long this login must still wait before a try from `ip` (0: it may try now): the failures
 * in a row since its last success within the window, from this address and from anywhere.
 * Unknown logins count the same way, so the answers never tell whether a login exists.
 */
async function slowdownSeconds(tx: ServerTx, policy: AuthPolicy, login: string, ip: string): Promise<number> {
  const failures = await tx
    .select({ ip: loginAttempts.ip, ago: sql<number>`extract(epoch from (now() - ${loginAttempts.at}))::float8` })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.login, login),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, sql`greatest(now() - make_interval(mins => ${policy.failureWindowMinutes}), coalesce((SELECT max(s.at) FROM login_attempts s WHERE s.login = ${login} AND s.succeeded), '-infinity'::timestamptz))`),
      ),
    )
    .orderBy(desc(loginAttempts.at));
  const fromHere = failures.filter((f) => f.ip === ip);
  const waitAfter = (last: { ago: number } | undefined, delay: number) => (last === undefined ? 0 : Math.ceil(delay - last.ago));
  return Math.max(
    0,
    waitAfter(fromHere[0], loginDelaySeconds(fromHere.length, policy.slowdownAfterFailures, policy.maxDelaySeconds)),
    waitAfter(failures[0], loginDelaySeconds(failures.length, policy.accountSlowdownAfterFailures, policy.accountMaxDelaySeconds)),
  );
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
 * Order: the per-address limit (429), the login's slowdown (429), then the password, then an
 * administrator's lock. Every try is a `login_attempts` row first; the right password marks it
 * succeeded, which starts the login's count again.
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
  if (!found) {
    // As long as a real account's check, and the same refusal: a login's existence is not told.
    await verifyPassword(req.password, await dummyPasswordHash());
    throw fail('AUTH_LOGIN_FAILED');
  }
  const ok = found.passwordHash !== null && (await verifyPassword(req.password, found.passwordHash));
  if (!found.passwordHash) await verifyPassword(req.password, await dummyPasswordHash());
  // A failure is the attempt row already written; the next try's wait is counted from those rows.
  if (!ok) throw fail('AUTH_LOGIN_FAILED');
  // Only after the right password: a lock an administrator set is no hint to someone guessing.
  if (found.locked) throw fail('AUTH_ACCOUNT_LOCKED');
  if (!found.active) throw fail('AUTH_ACCOUNT_INACTIVE');

  const { active: _a, passwordHash: stored, lockedUntil: _l, locked: _k, ...user } = found;
  // A hash made with weaker parameters than today's is made again now that the password is known.
  const rehashed = stored !== null && needsRehash(stored) ? await hashPassword(req.password) : null;
  const result = await db.transaction(async (tx) => {
    if (rehashed !== null) await tx.update(users).set({ passwordHash: rehashed }).where(and(eq(users.id, user.id), eq(users.passwordHash, stored ?? '')));
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
  return result;
}

/**
 * Who holds which access token, remembered by this server process so that a request costs no
 * database round trip (server/db/changeFeed.ts): forgotten when the session is refreshed or ended
 * and whenever the directory changes (a role, a unit, an account switched off), by whichever
 * process; kept at most until the token expires, and never more than a minute.
 */
function sessionCache(db: ServerDb): FeedCache<string, SignedInUser> {
  return feedCache(db, 'sessions', { maxAgeMs: 60_000, maxEntries: 50_000, forgets: (change, user) => change.what !== 'session' || change.id === user.session.id });
}

/** Tells this process's caches at once that a session changed (its notification comes later). */
function sessionChanged(db: ServerDb, id: string): void {
  changeFeedOf(db)?.heard({ what: 'session', id });
}

/**
 * The signed-in user behind an access token, or the refusal: no such token (replaced by a
 * refresh, or made up) and an expired one are AUTH_SESSION_EXPIRED, an ended session
 * AUTH_SESSION_REVOKED, a disabled account AUTH_ACCOUNT_INACTIVE. Refusals are not remembered.
 */
export async function userForAccessToken(db: ServerDb, accessToken: string): Promise<SignedInUser> {
  return sessionCache(db).through(tokenHash(accessToken), async () => {
    const [row] = await db
      .select({
        ...userColumns,
        active: users.active,
        sessionId: sessions.id,
        clientName: sessions.clientName,
        accessExpiresAt: sessions.accessExpiresAt,
        refreshExpiresAt: sessions.refreshExpiresAt,
        revoked: sql<boolean>`${sessions.revokedAt} IS NOT NULL`,
        // By the database's clock, as the expiry was set: the process's clock may differ.
        msLeft: sql<number>`(extract(epoch from (${sessions.accessExpiresAt} - now())) * 1000)::float8`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(units, eq(units.id, users.unitId))
      .where(eq(sessions.accessTokenHash, tokenHash(accessToken)));
    if (!row) throw fail('AUTH_SESSION_EXPIRED');
    if (row.revoked) throw fail('AUTH_SESSION_REVOKED');
    if (row.msLeft <= 0) throw fail('AUTH_SESSION_EXPIRED');
    if (!row.active) throw fail('AUTH_ACCOUNT_INACTIVE');
    const user: SignedInUser = {
      id: row.id,
      login: row.login,
      fullName: row.fullName,
      position: row.position,
      role: row.role,
      unitId: row.unitId,
      unitSymbol: row.unitSymbol,
      session: { id: row.sessionId, clientName: row.clientName, accessExpiresAt: row.accessExpiresAt, refreshExpiresAt: row.refreshExpiresAt },
    };
    return { value: user, ttlMs: row.msLeft };
  });
}

/**
 * POST /auth/refresh: both tokens replaced, the refresh expiry kept. The refresh token just
 * replaced is remembered; presenting it again means two holders of one session (a copied
 * token), and the whole session ends (AUTH_REFRESH_REUSED).
 */
export async function refresh(db: ServerDb, policy: AuthPolicy, refreshToken: string, ctx: LoginContext): Promise<SessionTokens> {
  const hash = tokenHash(refreshToken);
  const outcome = await db.transaction(async (tx): Promise<{ refused: DomainError; ended?: string } | { tokens: SessionTokens; sessionId: string }> => {
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
      return { refused: fail('AUTH_REFRESH_REUSED'), ended: reused.id };
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
      sessionId: row.sessionId,
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
  if ('refused' in outcome) {
    if (outcome.ended !== undefined) sessionChanged(db, outcome.ended);
    throw outcome.refused;
  }
  sessionChanged(db, outcome.sessionId);
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
  sessionChanged(db, user.session.id);
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
