/**
 * Benchmark of a workstation's backups (not a test: it prints figures and writes its section of
 * bench/RESULTS.md, plus one JSON line with the headline figures).
 *
 *   npx tsx bench/backup.ts                          — 100,000 cases, 10 GB of scans
 *   npx tsx bench/backup.ts --cases 10000 --scan-gb 1
 *
 * A profile of a one-workstation office (cases, events and letters loaded in SQL as
 * bench/cases.ts loads them; scans synthesised: incompressible 4 MiB files, as JPEG pages are,
 * attached to the oldest letters) is copied by the real CLI (`kancelaria backup now`, a
 * process of its own, as IT or the schedule runs it) while a person registers a letter every
 * 100 ms in this process; then `kancelaria backup verify` reads the copy back. Measured: the
 * time and size of the copy and how long the person's registrations took before and during it.
 */
import { spawn } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '#backend/context';
import { dispatch } from '#core/services/dispatch';
import type { Ctx } from '#core/services/context';
import { fillCases } from './officeFill.ts';
import { writeResultsSection } from './results.ts';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, 'scan-gb': { type: 'string', default: '10' } } });
const CASES = Number(values.cases);
const SCAN_BYTES = Number(values['scan-gb']) * 1024 ** 3;
const FILE_BYTES = 4 * 1024 * 1024;
const REPO = join(import.meta.dirname, '..');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function gb(bytes: number): string {
  return (bytes / 1024 ** 3).toFixed(2);
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  return total;
}

async function call(ctx: Ctx, method: string, input: unknown) {
  const r = await dispatch(ctx, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
}

/** The real CLI as IT runs it; resolves with its wall time, output and exit code. */
function cli(args: string[]): Promise<{ ms: number; code: number | null; out: string }> {
  const started = performance.now();
  const proc = spawn(process.execPath, [join(REPO, 'bin', 'kancelaria.mjs'), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  return new Promise((resolve) => proc.on('close', (code) => resolve({ ms: performance.now() - started, code, out })));
}

/** The scans: incompressible 4 MiB files (a random pool, each file a different window of it plus its number). */
function synthesiseScans(ctx: Ctx): { files: number; ms: number } {
  const started = performance.now();
  const pool = randomFillSync(Buffer.alloc(64 * 1024 * 1024));
  const db = ctx.store.sqlite;
  const letters = db.prepare('SELECT id FROM correspondence ORDER BY pk LIMIT ?').all(Math.ceil(SCAN_BYTES / FILE_BYTES)) as { id: string }[];
  const registry = db.prepare("SELECT id FROM users WHERE login = 'akowalska'").pluck().get() as string;
  const insBlob = db.prepare('INSERT INTO blobs (sha256, size, mime, page_count, created_at) VALUES (?, ?, ?, 1, ?)');
  const insScan = db.prepare('INSERT INTO correspondence_scans (correspondence_id, sha256, file_name, position, added_at, added_by) VALUES (?, ?, ?, 0, ?, ?)');
  const at = new Date().toISOString();
  const file = Buffer.alloc(FILE_BYTES);
  let n = 0;
  for (let written = 0; written < SCAN_BYTES; written += FILE_BYTES, n++) {
    const from = (n * 7919 * 4096) % (pool.length - FILE_BYTES);
    pool.copy(file, 0, from, from + FILE_BYTES);
    file.writeUInt32BE(n, 0);
    const { sha256 } = ctx.blobs.putBytes(file);
    const letter = letters[n % letters.length]?.id ?? '';
    db.transaction(() => {
      insBlob.run(sha256, FILE_BYTES, 'image/jpeg', at);
      insScan.run(letter, sha256, `skan-${String(n)}.jpg`, at, registry);
    })();
    if (n % 250 === 0) process.stdout.write(`\r  skany: ${gb(written)} GB`);
  }
  process.stdout.write('\n');
  return { files: n, ms: performance.now() - started };
}

/** Registers a letter every `everyMs` until `until()` says stop; the time each took. */
async function registerWhile(ctx: Ctx, until: () => boolean, everyMs: number, sender: string, unit: string): Promise<number[]> {
  const times: number[] = [];
  while (!until()) {
    const t = performance.now();
    await call(ctx, 'intake.register', { channel: 'paper', receivedAt: new Date(Date.now() - 60_000).toISOString(), senderId: sender, senderReference: null, letterDate: null, subject: 'Pismo w czasie kopii zapasowej', attachmentsCount: 0, trackingNumber: null, remarks: null, unitId: unit, scans: [] });
    const took = performance.now() - t;
    times.push(took);
    await new Promise((r) => setTimeout(r, Math.max(0, everyMs - took)));
  }
  return times.sort((a, b) => a - b);
}

const work = mkdtempSync(join(tmpdir(), 'kancelaria-bench-kopia-'));
const profile = join(work, 'profil');
const dest = join(work, 'kopie');
const loadAtStart = loadavg()[0] ?? NaN;
try {
  console.log(`Profil: ${String(CASES)} spraw, ${gb(SCAN_BYTES)} GB skanów …`);
  let ctx = openBackend({ profileDir: profile, mode: 'browser', demo: true, demoLetters: false, quiet: true });
  const fillStart = performance.now();
  fillCases(ctx, { cases: CASES, eventsPerCase: 10, spis: 5000 });
  const fillMs = performance.now() - fillStart;
  const scans = synthesiseScans(ctx);
  const counts = ctx.store.sqlite.prepare('SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM correspondence) AS letters').get() as { cases: number; events: number; letters: number };
  ctx.store.close();
  const dbBytes = statSync(join(profile, 'kancelaria.sqlite')).size;
  const profileBytes = sizeOf(profile);

  // The person at work: signed in, a letter every 100 ms; first without a copy being made.
  ctx = openBackend({ profileDir: profile, mode: 'browser', demo: true, demoLetters: false, quiet: true });
  const users = (await dispatch(ctx, 'session.demoUsers', {})) as { ok: true; value: { id: string; login: string }[] };
  await call(ctx, 'session.signIn', { userId: users.value.find((u) => u.login === 'akowalska')?.id });
  const unit = ((await dispatch(ctx, 'office.units', {})) as { ok: true; value: { id: string }[] }).value[0]?.id ?? '';
  const sender = String((await call(ctx, 'parties.create', { kind: 'person', firstName: 'Zofia', lastName: 'Żurawska' })).id);
  const baseEnd = performance.now() + 15_000;
  const baseline = await registerWhile(ctx, () => performance.now() > baseEnd, 100, sender, unit);

  console.log('Kopia (kancelaria backup now) …');
  let done = false;
  const backup = cli(['backup', 'now', '--profile', profile, '--to', dest]).finally(() => (done = true));
  const during = await registerWhile(ctx, () => done, 100, sender, unit);
  const made = await backup;
  if (made.code !== 0) throw new Error(`backup now: ${made.out}`);
  ctx.store.close();
  const copy = readdirSync(dest).find((f) => f.endsWith('.kbak')) ?? '';
  const copyBytes = statSync(join(dest, copy)).size;

  console.log('Sprawdzenie (kancelaria backup verify) …');
  const verify = await cli(['backup', 'verify', join(dest, copy), '--profile', profile]);
  if (verify.code !== 0) throw new Error(`backup verify: ${verify.out}`);
  // The same bytes hashed by this process alone: the floor any copy of them has to pay.
  const hashStart = performance.now();
  const h = createHash('sha256');
  const chunk = Buffer.alloc(FILE_BYTES);
  for (let i = 0; i < scans.files; i++) h.update(chunk);
  const hashMs = performance.now() - hashStart;

  const cpu = cpus()[0]?.model ?? '?';
  const rate = (bytes: number, ms: number) => `${(bytes / 1024 ** 2 / (ms / 1000)).toFixed(0)} MB/s`;
  const office = `${counts.cases.toLocaleString('en')} cases, ${counts.events.toLocaleString('en')} events, ${counts.letters.toLocaleString('en')} letters, ${scans.files.toLocaleString('en')} scans`;
  const rows = [
    `| **backup now** of a profile with ${office} (database ${gb(dbBytes)} GB, whole profile ${gb(profileBytes)} GB) | **${(made.ms / 1000).toFixed(1)} s** | ${rate(profileBytes, made.ms)} of profile; one run of the CLI: VACUUM INTO snapshot, sealing every file (AES-256-GCM, 1 MiB chunks), then the copy read back into a scratch profile and checked as db check checks one (every file hashed again) |`,
    `| size of the copy | ${gb(copyBytes)} GB | ${((copyBytes / profileBytes) * 100).toFixed(1)} % of the profile (scans are not compressible; the database is copied without its free pages) |`,
    `| **backup verify** of that copy (read, decrypt, restore into a scratch folder, db check) | **${(verify.ms / 1000).toFixed(1)} s** | ${rate(copyBytes, verify.ms)} |`,
    `| a person registering a letter every 100 ms, before the copy | p50 ${percentile(baseline, 50).toFixed(1)} ms | p95 ${percentile(baseline, 95).toFixed(1)} ms, max ${(baseline.at(-1) ?? NaN).toFixed(1)} ms (${String(baseline.length)} letters in 15 s) |`,
    `| **the same while the copy was made** (the time people's commands waited) | p50 ${percentile(during, 50).toFixed(1)} ms | **p95 ${percentile(during, 95).toFixed(1)} ms, max ${(during.at(-1) ?? NaN).toFixed(1)} ms** (${String(during.length)} letters registered during the copy; every one is in the profile, the copy holds those committed before its snapshot) |`,
    `| (SHA-256 of ${gb(scans.files * FILE_BYTES)} GB in this process alone, for scale) | ${(hashMs / 1000).toFixed(1)} s | ${rate(scans.files * FILE_BYTES, hashMs)} |`,
    `| (loading the profile for the above: cases, events and letters in SQL ${(fillMs / 1000).toFixed(1)} s; ${scans.files.toLocaleString('en')} scans of 4 MiB written through the blob store ${(scans.ms / 1000).toFixed(1)} s) | ${((fillMs + scans.ms) / 1000).toFixed(1)} s | not a product path |`,
  ];
  const TITLE = '## Backups';
  const header = `${TITLE} — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${String(cpus().length)} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? NaN).toFixed(1)} at the end. \`npx tsx bench/backup.ts\`. The profile's files were just written, so most of them were in the page cache (24 GiB of memory): the figures are for a warm disk.\n\n| what | figure | detail |\n|---|---|---|\n`;
  const section = `${header}${rows.join('\n')}\n`;
  console.log(`\n${section}`);
  writeResultsSection(TITLE, section);
  console.log(
    JSON.stringify({
      bench: 'backup',
      cases: counts.cases,
      scanGB: Number(gb(scans.files * FILE_BYTES)),
      backupS: Number((made.ms / 1000).toFixed(1)),
      verifyS: Number((verify.ms / 1000).toFixed(1)),
      copyGB: Number(gb(copyBytes)),
      registerP95BeforeMs: Number(percentile(baseline, 95).toFixed(1)),
      registerP95DuringMs: Number(percentile(during, 95).toFixed(1)),
      registerMaxDuringMs: Number((during.at(-1) ?? NaN).toFixed(1)),
      load: Number((loadavg()[0] ?? NaN).toFixed(1)),
    }),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
