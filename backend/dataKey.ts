/**
 * The workstation's data key: what the profile's database and stored files are encrypted with
 * (db/store.ts, db/fileCipher.ts), so that a copied profile folder, a backup of the disk or a
 * stolen laptop shows no letter and no scan.
 *
 * One random 256-bit key per profile, from which the database key and the files key are
 * derived (HKDF-SHA-256, one name each). The desktop shell keeps it sealed by the operating
 * system's keychain (DPAPI on Windows; electron/dataKeyVault.ts) in KEYCHAIN_DATA_KEY_FILE and
 * hands it to the backend at start. Browser mode and the command line have no keychain: they
 * keep it in DATA_KEY_FILE, this account's only — which protects the data copied without the
 * profile folder (a database file sent around, a disk image of the scans) but not the folder
 * taken whole; the shell takes such a key over into the keychain and removes the file.
 */
import { existsSync } from 'node:fs';
import { hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import { fail } from '#core/errors';
import { loadOrCreateKey } from '#core/backup/copies';
import { DATA_KEY_FILE, KEYCHAIN_DATA_KEY_FILE } from '#core/security/dataKeyFiles';
import { DatabaseKeyError, openStore, type Store } from '#db/store';


export type DataKeys = { database: string; files: Buffer };

export function dataKeysFrom(key: Uint8Array): DataKeys {
  const derive = (name: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), name, 32));
  return { database: derive('Kancelaria: baza stanowiska').toString('hex'), files: derive('Kancelaria: pliki stanowiska') };
}

/** The key of a profile opened without the shell (browser mode, the command line); made on first use. */
export function dataKeyInProfile(profileDir: string): Buffer {
  if (existsSync(join(profileDir, KEYCHAIN_DATA_KEY_FILE)) && !existsSync(join(profileDir, DATA_KEY_FILE))) throw fail('DATA_KEY_IN_KEYCHAIN', { dir: profileDir });
  return loadOrCreateKey(join(profileDir, DATA_KEY_FILE)).key;
}

/** The profile's keys: `given` by the shell, else the profile's own key file. */
export function dataKeysOf(profileDir: string, given?: Uint8Array): DataKeys {
  return dataKeysFrom(given ?? dataKeyInProfile(profileDir));
}

/** Opens a profile's database (or a copy of it at `path`) with its key; a key that does not fit is said in Polish. */
export function openProfileStore(path: string, keys: DataKeys, opts: { log?: (msg: string) => void; readOnly?: boolean } = {}): Store {
  try {
    return openStore(path, { key: keys.database, ...opts });
  } catch (e) {
    if (e instanceof DatabaseKeyError) throw fail('DATA_KEY_WRONG', { path });
    throw e;
  }
}
