import { MIN_PASSWORD_LENGTH } from '#core/security/loginSlowdown';

/**
 * How long sessions last and how hard guessing passwords is: the one place these numbers live.
 *
 * - Access token ~15 min: a stolen one is useful briefly; the workstation refreshes it quietly.
 * - Refresh token 12 h from login, not extended by refreshing: one working day (and an evening
 *   shift), then the person logs in again.
 * - Failed logins slow guessing down, they never lock: after 3 failures in a row for one login
 *   from one address, each next try from there waits 1, 2, 4 … seconds after the last (at most
 *   15 minutes); after 10 for one login from anywhere, every address waits 1, 2, 4 … seconds (at
 *   most a minute) — so a stranger cannot keep someone out of their account, and a botnet cannot
 *   guess fast. Counted from `login_attempts` (every server process agrees); a success, or an
 *   hour without failures, starts the count again. Only an administrator locks an account.
 * - 20 login attempts per minute from one address get 429.
 *
 * The two token lifetimes can be shortened for tests and special deployments through
 * KANCELARIA_SERVER_ACCESS_TTL_S / KANCELARIA_SERVER_REFRESH_TTL_S (server/config.ts).
 */
export const AUTH_POLICY = {
  accessTtlSeconds: 15 * 60,
  refreshTtlSeconds: 12 * 60 * 60,
  slowdownAfterFailures: 3,
  maxDelaySeconds: 15 * 60,
  accountSlowdownAfterFailures: 10,
  accountMaxDelaySeconds: 60,
  failureWindowMinutes: 60,
  loginAttemptsPerIpPerMinute: 20,
  /** login_attempts rows older than this are deleted (they only serve the limits above). */
  attemptsKeptHours: 24,
  minPasswordLength: MIN_PASSWORD_LENGTH,
} as const;

export type AuthPolicy = {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  slowdownAfterFailures: number;
  maxDelaySeconds: number;
  accountSlowdownAfterFailures: number;
  accountMaxDelaySeconds: number;
  failureWindowMinutes: number;
  loginAttemptsPerIpPerMinute: number;
  attemptsKeptHours: number;
  minPasswordLength: number;
};
