/**
 * The daily copy of a workstation without a server, made by the backend itself: from the hour
 * the administrator set, once a good copy exists for the office day nothing more is done; a
 * failed attempt is tried again an hour later, not every few minutes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { warsawDate, warsawParts } from '#core/time';
import type { BackupPort } from '#core/services/context';
import type { Settings } from '#core/contract';
import { BACKUP_KEY_FILE, PHRASE_SHOWN_FILE, backupSettingsOf, defaultBackupDir, makeBackup, readBackupStatus, type BackupStatus } from '#backend/backup';

const RETRY_MS = 60 * 60_000;

/** Whether the day's copy is due at `now`. */
export function backupDue(status: BackupStatus | null, now: Date, hour: number): boolean {
  if (status?.lastGoodAt && warsawDate(status.lastGoodAt) === warsawDate(now)) return false;
  if (status?.problem && now.getTime() - Date.parse(status.lastAttemptAt) < RETRY_MS) return false;
  return warsawParts(now).hour >= hour;
}

/**
 * The header's view of the copies, read from the profile; `settings` are the backend's own
 * (its open store), so a status asked for on every refresh opens no second connection.
 */
export function backupPort(profileDir: string, settings: () => Settings['backup']): BackupPort {
  return {
    status: () => {
      const s = readBackupStatus(profileDir);
      const { folder } = settings();
      return {
        lastGoodAt: s?.lastGoodAt ?? null,
        lastAttemptAt: s?.lastAttemptAt ?? null,
        problem: s?.problem ?? null,
        folder: folder ?? defaultBackupDir(profileDir),
        // A key made by the schedule has never been shown: IT prints it with `backup phrase`.
        phraseShown: !existsSync(join(profileDir, BACKUP_KEY_FILE)) || existsSync(join(profileDir, PHRASE_SHOWN_FILE)),
      };
    },
  };
}

/** Looks every `everyMs` whether the day's copy is due, and makes it (one at a time). */
export function startBackupSchedule(profileDir: string, log: (msg: string) => void, o: { everyMs?: number; firstAfterMs?: number; clock?: () => Date; settings?: () => Settings['backup'] } = {}): { stop(): void } {
  const clock = o.clock ?? (() => new Date());
  const settings = o.settings ?? (() => backupSettingsOf(profileDir));
  let running = false;
  const tick = async () => {
    if (running) return;
    const now = clock();
    const current = settings();
    if (!backupDue(readBackupStatus(profileDir), now, current.hour)) return;
    running = true;
    try {
      const made = await makeBackup(profileDir, null, now, current);
      log(made.problem ? `kopia zapasowa nieudana: ${made.problem}` : `kopia zapasowa: ${made.report?.file ?? '?'}`);
    } finally {
      running = false;
    }
  };
  const run = () => void tick().catch((e: unknown) => log(`kopia zapasowa: ${e instanceof Error ? e.message : String(e)}`));
  const first = setTimeout(run, o.firstAfterMs ?? 60_000);
  const every = setInterval(run, o.everyMs ?? 10 * 60_000);
  first.unref();
  every.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
