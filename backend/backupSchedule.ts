/**
 * The daily copy of a workstation without a server, made by the backend itself: from the hour
 * the administrator set, once a good copy exists for the office day nothing more is done; a
 * failed attempt is tried again an hour later, not every few minutes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupPort, BackupView } from '#core/services/context';
import type { ServerBackupStatus } from '#sync/protocol';
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
        kind: 'workstation',
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
export function startBackupSchedule(profileDir: string, log: (msg: string) => void, o: { everyMs?: number; firstAfterMs?: number; clock?: () => Date; settings?: () => Settings['backup']; dataKey?: Uint8Array } = {}): { stop(): void } {
  const settings = o.settings ?? (() => backupSettingsOf(profileDir, o.dataKey));
  return startDailyBackups({
    due: (now) => backupDue(readBackupStatus(profileDir), now, settings().hour),
    async make(now) {
      const made = await makeBackup(profileDir, null, now, settings(), o.dataKey);
      return made.problem ? `kopia zapasowa nieudana: ${made.problem}` : `kopia zapasowa: ${made.report?.file ?? '?'}`;
    },
    log,
    everyMs: o.everyMs ?? 10 * 60_000,
    firstAfterMs: o.firstAfterMs ?? 60_000,
    ...(o.clock ? { clock: o.clock } : {}),
  });
}

/** How long the server's answer is shown before it is asked again (the header refreshes often). */
const SERVER_STATUS_TTL_MS = 5 * 60_000;

/**
 * The server's copies, asked of it at most every few minutes and again at every sign-in (`session`
 * is the signed-in session, a new value each time); null while it cannot be asked.
 */
export function serverBackupPort(ask: () => Promise<ServerBackupStatus>, clock: () => Date, session: () => unknown): BackupPort {
  let cached: { at: number; session: unknown; view: BackupView } | null = null;
  return {
    async status() {
      const now = clock().getTime();
      if (cached && cached.session === session() && now - cached.at < SERVER_STATUS_TTL_MS) return cached.view;
      try {
        const s = await ask();
        cached = { at: now, session: session(), view: { kind: 'server', lastGoodAt: s.lastGoodAt, lastAttemptAt: s.lastAttemptAt, problem: s.problem, folder: s.folder, phraseShown: s.phraseShown } };
        return cached.view;
      } catch {
        return cached?.view ?? null;
      }
    },
  };
}
