import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Ctx } from '#core/services/context';
import type { JrwaImportReport, User } from '#core/contract';
import { importJrwa } from '#core/admin/handlers';
import { isDomainError } from '#core/errors';
import { roleLabels } from '#core/i18n/labels.pl';
import { listUsers } from '#db/directory';

export type CliOutput = { out(text: string): void; err(text: string): void };

/**
 * Reads an import file as text: UTF-8 (with or without BOM), or Windows-1250 when the bytes are
 * not valid UTF-8 — what Polish Excel writes when a list is saved as "CSV (rozdzielany
 * średnikami)".
 */
export function decodeImportFile(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'Windows-1250' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1250').decode(bytes), encoding: 'Windows-1250' };
  }
}

/** The admin in whose name the import is recorded: the given login, or the first admin. */
export function chooseAdmin(ctx: Ctx, login: string | undefined): { user: User } | { problem: string } {
  const users = listUsers(ctx.store);
  const admins = users.filter((u) => u.role === 'admin');
  if (login !== undefined) {
    const user = users.find((u) => u.login === login);
    if (!user) return { problem: `W profilu nie ma użytkownika o loginie „${login}”.` };
    if (user.role !== 'admin') {
      return { problem: `Użytkownik ${user.fullName} (${user.login}) ma rolę „${roleLabels[user.role]}”; import JRWA wykonuje administrator.` };
    }
    return { user };
  }
  const first = admins[0];
  if (!first) {
    return { problem: 'W profilu nie ma żadnego użytkownika z rolą administratora, a import JRWA zapisuje się w metryce jako czynność administratora. Dodaj administratora i spróbuj ponownie.' };
  }
  return { user: first };
}

/** `n` with the noun in the accusative Polish takes after a number: 1 klasę, 2 klasy, 5 klas. */
function counted(n: number, one: string, few: string, many: string): string {
  if (n === 1) return `1 ${one}`;
  const last = n % 10;
  const lastTwo = n % 100;
  return `${n} ${last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14) ? few : many}`;
}

/** The report as lines: every problem by line and symbol, the notices, then the summary. */
export function formatJrwaReport(report: JrwaImportReport): string {
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

/**
 * `kancelaria jrwa import FILE`: checks (and unless `dryRun`, stores) a JRWA list as the chosen
 * admin, through the same service the Administration screen uses. Returns the exit code.
 */
export function jrwaImportCommand(ctx: Ctx, io: CliOutput, args: { file: string; dryRun: boolean; login: string | undefined }): number {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(args.file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(code === 'ENOENT' ? `Nie ma pliku „${args.file}”.\n` : `Nie udało się odczytać pliku „${args.file}” (${code ?? String(e)}).\n`);
    return 2;
  }
  const chosen = chooseAdmin(ctx, args.login);
  if ('problem' in chosen) {
    io.err(`${chosen.problem}\n`);
    return 1;
  }
  const { text, encoding } = decodeImportFile(bytes);
  io.out(`Import JRWA z pliku ${args.file}${args.dryRun ? ' — próba, bez zapisu' : ''}\n`);
  io.out(`W imieniu: ${chosen.user.fullName} (${chosen.user.login}, ${roleLabels[chosen.user.role]})\n`);
  if (encoding !== 'UTF-8') io.out(`Plik nie jest zapisany w UTF-8; odczytano go jako ${encoding}.\n`);
  io.out('\n');
  let report: JrwaImportReport;
  try {
    report = importJrwa(ctx, chosen.user, { fileName: basename(args.file), text, dryRun: args.dryRun });
  } catch (e) {
    if (isDomainError(e)) {
      io.err(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  io.out(formatJrwaReport(report));
  return report.problems.length > 0 ? 1 : 0;
}
