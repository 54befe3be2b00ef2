import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir, profileDatabase } from '#tests/support/profile';
import { wholeReplica } from '#tests/support/replica';
import { runKancelaria, startBrowserBackend, type BackendProcess } from '#tests/support/processes';
import { startFaultProxy, type FaultMode, type FaultProxy } from '#tests/support/faultProxy';
import { DEMO_PASSWORD, SERVER_ENGINES, runServerCli, startServer, type ServerProcess } from '#tests/support/server';
import { seeded } from '#tests/support/random';

// The sync's invariants under the failures an office network has, with every part a real
// process on loopback: one server, three workstation backends, a proxy that cuts the network,
// loses answers after the server committed and delivers requests twice; kill -9 of a
// workstation and of the server in the middle of a push. Afterwards: no command lost or
// applied twice, numbers per scope exactly 1..N, every workstation holds what the server holds,
// and the server's audit chain and each workstation's event chain verify.

type Station = { login: string; dir: string; proc: BackendProcess };


async function api<T>(s: Station, method: string, input: unknown): Promise<T> {
  const r = await s.proc.api(method, input);
  if (!r.body.ok) throw new Error(`${s.login} ${method}: ${r.body.error?.code ?? '?'} ${r.body.error?.message ?? ''}`);
  return r.body.value as T;
}

type SyncStatus = { pending: number; rejected: number; state: string };

async function boot(dir: string, login: string, proxy: FaultProxy): Promise<Station> {
  const proc = await startBrowserBackend(dir, { extraArgs: ['--server', proxy.url, '--sync-interval', '0'] });
  const s = { login, dir, proc };
  // Sign-in needs the server: retry while the test's network is down.
  for (let i = 0; ; i++) {
    const r = await proc.api('session.login', { login, password: DEMO_PASSWORD });
    if (r.body.ok) return s;
    if (i > 40) throw new Error(`${login} cannot sign in: ${JSON.stringify(r.body.error)}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

function replica(dir: string) {
  const db = profileDatabase(dir);
  try {
    return {
      letters: new Map((db.prepare("SELECT id, number FROM correspondence WHERE register = 'RPW'").all() as { id: string; number: string | null }[]).map((r) => [r.id, r.number])),
      seqs: (db.prepare("SELECT seq FROM correspondence WHERE register = 'RPW' ORDER BY seq").pluck().all() as (number | null)[]),
      cases: new Map((db.prepare('SELECT id, sign FROM cases').all() as { id: string; sign: string | null }[]).map((r) => [r.id, r.sign])),
      caseSeqs: db.prepare('SELECT seq FROM cases ORDER BY seq').pluck().all() as (number | null)[],
      outbox: db.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as { status: string; n: number }[],
      registeredEvents: db.prepare("SELECT count(*) AS n, count(DISTINCT id) AS d FROM events WHERE action = 'correspondence.registered'").get() as { n: number; d: number },
    };
  } finally {
    db.close();
  }
}

const SEED = Number(process.env.KANCELARIA_SYNC_SEED ?? 20261122);

describe.each(SERVER_ENGINES)(`nothing lost, nothing twice, everyone converges (%s, seed ${String(SEED)})`, (engine) => {
  let server: ServerProcess;
  let proxy: FaultProxy;
  // On PostgreSQL a second server process serves two of the workstations: two processes behind
  // one database must work as one server (nothing held in memory that the other would need).
  let second: { server: ServerProcess; proxy: FaultProxy } | null = null;
  const stations: Station[] = [];
  const letters = new Set<string>();
  const cases = new Set<string>();
  const random = seeded(SEED);

  beforeAll(async () => {
    server = await startServer({ engine });
    proxy = await startFaultProxy(server.url);
    if (engine === 'postgres') {
      const other = await startServer({ database: server.database });
      second = { server: other, proxy: await startFaultProxy(other.url) };
    }
    for (const [i, login] of ['akowalska', 'pwisniewski', 'tlukasik'].entries()) stations.push(await boot(tempDir(`stanowisko-${login}`), login, i > 0 && second ? second.proxy : proxy));
  }, 180_000);
  afterAll(async () => {
    for (const s of stations) await s.proc.stop();
    await proxy.close();
    await second?.proxy.close();
    await second?.server.stop({ keepDatabase: true });
    await server.stop();
    await server.database.drop(); // restarted servers do not own it
    for (const s of stations) removeDir(s.dir);
  });

  function setMode(mode: FaultMode) {
    proxy.mode = mode;
    if (second) second.proxy.mode = mode;
  }

  async function restartServer() {
    await server.kill9();
    server = await startServer({ database: server.database });
    proxy.target = server.url;
  }

  async function act(s: Station, gk: string, senderId: string) {
    if (s.login === 'tlukasik') {
      const c = await api<{ id: string }>(s, 'cases.open', { jrwaSymbol: '6730', title: `Sprawa ${String(cases.size + 1)}`, deadlineKind: 'kpa35-standard' });
      cases.add(c.id);
    } else {
      const l = await api<{ id: string }>(s, 'intake.register', {
        channel: 'paper',
        receivedAt: new Date(Date.now() - 60_000).toISOString(),
        senderId,
        senderReference: null,
        letterDate: null,
        subject: `Pismo ${String(letters.size + 1)} (${s.login})`,
        attachmentsCount: 0,
        trackingNumber: null,
        remarks: null,
        unitId: gk,
        scans: [],
      });
      letters.add(l.id);
    }
  }

  it('survives offline spells, lost answers, duplicates and kill -9, then converges', async () => {
    const [w1, w2] = stations;
    if (!w1 || !w2) throw new Error('no stations');
    const gk = (await api<{ id: string; symbol: string }[]>(w1, 'office.units', {})).find((u) => u.symbol === 'GK')?.id ?? '';
    // Each registry workstation adds its own sender (a command too).
    const senders = new Map<string, string>();
    for (const s of [w1, w2]) senders.set(s.login, (await api<{ id: string }>(s, 'parties.create', { kind: 'person', firstName: 'Jan', lastName: `Nadawca ${s.login}` })).id);

    const modes: FaultMode[] = ['pass', 'pass', 'down', 'dropResponse', 'duplicate'];
    for (let round = 1; round <= 8; round++) {
      setMode(modes[Math.floor(random() * modes.length)] ?? 'pass');
      if (round === 2) setMode('dropResponse');
      if (round === 4) setMode('duplicate');
      if (round === 6) setMode('down');
      await Promise.all(
        stations.map(async (s) => {
          for (let i = 0; i < 3; i++) await act(s, gk, senders.get(s.login) ?? senders.get('akowalska') ?? '');
          if (random() < 0.8) await api<SyncStatus>(s, 'sync.now', {});
        }),
      );
      if (round === 3) {
        // A workstation dies in the middle of a push: its outbox is on disk, it pushes again.
        setMode('pass');
        const idx = stations.indexOf(w2);
        void w2.proc.api('sync.now', {}).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 5 + Math.floor(random() * 40)));
        w2.proc.proc.kill('SIGKILL');
        await new Promise((r) => w2.proc.proc.once('exit', r));
        stations[idx] = await boot(w2.dir, w2.login, second ? second.proxy : proxy);
      }
      if (round === 5) {
        // The server dies in the middle of a push: what it had not committed, it never had.
        setMode('pass');
        const pushing = api<SyncStatus>(w1, 'sync.now', {}).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 5 + Math.floor(random() * 30)));
        await restartServer();
        await pushing;
      }
    }
    expect(proxy.counts.down + proxy.counts.dropResponse + proxy.counts.duplicate).toBeGreaterThan(0);
    if (second) expect(second.proxy.counts.pass + second.proxy.counts.duplicate).toBeGreaterThan(0);

    // The network is back: everyone pushes what is left and pulls everything.
    setMode('pass');
    for (let i = 0; i < 10; i++) {
      const statuses = await Promise.all(stations.map((s) => api<SyncStatus>(s, 'sync.now', {})));
      if (statuses.every((x) => x.pending === 0)) break;
    }
    for (const s of stations) {
      const st = await api<SyncStatus>(s, 'sync.now', {});
      expect([s.login, st.pending, st.rejected]).toEqual([s.login, 0, 0]);
    }

    // No command lost or applied twice; numbers exactly 1..N in each scope.
    const views = stations.map((s) => replica(s.dir));
    const [first] = views;
    if (!first) throw new Error('no replica');
    expect([...first.letters.keys()].sort()).toEqual([...letters].sort());
    expect(first.seqs).toEqual(Array.from({ length: letters.size }, (_, i) => i + 1));
    expect([...first.cases.keys()].sort()).toEqual([...cases].sort());
    expect(first.caseSeqs).toEqual(Array.from({ length: cases.size }, (_, i) => i + 1));
    for (const v of views) {
      // Every workstation holds the server's numbers for everything in its scope (all of it here).
      expect(v.letters).toEqual(first.letters);
      expect(v.cases).toEqual(first.cases);
      expect(v.outbox.filter((o) => o.status !== 'applied')).toEqual([]);
      // The metryka holds each registration once, whoever registered it.
      expect(v.registeredEvents).toEqual({ n: letters.size, d: letters.size });
    }
    // The event chains verify: each workstation's own, and the server's audit log.
    for (const s of stations) {
      const check = runKancelaria(['db', 'check', '--profile', s.dir, '--json']);
      expect(JSON.parse(check.stdout) as { events: { firstBroken: unknown } }).toMatchObject({ events: { firstBroken: null } });
    }
    // Identical replicas: each workstation, the one that made the commands included, holds
    // row for row (the metryka's text, times and hash chain included) what a new workstation
    // of the same person gets from the server; the two registry desks (the whole office) hold
    // the same. A workstation's own clock and wording are gone from its metryka.
    const whole = stations.map((s) => wholeReplica(s.dir));
    const fresh = new Map<string, Record<string, unknown[]>>();
    for (const login of ['akowalska', 'tlukasik']) {
      const dir = tempDir(`nowe-stanowisko-${login}`);
      const s = await boot(dir, login, proxy);
      try {
        fresh.set(login, wholeReplica(dir));
      } finally {
        await s.proc.stop();
        removeDir(dir);
      }
    }
    const [anna, piotr, tomasz] = whole;
    expect(anna?.events?.length).toBeGreaterThan(letters.size);
    expect(tomasz?.correspondence?.length, 'a clerk of GK holds the GK letters').toBe(letters.size);
    for (const [table, rows] of Object.entries(fresh.get('akowalska') ?? {})) {
      expect(anna?.[table], `akowalska: ${table}`).toEqual(rows);
      expect(piotr?.[table], `pwisniewski: ${table}`).toEqual(rows);
    }
    for (const [table, rows] of Object.entries(fresh.get('tlukasik') ?? {})) expect(tomasz?.[table], `tlukasik: ${table}`).toEqual(rows);

    await server.stop({ keepDatabase: true });
    await second?.server.stop({ keepDatabase: true });
    const audit = runServerCli(server.database, ['audit', 'verify']);
    expect(audit.status, audit.stdout + audit.stderr).toBe(0);
    server = await startServer({ database: server.database });
    if (second) second = { server: await startServer({ database: server.database }), proxy: second.proxy };
  }, 600_000);
});
