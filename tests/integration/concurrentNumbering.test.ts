import { afterAll, describe, expect, it } from 'vitest';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { openBackend } from '#backend/context';
import { warsawYear } from '#core/time';
import { numberedRows } from '#db/counters';
import { numbersByScope } from '#core/register/numberingCheck';
import { allCounters } from '#db/counters';
import { verifyEventChain } from '#db/eventLog';
import { createSender, openDemoProfile, removeDir, signIn, tempDir, unitId } from '#tests/support/profile';
import { REPO_ROOT } from '#tests/support/processes';

// Four workstations sharing one profile file register at the same moment: every number must be
// given exactly once, with no gap, and each workstation sees its own numbers rise.

const WORKERS = 4;
const PER_WORKER = 50;
const TOTAL = WORKERS * PER_WORKER;
const WORKER_SCRIPT = join(REPO_ROOT, 'tests', 'integration', 'workers', 'registerLetters.ts');

type Given = { seq: number; label: string; subject: string };
type Done = { type: 'done'; worker: number; given: Given[]; errors: string[] };
type Message = { type: 'ready'; worker: number } | Done | { type: 'failed'; error: string };

const dir = tempDir('wspolbiezna');
afterAll(() => removeDir(dir));

/** Starts `workers` workstation processes on the shared profile together and collects what each got. */
async function runWorkstationsIn(profileDir: string, kind: 'letters' | 'cases', workers: number, perWorker: number, senderId = '-', unit = '-'): Promise<Done[]> {
  const children = Array.from({ length: workers }, (_, w) =>
    fork(WORKER_SCRIPT, [profileDir, String(w), String(perWorker), senderId, unit, kind], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  const results = children.map(
    (child) =>
      new Promise<Done>((resolve, reject) => {
        child.on('message', (m: Message) => {
          if (m.type === 'done') resolve(m);
          if (m.type === 'failed') reject(new Error(m.error));
        });
        child.on('exit', (code) => reject(new Error(`worker exited with ${String(code)} before reporting`)));
      }),
  );
  // Start them together: wait until every process has its profile open, then say go.
  await Promise.all(children.map((child) => new Promise<void>((resolve) => child.on('message', (m: Message) => m.type === 'ready' && resolve()))));
  for (const child of children) child.send('go');
  return Promise.all(results);
}

describe('gap-free numbering under concurrent registration', () => {
  it(`${WORKERS} processes × ${PER_WORKER} letters into one SQLite file: numbers 1..${TOTAL}, each once`, async () => {
    const year = warsawYear(new Date());
    const setup = openDemoProfile({ dir });
    await signIn(setup.ctx, 'akowalska');
    const sender = await createSender(setup.ctx, 'Współbieżny');
    const unit = await unitId(setup.ctx, 'OR');
    setup.close();

    const started = performance.now();
    const done = await runWorkstationsIn(dir, 'letters', WORKERS, PER_WORKER, sender.id, unit);
    const ms = performance.now() - started;
    console.log(`concurrentNumbering: ${TOTAL} registrations by ${WORKERS} processes in ${(ms / 1000).toFixed(2)} s (${((TOTAL * 1000) / ms).toFixed(0)}/s)`);

    for (const d of done) {
      expect(d.errors).toEqual([]);
      expect(d.given).toHaveLength(PER_WORKER);
      const seqs = d.given.map((g) => g.seq);
      // Each workstation's own numbers rise: later commands, later numbers.
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(PER_WORKER);
      for (const g of d.given) expect(g.label).toBe(`RPW/${g.seq}/${year}`);
    }
    const all = done.flatMap((d) => d.given.map((g) => g.seq)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: TOTAL }, (_, k) => k + 1));

    // How much the workers actually interleaved: runs of consecutive numbers from one worker.
    const owner = new Map(done.flatMap((d) => d.given.map((g) => [g.seq, d.worker] as const)));
    let runs = 1;
    for (let n = 2; n <= TOTAL; n++) if (owner.get(n) !== owner.get(n - 1)) runs++;
    console.log(`concurrentNumbering: ${runs} runs of consecutive numbers from one worker (${WORKERS} would mean no interleaving)`);
    // Otherwise the processes ran one after another and the test proved nothing about races.
    expect(runs).toBeGreaterThan(WORKERS);

    const ctx = openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true });
    try {
      expect(numbersByScope(numberedRows(ctx.store)).get(`RPW/${year}`)).toEqual(Array.from({ length: TOTAL }, (_, k) => k + 1));
      expect(allCounters(ctx.store)).toEqual([{ scope: `RPW/${year}`, last: TOTAL }]);
      // The stored letter under each number is the one that worker was told it got.
      const stored = new Map(
        (ctx.store.sqlite.prepare('SELECT seq, subject FROM correspondence WHERE seq IS NOT NULL').all() as { seq: number; subject: string }[]).map((r) => [r.seq, r.subject]),
      );
      for (const d of done) for (const g of d.given) expect(stored.get(g.seq)).toBe(g.subject);
      // The event chain was extended by four writers and still holds together.
      const chain = verifyEventChain(ctx.store);
      expect(chain.firstBroken).toBeNull();
      const registered = ctx.store.sqlite.prepare("SELECT count(*) FROM events WHERE action = 'correspondence.registered'").pluck().get();
      expect(registered).toBe(TOTAL);
      const outbox = ctx.store.sqlite.prepare("SELECT count(*) FROM outbox WHERE name = 'registerIncoming'").pluck().get();
      expect(outbox).toBe(TOTAL);
    } finally {
      ctx.store.close();
    }
  });

  it('3 processes × 20 cases of one class: signs GK.6730.1..60.<year>, each once', async () => {
    const year = warsawYear(new Date());
    const setup = openDemoProfile({ dir: tempDir('wspolbiezne-sprawy') });
    const caseDir = setup.dir;
    setup.close();
    const done = await runWorkstationsIn(caseDir, 'cases', 3, 20);
    for (const d of done) {
      expect(d.errors).toEqual([]);
      const seqs = d.given.map((g) => g.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      for (const g of d.given) expect(g.label).toBe(`GK.6730.${String(g.seq)}.${String(year)}`);
    }
    expect(done.flatMap((d) => d.given.map((g) => g.seq)).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, k) => k + 1));
    const ctx = openBackend({ profileDir: caseDir, mode: 'browser', demo: false, quiet: true });
    try {
      expect(allCounters(ctx.store)).toEqual([{ scope: `SPIS/GK/6730/${String(year)}`, last: 60 }]);
      expect(verifyEventChain(ctx.store).firstBroken).toBeNull();
    } finally {
      ctx.store.close();
      removeDir(caseDir);
    }
  });
});
