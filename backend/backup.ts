/**
 * Backups of a workstation without a server (`kancelaria backup now|list|verify|restore`).
 *
 * A copy is made while people work: `VACUUM INTO` writes the database as one consistent
 * snapshot (WAL readers never block writers, and every command committed before the snapshot
 * is in it), then the snapshot and every stored file it names are sealed into one `.kbak` file
 * (core/backup/archive.ts) with the office's backup key. The key lives in the profile (only this
 * account can read it) and is shown once as a recovery phrase for the administrator to keep on
 * paper: a copy restored on a new computer needs it. Each copy is verified right after it is
 * written, as a restore would read it (`db check` on the restored profile), and a restore goes
 * into a new, empty folder only, never over a live profile.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, plainSnapshot } from '#db/store';
import { SealedFileError } from '#db/fileCipher';
import { dataKeysOf, openProfileStore } from '#backend/dataKey';
import { readSettings } from '#core/admin/settings';
import type { Settings } from '#core/contract';
import { openBlobStore, type BlobStore } from '#db/blobStore';
import { checkProfile, type DbCheckReport } from '#backend/dbCheck';
import { ArchiveError, fileSource, keyIdOf, readArchive, recoveryPhrase, writeArchiveFile, type BackupHeader, type EntrySource, type Manifest } from '#core/backup/archive';
import { BackupProblem, copiesToRemove, explainArchiveError, listCopies, loadOrCreateKey, newCopyPath, nextBackupStatus, readBackupStatusFile, requireKind, writeBackupStatusFile, type BackupStatus } from '#core/backup/copies';
import { createHash, type Hash } from 'node:crypto';

export const BACKUP_KEY_FILE = 'klucz-kopii.bin';
/** Present once the recovery phrase has been shown (by `backup now` making the key, or `backup phrase`). */
export const PHRASE_SHOWN_FILE = 'klucz-kopii.pokazany';

/** Records that the administrator has seen the phrase. */
export function markPhraseShown(profileDir: string): void {
  writeFileSync(join(profileDir, PHRASE_SHOWN_FILE), new Date().toISOString(), { mode: 0o600 });
}
const DATABASE_FILE = 'kancelaria.sqlite';
const BLOB_DIR = 'blobs';

/** Where copies go until the administrator sets a place: a folder beside the profile. */
export function defaultBackupDir(profileDir: string): string {
  return join(dirname(profileDir), `${basename(profileDir)}-kopie`);
}

/** The profile's backup key, made on first use; `created` says the phrase has never been shown. */
export function profileKey(profileDir: string): { key: Buffer; created: boolean } {
  return loadOrCreateKey(join(profileDir, BACKUP_KEY_FILE));
}

function entryName(name: string, letters: (sha256: string) => string[]): string {
  if (name === DATABASE_FILE) return `baza danych (${DATABASE_FILE})`;
  const sha256 = name.split('/').at(-1) ?? name;
  const where = letters(sha256);
  return `plik ${sha256.slice(0, 12)}…${where.length > 0 ? ` (skan przesyłki ${where.join(', ')})` : ''}`;
}

export type WorkstationCounts = { letters: number; cases: number; events: number; files: number };
export type RestoreReport = { counts: WorkstationCounts; header: BackupHeader; check: DbCheckReport };

/**
 * Reads a copy into `target` (which must not exist or be empty), proving every piece genuine,
 * then checks the restored profile as `db check` does. On any failure the target is removed.
 */
export async function restoreInto(file: string, key: Buffer, target: string): Promise<RestoreReport> {
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new BackupProblem(`Katalog ${target} nie jest pusty. Kopię odtwarza się tylko do nowego, pustego katalogu — nigdy na działający profil.`);
  }
  mkdirSync(join(target, BLOB_DIR), { recursive: true, mode: 0o700 });
  // What the reading has reached so far (the callbacks below fill it in as entries arrive).
  const st: { manifest: Manifest | null; header: BackupHeader | null; fd: number | null; hash: Hash | null; db: Database.Database | null; current: number } = { manifest: null, header: null, fd: null, hash: null, db: null, current: -1 };
  // Once the database is in, a damaged file can be named by the letters that carry it.
  const letters = (sha256: string): string[] => {
    if (!st.db) return [];
    try {
      return (st.db.prepare('SELECT coalesce(c.number, c.provisional_label) AS label FROM correspondence_scans s JOIN correspondence c ON c.id = s.correspondence_id WHERE s.sha256 = ?').all(sha256) as { label: string }[]).map((r) => r.label);
    } catch {
      return [];
    }
  };
  const nameOf = (entry: number) => st.manifest?.entries[entry - 1]?.name ?? '';
  try {
    await readArchive(file, key, {
      manifest(m, h) {
        requireKind(h.kind, 'workstation', file);
        st.manifest = m;
        st.header = h;
      },
      chunk(entry, plain) {
        if (entry !== st.current) {
          st.current = entry;
          const path = join(target, ...nameOf(entry).split('/'));
          mkdirSync(dirname(path), { recursive: true });
          st.fd = openSync(path, 'w', 0o600);
          st.hash = createHash('sha256');
        }
        if (st.fd !== null) writeSync(st.fd, plain);
        st.hash?.update(plain);
      },
      entryDone(entry) {
        const name = nameOf(entry);
        if (entry !== st.current) {
          // An empty entry had no chunk: create its (empty) file.
          writeFileSync(join(target, ...name.split('/')), Buffer.alloc(0), { mode: 0o600 });
          st.hash = createHash('sha256');
        }
        if (st.fd !== null) {
          fsyncSync(st.fd);
          closeSync(st.fd);
          st.fd = null;
        }
        const digest = st.hash?.digest('hex') ?? '';
        if (name.startsWith(`${BLOB_DIR}/`) && digest !== name.split('/').at(-1)) {
          throw new BackupProblem(`W kopii ${file} ${entryName(name, letters)} ma inną zawartość, niż wskazuje jego skrót SHA-256. Użyj innej kopii.`);
        }
        if (name === DATABASE_FILE) st.db = new Database(join(target, DATABASE_FILE), { readonly: true });
      },
    });
  } catch (e) {
    if (st.fd !== null) closeSync(st.fd);
    const named = e instanceof ArchiveError && e.entry > 0 ? entryName(nameOf(e.entry), letters) : null;
    st.db?.close();
    rmSync(target, { recursive: true, force: true });
    if (e instanceof ArchiveError) throw new BackupProblem(explainArchiveError(e, file, named));
    throw e;
  }
  st.db?.close();
  if (!st.manifest || !st.header) throw new BackupProblem(`Kopia ${file} nie ma spisu zawartości.`);
  // The restored copy is plain, as the archive holds it: the profile that opens it next encrypts it with its own key.
  const store = openStore(join(target, DATABASE_FILE), { key: null });
  try {
    const check = await checkProfile(target, store, openBlobStore(join(target, BLOB_DIR), null));
    return { counts: st.manifest.counts as WorkstationCounts, header: st.header, check };
  } finally {
    store.close();
  }
}

/** Seals the snapshot and the stored files `here` (their plain bytes) into `part`; the digests of the files by entry. */
async function writeCopy(
  part: string,
  key: Buffer,
  c: { snapshot: string; blobs: BlobStore; here: string[]; counts: WorkstationCounts; office: string; now: Date },
): Promise<Map<number, string>> {
  const snapshotFd = openSync(c.snapshot, 'r');
  const opened: (EntrySource & { close(): void })[] = [{ ...fileSource(snapshotFd), close: () => closeSync(snapshotFd) }];
  try {
    // The archive holds the plain bytes: it is sealed with the backup key and restored under another data key.
    for (const h of c.here) opened.push(c.blobs.source(h));
    const names = [DATABASE_FILE, ...c.here.map((h) => `${BLOB_DIR}/${h.slice(0, 2)}/${h}`)];
    const header: BackupHeader = { format: 1, kind: 'workstation', createdAt: c.now.toISOString(), keyId: keyIdOf(key), office: c.office };
    const counts = { ...c.counts, files: c.here.length };
    return await writeArchiveFile(part, key, header, { entries: names.map((name, i) => ({ name, size: opened[i]?.size ?? 0 })), counts }, opened, 2);
  } finally {
    for (const o of opened) o.close();
  }
}

/**
 * A restored profile encrypted at rest like any other: under its own data key (made now, in its
 * key file; the desktop shell takes it into the keychain at its first start).
 */
export async function sealRestored(target: string): Promise<void> {
  const keys = dataKeysOf(target);
  openProfileStore(join(target, DATABASE_FILE), keys).close();
  await openBlobStore(join(target, BLOB_DIR), keys.files).sealPlainFiles();
}

export type BackupReport = { file: string; size: number; counts: WorkstationCounts; phrase: string | null; filesNotHere: number; verify: RestoreReport };

/**
 * Makes a copy of the profile in `destDir` while it is in use, and verifies it by reading it
 * back as a restore would. `phrase` is set when the key was made now (show it once).
 */
export async function backupNow(profileDir: string, destDir: string, now = new Date(), dataKey?: Uint8Array): Promise<BackupReport> {
  const { key, created } = profileKey(profileDir);
  const dataKeys = dataKeysOf(profileDir, dataKey);
  mkdirSync(destDir, { recursive: true });
  // The decrypted snapshot and the check's restored copy are made inside the profile (this
  // account's only), never in the copies' folder, which may be a share or a removable disk.
  const work = mkdtempSync(join(profileDir, '.kopia-robocza-'));
  chmodSync(work, 0o700);
  try {
    const snapshot = join(work, DATABASE_FILE);
    plainSnapshot(join(profileDir, DATABASE_FILE), dataKeys.database, snapshot);
    const snap = new Database(snapshot, { readonly: true });
    let hashes: string[];
    let counts: WorkstationCounts;
    let office = '';
    try {
      hashes = (snap.prepare('SELECT sha256 FROM blobs ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256);
      const n = (table: string) => (snap.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      counts = { letters: n('correspondence'), cases: n('cases'), events: n('events'), files: 0 };
      const settings = snap.prepare("SELECT value FROM settings WHERE key = 'office-settings'").get() as { value: string } | undefined;
      office = settings ? ((JSON.parse(settings.value) as { office?: { name?: string } }).office?.name ?? '') : '';
    } finally {
      snap.close();
    }
    const blobs = openBlobStore(join(profileDir, BLOB_DIR), dataKeys.files);
    // With a server a workstation keeps only the files it opened; the server holds the rest.
    let here = hashes.filter((h) => blobs.has(h));
    const file = newCopyPath(destDir, 'kancelaria', now);
    const part = `${file}.czesc`;
    let digests: Map<number, string>;
    let unreadable: string[] = [];
    try {
      digests = await writeCopy(part, key, { snapshot, blobs, here, counts, office, now });
    } catch (e) {
      if (!(e instanceof SealedFileError)) throw e;
      // A stored file that no longer decrypts (changed on disk): the copy is made without it and says so.
      unreadable = [];
      for (const h of here) if (!(await blobs.verify(h))) unreadable.push(h);
      here = here.filter((h) => !unreadable.includes(h));
      digests = await writeCopy(part, key, { snapshot, blobs, here, counts, office, now });
    }
    counts.files = here.length;
    // A stored file whose bytes no longer match its name is damaged in the profile itself.
    const damaged = [...digests.entries()].filter(([entry, digest]) => digest !== here[entry - 2]).map(([entry]) => here[entry - 2] ?? '');
    renameSync(part, file);
    const verify = await restoreInto(file, key, join(work, 'sprawdzenie'));
    if (damaged.length > 0) verify.check.problems.push(`W profilu ${damaged.length === 1 ? 'plik' : 'pliki'} ${damaged.map((d) => d.slice(0, 12)).join(', ')} ${damaged.length === 1 ? 'ma' : 'mają'} inną zawartość niż skrót: kopia je zawiera, ale są uszkodzone już na dysku stanowiska.`);
    if (unreadable.length > 0) verify.check.problems.push(`W profilu ${unreadable.length === 1 ? 'plik' : 'pliki'} ${unreadable.map((d) => d.slice(0, 12)).join(', ')} ${unreadable.length === 1 ? 'jest uszkodzony' : 'są uszkodzone'} na dysku stanowiska (zaszyfrowana zawartość zmieniona): kopia ich nie zawiera. Przy serwerze urzędu pobierz je ponownie; bez serwera — odtwórz z wcześniejszej kopii.`);
    return { file, size: statSync(file).size, counts, phrase: created ? recoveryPhrase(key) : null, filesNotHere: hashes.length - here.length, verify };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export const STATUS_FILE = 'ostatnia-kopia.json';

export function readBackupStatus(profileDir: string): BackupStatus | null {
  return readBackupStatusFile(join(profileDir, STATUS_FILE));
}

/** The office's backup settings as this profile holds them (read without opening it for writing). */
export function backupSettingsOf(profileDir: string, dataKey?: Uint8Array): Settings['backup'] {
  const store = openProfileStore(join(profileDir, DATABASE_FILE), dataKeysOf(profileDir, dataKey), { readOnly: true });
  try {
    return readSettings(store).backup;
  } finally {
    store.close();
  }
}

export type MadeBackup = { report: BackupReport | null; removed: string[]; problem: string | null; destDir: string };

/**
 * One scheduled or requested copy: where the settings say (or `destDir`), then the old copies
 * pruned when this one is good, and the outcome written for the header and the schedule.
 */
export async function makeBackup(profileDir: string, destDir: string | null, now = new Date(), settings: Settings['backup'] = backupSettingsOf(profileDir), dataKey?: Uint8Array): Promise<MadeBackup> {
  const dest = destDir ?? settings.folder ?? defaultBackupDir(profileDir);
  const previous = readBackupStatus(profileDir);
  try {
    const report = await backupNow(profileDir, dest, now, dataKey);
    const good = report.verify.check.ok;
    // Only this profile's copies (its key): a folder shared with another office's is not ours to prune.
    const ours = listCopies(dest, profileKey(profileDir).key).filter((c) => c.keyMatches === true);
    const removed = good ? copiesToRemove(ours, settings.keepDaily, settings.keepMonthly) : [];
    for (const f of removed) rmSync(f, { force: true });
    writeBackupStatusFile(join(profileDir, STATUS_FILE), nextBackupStatus(previous, now, good ? { file: report.file } : { problem: report.verify.check.problems[0] ?? 'kopia nie przeszła sprawdzenia' }));
    return { report, removed, problem: null, destDir: dest };
  } catch (e) {
    const problem = e instanceof BackupProblem ? e.message : `Nie udało się zapisać kopii w ${dest}: ${e instanceof Error ? e.message : String(e)}`;
    writeBackupStatusFile(join(profileDir, STATUS_FILE), nextBackupStatus(previous, now, { problem }));
    return { report: null, removed: [], problem, destDir: dest };
  }
}
