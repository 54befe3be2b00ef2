/**
 * Where the desktop shell keeps the central server's refresh token between runs: encrypted
 * with Electron's safeStorage (DPAPI on Windows, tied to the Windows account), in the user's
 * profile. Only the main process may use safeStorage, so the backend sends the token here and
 * gets it back at the next start. Without OS encryption nothing is written: the person simply
 * signs in again (osKeychain.ts says when the OS does not really encrypt).
 */
import { safeStorage } from 'electron';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keychainProblem } from './osKeychain';

export type SessionVault = {
  save(token: string | null): Promise<void>;
  load(): Promise<string | null>;
};

export function sessionVault(profileDir: string, log: (message: string) => void): SessionVault {
  const osEncryption = async () => (await keychainProblem(safeStorage)) === null;
  const file = join(profileDir, 'sesja-serwera.bin');
  const problem = (e: unknown) => log(`session vault: ${e instanceof Error ? e.message : String(e)}`);
  return {
    async save(token) {
      try {
        if (token === null || !(await osEncryption())) {
          await rm(file, { force: true });
          return;
        }
        await writeFile(file, await safeStorage.encryptStringAsync(token), { mode: 0o600 });
      } catch (e) {
        problem(e);
      }
    },
    async load() {
      try {
        if (!existsSync(file) || !(await osEncryption())) return null;
        return (await safeStorage.decryptStringAsync(await readFile(file))).result;
      } catch (e) {
        // Unreadable (another Windows account, a damaged file): sign in again.
        problem(e);
        await rm(file, { force: true }).catch(() => undefined);
        return null;
      }
    },
  };
}
