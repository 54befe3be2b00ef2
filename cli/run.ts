import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultProfileDir } from '#backend/profile';
import { openBackend } from '#backend/context';
import { dataKeysOf, openProfileStore } from '#backend/dataKey';
import { DomainError } from '#core/errors';
import { openBlobStore } from '#db/blobStore';
import { unitCount } from '#db/directory';
import { checkProfile, formatDbCheck } from '#backend/dbCheck';
import { jrwaImportCommand, type CliOutput } from './jrwaImportCommand.ts';
import { pdfVerifyCommand } from './pdfVerify.ts';
import { intakeInspectCommand } from './intakeInspect.ts';
import { pdfExtendCommand } from './pdfExtend.ts';
import { backupCommand } from './backupCommand.ts';
import { outboxExportCommand, outboxImportCommand } from './outboxCommand.ts';
import { userPasswordCommand } from './userPasswordCommand.ts';

/** Exit codes: what scripts and monitoring rely on. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

const DATABASE_FILE = 'kancelaria.sqlite';
const BLOB_DIR = 'blobs';

export function helpText(): string {
  return `Kancelaria — narzędzia administratora (dla informatyków urzędu)

Użycie:
  kancelaria jrwa import PLIK [--dry-run] [--profile KATALOG] [--user LOGIN]
      Importuje wykaz akt (JRWA) z pliku JSON lub CSV w układzie importu EZD RP
      (SYMBOL;NAZWA;KATARCHMACIERZYSTA;KATARCHINNA;KATARCHINNAOPIS). Dobre wiersze
      zapisuje, błędne wypisuje z numerem wiersza i powodem.
      --dry-run       tylko sprawdza plik i pokazuje, co by się zmieniło; nic nie zapisuje
      --user LOGIN    administrator, jako który import zapisze się w metryce
                      (domyślnie pierwszy administrator w profilu)

  kancelaria user password LOGIN --password-stdin [--profile KATALOG]
      Nadaje pracownikowi hasło do logowania na tym stanowisku (bez serwera urzędu) —
      najpierw administratorowi, który potem nadaje hasła innym w programie. Hasło:
      pierwszy wiersz wejścia (nigdy w wierszu polecenia). Z serwerem urzędu hasła nadaje
      informatyk na serwerze: npx kancelaria-server user reset-password LOGIN.

  kancelaria db check [--profile KATALOG] [--json]
      Sprawdza profil: ciągłość numeracji w rejestrach (numery 1..N bez luk i powtórzeń,
      licznik równy N), pliki skanów i ich skróty SHA-256, powiązania skanów z plikami,
      łańcuch skrótów metryki (dziennika zdarzeń) oraz plik bazy SQLite. Niczego nie zmienia.
      --json          raport w formacie JSON (dla skryptów i monitoringu)

  kancelaria pdf extend PLIK --to NOWY.pdf [--trust CA.pem ...] [--tsa URL]
      Uzupełnia podpisany PDF o dane do długoterminowej weryfikacji (PAdES B-LT): certyfikaty
      każdego podpisu i odpowiedzi OCSP albo listy CRL pobrane teraz; z --tsa dodaje też
      znacznik czasu dokumentu z podanej usługi (PAdES B-LTA). Dla dokumentów kategorii A.
      Oryginału nie zmienia. Kod wyjścia 0: zapisano; 1: odmowa (np. brak odpowiedzi OCSP);
      2: błędne argumenty albo plik.

  kancelaria intake inspect PLIK [--json]
      Pokazuje, co rejestracja wzięłaby z wiadomości e-mail zapisanej jako .eml lub .msg
      albo z dokumentu ePUAP (.xml): nadawcę i adres, datę, temat lub tytuł, Message-ID,
      początek treści i załączniki (które zostaną skanami przesyłki, które nie i dlaczego)
      oraz podpisy (w PDF-ach i XAdES dokumentu), sprawdzone bez sieci i bez zaufanych
      certyfikatów urzędu. Niczego nie zapisuje i nie potrzebuje profilu. Kod wyjścia 0:
      odczytano; 2: to nie wiadomość ani dokument, jest uszkodzony albo za duży.

  kancelaria pdf verify PLIK [--json] [--trust CA.pem ...] [--offline]
      Sprawdza podpisy elektroniczne w pliku PDF (PAdES) i daje każdemu werdykt według
      ETSI EN 319 102-1: ważny (TOTAL_PASSED), nierozstrzygnięty (INDETERMINATE) albo
      NIEWAŻNY (TOTAL_FAILED), z przyczyną (np. NO_CERTIFICATE_CHAIN_FOUND). Pokazuje kto
      podpisał (z identyfikatorem z certyfikatu, np. PNOPL-…), kiedy, każde sprawdzenie
      (skrót, podpis CMS, łańcuch do zaufanych certyfikatów głównych — --trust, można podać
      kilka — ważność certyfikatu) i każdą zmianę pliku po podpisaniu (dozwoloną lub nie,
      ze stroną). Unieważnienie certyfikatów sprawdza w usługach OCSP i na listach CRL,
      które certyfikaty wskazują, i w danych zapisanych w dokumencie (DSS); --offline: tylko
      w dokumencie. Kod wyjścia 0: wszystkie podpisy ważne; 1: któryś nieważny albo brak
      podpisów; 3: żaden nieważny, ale któryś nierozstrzygnięty; 2: pliku nie da się odczytać.

  kancelaria backup now [--profile KATALOG] [--to KATALOG]
      Kopia zapasowa profilu w trakcie pracy: spójna migawka bazy i wszystkie pliki skanów,
      zaszyfrowane kluczem urzędu, od razu sprawdzona przez odczyt. Przy pierwszej kopii
      pokazuje KLUCZ ODZYSKIWANIA — wydrukuj go i przechowuj poza komputerem.
      --to KATALOG    gdzie zapisać (np. udział sieciowy lub dysk USB); domyślnie katalog
                      obok profilu: <profil>-kopie
  kancelaria backup phrase [--profile KATALOG]
      Pokazuje klucz odzyskiwania kopii (gdy pierwszą kopię zrobiła Kancelaria sama,
      o swojej porze, klucza nikt jeszcze nie widział).
  kancelaria backup list [--profile KATALOG] [--to KATALOG]
      Kopie w katalogu, od najnowszej.
  kancelaria backup verify PLIK [--profile KATALOG | --phrase-stdin]
      Odczytuje całą kopię i sprawdza ją jak „db check” (bez odtwarzania).
  kancelaria backup restore PLIK --target KATALOG [--profile KATALOG | --phrase-stdin]
      Odtwarza profil do nowego, pustego katalogu (nigdy na działający profil).
      --phrase-stdin  klucz odzyskiwania z wejścia (na innym komputerze niż ten z kopią)

  kancelaria outbox export [--profile KATALOG] [--to PLIK]
      Z uszkodzonego stanowiska pracującego z serwerem: zapisuje do pliku czynności, które
      nie dotarły do serwera (z ich skanami), i całą historię czynności. Profilu nie zmienia.
  kancelaria outbox import PLIK --profile NOWY_KATALOG
      Na nowym stanowisku, przed pierwszą pracą na nim: przenosi te czynności do nowego
      profilu; po zalogowaniu każdy pracownik wyśle swoje (to, co serwer już miał, nie
      zapisze się drugi raz).

  kancelaria --help
      Ta pomoc.

Profil: --profile KATALOG, inaczej zmienna KANCELARIA_PROFILE, inaczej
  ${defaultProfileDir()}

Kody wyjścia: 0 — wszystko w porządku, 1 — znaleziono problemy, 2 — błędne wywołanie
(nieznane polecenie lub opcja, brak pliku albo profilu).
`;
}

type Parsed = { positionals: string[]; values: { profile?: string; json?: boolean; 'dry-run'?: boolean; user?: string; trust?: string[]; to?: string; target?: string; 'phrase-stdin'?: boolean; 'password-stdin'?: boolean; offline?: boolean; tsa?: string; help?: boolean } };

function parse(argv: string[]): Parsed | { error: string } {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        profile: { type: 'string' },
        json: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        user: { type: 'string' },
        trust: { type: 'string', multiple: true },
        to: { type: 'string' },
        target: { type: 'string' },
        'phrase-stdin': { type: 'boolean' },
        'password-stdin': { type: 'boolean' },
        offline: { type: 'boolean' },
        tsa: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    return { positionals, values };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const option = /'([^']+)'/.exec(err.message ?? '')?.[1];
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { error: `Nieznana opcja: ${option ?? ''}.` };
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return { error: `Opcja ${option ?? ''} wymaga wartości, np. --profile KATALOG.` };
    return { error: `Błędne argumenty: ${err.message ?? String(e)}` };
  }
}

/** The profile directory to use, or the reason it cannot be. */
function profileDirOf(values: Parsed['values']): { dir: string } | { error: string } {
  const dir = resolve(values.profile ?? defaultProfileDir());
  if (!existsSync(join(dir, DATABASE_FILE))) {
    return {
      error: `Nie znaleziono profilu Kancelarii w katalogu ${dir} (brak pliku ${DATABASE_FILE}). Podaj właściwy katalog: --profile KATALOG albo zmienna KANCELARIA_PROFILE.`,
    };
  }
  if (!statSync(dir).isDirectory()) return { error: `${dir} nie jest katalogiem.` };
  return { dir };
}

function checkOnlyOptions(values: Parsed['values'], allowed: readonly (keyof Parsed['values'])[], command: string): string | null {
  for (const key of Object.keys(values) as (keyof Parsed['values'])[]) {
    if (values[key] !== undefined && !allowed.includes(key)) return `Polecenie „${command}” nie ma opcji --${key}.`;
  }
  return null;
}

async function dbCheck(io: CliOutput, values: Parsed['values']): Promise<number> {
  const profile = profileDirOf(values);
  if ('error' in profile) {
    io.err(`${profile.error}\n`);
    return EXIT.usage;
  }
  // The store alone: a check must not seed, watch folders or start anything.
  const keys = dataKeysOf(profile.dir);
  const store = openProfileStore(join(profile.dir, DATABASE_FILE), keys);
  try {
    const report = await checkProfile(profile.dir, store, openBlobStore(join(profile.dir, BLOB_DIR), keys.files));
    io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDbCheck(report));
    return report.ok ? EXIT.ok : EXIT.problems;
  } finally {
    store.close();
  }
}

function jrwaImport(io: CliOutput, file: string, values: Parsed['values']): number {
  const profile = profileDirOf(values);
  if ('error' in profile) {
    io.err(`${profile.error}\n`);
    return EXIT.usage;
  }
  // A real profile already has its office: open it as it is, never seed the demo one.
  const ctx = openBackend({ profileDir: profile.dir, mode: 'browser', demo: false, quiet: true });
  try {
    if (unitCount(ctx.store) === 0) {
      io.err(`Profil ${profile.dir} nie ma jeszcze urzędu (komórek i użytkowników). Uruchom Kancelarię i skonfiguruj urząd przed importem JRWA.\n`);
      return EXIT.problems;
    }
    return jrwaImportCommand(ctx, io, { file, dryRun: values['dry-run'] ?? false, login: values.user });
  } finally {
    ctx.store.close();
  }
}

function usage(io: CliOutput, message: string): number {
  io.err(`${message}\nPomoc: kancelaria --help\n`);
  return EXIT.usage;
}

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliOutput): Promise<number> {
  try {
    return await runCommand(argv, io);
  } catch (e) {
    // A refusal meant for a person (a data key this account cannot use, …): said, not a stack trace.
    if (e instanceof DomainError) {
      io.err(`${e.message}\n`);
      return EXIT.problems;
    }
    throw e;
  }
}

async function runCommand(argv: string[], io: CliOutput): Promise<number> {
  const parsed = parse(argv);
  if ('error' in parsed) return usage(io, parsed.error);
  const { positionals, values } = parsed;
  const [group, action, ...rest] = positionals;
  if (values.help || group === undefined || group === 'help') {
    if (group === undefined && !values.help) {
      io.err(helpText());
      return EXIT.usage;
    }
    io.out(helpText());
    return EXIT.ok;
  }
  if (group === 'user' && action === 'password') {
    const [login, ...extra] = rest;
    if (login === undefined) return usage(io, 'Podaj login: kancelaria user password LOGIN --password-stdin.');
    if (extra.length > 0) return usage(io, `Nadmiarowe argumenty: ${extra.join(' ')}.`);
    const wrong = checkOnlyOptions(values, ['profile', 'password-stdin'], 'user password');
    if (wrong) return usage(io, wrong);
    if (values['password-stdin'] !== true) return usage(io, 'Podaj hasło na wejściu: --password-stdin (np. printf "%s\\n" "$HASLO" | kancelaria user password LOGIN --password-stdin).');
    const profile = profileDirOf(values);
    if ('error' in profile) return usage(io, profile.error);
    return userPasswordCommand(io, profile.dir, login);
  }
  if (group === 'db' && action === 'check') {
    if (rest.length > 0) return usage(io, `Nadmiarowe argumenty: ${rest.join(' ')}.`);
    const wrong = checkOnlyOptions(values, ['profile', 'json'], 'db check');
    if (wrong) return usage(io, wrong);
    return dbCheck(io, values);
  }
  if (group === 'jrwa' && action === 'import') {
    const [file, ...extra] = rest;
    if (file === undefined) return usage(io, 'Podaj plik z wykazem akt: kancelaria jrwa import PLIK.');
    if (extra.length > 0) return usage(io, `Nadmiarowe argumenty: ${extra.join(' ')}.`);
    const wrong = checkOnlyOptions(values, ['profile', 'dry-run', 'user'], 'jrwa import');
    if (wrong) return usage(io, wrong);
    if (!existsSync(file)) return usage(io, `Nie ma pliku „${file}”.`);
    return jrwaImport(io, file, values);
  }
  if (group === 'backup' && action !== undefined) {
    const [file, ...extra] = rest;
    if (extra.length > 0) return usage(io, `Nadmiarowe argumenty: ${extra.join(' ')}.`);
    const allowed = { now: ['profile', 'to'], list: ['profile', 'to'], phrase: ['profile'], verify: ['profile', 'phrase-stdin'], restore: ['profile', 'phrase-stdin', 'target'] } as const;
    const options = (allowed as Record<string, readonly (keyof Parsed['values'])[]>)[action];
    if (!options) return usage(io, `Nieznane polecenie: backup ${action}. Dostępne: now, list, verify, restore, phrase.`);
    const wrong = checkOnlyOptions(values, options, `backup ${action}`);
    if (wrong) return usage(io, wrong);
    // A copy is made of a profile; reading one back needs the profile only for its key.
    const needsProfile = action === 'now' || action === 'phrase' || ((action === 'verify' || action === 'restore') && !values['phrase-stdin']);
    let profileDir: string | null = null;
    if (needsProfile || values.profile !== undefined) {
      const profile = profileDirOf(values);
      if ('error' in profile) return usage(io, profile.error);
      profileDir = profile.dir;
    }
    return backupCommand(action, file, { profileDir, to: values.to, target: values.target, phraseStdin: values['phrase-stdin'] === true }, io);
  }
  if (group === 'outbox' && action === 'export') {
    if (rest.length > 0) return usage(io, `Nadmiarowe argumenty: ${rest.join(' ')}.`);
    const wrong = checkOnlyOptions(values, ['profile', 'to'], 'outbox export');
    if (wrong) return usage(io, wrong);
    const profile = profileDirOf(values);
    if ('error' in profile) return usage(io, profile.error);
    return outboxExportCommand(io, profile.dir, values.to);
  }
  if (group === 'outbox' && action === 'import') {
    const [file, ...extra] = rest;
    if (file === undefined) return usage(io, 'Podaj plik z czynnościami: kancelaria outbox import PLIK --profile NOWY_KATALOG.');
    if (extra.length > 0) return usage(io, `Nadmiarowe argumenty: ${extra.join(' ')}.`);
    const wrong = checkOnlyOptions(values, ['profile'], 'outbox import');
    if (wrong) return usage(io, wrong);
    if (values.profile === undefined) return usage(io, 'Podaj nowy profil: --profile NOWY_KATALOG (czynności przenosi się do nowego profilu, nie do tego, który się zepsuł).');
    if (!existsSync(file)) return usage(io, `Nie ma pliku „${file}”.`);
    return outboxImportCommand(io, file, resolve(values.profile));
  }
  if (group === 'intake' && action === 'inspect') {
    const [file, ...extra] = rest;
    if (file === undefined) return usage(io, 'Podaj plik wiadomości: kancelaria intake inspect PLIK.');
    if (extra.length > 0) return usage(io, `Nadmiarowe argumenty: ${extra.join(' ')}.`);
    const wrong = checkOnlyOptions(values, ['json'], 'intake inspect');
    if (wrong) return usage(io, wrong);
    if (!existsSync(file)) return usage(io, `Nie ma pliku „${file}”.`);
    return intakeInspectCommand(io, file, { json: values.json === true });
  }
  if (group === 'pdf' && action === 'verify') {
    const [file, ...extra] = rest;
    if (file === undefined) return usage(io, 'Podaj plik PDF: kancelaria pdf verify PLIK.');
    if (extra.length > 0) return usage(io, `Nadmiarowe argumenty: ${extra.join(' ')}.`);
    const wrong = checkOnlyOptions(values, ['json', 'trust', 'offline'], 'pdf verify');
    if (wrong) return usage(io, wrong);
    if (!existsSync(file)) return usage(io, `Nie ma pliku „${file}”.`);
    return pdfVerifyCommand(io, file, { json: values.json === true, trust: values.trust ?? [], offline: values.offline === true });
  }
  if (group === 'pdf' && action === 'extend') {
    const [file, ...extra] = rest;
    if (file === undefined) return usage(io, 'Podaj plik PDF: kancelaria pdf extend PLIK --to NOWY.pdf.');
    if (extra.length > 0) return usage(io, `Nadmiarowe argumenty: ${extra.join(' ')}.`);
    const wrong = checkOnlyOptions(values, ['to', 'trust', 'tsa'], 'pdf extend');
    if (wrong) return usage(io, wrong);
    if (!existsSync(file)) return usage(io, `Nie ma pliku „${file}”.`);
    if (values.to === undefined) return usage(io, 'Podaj, dokąd zapisać uzupełniony dokument: --to NOWY.pdf (oryginał zostaje bez zmian).');
    if (values.tsa !== undefined && !/^https?:\/\/\S+$/.test(values.tsa)) return usage(io, `Adres usługi znaczników czasu „${values.tsa}” nie jest adresem http(s).`);
    return pdfExtendCommand(io, file, { to: values.to, trust: values.trust ?? [], tsa: values.tsa });
  }
  return usage(io, `Nieznane polecenie: ${positionals.join(' ')}.`);
}
