import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, tempDir, removeDir } from '#tests/support/profile';
import { login, workstation } from '#tests/support/workstation';
import { startFaultProxy } from '#tests/support/faultProxy';
import { DEMO_PASSWORD, SERVER_ENGINES, runServerCli, startServer, type ApiRefusal, type CliRun, type ServerProcess, type Tokens } from '#tests/support/server';

// The admin CLI (bin/kancelaria-server.mjs) against the real server's database, on each
// engine. On PostgreSQL the CLI runs beside the running server; PGlite is one process per data
// directory, so the server is stopped around the CLI (and the CLI refuses while it runs).

describe.each(SERVER_ENGINES)('admin CLI on %s', (engine) => {
  let server: ServerProcess;
  const dir = tempDir('server-cli');

  /** Runs CLI commands the way IT staff must on this engine: with PGlite, the server stopped. */
  async function withCli<T>(fn: () => T): Promise<T> {
    if (engine === 'pglite') await server.stop({ keepDatabase: true });
    try {
      return fn();
    } finally {
      if (engine === 'pglite') server = await startServer({ database: server.database });
    }
  }
  const cli = (args: string[], stdin?: string): CliRun => runServerCli(server.database, args, stdin === undefined ? {} : { stdin });
  const tryLogin = (login: string, password: string) => server.call<Tokens & ApiRefusal>('POST', '/auth/login', { body: { login, password, clientName: 'test' }, ip: `10.30.0.${login.length}` });

  beforeAll(async () => {
    server = await startServer({ engine });
  });
  afterAll(async () => {
    await server.stop({ keepDatabase: true });
    await server.database.drop();
    removeDir(dir);
  });

  it.runIf(engine === 'pglite')('refuses to open a PGlite directory the running server holds', () => {
    const r = cli(['user', 'list']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('jest używany przez inny proces');
    expect(r.stderr).toContain('Zatrzymaj działający serwer Kancelarii');
  });

  it('adds a unit and a user who can then log in; a taken login is refused before any password is asked', async () => {
    const [unit, user, taken, badRole] = await withCli(() => [
      cli(['unit', 'add', 'GK-W', 'Zespół ds. Wodociągów', '--parent', 'GK']),
      cli(['user', 'add', 'anowak', 'Adam Nowak', '--role', 'referent', '--unit', 'GK-W', '--position', 'Referent ds. wodociągów', '--password-stdin'], 'Wodociagi-2026\n'),
      cli(['user', 'add', 'anowak', 'Adam Nowak', '--role', 'clerk', '--unit', 'GK-W', '--position', 'Referent', '--password-stdin'], 'inne-haslo-123\n'),
      cli(['user', 'add', 'bnowak', 'Bożena Nowak', '--role', 'szef', '--unit', 'GK', '--position', 'Kierownik']),
    ]);
    expect(unit.status).toBe(0);
    expect(unit.stdout).toContain('Dodano komórkę GK-W — Zespół ds. Wodociągów (podległa GK).');
    expect(user.status).toBe(0);
    expect(user.stdout).toContain('Dodano użytkownika anowak (Adam Nowak) — referent, GK-W.');
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('Login „anowak” jest już zajęty.');
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain('Nieznana rola „szef”');

    const ok = await tryLogin('anowak', 'Wodociagi-2026');
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ login: 'anowak', role: 'clerk' });
    const dirList = await server.call<{ units: { symbol: string }[] }>('GET', '/directory', { token: ok.body.accessToken });
    expect(dirList.body.units.map((u) => u.symbol)).toContain('GK-W');
  });

  it('resets a password (ending the sessions); locks an account (ending its sessions) and unlocks it', async () => {
    const before = await server.login('tlukasik', DEMO_PASSWORD, '10.30.1.1');
    const leaving = await server.login('mwojcik', DEMO_PASSWORD, '10.30.1.2');
    const [locked] = await withCli(() => [cli(['user', 'lock', 'mwojcik'])]);
    expect(locked.status).toBe(0);
    expect(locked.stdout).toContain('Zablokowano konto mwojcik; zakończono sesje: 1.');
    expect((await server.call<ApiRefusal>('GET', '/me', { token: leaving.accessToken })).body.code).toBe('AUTH_SESSION_REVOKED');
    const refused = await tryLogin('mwojcik', DEMO_PASSWORD);
    expect(refused.body.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(refused.body.message).toBe('To konto zablokował administrator. Jeśli to pomyłka, zwróć się do informatyka urzędu.');
    // A wrong password gets the ordinary refusal: the lock is no hint to someone guessing.
    expect((await tryLogin('mwojcik', 'zle-haslo')).body.code).toBe('AUTH_LOGIN_FAILED');

    const [reset, short, unlock, unknown] = await withCli(() => [
      cli(['user', 'reset-password', 'tlukasik', '--password-stdin'], 'Nowe-Haslo-2026\n'),
      cli(['user', 'reset-password', 'tlukasik', '--password-stdin'], 'krotkie\n'),
      cli(['user', 'unlock', 'mwojcik']),
      cli(['user', 'unlock', 'nikt']),
    ]);
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain('zakończono sesje: 1');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('Hasło jest za krótkie: musi mieć co najmniej 8 znaków.');
    expect(unlock.status).toBe(0);
    expect(unlock.stdout).toContain('Odblokowano konto mwojcik.');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Nie ma użytkownika o loginie „nikt”.');

    expect((await server.call<ApiRefusal>('GET', '/me', { token: before.accessToken })).body.code).toBe('AUTH_SESSION_REVOKED');
    expect((await tryLogin('tlukasik', DEMO_PASSWORD)).body.code).toBe('AUTH_LOGIN_FAILED');
    expect((await tryLogin('tlukasik', 'Nowe-Haslo-2026')).status).toBe(200);
    expect((await tryLogin('mwojcik', DEMO_PASSWORD)).status).toBe(200);
  });

  it('imports a JRWA file; --dry-run changes nothing; the audit chain verifies', async () => {
    const file = join(dir, `jrwa-${engine}.csv`);
    writeFileSync(file, 'SYMBOL;NAZWA;KATARCHMACIERZYSTA;KATARCHINNA;KATARCHINNAOPIS\n0;ZARZĄDZANIE GMINĄ;;;\n06;Skargi i wnioski;;;\n0690;Klasa próbna;A;BE5;\n6999;Zła klasa bez nazwy;;;\n');
    const [dry, real, dryAgain, audit, missing] = await withCli(() => [
      cli(['jrwa', 'import', file, '--dry-run']),
      cli(['jrwa', 'import', file]),
      cli(['jrwa', 'import', file, '--dry-run']),
      cli(['audit', 'verify']),
      cli(['jrwa', 'import', join(dir, 'nie-ma.csv')]),
    ]);
    expect(dry.stdout).toContain('Próba (nic nie zapisano)');
    expect(dry.status).toBe(1); // the row without a name is rejected, with its line
    expect(dry.stdout).toMatch(/wiersz 5 \(6999\): /);
    const added = Number(/nowe: (\d+)/.exec(dry.stdout)?.[1]);
    expect(added).toBeGreaterThan(0);
    // The real import still finds the same classes new: the dry run stored none of them.
    expect(real.stdout).toContain(`Zaimportowano`);
    expect(real.stdout).toContain(`nowe: ${added}`);
    expect(dryAgain.stdout).toContain('nowe: 0');
    // Every change so far (demo office, CLI commands, logins) is in an unbroken chain.
    expect(audit.status).toBe(0);
    expect(audit.stdout).toMatch(/Łańcuch dziennika audytu cały: \d+ wpis/);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Nie ma pliku');
  });

  it('a workstation already in sync gets a later import with its next pull, not only a full one', async () => {
    // Through a proxy: a PGlite server is stopped for the CLI and comes back at another address.
    const proxy = await startFaultProxy(server.url);
    const ws = workstation(proxy.url);
    try {
      await login(ws, 'gszymanski');
      await call(ws.ctx, 'sync.now', {});
      expect((await call(ws.ctx, 'admin.jrwaList', {})).find((c) => c.symbol === '6730')?.isLeaf).toBe(true);
      const file = join(dir, 'jrwa-podklasa.csv');
      writeFileSync(file, 'SYMBOL;NAZWA;KATARCHMACIERZYSTA;KATARCHINNA;KATARCHINNAOPIS\n0;ZARZĄDZANIE GMINĄ;;;\n06;Skargi i wnioski;;;\n0691;Klasa dodana później;B5;;\n');
      const r = await withCli(() => cli(['jrwa', 'import', file]));
      expect(r.stdout).toContain('nowe: 1');
      proxy.target = server.url;
      await call(ws.ctx, 'sync.now', {});
      const list = await call(ws.ctx, 'admin.jrwaList', {});
      expect(list.find((c) => c.symbol === '0691')).toMatchObject({ name: 'Klasa dodana później', categoryOwner: 'B5', isLeaf: true });
    } finally {
      ws.close();
      await proxy.close();
    }
  });

  it('speaks Polish for wrong invocations and exits 2', () => {
    const r = runServerCli(server.database, ['user', 'dodaj']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Nieznane polecenie: user dodaj.');
    const help = runServerCli(server.database, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('kancelaria-server user reset-password LOGIN');
    if (engine === 'pglite') {
      // A wrong data directory is not silently turned into a new, empty database.
      const nowhere = runServerCli({ engine, env: { KANCELARIA_SERVER_DATA: join(dir, 'brak') }, drop: () => Promise.resolve() }, ['user', 'list']);
      expect(nowhere.status).toBe(2);
      expect(nowhere.stderr).toContain('nie ma danych serwera Kancelarii');
    }
  });
});
