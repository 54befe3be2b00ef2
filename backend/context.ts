import { chmodSync, mkdirSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '#core/services/context';
import { openBlobStore } from '#db/blobStore';
import { dataKeysOf, openProfileStore } from '#backend/dataKey';
import { readSettings, writeSettings } from '#core/admin/settings';
import { settingsSchema } from '#core/contract';
import { rebase } from '#core/services/execute';
import { SyncClient } from '#sync/client';
import { hostname } from 'node:os';
import { seedDemoOffice } from '#core/demo/seed';
import { openScanFolder } from '#backend/scanFolder';
import { startTextRecognition } from '#backend/textRecognition';
import { backupPort, serverBackupPort } from '#backend/backupSchedule';
import { cardModules } from '#backend/cardModules';
import { secretDrop, signerSessions } from '#core/decisions/signerSessions';

export type BackendOptions = {
  profileDir: string;
  mode: 'electron' | 'browser';
  demo: boolean;
  /** Demo letters in the register (on for `npm start`, off for tests that count numbers). */
  demoLetters?: boolean;
  clock?: () => Date;
  quiet?: boolean;
  /**
   * The office's central server (`http://serwer:8417/`). With it, the server numbers and this
   * workstation keeps a replica; without it, the local store is the authority.
   */
  serverUrl?: string | null;
  /** The office CA's certificate (PEM) the server must present a certificate from: pinned. */
  serverCa?: string | null;
  /** Background sync rounds (ms); 0: only on request. */
  syncIntervalMs?: number;
  /** Rows per pull window (the server's default when unset; tests use small windows). */
  syncPullLimit?: number;
  clientName?: string;
  /** Card drivers (PKCS#11 modules) allowed here; KANCELARIA_PKCS11 when unset. */
  cardModules?: string[];
  /** Reads the text of stored scans in the background (backend/textRecognition.ts). */
  textRecognition?: boolean;
  /** The data key the desktop shell unsealed from the OS keychain; unset: the profile's key file (backend/dataKey.ts). */
  dataKey?: Uint8Array;
};

/** Opens a profile (database, blobs, log) and builds the context every handler receives. */
export function openBackend(opts: BackendOptions): Ctx {
  // The profile holds the office's registers and scans: this account's only.
  mkdirSync(opts.profileDir, { recursive: true, mode: 0o700 });
  chmodSync(opts.profileDir, 0o700);
  const logFile = join(opts.profileDir, 'kancelaria.log');
  const log = (msg: string) => {
    const line = `${new Date().toISOString()} ${msg}\n`;
    appendFileSync(logFile, line, { mode: 0o600 });
    if (!opts.quiet) process.stderr.write(line);
  };
  const keys = dataKeysOf(opts.profileDir, opts.dataKey);
  const store = openProfileStore(join(opts.profileDir, 'kancelaria.sqlite'), keys, { log });
  const blobs = openBlobStore(join(opts.profileDir, 'blobs'), keys.files);
  // Files stored before encryption (or restored from a copy) are sealed in the background.
  blobs
    .sealPlainFiles()
    .then((n) => {
      if (n > 0) log(`${String(n)} stored files encrypted`);
    })
    .catch((e: unknown) => {
      // The profile went away meanwhile (a test's, a removed copy): nothing to say it to.
      try {
        log(`sealing stored files stopped: ${e instanceof Error ? e.message : String(e)}`);
      } catch {
        /* no log to write to */
      }
    });
  const ctx: Ctx = {
    store,
    blobs,
    session: { user: null },
    mode: opts.mode,
    demo: opts.demo && !opts.serverUrl,
    clock: opts.clock ?? (() => new Date()),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    log,
    scanFolder: openScanFolder(() => readSettings(store).scanFolder),
    textRecognition: null,
    sync: null,
    // With a server the office's records are the server's to keep: the header shows its copies.
    backups: opts.serverUrl ? null : backupPort(opts.profileDir, () => readSettings(store).backup),
    signing: {
      modules: opts.cardModules ?? cardModules(process.env.KANCELARIA_PKCS11, log),
      sessions: signerSessions(),
      secrets: secretDrop(() => new Date()),
    },
  };
  if (opts.textRecognition) ctx.textRecognition = startTextRecognition(ctx);
  if (opts.serverUrl) {
    const client = new SyncClient({
      serverUrl: opts.serverUrl,
      serverCa: opts.serverCa ?? null,
      store,
      blobs: ctx.blobs,
      log,
      clock: ctx.clock,
      clientName: opts.clientName ?? `Kancelaria (${hostname()})`,
      writeSettings: (value) => {
        writeSettings(store, settingsSchema.parse(value));
      },
      intervalMs: opts.syncIntervalMs ?? 5_000,
      pullLimit: opts.syncPullLimit,
      rebase: (userId, between) => {
        rebase(ctx, userId, between);
      },
    });
    ctx.sync = client;
    ctx.backups = serverBackupPort(() => client.serverBackupStatus(), ctx.clock, () => client.user);
    log(`central server: ${opts.serverUrl}`);
    return ctx;
  }
  if (opts.demo) {
    const seeded = seedDemoOffice(ctx, { letters: opts.demoLetters ?? true });
    if (seeded) log('demo office created: Gmina Przykładowa');
  }
  return ctx;
}
