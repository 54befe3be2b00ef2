import { readFileSync } from 'node:fs';
import { openBackend } from '#backend/context';
import { hashPassword } from '#core/security/password';
import { MIN_PASSWORD_LENGTH } from '#core/security/loginSlowdown';
import { localAccountByLogin, setLocalPassword } from '#db/localAccounts';
import { getUser } from '#db/directory';
import type { CliOutput } from './jrwaImportCommand.ts';

/**
 * `kancelaria user password LOGIN --password-stdin`: IT gives a person of a standalone
 * workstation a password — the first administrator's above all, who then sets everyone
 * else's in the application. The password comes on standard input (first line), never as an
 * argument (a command line is visible to everyone on the machine).
 */
export async function userPasswordCommand(io: CliOutput, profileDir: string, login: string): Promise<number> {
  const password = readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
  if (password.length < MIN_PASSWORD_LENGTH) {
    io.err(`Hasło jest za krótkie: musi mieć co najmniej ${String(MIN_PASSWORD_LENGTH)} znaków (pierwszy wiersz wejścia).\n`);
    return 2;
  }
  const ctx = openBackend({ profileDir, mode: 'browser', demo: false, quiet: true });
  try {
    const found = localAccountByLogin(ctx.store, login);
    const person = found ? getUser(ctx.store, found.userId) : null;
    if (!found || !person) {
      io.err(`W profilu ${profileDir} nie ma pracownika o loginie „${login}”.\n`);
      return 1;
    }
    const hash = await hashPassword(password);
    ctx.store.tx(() => setLocalPassword(ctx.store, found.userId, hash, new Date().toISOString()));
    io.out(`Ustawiono hasło: ${person.fullName} (${person.login}). Może się teraz zalogować na tym stanowisku.\n`);
    return 0;
  } finally {
    ctx.store.close();
  }
}
