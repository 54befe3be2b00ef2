/**
 * The backend process: database, blobs, documents, signing — everything behind the contract.
 *
 * Under Electron it runs as a utilityProcess and answers the main process's relayed calls;
 * in browser mode it is a plain Node process serving the loopback bridge. Either way the
 * window never waits on SQLite or a signature.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openBackend } from '#backend/context';
import { startBridge } from '#backend/bridge';
import { dataKeyFromShell, serveUtilityProcess } from '#backend/utility';
import { defaultProfileDir } from '#backend/profile';
import { startBackupSchedule } from '#backend/backupSchedule';
import { readSettings } from '#core/admin/settings';

function readServerCa(file: string | null): string | null {
  if (file === null || file.trim() === '') return null;
  try {
    const pem = readFileSync(file, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('not PEM');
    return pem;
  } catch {
    throw new Error(`Nie można odczytać certyfikatu urzędu (KANCELARIA_SERVER_CA): ${file}. Zapisz go na stanowisku poleceniem na serwerze: npx kancelaria-server tls ca --to urzad-ca.pem.`);
  }
}

async function main() {
  // Whatever this process creates (the database, scans, copies, temp files) is this account's only.
  process.umask(0o077);
  const { values } = parseArgs({
    options: {
      browser: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      'no-demo-letters': { type: 'boolean', default: false },
      profile: { type: 'string' },
      port: { type: 'string' },
      'renderer-dir': { type: 'string' },
      server: { type: 'string' },
      'server-ca': { type: 'string' },
      'sync-interval': { type: 'string' },
    },
  });
  // The office's central server: a flag, or the environment an installer sets.
  const serverUrl = values.server ?? process.env.KANCELARIA_SERVER_URL ?? null;
  // The office CA exported by `kancelaria-server tls ca`: the only issuer the server may show.
  const serverCa = readServerCa(values['server-ca'] ?? process.env.KANCELARIA_SERVER_CA ?? null);
  const syncIntervalMs = values['sync-interval'] ? Number(values['sync-interval']) : undefined;
  // KANCELARIA_SYNC_PULL_LIMIT: rows per pull window (the server's 5,000 by default; smaller on a slow line).
  const pullLimit = Number(process.env.KANCELARIA_SYNC_PULL_LIMIT ?? NaN);
  const syncPullLimit = Number.isInteger(pullLimit) && pullLimit >= 1 && pullLimit <= 20_000 ? pullLimit : undefined;
  const profileDir = values.profile ?? defaultProfileDir();
  // KANCELARIA_BACKUP=off: no daily copy from this process (IT runs `kancelaria backup now` itself).
  const scheduled = process.env.KANCELARIA_BACKUP !== 'off';
  // KANCELARIA_OCR=off: scans are not read for their text on this workstation (a slow machine).
  const textRecognition = process.env.KANCELARIA_OCR !== 'off';
  if (!values.browser) {
    // The shell unseals the data key from the OS keychain and sends it before anything is opened.
    const dataKey = await dataKeyFromShell();
    const ctx = openBackend({ profileDir, mode: 'electron', demo: values.demo, serverUrl, serverCa, syncIntervalMs, syncPullLimit, dataKey, textRecognition });
    if (!serverUrl && scheduled) startBackupSchedule(profileDir, ctx.log, { settings: () => readSettings(ctx.store).backup, dataKey });
    serveUtilityProcess(ctx);
    return;
  }
  const ctx = openBackend({ profileDir, mode: 'browser', demo: values.demo, demoLetters: !values['no-demo-letters'], serverUrl, serverCa, syncIntervalMs, syncPullLimit, textRecognition });
  // Without a server this workstation keeps the office's records: it copies them every day.
  if (!serverUrl && scheduled) startBackupSchedule(profileDir, ctx.log, { settings: () => readSettings(ctx.store).backup });
  const rendererDir = values['renderer-dir'] ?? fileURLToPath(new URL('../renderer/dist', import.meta.url));
  const bridge = await startBridge(ctx, { rendererDir, port: values.port ? Number(values.port) : 0 });
  // One JSON line on stdout: the launcher and the tests read the address and token from it.
  process.stdout.write(`${JSON.stringify({ ready: true, url: bridge.url, token: bridge.token, launchCode: bridge.launchCode, profileDir })}\n`);
  const stop = () => {
    void Promise.all([bridge.close(), ctx.textRecognition?.stop()]).finally(() => {
      ctx.store.close();
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`Kancelaria: nie udało się uruchomić usług: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
