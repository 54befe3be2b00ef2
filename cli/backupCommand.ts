/** `kancelaria backup now|list|verify|restore`: what IT staff type, and what they read back. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { counted } from '#core/i18n/plural.pl';
import { formatDateTime } from '#core/time';
import { BACKUP_KEY_FILE, backupSettingsOf, defaultBackupDir, makeBackup, markPhraseShown, profileKey, restoreInto, sealRestored, type RestoreReport } from '#backend/backup';
import { BackupProblem, listCopies, PHRASE_MISTYPED } from '#core/backup/copies';
import { keyFromPhrase, recoveryPhrase } from '#core/backup/archive';
import type { CliOutput } from './jrwaImportCommand.ts';

export type BackupOptions = { profileDir: string | null; to: string | undefined; target: string | undefined; phraseStdin: boolean };

const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** The key to read a copy with: the phrase typed on stdin, else this profile's key. */
function keyFor(o: BackupOptions, io: CliOutput): Buffer | null {
  if (o.phraseStdin) {
    const key = keyFromPhrase(readFileSync(0, 'utf8'));
    if (!key) io.err(`${PHRASE_MISTYPED}\n`);
    return key;
  }
  if (o.profileDir && existsSync(join(o.profileDir, BACKUP_KEY_FILE))) return profileKey(o.profileDir).key;
  io.err('Nie ma klucza kopii w tym profilu. Podaj klucz odzyskiwania na wejściu: --phrase-stdin (np. echo "XXXX-…" | kancelaria backup …).\n');
  return null;
}

function describeRestore(r: RestoreReport): string[] {
  const lines = [
    `Kopia z ${formatDateTime(r.header.createdAt)}${r.header.office ? ` (${r.header.office})` : ''}: ${counted(r.counts.letters, 'przesyłka', 'przesyłki', 'przesyłek')}, ${counted(r.counts.cases, 'sprawa', 'sprawy', 'spraw')}, ${counted(r.counts.events, 'wpis', 'wpisy', 'wpisów')} metryki, ${counted(r.counts.files, 'plik', 'pliki', 'plików')}.`,
    r.check.events.firstBroken ? `Metryka: łańcuch przerwany przy wpisie nr ${String(r.check.events.firstBroken.seq)} (${r.check.events.firstBroken.reason}).` : 'Metryka: łańcuch skrótów nienaruszony.',
  ];
  if (r.check.ok) lines.push('Sprawdzenie (jak „kancelaria db check”): bez problemów.');
  else lines.push(`Sprawdzenie (jak „kancelaria db check”) znalazło ${counted(r.check.problems.length, 'problem', 'problemy', 'problemów')}:`, ...r.check.problems.map((p) => `  - ${p}`));
  return lines;
}

export async function backupCommand(action: string, file: string | undefined, o: BackupOptions, io: CliOutput): Promise<number> {
  try {
    if (action === 'now') {
      if (!o.profileDir) return EXIT.usage;
      const made = await makeBackup(o.profileDir, o.to === undefined ? null : resolve(o.to));
      if (!made.report) {
        io.err(`${made.problem ?? 'Nie udało się zrobić kopii.'}\n`);
        return EXIT.problems;
      }
      const r = made.report;
      if (r.phrase) {
        markPhraseShown(o.profileDir);
        io.out(
          [
            '',
            '*** KLUCZ ODZYSKIWANIA KOPII — pokazywany tylko ten jeden raz ***',
            '',
            `    ${r.phrase}`,
            '',
            'Wydrukuj go albo przepisz i przechowuj poza tym komputerem (np. w sejfie urzędu).',
            'Bez niego kopii nie da się odtworzyć na innym komputerze.',
            '',
          ].join('\n'),
        );
      }
      io.out(`Zapisano kopię: ${r.file} (${mb(r.size)}).\n`);
      if (r.filesNotHere > 0) io.out(`${counted(r.filesNotHere, 'plik', 'pliki', 'plików')} nie ma na tym stanowisku (są na serwerze urzędu) — kopia ich nie zawiera.\n`);
      io.out(`Sprawdzono kopię, odczytując ją tak, jak przy odtwarzaniu:\n${describeRestore(r.verify).join('\n')}\n`);
      if (made.removed.length > 0) io.out(`Usunięto starsze kopie (zostają dzienne i miesięczne wg ustawień): ${made.removed.length}.\n`);
      return r.verify.check.ok ? EXIT.ok : EXIT.problems;
    }
    if (action === 'phrase') {
      if (!o.profileDir) return EXIT.usage;
      // The schedule may have made the key: whoever may read the profile may print its phrase.
      const { key } = profileKey(o.profileDir);
      markPhraseShown(o.profileDir);
      io.out(`Klucz odzyskiwania kopii tego profilu:\n\n    ${recoveryPhrase(key)}\n\nWydrukuj go i przechowuj poza tym komputerem (np. w sejfie urzędu).\n`);
      return EXIT.ok;
    }
    if (action === 'list') {
      const dest = resolve(o.to ?? (o.profileDir ? (backupSettingsOf(o.profileDir).folder ?? defaultBackupDir(o.profileDir)) : '.'));
      const key = o.profileDir && existsSync(join(o.profileDir, BACKUP_KEY_FILE)) ? profileKey(o.profileDir).key : null;
      const copies = listCopies(dest, key);
      if (copies.length === 0) {
        io.out(`W katalogu ${dest} nie ma kopii Kancelarii.\n`);
        return EXIT.ok;
      }
      io.out(`Kopie w ${dest} (od najnowszej):\n`);
      for (const c of copies) {
        io.out(`  ${c.createdAt ? formatDateTime(c.createdAt) : '?'}  ${mb(c.size).padStart(10)}  ${c.file}${c.problem ? `  — ${c.problem}` : c.keyMatches === false ? '  — inny klucz niż obecny' : ''}\n`);
      }
      return copies.some((c) => c.problem) ? EXIT.problems : EXIT.ok;
    }
    if (action === 'verify' || action === 'restore') {
      if (!file) {
        io.err(`Podaj plik kopii: kancelaria backup ${action} PLIK.\n`);
        return EXIT.usage;
      }
      if (!existsSync(file)) {
        io.err(`Nie ma pliku „${file}”.\n`);
        return EXIT.usage;
      }
      if (action === 'restore' && !o.target) {
        io.err('Podaj nowy, pusty katalog, do którego odtworzyć profil: --target KATALOG.\n');
        return EXIT.usage;
      }
      const key = keyFor(o, io);
      if (!key) return EXIT.usage;
      if (action === 'verify') {
        const scratch = mkdtempSync(join(tmpdir(), 'kancelaria-sprawdzenie-'));
        try {
          const r = await restoreInto(file, key, join(scratch, 'profil'));
          io.out(`Kopia ${file} jest cała i czytelna.\n${describeRestore(r).join('\n')}\n`);
          return r.check.ok ? EXIT.ok : EXIT.problems;
        } finally {
          rmSync(scratch, { recursive: true, force: true });
        }
      }
      const target = resolve(o.target ?? '');
      const r = await restoreInto(file, key, target);
      await sealRestored(target);
      io.out(`Odtworzono profil w ${target}.\n${describeRestore(r).join('\n')}\nAby z niego pracować, uruchom Kancelarię z KANCELARIA_PROFILE=${target} (albo --profile ${target}).\n`);
      return r.check.ok ? EXIT.ok : EXIT.problems;
    }
    io.err(`Nieznane polecenie: backup ${action}. Dostępne: now, list, verify, restore, phrase.\n`);
    return EXIT.usage;
  } catch (e) {
    if (e instanceof BackupProblem) {
      io.err(`${e.message}\n`);
      return EXIT.problems;
    }
    throw e;
  }
}
