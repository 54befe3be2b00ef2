/**
 * The server's copies as IT staff run them: made, verified by a trial restore, pruned, and the
 * outcome kept beside the key; daily by the server itself when KANCELARIA_SERVER_BACKUP_DIR
 * is set (with PGlite, the only way while the server runs: one process per data directory).
 */
import { dirname, join } from 'node:path';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerBackupStatus } from '#sync/protocol';
import { backupDue, BackupProblem, copiesToRemove, listCopies, loadOrCreateKey, nextBackupStatus, readBackupStatusFile, startDailyBackups, writeBackupStatusFile, type BackupStatus } from '#core/backup/copies';
import { recoveryPhrase } from '#core/backup/archive';
import type { ServerBackupConfig } from '#server/config';
import type { ServerDb } from '#server/db/open';
import { makeServerCopy, verifyServerCopy, type ServerCopyMade, type ServerRestoreReport } from './serverCopy.ts';

export function serverStatusFile(config: ServerBackupConfig): string {
  return join(dirname(config.keyFile), 'ostatnia-kopia-serwera.json');
}

export function readServerBackupStatus(config: ServerBackupConfig): BackupStatus | null {
  return readBackupStatusFile(serverStatusFile(config));
}

/** Present once IT has seen the recovery phrase (printed by `backup now` making the key, or `backup phrase`). */
function phraseShownFile(config: ServerBackupConfig): string {
  return `${config.keyFile}.pokazany`;
}

export function markServerPhraseShown(config: ServerBackupConfig): void {
  writeFileSync(phraseShownFile(config), new Date().toISOString(), { mode: 0o600 });
}

/**
 * What the header of an office with a server says of the server's copies. No schedule and no
 * copy ever is itself the problem: an office whose records sit in one database unguarded.
 */
export function serverBackupView(config: ServerBackupConfig, admin: boolean): ServerBackupStatus {
  const s = readServerBackupStatus(config);
  const unguarded = config.hour === null && !s?.lastGoodAt ? 'serwer nie robi kopii zapasowych (informatyk: KANCELARIA_SERVER_BACKUP_DIR albo npx kancelaria-server backup now)' : null;
  const problem = s?.problem ?? unguarded;
  return {
    scheduled: config.hour !== null,
    lastGoodAt: s?.lastGoodAt ?? null,
    lastAttemptAt: s?.lastAttemptAt ?? null,
    // Everyone learns that something is wrong (someone tells IT); the details are the administrator's.
    problem: problem === null ? null : admin ? problem : 'serwer urzędu nie ma aktualnej kopii zapasowej',
    folder: admin ? config.dir : null,
    phraseShown: !existsSync(config.keyFile) || existsSync(phraseShownFile(config)),
  };
}

export type ServerBackupOutcome = { made: ServerCopyMade | null; verify: ServerRestoreReport | null; removed: string[]; problem: string | null; phrase: string | null };

/**
 * One copy into `dir` (or the configured folder): written, restored on trial, and — when good
 * — the older copies of this key pruned to N days and M months. The phrase is returned when
 * the key was made now (show it once).
 */
export async function makeServerBackup(db: ServerDb, config: ServerBackupConfig, now = new Date(), dir = config.dir): Promise<ServerBackupOutcome> {
  const previous = readServerBackupStatus(config);
  const { key, created } = loadOrCreateKey(config.keyFile);
  const phrase = created ? recoveryPhrase(key) : null;
  try {
    const made = await makeServerCopy(db, dir, key, now);
    const verify = await verifyServerCopy(made.file, key);
    const good = verify.problems.length === 0;
    const ours = listCopies(dir, key).filter((c) => c.keyMatches === true && c.kind === 'server');
    const removed = good ? copiesToRemove(ours, config.keepDaily, config.keepMonthly) : [];
    for (const f of removed) rmSync(f, { force: true });
    writeBackupStatusFile(serverStatusFile(config), nextBackupStatus(previous, now, good ? { file: made.file } : { problem: verify.problems[0] ?? 'kopia nie przeszła sprawdzenia' }));
    return { made, verify, removed, problem: good ? null : (verify.problems[0] ?? null), phrase };
  } catch (e) {
    const problem = e instanceof BackupProblem ? e.message : `Nie udało się zapisać kopii serwera w ${dir}: ${e instanceof Error ? e.message : String(e)}`;
    writeBackupStatusFile(serverStatusFile(config), nextBackupStatus(previous, now, { problem }));
    return { made: null, verify: null, removed: [], problem, phrase };
  }
}

/** The daily copy made by the running server (nothing when no hour is configured). */
export function startServerBackupSchedule(db: ServerDb, config: ServerBackupConfig, log: (line: string) => void, o: { firstAfterMs?: number; everyMs?: number } = {}): { stop(): void } {
  const hour = config.hour;
  if (hour === null) return { stop: () => undefined };
  return startDailyBackups({
    due: (now) => backupDue(readServerBackupStatus(config), now, hour),
    async make(now) {
      const r = await makeServerBackup(db, config, now);
      const line = r.problem ? `Kopia serwera nieudana: ${r.problem}` : `Kopia serwera: ${r.made?.file ?? '?'} (sprawdzona próbnym odtworzeniem)`;
      // The phrase never goes to a log: IT prints it at the console.
      return r.phrase ? `${line}. Utworzono nowy klucz kopii ${config.keyFile}: wydrukuj klucz odzyskiwania (npx kancelaria-server backup phrase) i schowaj go poza serwerem.` : line;
    },
    log,
    // A copy due at start (the server was down at the hour) is made soon, not after ten minutes.
    firstAfterMs: o.firstAfterMs ?? 5_000,
    everyMs: o.everyMs ?? 10 * 60_000,
  });
}
