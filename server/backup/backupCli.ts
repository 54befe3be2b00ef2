/** `kancelaria-server backup now|list|verify|restore|phrase`: what IT staff type, and what they read back. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { counted } from '#core/i18n/plural.pl';
import { isDomainError } from '#core/errors';
import { formatDateTime } from '#core/time';
import { keyFromPhrase, recoveryPhrase } from '#core/backup/archive';
import { BackupProblem, listCopies, loadOrCreateKey, PHRASE_MISTYPED } from '#core/backup/copies';
import type { ServerConfig } from '#server/config';
import type { ServerDb } from '#server/db/open';
import { EXIT, type CliIo } from '#server/cli';
import { makeServerBackup, markServerPhraseShown } from './serverBackups.ts';
import { restoreServerCopy, verifyServerCopy, type ServerRestoreReport } from './serverCopy.ts';

export type BackupCliContext = {
  config: ServerConfig;
  to: string | undefined;
  phraseStdin: boolean;
  actor: string;
  open(): Promise<ServerDb>;
  usage(message: string): Error;
};

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

function phraseBlock(phrase: string, keyFile: string): string {
  return [
    '',
    '*** KLUCZ ODZYSKIWANIA KOPII SERWERA — pokazywany tylko ten jeden raz ***',
    '',
    `    ${phrase}`,
    '',
    `Wydrukuj go albo przepisz i przechowuj poza serwerem (np. w sejfie urzędu). Bez niego i bez`,
    `pliku ${keyFile} żadnej kopii nie da się odczytać. Ponownie: kancelaria-server backup phrase.`,
    '',
    '',
  ].join('\n');
}

function describe(r: ServerRestoreReport): string {
  const c = r.counts;
  const lines = [
    `Kopia z ${formatDateTime(r.header.createdAt)}${r.header.office ? ` (${r.header.office})` : ''}: ${counted(c.letters, 'przesyłka', 'przesyłki', 'przesyłek')}, ${counted(c.cases, 'sprawa', 'sprawy', 'spraw')}, ${counted(c.events, 'wpis', 'wpisy', 'wpisów')} metryki, ${counted(c.files, 'plik', 'pliki', 'plików')}.`,
    r.audit.firstBroken ? `Dziennik audytu: łańcuch przerwany przy wpisie nr ${String(r.audit.firstBroken.seq)} (${r.audit.firstBroken.reason}).` : `Dziennik audytu: łańcuch skrótów nienaruszony (${counted(r.audit.count, 'wpis', 'wpisy', 'wpisów')}).`,
    r.numbering.some((s) => s.problems.length > 0) ? 'Numeracja rejestrów: znaleziono problemy (niżej).' : 'Numeracja rejestrów: bez luk i powtórzeń.',
  ];
  if (r.problems.length > 0) lines.push(`Znaleziono ${counted(r.problems.length, 'problem', 'problemy', 'problemów')}:`, ...r.problems.map((p) => `  - ${p}`));
  return `${lines.join('\n')}\n`;
}

/** The key to read a copy with: the phrase typed on stdin, else the server's key file. */
async function keyFor(ctx: BackupCliContext, io: CliIo): Promise<Buffer | null> {
  if (ctx.phraseStdin) {
    const key = keyFromPhrase(await io.readStdinLine());
    if (!key) io.err(`${PHRASE_MISTYPED}\n`);
    return key;
  }
  if (existsSync(ctx.config.backup.keyFile)) return readFileSync(ctx.config.backup.keyFile);
  io.err(`Nie ma klucza kopii (${ctx.config.backup.keyFile}). Podaj klucz odzyskiwania na wejściu: --phrase-stdin (np. echo "XXXX-…" | kancelaria-server backup …).\n`);
  return null;
}

export async function backupCommand(action: string, rest: string[], ctx: BackupCliContext, io: CliIo): Promise<number> {
  const file = rest[0];
  const needFile = (usage: string) => {
    if (rest.length !== 1 || !file) throw ctx.usage(`Podaj plik kopii: ${usage}.`);
    if (!existsSync(file)) throw ctx.usage(`Nie ma pliku „${file}”.`);
    return resolve(file);
  };
  const noArgs = () => {
    if (rest.length > 0) throw ctx.usage(`Nadmiarowe argumenty: ${rest.join(' ')}.`);
  };
  const dir = ctx.to === undefined ? ctx.config.backup.dir : resolve(ctx.to);
  try {
    switch (action) {
      case 'now': {
        noArgs();
        let db: ServerDb;
        try {
          db = await ctx.open();
        } catch (e) {
          // The one case IT meets first: PGlite, with the server running.
          if (isDomainError(e) && e.code === 'SERVER_DATA_DIR_BUSY') {
            io.err(`${e.message}\nKopię działającego serwera z PGlite robi sam serwer: uruchom go z KANCELARIA_SERVER_BACKUP_DIR (i KANCELARIA_SERVER_BACKUP_HOUR); z PostgreSQL to polecenie działa obok serwera.\n`);
            return EXIT.problems;
          }
          throw e;
        }
        const r = await makeServerBackup(db, ctx.config.backup, new Date(), dir);
        if (r.phrase) {
          io.out(phraseBlock(r.phrase, ctx.config.backup.keyFile));
          markServerPhraseShown(ctx.config.backup);
        }
        if (!r.made || !r.verify) {
          io.err(`${r.problem ?? 'Nie udało się zrobić kopii serwera.'}\n`);
          return EXIT.problems;
        }
        io.out(`Zapisano kopię serwera: ${r.made.file} (${mb(r.made.size)}; tabele odczytane w ${(r.made.snapshotMs / 1000).toFixed(1).replace('.', ',')} s, całość ${(r.made.totalMs / 1000).toFixed(1).replace('.', ',')} s).\n`);
        io.out(`Sprawdzenie próbnym odtworzeniem:\n${describe(r.verify)}`);
        if (r.removed.length > 0) io.out(`Usunięto starsze kopie (zostają: ${String(ctx.config.backup.keepDaily)} dni, ${String(ctx.config.backup.keepMonthly)} mies.): ${r.removed.join(', ')}\n`);
        return r.problem ? EXIT.problems : EXIT.ok;
      }
      case 'list': {
        noArgs();
        const key = existsSync(ctx.config.backup.keyFile) ? readFileSync(ctx.config.backup.keyFile) : null;
        const copies = listCopies(dir, key);
        if (copies.length === 0) io.out(`W ${dir} nie ma kopii.\n`);
        for (const c of copies) {
          if (c.problem) io.out(`${c.file}  [nieczytelna: ${c.problem}]\n`);
          else io.out(`${c.createdAt ? formatDateTime(c.createdAt) : '?'}  ${mb(c.size).padStart(10)}  ${c.kind === 'server' ? 'serwer' : 'stanowisko'}${c.keyMatches === false ? '  [inny klucz]' : ''}  ${c.file}\n`);
        }
        return EXIT.ok;
      }
      case 'verify': {
        const path = needFile('kancelaria-server backup verify PLIK');
        const key = await keyFor(ctx, io);
        if (!key) return EXIT.problems;
        const r = await verifyServerCopy(path, key);
        io.out(`Kopia ${path} odczytana w całości; każdy fragment i plik zgodny.\n${describe(r)}`);
        return r.problems.length > 0 ? EXIT.problems : EXIT.ok;
      }
      case 'restore': {
        const path = needFile('kancelaria-server backup restore PLIK');
        const key = await keyFor(ctx, io);
        if (!key) return EXIT.problems;
        const target = ctx.config.databaseUrl ? { databaseUrl: ctx.config.databaseUrl } : { dataDir: ctx.config.dataDir };
        const r = await restoreServerCopy(path, key, target, { actor: ctx.actor });
        io.out(`Odtworzono kopię do ${target.dataDir ?? 'bazy z DATABASE_URL'}.\n${describe(r)}`);
        io.out('Stanowiska, które synchronizowały się z serwerem, pobiorą dane od nowa i wyślą ponownie to, czego w kopii nie ma (zrobione po niej).\n');
        return r.problems.length > 0 ? EXIT.problems : EXIT.ok;
      }
      case 'phrase': {
        noArgs();
        if (!existsSync(ctx.config.backup.keyFile)) {
          io.err(`Nie ma jeszcze klucza kopii (${ctx.config.backup.keyFile}); powstanie przy pierwszej kopii (backup now).\n`);
          return EXIT.problems;
        }
        io.out(`${recoveryPhrase(loadOrCreateKey(ctx.config.backup.keyFile).key)}\n`);
        markServerPhraseShown(ctx.config.backup);
        return EXIT.ok;
      }
      default:
        throw ctx.usage(`Nieznane polecenie: backup ${action}. Są: now, list, verify, restore, phrase.`);
    }
  } catch (e) {
    if (e instanceof BackupProblem) {
      io.err(`${e.message}\n`);
      return EXIT.problems;
    }
    throw e;
  }
}
