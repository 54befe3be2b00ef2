/**
 * The workstation's data key (backend/dataKey.ts) kept by the OS keychain: sealed with
 * safeStorage in the profile's KEYCHAIN_DATA_KEY_FILE, unsealed at each start and handed to
 * the backend process over its message port (never on a command line or in the environment).
 *
 * Without a keychain that really encrypts (`basic_text` on Linux) the shell does not start:
 * the data would be as good as unencrypted, and the person is told what IT must do. A profile
 * made in browser mode or by the command line (its key in DATA_KEY_FILE) is taken over: the
 * key is sealed into the keychain and the plain file removed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '#core/errors';
import { DATA_KEY_FILE, KEYCHAIN_DATA_KEY_FILE } from '#core/security/dataKeyFiles';
import { keychainProblem, type Keychain } from './osKeychain';

const KEY_BYTES = 32;

export async function loadDataKey(profileDir: string, keychain: Keychain, platform: NodeJS.Platform = process.platform): Promise<Buffer> {
  const backend = await keychainProblem(keychain, platform);
  if (backend !== null) throw fail('DATA_KEY_NO_KEYCHAIN', { backend });
  const sealedFile = join(profileDir, KEYCHAIN_DATA_KEY_FILE);
  const plainFile = join(profileDir, DATA_KEY_FILE);
  if (existsSync(sealedFile)) {
    let key: Buffer;
    try {
      key = Buffer.from((await keychain.decryptStringAsync(await readFile(sealedFile))).result, 'hex');
    } catch {
      throw fail('DATA_KEY_KEYCHAIN_REFUSED', { dir: profileDir });
    }
    if (key.length !== KEY_BYTES) throw fail('DATA_KEY_KEYCHAIN_REFUSED', { dir: profileDir });
    // Sealed earlier but the plain file came back (a browser-mode run in between): it goes again.
    await rm(plainFile, { force: true });
    return key;
  }
  const key = existsSync(plainFile) ? await readFile(plainFile) : randomBytes(KEY_BYTES);
  if (key.length !== KEY_BYTES) throw fail('DATA_KEY_KEYCHAIN_REFUSED', { dir: profileDir });
  await writeFile(sealedFile, await keychain.encryptStringAsync(key.toString('hex')), { mode: 0o600, flag: 'wx' });
  await rm(plainFile, { force: true });
  return key;
}
