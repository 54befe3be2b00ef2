/**
 * How guessing a password is slowed down — on the central server and on a standalone
 * workstation alike: failures never lock an account (a stranger could then keep its owner
 * out), each one after the first few makes the next try wait longer.
 */

/** Seconds to wait after the last of `failures` failures in a row: 0 below `after`, then 1, 2, 4 … up to `cap`. */
export function loginDelaySeconds(failures: number, after: number, cap: number): number {
  if (failures < after) return 0;
  return Math.min(cap, 2 ** Math.min(30, failures - after));
}

/** The shortest password accepted for an account. */
export const MIN_PASSWORD_LENGTH = 8;

/**
 * A standalone workstation's accounts: 3 free tries, then 1, 2, 4 … s up to 15 minutes after
 * the last failure (one desk, so one count per login; a success starts again).
 */
export const LOCAL_SLOWDOWN = { afterFailures: 3, maxDelaySeconds: 15 * 60 } as const;
