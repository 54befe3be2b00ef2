import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBackend } from '#backend/context';
import { recoveryPhrase } from '#core/backup/archive';
import { call, letterInput, removeDir, stageScan, tempDir } from '#tests/support/profile';
import { pngImage } from '#tests/support/pdfs';
import { login, unitOf, workstation, type Workstation } from '#tests/support/workstation';
import { createServerDatabase, runServerCli, runServerCliAsync, SERVER_ENGINES, startServer, type ServerDatabase, type ServerProcess, serverCaFor } from '#tests/support/server';

// The central server's copies, as IT staff make and use them: a copy made while a registry
// workstation registers letters (PGlite: by the server's own schedule, the only way while it
// runs; PostgreSQL: by the CLI beside the running server), restored into a new database, and
// the workstation — which went on working after the copy — converging with the restored
// server: what the copy lacks is sent again, under the same numbers, and a second workstation
// sees exactly the same register.

type Letter = { id: string; number: string | null; subject: string };

function lettersOf(w: Workstation): Letter[] {
  return w.ctx.store.sqlite.prepare("SELECT id, number, subject FROM correspondence WHERE direction = 'in' ORDER BY seq").all() as Letter[];
}

function seqOf(number: string | null): number {
  return Number(/^RPW\/(\d+)\//.exec(number ?? '')?.[1] ?? NaN);
}

describe.each(SERVER_ENGINES)('server backups (%s)', (engine) => {
  const place = tempDir('kopie-serwera');
  const backupEnv = { KANCELARIA_SERVER_BACKUP_DIR: join(place, 'kopie'), KANCELARIA_SERVER_BACKUP_KEY: join(place, 'klucz-kopii-serwera.bin') };
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
    removeDir(place);
  });

  it('a copy made under load restores into a new database; the workstation that worked on converges with it', async () => {
    // PGlite: the server makes the day's copy itself, a few seconds after it starts.
    // PostgreSQL: no schedule (IT runs the CLI); the server only reads the outcome beside the key.
    const server: ServerProcess = await startServer({ engine, env: engine === 'pglite' ? { ...backupEnv, KANCELARIA_SERVER_BACKUP_HOUR: '0' } : { KANCELARIA_SERVER_BACKUP_KEY: backupEnv.KANCELARIA_SERVER_BACKUP_KEY } });
    cleanup.push(() => server.stop());
    let registry = workstation(server.url);
    await login(registry, 'akowalska');
    const gk = await unitOf(registry, 'GK');
    const sender = await call(registry.ctx, 'parties.create', { kind: 'person', firstName: 'Zofia', lastName: 'Żurawska', street: 'ul. Łąkowa 5', postalCode: '99-999', city: 'Przykładowo' });

    const load = { copying: true };
    let registered = 0;
    const register = async () => {
      const n = registered + 1;
      // Every third letter brings a scan: the copy holds the stored files too.
      const scans = n % 3 === 0 ? [{ sha256: (await stageScan(registry.ctx, `skan-${String(n)}.png`, pngImage(n))).sha256, fileName: `skan-${String(n)}.png` }] : [];
      await call(registry.ctx, 'intake.register', { ...letterInput(sender.id, gk, { subject: `Pismo nr ${String(n)}` }), scans });
      const status = await call(registry.ctx, 'sync.now', {});
      expect(status.pending).toBe(0);
      registered = n;
    };
    for (let i = 0; i < 5; i++) await register();
    const loading = (async () => {
      while (load.copying) await register();
    })();

    let ackedBeforeCopy = 0;
    if (engine === 'postgres') {
      // No copy yet and none scheduled: everyone's header says so (the details are IT's).
      expect(await call(registry.ctx, 'backup.status', {})).toMatchObject({ kind: 'server', lastGoodAt: null, overdue: true, problem: null, folder: null });
      ackedBeforeCopy = registered;
      const made = await runServerCliAsync(server.database, ['backup', 'now'], { env: backupEnv });
      expect(made.stderr).toBe('');
      expect(made.status).toBe(0);
      expect(made.stdout).toContain('KLUCZ ODZYSKIWANIA KOPII SERWERA');
      expect(made.stdout).toMatch(/Dziennik audytu: łańcuch skrótów nienaruszony/);
    } else {
      const status = join(place, 'ostatnia-kopia-serwera.json');
      const deadline = Date.now() + 90_000;
      while (!(existsSync(status) && (JSON.parse(readFileSync(status, 'utf8')) as { lastGoodAt: string | null }).lastGoodAt)) {
        if (Date.now() > deadline) throw new Error(`no copy from the schedule; server said: ${server.stdout()} ${server.stderr()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(server.stdout()).toMatch(/Kopia serwera: .*serwer-\d{8}-\d{6}\.kbak \(sprawdzona próbnym odtworzeniem\)/);
      // The phrase is printed by IT at the console, never into the server's log.
      expect(server.stdout()).not.toContain(recoveryPhrase(readFileSync(backupEnv.KANCELARIA_SERVER_BACKUP_KEY)));
      // The header of the workstation shows the server's copy.
      expect(await call(registry.ctx, 'backup.status', {})).toMatchObject({ kind: 'server', daysSinceGood: 0, overdue: false, problem: null, folder: null });
    }
    // A few letters after the copy: the restored server will not have them.
    const after = registered + 3;
    while (registered < after) await new Promise((r) => setTimeout(r, 20));
    load.copying = false;
    await loading;
    expect(registered).toBeGreaterThan(5);
    // After the copy, one of this person's commands is refused (another workstation added the
    // same PESEL first) and a letter follows it: the restored server must hear of the refused
    // one as passed over, or the letter would wait behind a gap for ever.
    const other = workstation(server.url);
    cleanup.push(() => {
      other.close();
      return Promise.resolve();
    });
    await login(other, 'pwisniewski');
    const jan = { kind: 'person' as const, firstName: 'Jan', lastName: 'Kowalski', pesel: '44051401359' };
    await call(other.ctx, 'parties.create', jan);
    expect((await call(other.ctx, 'sync.now', {})).rejected).toBe(0);
    await call(registry.ctx, 'parties.create', jan);
    expect((await call(registry.ctx, 'sync.now', {})).rejected).toBe(1);
    await register();

    const copies = readdirSync(backupEnv.KANCELARIA_SERVER_BACKUP_DIR).filter((f) => f.endsWith('.kbak'));
    expect(copies).toHaveLength(1);
    const file = join(backupEnv.KANCELARIA_SERVER_BACKUP_DIR, copies[0] ?? '');
    const listed = runServerCli(server.database, ['backup', 'list'], { env: backupEnv });
    expect(listed.stdout).toContain(copies[0]);
    expect(listed.stdout).toMatch(/serwer/);

    // A flipped byte in a stored file is named; a wrong key is refused; nothing is restored.
    const bad = join(place, 'uszkodzona.kbak');
    const bytes = readFileSync(file);
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] ?? 0) ^ 0x01;
    writeFileSync(bad, bytes);
    const damaged = runServerCli(server.database, ['backup', 'verify', bad], { env: backupEnv });
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toMatch(/jest uszkodzona: plik [0-9a-f]{12}… nie zgadza się/);
    const otherKey = runServerCli(server.database, ['backup', 'verify', file, '--phrase-stdin'], { env: backupEnv, stdin: `${recoveryPhrase(randomBytes(32))}\n` });
    expect(otherKey.status).toBe(1);
    expect(otherKey.stderr).toContain('zaszyfrowana innym kluczem');
    const verified = runServerCli(server.database, ['backup', 'verify', file, '--phrase-stdin'], { env: backupEnv, stdin: `${recoveryPhrase(readFileSync(backupEnv.KANCELARIA_SERVER_BACKUP_KEY))}\n` });
    expect(verified.stderr).toBe('');
    expect(verified.status).toBe(0);

    // Never over a live database.
    const overLive = runServerCli(server.database, ['backup', 'restore', file], { env: backupEnv });
    expect(overLive.status).toBe(1);
    expect(overLive.stderr).toMatch(/nie jest pust/);

    const restored: ServerDatabase = await createServerDatabase(engine);
    cleanup.push(() => restored.drop());
    const r = runServerCli(restored, ['backup', 'restore', file], { env: backupEnv });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Dziennik audytu: łańcuch skrótów nienaruszony/);
    expect(r.stdout).toMatch(/Numeracja rejestrów: bez luk i powtórzeń/);
    const inCopy = Number(/(\d+) przesył/.exec(r.stdout)?.[1] ?? NaN);
    expect(inCopy).toBeGreaterThanOrEqual(ackedBeforeCopy);
    expect(inCopy).toBeLessThan(registered);

    // What the workstation holds: every letter it registered, numbered 1..N without a gap.
    const before = lettersOf(registry);
    expect(before.map((l) => seqOf(l.number))).toEqual(before.map((_, i) => i + 1));
    await server.stop();

    const server2 = await startServer({ database: restored });
    cleanup.push(() => server2.stop({ keepDatabase: true }));
    // The same profile, now pointed at the restored server (sessions are not in a copy: sign in again).
    const dir = registry.dir;
    registry.ctx.store.close();
    const ctx = openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true, serverUrl: server2.url, serverCa: serverCaFor(server2.url), syncIntervalMs: 0 });
    registry = {
      ctx,
      dir,
      close: () => {
        ctx.store.close();
        removeDir(dir);
      },
    };
    cleanup.push(() => {
      registry.close();
      return Promise.resolve();
    });
    await login(registry, 'akowalska');
    const status = await call(registry.ctx, 'sync.now', {});
    // The refused command stays "do wyjaśnienia" here; everything accepted is on the server again.
    expect([status.pending, status.rejected, status.lastError]).toEqual([0, 1, null]);
    // One person registering: the letters sent again get the numbers they had.
    expect(lettersOf(registry)).toEqual(before);

    // A second workstation, fresh, sees exactly the same register from the restored server.
    const fresh = workstation(server2.url);
    cleanup.push(() => {
      fresh.close();
      return Promise.resolve();
    });
    await login(fresh, 'akowalska');
    expect(lettersOf(fresh).map((l) => [l.id, l.number, l.subject])).toEqual(before.map((l) => [l.id, l.number, l.subject]));
    // The scans came back with their letters, byte for byte.
    const third = before[2];
    const letter = await call(fresh.ctx, 'intake.get', { id: third?.id ?? '' });
    const scan = (await call(fresh.ctx, 'scans.blob', { sha256: letter.scans[0]?.sha256 ?? '' })) as { bytes: Uint8Array };
    expect(Buffer.from(scan.bytes).equals(Buffer.from(pngImage(3)))).toBe(true);

    // The restored server's audit chain holds, the restore itself written in it.
    await server2.stop({ keepDatabase: true });
    const audit = runServerCli(restored, ['audit', 'verify']);
    expect(audit.stdout).toMatch(/Łańcuch dziennika audytu cały/);
    expect(audit.status).toBe(0);
  }, 300_000);
});
