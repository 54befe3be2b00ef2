/**
 * How long sessions last and how hard guessing passwords is: the one place these numbers live.
 *
 * - Access token ~15 min: a stolen one is useful briefly; the workstation refreshes it quietly.
 * - Refresh token 12 h from login, not extended by refreshing: one working day (and an evening
 *   shift), then the person logs in again.
 * - 5 failed logins in a row lock the account for 15 minutes (the counter is in `users`, so every
 *   server process agrees); 20 login attempts per minute from one address get 429.
 *
 * The two token lifetimes can be shortened for tests and special deployments through
 * KANCELARIA_SERVER_ACCESS_TTL_S / KANCELARIA_SERVER_REFRESH_TTL_S (server/config.ts).
 */
export const AUTH_POLICY = {
  accessTtlSeconds: 15 * 60,
  refreshTtlSeconds: 12 * 60 * 60,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  loginAttemptsPerIpPerMinute: 20,
  /** login_attempts rows older than this are deleted (they only serve the limits above). */
  attemptsKeptHours: 24,
  minPasswordLength: 8,
} as const;

export type AuthPolicy = {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
  loginAttemptsPerIpPerMinute: number;
  attemptsKeptHours: number;
  minPasswordLength: number;
};
