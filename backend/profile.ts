import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The profile directory used when none is given: `KANCELARIA_PROFILE`, else `~/.kancelaria/profil`.
 *
 * Kept apart from backend/main.ts, which starts the backend when imported, so that the admin
 * CLI and the launcher can share the one definition.
 */
export function defaultProfileDir(): string {
  // An empty variable (`set KANCELARIA_PROFILE=` on Windows) counts as unset.
  return process.env.KANCELARIA_PROFILE || join(homedir(), '.kancelaria', 'profil');
}
