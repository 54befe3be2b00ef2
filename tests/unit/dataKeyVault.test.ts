import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataKey } from '../../electron/dataKeyVault';
import type { Keychain } from '../../electron/osKeychain';
import { DATA_KEY_FILE, KEYCHAIN_DATA_KEY_FILE } from '#core/security/dataKeyFiles';

// Electron cannot run here: safeStorage is stood in for by a keychain with a key of its own
// (as DPAPI has one per Windows account), with the backend names Chromium reports on Linux.

function keychain(backend: string, available = true): Keychain {
  const own = randomBytes(32);
  return {
    getSelectedStorageBackend: () => backend,
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    encryptStringAsync: (text: string) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', own, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Promise.resolve(Buffer.concat([iv, c.getAuthTag(), body]));
    },
    decryptStringAsync: (sealed: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', own, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Promise.resolve({ result: Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8'), shouldReEncrypt: false });
    },
  } as Keychain;
}

const dirs: string[] = [];
const profile = () => {
  const d = mkdtempSync(join(tmpdir(), 'kancelaria-klucz-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the data key kept by the OS keychain (electron/dataKeyVault.ts)', () => {
  it('made once, sealed by the keychain into a file of this account only, the same at the next start', async () => {
    const dir = profile();
    const os = keychain('gnome_libsecret');
    const key = await loadDataKey(dir, os, 'linux');
    expect(key).toHaveLength(32);
    const sealed = readFileSync(join(dir, KEYCHAIN_DATA_KEY_FILE));
    expect(sealed.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(statSync(join(dir, KEYCHAIN_DATA_KEY_FILE)).mode & 0o077).toBe(0);
    expect((await loadDataKey(dir, os, 'linux')).equals(key)).toBe(true);
  });

  it('basic_text (Linux without a keyring) is refused with what IT must do; nothing is written', async () => {
    const dir = profile();
    await expect(loadDataKey(dir, keychain('basic_text'), 'linux')).rejects.toMatchObject({ code: 'DATA_KEY_NO_KEYCHAIN', message: expect.stringMatching(/nie udostępnia pęku kluczy \(basic_text\).*GNOME Keyring albo KWallet/) as unknown });
    await expect(loadDataKey(dir, keychain('dpapi', false), 'win32')).rejects.toMatchObject({ code: 'DATA_KEY_NO_KEYCHAIN' });
    expect(existsSync(join(dir, KEYCHAIN_DATA_KEY_FILE))).toBe(false);
  });

  it('a browser-mode profile’s plain key is taken into the keychain and its file removed', async () => {
    const dir = profile();
    const plain = randomBytes(32);
    writeFileSync(join(dir, DATA_KEY_FILE), plain, { mode: 0o600 });
    expect((await loadDataKey(dir, keychain('kwallet5'), 'linux')).equals(plain)).toBe(true);
    expect(existsSync(join(dir, DATA_KEY_FILE))).toBe(false);
  });

  it('a key sealed by another account’s keychain (a profile copied over) is refused, not replaced', async () => {
    const dir = profile();
    await loadDataKey(dir, keychain('dpapi'), 'win32');
    const before = readFileSync(join(dir, KEYCHAIN_DATA_KEY_FILE));
    await expect(loadDataKey(dir, keychain('dpapi'), 'win32')).rejects.toMatchObject({ code: 'DATA_KEY_KEYCHAIN_REFUSED' });
    expect(readFileSync(join(dir, KEYCHAIN_DATA_KEY_FILE)).equals(before)).toBe(true);
  });
});
