/**
 * `npm run server`: the central server of the office.
 *
 * Without DATABASE_URL it keeps its data in PGlite (PostgreSQL in WebAssembly) in
 * KANCELARIA_SERVER_DATA (default ./dane-serwera), created on first start and seeded with the
 * demo office; with DATABASE_URL it uses that PostgreSQL (no demo unless KANCELARIA_SERVER_DEMO=1).
 * Migrations run at every start. SIGTERM / Ctrl+C: stop taking requests, finish the ones in
 * flight, close the database, exit 0.
 */
import { DEMO_USERS } from '#core/demo/office';
import { isDomainError } from '#core/errors';
import { roleLabels } from '#core/i18n/labels.pl';
import { configFromEnv, DEMO_PASSWORD } from '#server/config';
import { openServerDb, type OpenedServerDb } from '#server/db/open';
import { buildServerApp } from '#server/app';
import { serverTls } from '#server/tls';
import { sweepLoginAttempts } from '#server/auth/sessions';
import { officeIsEmpty, seedDemoOffice } from '#server/office/seed';
import { startServerBackupSchedule } from '#server/backup/serverBackups';
import { startUploadSweep } from '#server/sync/blobStore';
import { startAuditCheckpoints } from '#server/db/auditCheckpoints';
import { startAuditSequencer } from '#server/db/audit';
import pkg from '../package.json' with { type: 'json' };

const say = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  // The PGlite data directory, keys, copies and scans the server makes: its own account's only.
  process.umask(0o077);
  const config = configFromEnv();
  say(`Kancelaria — serwer urzędu, wersja ${pkg.version}`);
  // Certificates first: a wrong key file stops the start before the database is touched.
  const tls = config.tls === null ? null : serverTls(config.tls);
  if (tls === null) say('Szyfrowanie: wyłączone (KANCELARIA_SERVER_TLS=off) — serwer przyjmuje połączenia tylko z tego komputera, od pośrednika HTTPS.');
  else {
    if (tls.made === 'ca') say(`Utworzono urząd certyfikacji serwera i certyfikat serwera (${config.tls?.kind === 'own' ? config.tls.dir : ''}).`);
    if (tls.made === 'server') say('Wystawiono nowy certyfikat serwera (zmieniły się nazwy albo zbliżał się koniec ważności).');
    say(`Szyfrowanie: HTTPS. Odcisk SHA-256 certyfikatu urzędu (CA), do porównania na stanowiskach:`);
    say(`  ${tls.caFingerprint}`);
    say('Certyfikat dla stanowisk: npx kancelaria-server tls ca --to urzad-ca.pem');
  }
  const opened: OpenedServerDb = await openServerDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrationUrl: config.migrationUrl, listen: true });
  say(
    opened.engine === 'postgresql'
      ? `Baza danych: PostgreSQL (${opened.location}); schemat aktualny.`
      : `Baza danych: PGlite (wbudowany PostgreSQL) w katalogu ${opened.location}; schemat aktualny. Dla wielu procesów serwera ustaw DATABASE_URL (PostgreSQL).`,
  );

  const { db } = opened;
  await sweepLoginAttempts(db, config.auth);
  if (config.demo && (await seedDemoOffice(db, 'system'))) {
    say('');
    say(`Założono urząd demonstracyjny. Konta (hasło każdego: ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) say(`  ${u.login.padEnd(14)} ${u.fullName} — ${roleLabels[u.role]}, ${u.unit}`);
    say('');
  } else if (await officeIsEmpty(db)) {
    say('Baza nie ma jeszcze urzędu. Załóż go narzędziem administratora: npx kancelaria-server office init --name "…" --city "…" (albo --demo).');
  }

  const app = await buildServerApp({ db, engine: opened.engine, config, version: pkg.version }, undefined, tls ?? undefined);
  say(
    config.backup.hour === null
      ? 'Kopie zapasowe: serwer ich sam nie robi (ustaw KANCELARIA_SERVER_BACKUP_DIR albo uruchamiaj: npx kancelaria-server backup now).'
      : `Kopie zapasowe: codziennie od ${String(config.backup.hour)}:00 do ${config.backup.dir} (klucz: ${config.backup.keyFile}).`,
  );
  const backups = startServerBackupSchedule(db, config.backup, (line) => say(`Kancelaria (serwer): ${line}`));
  const uploadSweep = await startUploadSweep(db, config.uploads, (line) => say(`Kancelaria (serwer): ${line}`));
  const sequencer = startAuditSequencer(db, (line) => say(`Kancelaria (serwer): ${line}`));
  const checkpoints = await startAuditCheckpoints(db, config.audit, say);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      say(`Kancelaria (serwer): drugi sygnał ${signal} — kończę natychmiast.`);
      process.exit(1);
    }
    stopping = true;
    backups.stop();
    uploadSweep.stop();
    say(`Kancelaria (serwer): ${signal} — kończę przyjmowanie żądań i zamykam bazę …`);
    void app
      .close()
      // Every entry chained, then the last checkpoint: the log's head as this process leaves it.
      .then(() => sequencer.stop())
      .then(() => checkpoints.stop())
      .then(() => opened.close())
      .then(() => {
        say('Kancelaria (serwer): zatrzymany.');
        process.exit(0);
      })
      .catch((e: unknown) => {
        process.stderr.write(`Kancelaria (serwer): błąd przy zatrzymywaniu: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  try {
    const address = await app.listen({ port: config.port, host: config.host });
    say(`Serwer Kancelarii nasłuchuje: ${address}`);
    say('Zatrzymanie: Ctrl+C');
  } catch (e) {
    await opened.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`Port ${config.port} na ${config.host} jest zajęty (czy serwer już działa?). Ustaw inny: KANCELARIA_SERVER_PORT.`, { cause: e });
    throw e;
  }
}

main().catch((e: unknown) => {
  const message = isDomainError(e) || e instanceof Error ? e.message : String(e);
  process.stderr.write(`Kancelaria (serwer): nie udało się uruchomić: ${message}\n`);
  if (!isDomainError(e) && e instanceof Error && process.env.KANCELARIA_SERVER_DEBUG === '1') process.stderr.write(`${e.stack ?? ''}\n`);
  process.exit(1);
});
