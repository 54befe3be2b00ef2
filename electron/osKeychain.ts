/**
 * Whether the operating system really encrypts for this account: Electron's safeStorage is
 * DPAPI on Windows and the Keychain on macOS; on Linux it is the Secret Service or KWallet —
 * or, without a keyring, Chromium's `basic_text`, which "encrypts" with a key built into every
 * copy of Chromium: no encryption at all, and treated as none.
 */
import type { safeStorage } from 'electron';

export type Keychain = Pick<typeof safeStorage, 'getSelectedStorageBackend' | 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>;

/** null when the keychain encrypts; otherwise the backend's name, for the message. */
export async function keychainProblem(keychain: Keychain, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  if (platform === 'linux') {
    const backend = keychain.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return backend;
  }
  return (await keychain.isAsyncEncryptionAvailable()) ? null : 'niedostępny';
}
