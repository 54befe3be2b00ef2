import { scryptSync } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBackend } from '#backend/context';
import { call, callError, openDemoProfile, removeDir, signIn, tempDir, profileDatabase } from '#tests/support/profile';
import { runKancelaria } from '#tests/support/processes';

// A standalone workstation of a real office (not the demo, no server): people sign in with a
// login and a password kept here, hashed as the server hashes; the administrator sets them; a
// guesser is slowed down, never locks the owner out; nobody is let in by picking a name.

const base = tempDir('konta-lokalne');
afterAll(() => removeDir(base));

/** The demo office's directory in a profile, then opened as a real office would be: without --demo. */
function realOffice(name: string) {
  const dir = join(base, name);
  const seeded = openDemoProfile({ dir });
  seeded.close();
  let now = new Date('2026-12-07T08:00:00Z');
  const ctx = openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true, clock: () => now });
  return { dir, ctx, later: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)), close: () => ctx.store.close() };
}

const hashOf = (dir: string, login: string) => {
  const db = profileDatabase(dir);
  try {
    return (db.prepare('SELECT a.password_hash AS h FROM local_accounts a JOIN users u ON u.id = a.user_id WHERE u.login = ?').get(login) as { h: string } | undefined)?.h ?? null;
  } finally {
    db.close();
  }
};

describe('sign-in on a standalone workstation', () => {
  it('nobody has a password yet: no way in, no list of names; IT gives the first administrator one', async () => {
    const office = realOffice('pierwsze-haslo');
    try {
      expect((await call(office.ctx, 'session.current', {})).signIn).toBe('none');
      expect(await call(office.ctx, 'session.demoUsers', {})).toEqual([]);
      const users = await call(office.ctx, 'office.units', {});
      expect(users.length).toBeGreaterThan(0);
      expect((await callError(office.ctx, 'session.login', { login: 'gszymanski', password: 'cokolwiek-123' })).code).toBe('AUTH_LOGIN_FAILED');
    } finally {
      office.close();
    }
    // The password on standard input, never on the command line.
    const refused = runKancelaria(['user', 'password', 'gszymanski', '--profile', office.dir], {}, '');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/Podaj hasło na wejściu: --password-stdin/);
    const short = runKancelaria(['user', 'password', 'gszymanski', '--password-stdin', '--profile', office.dir], {}, 'krótkie\n');
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/Hasło jest za krótkie/);
    const set = runKancelaria(['user', 'password', 'gszymanski', '--password-stdin', '--profile', office.dir], {}, 'zielony-parasol-7\n');
    expect(set.stderr).toBe('');
    expect(set.stdout).toMatch(/Ustawiono hasło: Grzegorz Szymański \(gszymanski\)/);
    expect(set.status).toBe(0);
    expect(runKancelaria(['user', 'password', 'nikt', '--password-stdin', '--profile', office.dir], {}, 'zielony-parasol-7\n').status).toBe(1);

    const again = realOffice('pierwsze-haslo');
    try {
      expect((await call(again.ctx, 'session.current', {})).signIn).toBe('local');
      expect((await call(again.ctx, 'session.login', { login: ' GSzymanski ', password: 'zielony-parasol-7' })).login).toBe('gszymanski');
    } finally {
      again.close();
    }
  });

  it('the administrator sets a person’s password (long enough, only an administrator, never with a server); picking a name stays refused', async () => {
    const office = realOffice('administrator');
    try {
      runKancelaria(['user', 'password', 'gszymanski', '--password-stdin', '--profile', office.dir], {}, 'zielony-parasol-7\n');
      await call(office.ctx, 'session.login', { login: 'gszymanski', password: 'zielony-parasol-7' });
      const people = await call(office.ctx, 'office.people', {});
      const person = (login: string) => people.find((p) => p.login === login)?.id ?? '';
      const short = await callError(office.ctx, 'accounts.setPassword', { userId: person('tlukasik'), password: 'krótkie' });
      expect(short.message).toBe('Hasło jest za krótkie: musi mieć co najmniej 8 znaków. Wymyśl dłuższe hasło, np. kilka słów.');
      await call(office.ctx, 'accounts.setPassword', { userId: person('tlukasik'), password: 'jesienny-liść-42' });
      expect(hashOf(office.dir, 'tlukasik')).toMatch(/^\$scrypt\$ln=16,r=8,p=2\$/);
      await call(office.ctx, 'session.signOut', {});

      expect((await callError(office.ctx, 'session.signIn', { userId: person('akowalska') })).code).toBe('SESSION_PICKER_DEMO_ONLY');
      await call(office.ctx, 'session.login', { login: 'tlukasik', password: 'jesienny-liść-42' });
      const clerk = await callError(office.ctx, 'accounts.setPassword', { userId: person('akowalska'), password: 'moje-nowe-hasło' });
      expect(clerk.code).toBe('FORBIDDEN');
    } finally {
      office.close();
    }
  });

  it('guessing is slowed down (3 free tries, then 1, 2 … s), never locks the owner out; unknown logins get the same words', async () => {
    const office = realOffice('zgadywanie');
    try {
      runKancelaria(['user', 'password', 'tlukasik', '--password-stdin', '--profile', office.dir], {}, 'jesienny-liść-42\n');
      const login = (password: string, who = 'tlukasik') => callError(office.ctx, 'session.login', { login: who, password });
      const wrong = await login('zle-1');
      expect(wrong.code).toBe('AUTH_LOGIN_FAILED');
      expect((await login('cokolwiek', 'nieznany')).message).toBe(wrong.message);
      expect((await login('cokolwiek', 'akowalska')).message).toBe(wrong.message);
      await login('zle-2');
      await login('zle-3');
      // The fourth try within the second after the third failure: no guess is even checked.
      const slowed = await login('jesienny-liść-42');
      expect(slowed.code).toBe('AUTH_SLOW_DOWN');
      expect(slowed.message).toMatch(/spróbuj ponownie za 1 s/);
      office.later(2);
      expect((await call(office.ctx, 'session.login', { login: 'tlukasik', password: 'jesienny-liść-42' })).login).toBe('tlukasik');
      // A success starts the count again.
      await call(office.ctx, 'session.signOut', {});
      expect((await login('zle-4')).code).toBe('AUTH_LOGIN_FAILED');
    } finally {
      office.close();
    }
  });

  it('a password hashed with older parameters is hashed again at the next good sign-in', async () => {
    const office = realOffice('stary-skrot');
    try {
      runKancelaria(['user', 'password', 'tlukasik', '--password-stdin', '--profile', office.dir], {}, 'jesienny-liść-42\n');
      const salt = Buffer.from('sól-sól-sól-sól!');
      const old = `$scrypt$ln=15,r=8,p=1$${salt.toString('base64')}$${scryptSync('jesienny-liść-42', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('base64')}`;
      const db = profileDatabase(office.dir, { write: true });
      db.prepare('UPDATE local_accounts SET password_hash = ? WHERE user_id = (SELECT id FROM users WHERE login = ?)').run(old, 'tlukasik');
      db.close();
      await call(office.ctx, 'session.login', { login: 'tlukasik', password: 'jesienny-liść-42' });
      expect(hashOf(office.dir, 'tlukasik')).toMatch(/^\$scrypt\$ln=16,r=8,p=2\$/);
    } finally {
      office.close();
    }
  });

  it('the demo office keeps its list of names (asked for with --demo)', async () => {
    const demo = openDemoProfile({ dir: join(base, 'demo') });
    try {
      expect((await call(demo.ctx, 'session.current', {})).signIn).toBe('demo');
      expect((await signIn(demo.ctx, 'akowalska')).login).toBe('akowalska');
    } finally {
      demo.close();
    }
  });
});
