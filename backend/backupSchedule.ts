/**
 * The daily copy of a workstation without a server, made by the backend itself: from the hour
 * the administrator set, once a good copy exists for the office day nothing more is done; a
 * failed attempt is tried again an hour later, not every few minutes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupPort } from '#core/services/context';
import type { Settings } from '#core/contract';
import { backupDue, startDailyBackups } from '#core/backup/copies';
import { BACKUP_KEY_FILE, PHRASE_SHOWN_FILE, backupSettingsOf, defaultBackupDir, makeBackup, readBackupStatus } from '#backend/backup';

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
  const settings = o.settings ?? (() => backupSettingsOf(profileDir));
  return startDailyBackups({
    due: (now) => backupDue(readBackupStatus(profileDir), now, settings().hour),
    async make(now) {
      const made = await makeBackup(profileDir, null, now, settings());
      return made.problem ? `kopia zapasowa nieudana: ${made.problem}` : `kopia zapasowa: ${made.report?.file ?? '?'}`;
    },
    log,
    everyMs: o.everyMs ?? 10 * 60_000,
    firstAfterMs: o.firstAfterMs ?? 60_000,
    ...(o.clock ? { clock: o.clock } : {}),
  });
}
