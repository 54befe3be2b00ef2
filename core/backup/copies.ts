/**
 * A folder of backup copies and the key that opens them, the same for a workstation's profile
 * and the central server's database: how a copy is named, listed and pruned, where the key is
 * kept, what the last attempt gave, when the day's copy is due, and the Polish sentence for a
 * copy that cannot be read.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { warsawDate, warsawParts } from '#core/time';
import { ArchiveError, keyIdOf, readHeader, type BackupKind } from './archive.ts';

export const COPY_EXTENSION = '.kbak';

/** Why a copy cannot be made or used, in Polish, naming the piece it concerns. */
export class BackupProblem extends Error {}

/** The key file: read, or made (random, readable by this account only) on first use. */
export function loadOrCreateKey(path: string): { key: Buffer; created: boolean } {
  if (existsSync(path)) return { key: readFileSync(path), created: false };
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(path, key, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process of this workstation made it a moment ago: that one is the key.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { key: readFileSync(path), created: false };
    throw e;
  }
  return { key, created: true };
}

/** A file name's office (Warsaw) date and time, `20261206-134500`: copies and exports are listed by it. */
export function fileStamp(d: Date): string {
  const p = warsawParts(d);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(p.year)}${two(p.month)}${two(p.day)}-${two(p.hour)}${two(p.minute)}${two(p.second)}`;
}

/** A new copy's path in `dir`; two copies in one second (by hand, right after the schedule's) never share one. */
export function newCopyPath(dir: string, prefix: string, now: Date): string {
  let file = join(dir, `${prefix}-${fileStamp(now)}${COPY_EXTENSION}`);
  for (let n = 2; existsSync(file); n++) file = join(dir, `${prefix}-${fileStamp(now)}-${String(n)}${COPY_EXTENSION}`);
  return file;
}

/** A copy that cannot be read, as a person should read it; `name` is the damaged piece when known. */
export function explainArchiveError(e: ArchiveError, file: string, name: string | null, phraseOption = '--phrase-stdin'): string {
  if (e.reason === 'not-a-backup') return `Plik ${file} nie jest kopią zapasową Kancelarii (albo jego początek jest uszkodzony).`;
  if (e.reason === 'wrong-key') return `Ta kopia była zaszyfrowana innym kluczem. Podaj klucz odzyskiwania, który wydrukowano przy jej pierwszej kopii (${phraseOption}).`;
  const what = name ?? (e.entry === 0 ? 'spis zawartości kopii' : 'koniec pliku');
  if (e.reason === 'truncated') return `Kopia ${file} jest niepełna (urwana przy: ${what}). Użyj innej kopii.`;
  return `Kopia ${file} jest uszkodzona: ${what} nie zgadza się z tym, co zapisano (zmieniony bajt albo podmieniony fragment). Użyj innej kopii.`;
}

/** What a person is told when the typed recovery phrase does not check out. */
export const PHRASE_MISTYPED = 'Klucz odzyskiwania jest niepełny albo źle przepisany (suma kontrolna się nie zgadza). Przepisz go jeszcze raz z wydruku: 14 grup po 4 znaki.';

/** Refuses a copy of the other kind with the command that restores it. */
export function requireKind(kind: BackupKind, expected: BackupKind, file: string): void {
  if (kind === expected) return;
  throw new BackupProblem(
    kind === 'server'
      ? `Plik ${file} jest kopią serwera urzędu. Odtwarza się ją na serwerze: kancelaria-server backup restore.`
      : `Plik ${file} jest kopią stanowiska bez serwera. Odtwarza się ją na stanowisku: kancelaria backup restore.`,
  );
}

export type ListedCopy = { file: string; kind: BackupKind | null; createdAt: string | null; size: number; keyMatches: boolean | null; problem: string | null };

/** The copies in a folder, newest first, read from their clear headers (no key needed). */
export function listCopies(dir: string, key: Buffer | null): ListedCopy[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith(COPY_EXTENSION))
    .map((n) => {
      const file = join(dir, n);
      const fd = openSync(file, 'r');
      try {
        const { header } = readHeader(fd);
        return { file, kind: header.kind, createdAt: header.createdAt, size: statSync(file).size, keyMatches: key ? header.keyId === keyIdOf(key) : null, problem: null };
      } catch (e) {
        return { file, kind: null, createdAt: null, size: statSync(file).size, keyMatches: null, problem: e instanceof ArchiveError ? explainArchiveError(e, file, null) : String(e) };
      } finally {
        closeSync(fd);
      }
    })
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}

/**
 * The copies to delete once a new good one exists: kept are the newest copy of each of the last
 * `keepDaily` days that have one and of each of the last `keepMonthly` months (office days,
 * Europe/Warsaw); nothing unreadable is touched (it is not ours to judge).
 */
export function copiesToRemove(copies: readonly { file: string; createdAt: string | null }[], keepDaily: number, keepMonthly: number): string[] {
  const dated = copies.filter((c): c is { file: string; createdAt: string } => c.createdAt !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set<string>();
  const days = new Set<string>();
  const months = new Set<string>();
  for (const c of dated) {
    const day = warsawDate(c.createdAt);
    if (!days.has(day) && days.size < keepDaily) {
      days.add(day);
      keep.add(c.file);
    }
    const month = day.slice(0, 7);
    if (!months.has(month) && months.size < keepMonthly) {
      months.add(month);
      keep.add(c.file);
    }
  }
  return dated.filter((c) => !keep.has(c.file)).map((c) => c.file);
}

/** What the last attempts gave: shown to the administrator and read by the daily schedule. */
export type BackupStatus = { lastAttemptAt: string; lastGoodAt: string | null; lastGoodFile: string | null; problem: string | null };

export function readBackupStatusFile(path: string): BackupStatus | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BackupStatus;
  } catch {
    return null;
  }
}

export function writeBackupStatusFile(path: string, s: BackupStatus): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(s), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** The status after one attempt: a good copy moves "last good"; a failed one keeps it and says why. */
export function nextBackupStatus(previous: BackupStatus | null, now: Date, outcome: { file: string } | { problem: string }): BackupStatus {
  const good = 'file' in outcome;
  return {
    lastAttemptAt: now.toISOString(),
    lastGoodAt: good ? now.toISOString() : (previous?.lastGoodAt ?? null),
    lastGoodFile: good ? outcome.file : (previous?.lastGoodFile ?? null),
    problem: good ? null : outcome.problem,
  };
}

const RETRY_MS = 60 * 60_000;

/**
 * Whether the day's copy is due at `now`: from the hour set, once per office day; a failed
 * attempt is tried again an hour later, not every few minutes.
 */
export function backupDue(status: BackupStatus | null, now: Date, hour: number): boolean {
  if (status?.lastGoodAt && warsawDate(status.lastGoodAt) === warsawDate(now)) return false;
  if (status?.problem && now.getTime() - Date.parse(status.lastAttemptAt) < RETRY_MS) return false;
  return warsawParts(now).hour >= hour;
}

/**
 * Looks every `everyMs` (first after `firstAfterMs`) whether a copy is due and makes it, one at
 * a time; the timers never keep the process alive.
 */
export function startDailyBackups(o: { due(now: Date): boolean; make(now: Date): Promise<string>; log(msg: string): void; everyMs: number; firstAfterMs: number; clock?: () => Date }): { stop(): void } {
  const clock = o.clock ?? (() => new Date());
  let running = false;
  const tick = async () => {
    if (running) return;
    const now = clock();
    if (!o.due(now)) return;
    running = true;
    try {
      o.log(await o.make(now));
    } finally {
      running = false;
    }
  };
  const run = () => void tick().catch((e: unknown) => o.log(`kopia zapasowa: ${e instanceof Error ? e.message : String(e)}`));
  const first = setTimeout(run, o.firstAfterMs);
  const every = setInterval(run, o.everyMs);
  first.unref();
  every.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
