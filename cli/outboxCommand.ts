/** `kancelaria outbox export|import`: a damaged workstation's unsent work carried to a new profile. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { counted } from '#core/i18n/plural.pl';
import { BackupProblem, fileStamp } from '#core/backup/copies';
import { exportOutbox, importOutbox } from '#backend/outboxTransfer';
import type { CliOutput } from './jrwaImportCommand.ts';

const EXIT = { ok: 0, problems: 1 } as const;

export function outboxExportCommand(io: CliOutput, profileDir: string, to: string | undefined): number {
  try {
    const now = new Date();
    const r = exportOutbox(profileDir, resolve(to ?? `kancelaria-czynnosci-${fileStamp(now)}.zip`), now);
    io.out(`Zapisano czynności stanowiska do pliku ${r.file}.\n`);
    if (r.waiting.length === 0) io.out('Żadna czynność nie czekała na wysłanie do serwera.\n');
    for (const w of r.waiting) io.out(`  ${w.login} (${w.fullName}): ${counted(w.count, 'czynność czeka', 'czynności czekają', 'czynności czeka')} na wysłanie\n`);
    if (r.refused > 0) io.out(`  do wyjaśnienia (odrzucone przez serwer): ${String(r.refused)}\n`);
    io.out(`  pliki skanów w eksporcie: ${String(r.files)}\n`);
    for (const m of r.missingFiles) io.out(`  [UWAGA] brak pliku ${m.sha256.slice(0, 12)}… czynności „${m.label}”: ten skan trzeba będzie dołączyć ponownie.\n`);
    io.out('Plik zawiera dane osobowe: przenieś go bezpośrednio na nowe stanowisko i usuń po imporcie.\nDalej, na nowym stanowisku (przed pierwszym uruchomieniem): kancelaria outbox import PLIK --profile KATALOG\n');
    return r.missingFiles.length > 0 ? EXIT.problems : EXIT.ok;
  } catch (e) {
    if (e instanceof BackupProblem) {
      io.err(`${e.message}\n`);
      return EXIT.problems;
    }
    throw e;
  }
}

export function outboxImportCommand(io: CliOutput, file: string, profileDir: string): number {
  try {
    mkdirSync(profileDir, { recursive: true });
    const r = importOutbox(resolve(file), profileDir);
    io.out(`Przeniesiono historię czynności do profilu ${profileDir}; ${counted(r.waiting, 'czynność czeka', 'czynności czekają', 'czynności czeka')} na wysłanie${r.people.length > 0 ? ` (${r.people.join(', ')})` : ''}, plików skanów: ${String(r.files)}.\n`);
    io.out('Uruchom Kancelarię z adresem serwera i zaloguj się: pierwsza synchronizacja pobierze dane urzędu i wyśle czekające czynności (każdy pracownik — po swoim zalogowaniu).\n');
    return EXIT.ok;
  } catch (e) {
    if (e instanceof BackupProblem) {
      io.err(`${e.message}\n`);
      return EXIT.problems;
    }
    throw e;
  }
}
