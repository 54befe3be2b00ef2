/**
 * `kancelaria-server`: the central server's tools for the office's IT staff — create the office,
 * its units and people, reset passwords, lift lockouts, import the JRWA, check the audit chain.
 *
 * Works on the database the server uses (DATABASE_URL, else the PGlite directory
 * KANCELARIA_SERVER_DATA or --data). Each change is one write transaction with its audit row.
 * With PGlite the server must be stopped first (one process per data directory); with
 * PostgreSQL the tools run beside the server. Exit codes: 0 done, 1 refused or problems found,
 * 2 wrong invocation.
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { Role } from '#core/contract';
import { DEMO_USERS } from '#core/demo/office';
import { fail, isDomainError } from '#core/errors';
import { roleLabels } from '#core/i18n/labels.pl';
import { counted } from '#core/i18n/plural.pl';
import { configFromEnv, DEFAULT_AUDIT_KEY, DEFAULT_BACKUP_DIR, DEFAULT_BACKUP_KEY, DEFAULT_DATA_DIR, DEFAULT_TLS_DIR, DEMO_PASSWORD } from '#server/config';
import { backupCommand } from '#server/backup/backupCli';
import { openServerDb, type OpenedServerDb } from '#server/db/open';
import { writeTx } from '#server/db/tx';
import { sealAudit, verifyAuditChain } from '#server/db/audit';
import { checkAgainstCheckpoints, exportCheckpoints, loadOrCreateAuditKey, makeCheckpoint, readCheckpoints, readExported } from '#server/db/auditCheckpoints';
import { hashPassword } from '#core/security/password';
import { AUTH_POLICY } from '#server/auth/policy';
import { addUnit, addUser, checkNewUser, findUser, listAccounts, listUnits, lockUser, setPassword, unlockUser } from '#server/office/directory';
import { decodeImportFile, importJrwa, type JrwaImportOutcome } from '#server/office/jrwa';
import { initOffice, seedDemoOffice } from '#server/office/seed';
import { readOfficeSettings } from '#server/office/settings';
import { serverTls } from '#server/tls';

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

export type CliIo = {
  out(text: string): void;
  err(text: string): void;
  /** The new password: from stdin (`--password-stdin`) or typed twice at a hidden prompt. */
  readPassword(prompt: { login: string; fromStdin: boolean }): Promise<string>;
  /** The first line of standard input (a recovery phrase with `--phrase-stdin`). */
  readStdinLine(): Promise<string>;
};

export function helpText(): string {
  return `Kancelaria — narzędzia administratora serwera urzędu (dla informatyków)

Użycie:
  kancelaria-server office init --name "Urząd Gminy X" --city X [--short-name "UG X"] [--organ "Wójt Gminy X"]
      Zakłada urząd w pustej bazie (ustawienia). Potem: komórki, użytkownicy, JRWA.
  kancelaria-server office init --demo
      Zakłada urząd demonstracyjny „Gmina Przykładowa” (komórki, użytkownicy z hasłem
      ${DEMO_PASSWORD}, przykładowy JRWA) — do prób i szkoleń.

  kancelaria-server unit add SYMBOL "Nazwa komórki" [--parent SYMBOL]
      Dodaje komórkę organizacyjną, np. unit add GK-I "Zespół ds. Inwestycji" --parent GK.
  kancelaria-server unit list
      Wypisuje komórki.

  kancelaria-server user add LOGIN "Imię Nazwisko" --role ROLA --unit SYMBOL --position "Stanowisko" [--password-stdin]
      Dodaje pracownika. ROLA: registry (kancelaria), clerk (referent), head (kierownik),
      admin (administrator) — można też po polsku. Hasło: pytanie w terminalu (dwa razy, bez
      wyświetlania) albo pierwszy wiersz wejścia standardowego z --password-stdin.
  kancelaria-server user reset-password LOGIN [--password-stdin]
      Ustawia nowe hasło, zdejmuje blokadę i kończy wszystkie sesje tego pracownika.
  kancelaria-server user lock LOGIN
      Blokuje konto (np. gdy ktoś odszedł albo hasło wyciekło) i kończy jego sesje. Nieudane
      logowania nigdy nie blokują konta: spowalniają kolejne próby.
  kancelaria-server user unlock LOGIN
      Zdejmuje blokadę założoną przez administratora.
  kancelaria-server user list
      Wypisuje konta ze stanem blokady.

  kancelaria-server jrwa import PLIK [--dry-run]
      Importuje wykaz akt (JSON lub CSV w układzie importu EZD RP: SYMBOL;NAZWA;
      KATARCHMACIERZYSTA;KATARCHINNA;KATARCHINNAOPIS). Dobre wiersze zapisuje, błędne
      wypisuje z numerem wiersza i powodem. --dry-run: tylko sprawdza, niczego nie zapisuje.

  kancelaria-server tls ca [--to PLIK]
      Certyfikat urzędu (CA), któremu stanowiska ufają jako jedynemu dla serwera (PEM), i jego
      odcisk SHA-256. Na stanowiskach: KANCELARIA_SERVER_CA=ścieżka do tego pliku. Serwer tworzy
      CA i swój certyfikat przy pierwszym starcie w KANCELARIA_SERVER_TLS_DIR (./${DEFAULT_TLS_DIR});
      nazwy serwera: KANCELARIA_SERVER_NAMES=serwer.urzad.local,10.0.0.5. Własne pliki PEM:
      KANCELARIA_SERVER_TLS_CERT, KANCELARIA_SERVER_TLS_KEY (i KANCELARIA_SERVER_TLS_CA).

  kancelaria-server audit verify [--checkpoints PLIK]
      Sprawdza łańcuch skrótów dziennika audytu (czy żaden wpis nie zniknął ani nie zmienił się)
      i porównuje go z podpisanymi punktami kontrolnymi: serwera (plik obok klucza
      KANCELARIA_SERVER_AUDIT_KEY, domyślnie ./${DEFAULT_AUDIT_KEY}) albo z pliku z „audit export”.
      Wykrywa ucięcie dziennika i przepisanie go z nowymi skrótami.
  kancelaria-server audit checkpoint
      Podpisuje teraz bieżący stan dziennika (serwer robi to sam przy starcie, co godzinę i przy zatrzymaniu).
  kancelaria-server audit export --to PLIK
      Zapisuje punkty kontrolne z kluczem publicznym do ich sprawdzenia — do przechowania poza serwerem.

  kancelaria-server backup now [--to KATALOG]
      Robi zaszyfrowaną kopię bazy (z plikami skanów) i sprawdza ją próbnym odtworzeniem.
      Domyślny katalog: KANCELARIA_SERVER_BACKUP_DIR albo ./${DEFAULT_BACKUP_DIR}. Klucz:
      KANCELARIA_SERVER_BACKUP_KEY albo ./${DEFAULT_BACKUP_KEY} (tworzony przy pierwszej kopii;
      wtedy raz wypisywany jest klucz odzyskiwania — wydrukuj go). Z PGlite kopię robi sam
      serwer (KANCELARIA_SERVER_BACKUP_DIR, godzina: KANCELARIA_SERVER_BACKUP_HOUR) albo to
      polecenie przy zatrzymanym serwerze; z PostgreSQL — także przy działającym.
  kancelaria-server backup list [--to KATALOG]
      Wypisuje kopie (od najnowszej).
  kancelaria-server backup verify PLIK [--phrase-stdin]
      Sprawdza kopię próbnym odtworzeniem (do katalogu tymczasowego) bez zmiany czegokolwiek.
  kancelaria-server backup restore PLIK [--phrase-stdin]
      Odtwarza kopię do NOWEJ, PUSTEJ bazy: katalogu --data (PGlite) albo pustej bazy
      PostgreSQL z DATABASE_URL (utwórz ją: createdb …). Nigdy na działającą bazę.
  kancelaria-server backup phrase
      Wypisuje klucz odzyskiwania kopii (do wydruku i przechowania poza serwerem).

Baza danych: zmienna DATABASE_URL (PostgreSQL), inaczej PGlite w katalogu --data KATALOG,
  zmiennej KANCELARIA_SERVER_DATA albo ./${DEFAULT_DATA_DIR}. Z PGlite najpierw zatrzymaj serwer.

Kody wyjścia: 0 — zrobione, 1 — odmowa lub znalezione problemy, 2 — błędne wywołanie.
`;
}

type Values = {
  data?: string;
  name?: string;
  city?: string;
  'short-name'?: string;
  organ?: string;
  demo?: boolean;
  parent?: string;
  role?: string;
  unit?: string;
  position?: string;
  'password-stdin'?: boolean;
  'dry-run'?: boolean;
  to?: string;
  'phrase-stdin'?: boolean;
  checkpoints?: string;
  help?: boolean;
};

function parse(argv: string[]): { positionals: string[]; values: Values } | { error: string } {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string' },
        name: { type: 'string' },
        city: { type: 'string' },
        'short-name': { type: 'string' },
        organ: { type: 'string' },
        demo: { type: 'boolean' },
        parent: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string' },
        position: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        to: { type: 'string' },
        'phrase-stdin': { type: 'boolean' },
        checkpoints: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    return { positionals, values };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const option = /'([^']+)'/.exec(err.message ?? '')?.[1];
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { error: `Nieznana opcja: ${option ?? ''}.` };
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return { error: `Opcja ${option ?? ''} wymaga wartości.` };
    return { error: `Błędne argumenty: ${err.message ?? String(e)}` };
  }
}

const ROLE_WORDS: Record<string, Role> = {
  registry: 'registry',
  kancelaria: 'registry',
  clerk: 'clerk',
  referent: 'clerk',
  head: 'head',
  kierownik: 'head',
  admin: 'admin',
  administrator: 'admin',
};

class UsageError extends Error {}

function only(values: Values, allowed: readonly (keyof Values)[], command: string): void {
  for (const key of Object.keys(values) as (keyof Values)[]) {
    if (values[key] !== undefined && key !== 'data' && !allowed.includes(key)) throw new UsageError(`Polecenie „${command}” nie ma opcji --${key}.`);
  }
}

function positionals(rest: string[], names: string[], command: string): string[] {
  if (rest.length < names.length) throw new UsageError(`Brakuje argumentu ${names[rest.length] ?? ''}: ${command}.`);
  if (rest.length > names.length) throw new UsageError(`Nadmiarowe argumenty: ${rest.slice(names.length).join(' ')}.`);
  return rest;
}

function required(value: string | undefined, option: string, example: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`Podaj ${option}, np. ${option} ${example}.`);
  return value;
}

function formatJrwa(report: JrwaImportOutcome): string {
  const lines: string[] = [];
  if (report.problems.length > 0) {
    lines.push('Odrzucone wiersze:');
    for (const p of report.problems) lines.push(`  ${p.lineLabel} ${p.line} (${p.symbol ?? 'bez symbolu'}): ${p.reason}`);
    lines.push('');
  }
  if (report.notices.length > 0) {
    lines.push('Uwagi:');
    for (const n of report.notices) lines.push(`  - ${n}`);
    lines.push('');
  }
  const rejected = new Set(report.problems.map((p) => p.line)).size;
  const counts = `${counted(report.accepted, 'klasę', 'klasy', 'klas')} (nowe: ${report.added}, zmienione: ${report.updated}); odrzucono ${counted(rejected, 'wiersz', 'wiersze', 'wierszy')}`;
  lines.push(report.dryRun ? `Próba (nic nie zapisano): import przyjąłby ${counts}.` : `Zaimportowano ${counts}.`);
  return `${lines.join('\n')}\n`;
}

async function newPassword(io: CliIo, login: string, fromStdin: boolean): Promise<string> {
  const password = await io.readPassword({ login, fromStdin });
  if (password.length < AUTH_POLICY.minPasswordLength) throw fail('AUTH_PASSWORD_TOO_SHORT', { min: AUTH_POLICY.minPasswordLength });
  return password;
}

/** Runs one invocation and returns its exit code. */
export async function runServerCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parse(argv);
  if ('error' in parsed) {
    io.err(`${parsed.error}\nPomoc: kancelaria-server --help\n`);
    return EXIT.usage;
  }
  const { values } = parsed;
  const [group, action, ...rest] = parsed.positionals;
  if (values.help || group === 'help' || group === undefined) {
    if (group === undefined && !values.help) {
      io.err(helpText());
      return EXIT.usage;
    }
    io.out(helpText());
    return EXIT.ok;
  }
  const actor = `cli:${userInfo().username}`;
  let opened: OpenedServerDb | null = null;
  /** Opens the database; only `office init` may create a new PGlite directory. */
  const open = async (opts: { create?: boolean } = {}) => {
    const config = configFromEnv(values.data ? { ...env, KANCELARIA_SERVER_DATA: values.data } : env);
    if (!config.databaseUrl && !opts.create && !existsSync(join(config.dataDir, 'PG_VERSION'))) throw fail('SERVER_NO_DATA_DIR', { dir: config.dataDir });
    opened = await openServerDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrationUrl: config.migrationUrl });
    return opened.db;
  };
  try {
    const command = `${group} ${action ?? ''}`.trim();
    switch (command) {
      case 'office init': {
        positionals(rest, [], command);
        if (values.demo) {
          only(values, ['demo'], 'office init --demo');
          const db = await open({ create: true });
          if (!(await seedDemoOffice(db, actor))) {
            const existing = await readOfficeSettings(db);
            throw fail('SERVER_OFFICE_EXISTS', { name: existing?.office.name ?? 'urząd bez ustawień, ale z komórkami' });
          }
          io.out(`Założono urząd demonstracyjny. Konta (hasło każdego: ${DEMO_PASSWORD}):\n`);
          for (const u of DEMO_USERS) io.out(`  ${u.login.padEnd(14)} ${u.fullName} — ${roleLabels[u.role]}, ${u.unit}\n`);
          return EXIT.ok;
        }
        only(values, ['name', 'city', 'short-name', 'organ'], command);
        const name = required(values.name, '--name', '"Urząd Gminy Przykładowa"');
        const city = required(values.city, '--city', 'Przykładowo');
        await initOffice(await open({ create: true }), actor, { name, city, shortName: values['short-name'], organ: values.organ });
        io.out(`Założono urząd: ${name} (${city}). Dalej: unit add, user add, jrwa import.\n`);
        return EXIT.ok;
      }
      case 'unit add': {
        only(values, ['parent'], command);
        const [symbol = '', name = ''] = positionals(rest, ['SYMBOL', '"Nazwa"'], 'kancelaria-server unit add SYMBOL "Nazwa"');
        const db = await open();
        const unit = await writeTx(db, (w) => addUnit(w, actor, { symbol, name, parentSymbol: values.parent }));
        io.out(`Dodano komórkę ${unit.symbol} — ${unit.name}${values.parent ? ` (podległa ${values.parent})` : ''}.\n`);
        return EXIT.ok;
      }
      case 'unit list': {
        only(values, [], command);
        positionals(rest, [], command);
        const rows = await listUnits(await open());
        const symbolOf = new Map(rows.map((u) => [u.id, u.symbol]));
        for (const u of rows) io.out(`${u.symbol.padEnd(10)} ${u.name}${u.parentId ? ` (podległa ${symbolOf.get(u.parentId) ?? '?'})` : ''}${u.active ? '' : ' [nieaktywna]'}\n`);
        if (rows.length === 0) io.out('Brak komórek.\n');
        return EXIT.ok;
      }
      case 'user add': {
        only(values, ['role', 'unit', 'position', 'password-stdin'], command);
        const [login = '', fullName = ''] = positionals(rest, ['LOGIN', '"Imię Nazwisko"'], 'kancelaria-server user add LOGIN "Imię Nazwisko" …');
        const roleWord = required(values.role, '--role', 'clerk').trim().toLowerCase();
        const role = ROLE_WORDS[roleWord];
        if (!role) throw new UsageError(`Nieznana rola „${values.role ?? ''}”. Role: registry (kancelaria), clerk (referent), head (kierownik), admin (administrator).`);
        const unit = required(values.unit, '--unit', 'GK');
        const position = required(values.position, '--position', '"Inspektor ds. planowania przestrzennego"');
        const db = await open();
        await checkNewUser(db, { login, fullName, unitSymbol: unit });
        const passwordHash = await hashPassword(await newPassword(io, login, values['password-stdin'] === true));
        await writeTx(db, (w) => addUser(w, actor, { login, fullName, position, role, unitSymbol: unit, passwordHash }));
        io.out(`Dodano użytkownika ${login.trim().toLowerCase()} (${fullName.trim()}) — ${roleLabels[role]}, ${unit}. Może się zalogować.\n`);
        return EXIT.ok;
      }
      case 'user reset-password': {
        only(values, ['password-stdin'], command);
        const [login = ''] = positionals(rest, ['LOGIN'], 'kancelaria-server user reset-password LOGIN');
        const db = await open();
        if (!(await findUser(db, login))) throw fail('SERVER_USER_UNKNOWN', { login });
        const passwordHash = await hashPassword(await newPassword(io, login, values['password-stdin'] === true));
        const { sessionsEnded } = await writeTx(db, (w) => setPassword(w, actor, login, passwordHash));
        io.out(`Ustawiono nowe hasło dla ${login}; blokada zdjęta, zakończono sesje: ${sessionsEnded}.\n`);
        return EXIT.ok;
      }
      case 'user lock': {
        only(values, [], command);
        const [login = ''] = positionals(rest, ['LOGIN'], 'kancelaria-server user lock LOGIN');
        const { sessionsEnded } = await writeTx(await open(), (w) => lockUser(w, actor, login));
        io.out(`Zablokowano konto ${login}; zakończono sesje: ${String(sessionsEnded)}. Odblokowanie: kancelaria-server user unlock ${login}\n`);
        return EXIT.ok;
      }
      case 'user unlock': {
        only(values, [], command);
        const [login = ''] = positionals(rest, ['LOGIN'], 'kancelaria-server user unlock LOGIN');
        const { wasLocked } = await writeTx(await open(), (w) => unlockUser(w, actor, login));
        io.out(wasLocked ? `Odblokowano konto ${login}.\n` : `Konto ${login} nie było zablokowane.\n`);
        return EXIT.ok;
      }
      case 'user list': {
        only(values, [], command);
        positionals(rest, [], command);
        const rows = await listAccounts(await open());
        for (const u of rows) {
          const state = [u.active ? null : 'wyłączone', u.hasPassword ? null : 'bez hasła', u.lockedUntil ? `zablokowane do ${u.lockedUntil.toISOString()}` : null].filter(Boolean).join(', ');
          io.out(`${u.login.padEnd(16)} ${u.fullName} — ${roleLabels[u.role]}, ${u.unitSymbol}${state ? ` [${state}]` : ''}\n`);
        }
        if (rows.length === 0) io.out('Brak użytkowników.\n');
        return EXIT.ok;
      }
      case 'jrwa import': {
        only(values, ['dry-run'], command);
        const [file = ''] = positionals(rest, ['PLIK'], 'kancelaria-server jrwa import PLIK');
        if (!existsSync(file)) throw new UsageError(`Nie ma pliku „${file}”.`);
        const { text, encoding } = decodeImportFile(readFileSync(file));
        const dryRun = values['dry-run'] === true;
        const db = await open();
        if ((await readOfficeSettings(db)) === null) throw fail('SERVER_NO_OFFICE');
        io.out(`Import JRWA z pliku ${resolve(file)}${dryRun ? ' — próba, bez zapisu' : ''}\n`);
        if (encoding !== 'UTF-8') io.out(`Plik nie jest zapisany w UTF-8; odczytano go jako ${encoding}.\n`);
        io.out('\n');
        const report = await importJrwa(db, actor, { fileName: basename(file), text, dryRun });
        io.out(formatJrwa(report));
        return report.problems.length > 0 ? EXIT.problems : EXIT.ok;
      }
      case 'audit verify': {
        only(values, ['checkpoints'], command);
        positionals(rest, [], command);
        const files = configFromEnv(env).audit;
        const db = await open();
        // Entries still queued are chained first: the chain checked is the whole log.
        await sealAudit(db);
        const report = await verifyAuditChain(db);
        let problems = report.firstBroken ? [`Łańcuch dziennika audytu PRZERWANY przy wpisie ${String(report.firstBroken.seq)}: ${report.firstBroken.reason} (sprawdzono ${String(report.count)} wpisów).`] : [];
        // The head as signed: the file IT exported and kept elsewhere, or the one beside the key.
        let against = '';
        let notes: string[] = [];
        if (values.checkpoints !== undefined) {
          if (!existsSync(values.checkpoints)) throw new UsageError(`Nie ma pliku „${values.checkpoints}”.`);
          const exported = readExported(readFileSync(values.checkpoints, 'utf8'));
          if ('problem' in exported) throw new UsageError(`${resolve(values.checkpoints)}: ${exported.problem}`);
          const checked = await checkAgainstCheckpoints(db, exported.checkpoints, exported.publicKey);
          problems = [...problems, ...checked.problems];
          notes = checked.notes;
          against = ` i ${counted(exported.checkpoints.length, 'punkt kontrolny', 'punkty kontrolne', 'punktów kontrolnych')} z pliku ${resolve(values.checkpoints)}`;
        } else if (existsSync(files.keyFile)) {
          const { checkpoints, unreadable } = readCheckpoints(files.checkpointsFile);
          if (unreadable.length > 0) problems.push(`W pliku punktów kontrolnych ${files.checkpointsFile} są nieczytelne wiersze: ${unreadable.join(', ')}.`);
          const checked = await checkAgainstCheckpoints(db, checkpoints, loadOrCreateAuditKey(files).publicKey);
          problems = [...problems, ...checked.problems];
          notes = checked.notes;
          against = ` i ${counted(checkpoints.length, 'punkt kontrolny', 'punkty kontrolne', 'punktów kontrolnych')} serwera`;
        }
        for (const n of notes) io.out(`Uwaga: ${n}\n`);
        if (problems.length > 0) {
          for (const p of problems) io.out(`${p}\n`);
          return EXIT.problems;
        }
        io.out(`Łańcuch dziennika audytu cały: ${counted(report.count, 'wpis', 'wpisy', 'wpisów')}; zgodny z podpisanymi stanami${against}.\n`);
        return EXIT.ok;
      }
      case 'audit checkpoint': {
        only(values, [], command);
        positionals(rest, [], command);
        const made = await makeCheckpoint(await open(), configFromEnv(env).audit);
        io.out(made ? `Zapisano punkt kontrolny: wpis nr ${String(made.seq)}, skrót ${made.hash.slice(0, 16)}….\n` : 'Dziennik nie zmienił się od ostatniego punktu kontrolnego (albo jest pusty).\n');
        return EXIT.ok;
      }
      case 'audit export': {
        only(values, ['to'], command);
        positionals(rest, [], command);
        if (values.to === undefined) throw new UsageError('Podaj plik: kancelaria-server audit export --to PLIK.');
        const exported = exportCheckpoints(configFromEnv(env).audit);
        writeFileSync(resolve(values.to), exported.text, { mode: 0o644 });
        io.out(
          `Zapisano ${counted(exported.count, 'punkt kontrolny', 'punkty kontrolne', 'punktów kontrolnych')} dziennika audytu z kluczem do ich sprawdzenia (identyfikator ${exported.keyId}): ${resolve(values.to)}\nPrzechowuj ten plik poza serwerem; sprawdzenie: npx kancelaria-server audit verify --checkpoints ${basename(values.to)}\n`,
        );
        return EXIT.ok;
      }
      case 'tls ca': {
        only(values, ['to'], command);
        positionals(rest, [], command);
        const config = configFromEnv(env);
        if (config.tls === null) throw new UsageError('Szyfrowanie jest wyłączone (KANCELARIA_SERVER_TLS=off): certyfikat wystawia pośrednik HTTPS, nie serwer.');
        // Made here when the server has not started yet: the same folder the server then uses.
        const tls = serverTls(config.tls);
        if (values.to === undefined) {
          io.out(tls.caPem);
          io.err(`Odcisk SHA-256: ${tls.caFingerprint}\n`);
          return EXIT.ok;
        }
        writeFileSync(resolve(values.to), tls.caPem, { mode: 0o644 });
        io.out(`Zapisano certyfikat urzędu (CA) dla stanowisk: ${resolve(values.to)}\nOdcisk SHA-256: ${tls.caFingerprint}\nNa stanowisku: KANCELARIA_SERVER_CA=${basename(values.to)} (pełna ścieżka) obok KANCELARIA_SERVER_URL=https://…\n`);
        return EXIT.ok;
      }
      default:
        if (group === 'backup') {
          only(values, ['to', 'phrase-stdin'], `backup ${action ?? ''}`);
          const config = configFromEnv(values.data ? { ...env, KANCELARIA_SERVER_DATA: values.data } : env);
          return await backupCommand(action ?? '', rest, { config, to: values.to, phraseStdin: values['phrase-stdin'] === true, actor, open, usage: (m) => new UsageError(m) }, io);
        }
        throw new UsageError(`Nieznane polecenie: ${parsed.positionals.join(' ')}.`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nPomoc: kancelaria-server --help\n`);
      return EXIT.usage;
    }
    if (isDomainError(e)) {
      io.err(`${e.message}\n`);
      // No database where one was pointed to is a wrong invocation, like a missing file.
      return e.code === 'SERVER_NO_DATA_DIR' ? EXIT.usage : EXIT.problems;
    }
    throw e;
  } finally {
    await (opened as OpenedServerDb | null)?.close();
  }
}
