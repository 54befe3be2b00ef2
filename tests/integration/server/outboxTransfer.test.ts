import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { openBackend } from '#backend/context';
import { call, letterInput, removeDir, stageScan, tempDir } from '#tests/support/profile';
import { pngImage } from '#tests/support/pdfs';
import { runKancelaria } from '#tests/support/processes';
import { startFaultProxy, type FaultProxy } from '#tests/support/faultProxy';
import { login, unitOf, workstation, type Workstation } from '#tests/support/workstation';
import { startServer, type ServerProcess, serverCaFor } from '#tests/support/server';

// A workstation that dies with work the server never received (one command's answer lost on
// the way back, two typed while the link was down): IT exports its outbox from the salvaged
// profile and imports it into a new profile; the person signs in there, and the office ends
// with every letter once, numbered without a gap, scans and metryka included.

type Letter = { id: string; number: string | null; subject: string };

function lettersOf(w: { ctx: Workstation['ctx'] }): Letter[] {
  return w.ctx.store.sqlite.prepare("SELECT id, number, subject FROM correspondence WHERE direction = 'in' ORDER BY subject").all() as Letter[];
}

describe('a damaged workstation’s unsent work moves to a new profile', () => {
  let server: ServerProcess;
  let proxy: FaultProxy;
  const place = tempDir('przeniesienie');
  beforeAll(async () => {
    server = await startServer({ engine: 'pglite' });
    proxy = await startFaultProxy(server.url);
  }, 120_000);
  afterAll(async () => {
    await proxy.close();
    await server.stop();
    removeDir(place);
  });

  it('exports without touching the old profile, imports into a new one, and nothing is lost or doubled', async () => {
    const year = String(new Date().getFullYear());
    const damaged = workstation(proxy.url);
    await login(damaged, 'akowalska');
    const gk = await unitOf(damaged, 'GK');
    const sender = await call(damaged.ctx, 'parties.create', { kind: 'person', firstName: 'Zofia', lastName: 'Żurawska', street: 'ul. Łąkowa 5', postalCode: '99-999', city: 'Przykładowo' });
    await call(damaged.ctx, 'intake.register', letterInput(sender.id, gk, { subject: 'A: przyjęte' }));
    expect((await call(damaged.ctx, 'sync.now', {})).pending).toBe(0);

    // The server takes this one, but its answer never comes back.
    proxy.mode = 'dropResponse';
    proxy.only = /\/sync\/push/;
    await call(damaged.ctx, 'intake.register', letterInput(sender.id, gk, { subject: 'B: odpowiedź zgubiona' }));
    await call(damaged.ctx, 'sync.now', {});
    expect(proxy.counts.dropResponse).toBeGreaterThan(0);
    // Then the link is down: two more, one with a scan.
    proxy.mode = 'down';
    proxy.only = null;
    const scan = await stageScan(damaged.ctx, 'wniosek.png', pngImage(11));
    await call(damaged.ctx, 'intake.register', { ...letterInput(sender.id, gk, { subject: 'C: bez sieci, ze skanem' }), scans: [{ sha256: scan.sha256, fileName: 'wniosek.png' }] });
    await call(damaged.ctx, 'intake.register', letterInput(sender.id, gk, { subject: 'D: bez sieci' }));
    expect((await call(damaged.ctx, 'sync.status', {}))?.pending).toBe(3);
    // The desk dies. Its disk is salvaged.
    damaged.ctx.store.close();
    proxy.mode = 'pass';

    const file = join(place, 'czynnosci.zip');
    const fingerprint = () => readdirSync(damaged.dir).filter((f) => f.startsWith('kancelaria.sqlite')).map((f) => `${f}:${createHash('sha256').update(readFileSync(join(damaged.dir, f))).digest('hex')}`);
    const untouched = fingerprint();
    const before = runKancelaria(['outbox', 'export', '--profile', damaged.dir, '--to', file]);
    expect(before.stderr).toBe('');
    expect(before.status).toBe(0);
    expect(before.stdout).toContain('akowalska (Anna Kowalska): 3 czynności czekają na wysłanie');
    expect(before.stdout).toContain('pliki skanów w eksporcie: 1');
    expect(fingerprint()).toEqual(untouched);

    // Not into a profile that has worked on its own.
    const busy = workstation(server.url);
    await login(busy, 'akowalska');
    await call(busy.ctx, 'parties.create', { kind: 'person', firstName: 'Jan', lastName: 'Nowak' });
    busy.ctx.store.close();
    const refused = runKancelaria(['outbox', 'import', file, '--profile', busy.dir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('ma już własne czynności');
    removeDir(busy.dir);

    const fresh = join(place, 'nowy-profil');
    const imported = runKancelaria(['outbox', 'import', file, '--profile', fresh]);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('3 czynności czekają na wysłanie (akowalska)');

    const ctx = openBackend({ profileDir: fresh, mode: 'browser', demo: false, quiet: true, serverUrl: server.url, serverCa: serverCaFor(server.url), syncIntervalMs: 0 });
    const rebuilt = { ctx };
    try {
      await call(ctx, 'session.login', { login: 'akowalska', password: 'demo1234' });
      const status = await call(ctx, 'sync.now', {});
      expect([status.pending, status.rejected, status.lastError]).toEqual([0, 0, null]);
      const letters = lettersOf(rebuilt);
      // B reached the server before the crash: answered "duplicate", not registered twice.
      expect(letters.map((l) => [l.subject, l.number])).toEqual([
        ['A: przyjęte', `RPW/1/${year}`],
        ['B: odpowiedź zgubiona', `RPW/2/${year}`],
        ['C: bez sieci, ze skanem', `RPW/3/${year}`],
        ['D: bez sieci', `RPW/4/${year}`],
      ]);
    } finally {
      ctx.store.close();
    }

    // Another workstation sees the same register, the scan byte for byte, each metryka entry once.
    const other = workstation(server.url);
    try {
      await login(other, 'akowalska');
      const seen = lettersOf(other);
      expect(seen.map((l) => l.number)).toEqual([`RPW/1/${year}`, `RPW/2/${year}`, `RPW/3/${year}`, `RPW/4/${year}`]);
      const c = await call(other.ctx, 'intake.get', { id: seen[2]?.id ?? '' });
      const bytes = (await call(other.ctx, 'scans.blob', { sha256: c.scans[0]?.sha256 ?? '' })) as { bytes: Uint8Array };
      expect(Buffer.from(bytes.bytes).equals(Buffer.from(pngImage(11)))).toBe(true);
      const registered = other.ctx.store.sqlite.prepare("SELECT entity_id AS id, count(*) AS n FROM events WHERE action = 'correspondence.registered' GROUP BY entity_id").all() as { id: string; n: number }[];
      expect(registered.filter((r) => seen.some((l) => l.id === r.id)).map((r) => r.n)).toEqual([1, 1, 1, 1]);
    } finally {
      other.close();
      removeDir(damaged.dir);
    }
  }, 240_000);

  it('a profile that never worked with a server has nothing to carry over: restore it from a copy', () => {
    const alone = tempDir('samodzielne');
    try {
      const ctx = openBackend({ profileDir: alone, mode: 'browser', demo: true, quiet: true });
      ctx.store.close();
      const r = runKancelaria(['outbox', 'export', '--profile', alone, '--to', join(place, 'nic.zip')]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('nie pracował z serwerem urzędu');
    } finally {
      removeDir(alone);
    }
  });
});
