/**
 * Benchmarks for registry intake (not tests: they print figures and write bench/RESULTS.md).
 *
 *   npm run bench                 — all three
 *   npm run bench -- --letters 2000 --rows 20000   — smaller runs
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { openBackend } from '#backend/context';
import { dispatch } from '#core/services/dispatch';
import type { Ctx } from '#core/services/context';
import { foldText } from '#core/text/fold';

const { values } = parseArgs({ options: { letters: { type: 'string', default: '10000' }, rows: { type: 'string', default: '100000' } } });
const LETTERS = Number(values.letters);
const ROWS = Number(values.rows);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function call(ctx: Ctx, method: string, input: unknown, upload?: { size: number; bytes: () => Uint8Array }) {
  const r = await dispatch(ctx, method, input, upload);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
}

async function signIn(ctx: Ctx, login: string) {
  const users = (await dispatch(ctx, 'session.demoUsers', {})) as { ok: true; value: { id: string; login: string }[] };
  await call(ctx, 'session.signIn', { userId: users.value.find((u) => u.login === login)?.id });
}

/** 1. Register N letters, each with its own one-page PDF scan, through the service layer. */
async function benchRegistration(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kancelaria-bench-'));
  const ctx = openBackend({ profileDir: dir, mode: 'browser', demo: true, demoLetters: false, quiet: true });
  await signIn(ctx, 'akowalska');
  const units = (await dispatch(ctx, 'office.units', {})) as { ok: true; value: { id: string }[] };
  const parties = (await dispatch(ctx, 'parties.search', { q: '', limit: 10 })) as { ok: true; value: { id: string }[] };
  const genStart = performance.now();
  const pdfs: Uint8Array[] = [];
  for (let i = 0; i < LETTERS; i++) {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawText(`Skan pisma nr ${String(i)}`, { x: 72, y: 760, size: 16, font: await doc.embedFont(StandardFonts.Helvetica) });
    pdfs.push(await doc.save());
  }
  const genMs = performance.now() - genStart;
  const perLetter: number[] = [];
  const start = performance.now();
  for (let i = 0; i < LETTERS; i++) {
    const t = performance.now();
    const bytes = pdfs[i] ?? new Uint8Array();
    const staged = await call(ctx, 'scans.upload', { fileName: `skan-${String(i)}.pdf` }, { size: bytes.byteLength, bytes: () => bytes });
    await call(ctx, 'intake.register', {
      channel: 'paper',
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      senderId: parties.value[i % parties.value.length]?.id,
      senderReference: `ZN/${String(i)}/2026`,
      letterDate: null,
      subject: `Pismo testowe nr ${String(i)} w sprawie zajęcia pasa drogowego`,
      attachmentsCount: 1,
      trackingNumber: null,
      remarks: null,
      unitId: units.value[i % units.value.length]?.id,
      scans: [{ sha256: staged.sha256, fileName: staged.fileName }],
    });
    perLetter.push(performance.now() - t);
  }
  const totalS = (performance.now() - start) / 1000;
  ctx.store.close();
  rmSync(dir, { recursive: true, force: true });
  perLetter.sort((a, b) => a - b);
  return [
    `| registration of ${LETTERS.toLocaleString('en')} letters, one-page PDF scan each (stage + register, service layer, one process) | ${(LETTERS / totalS).toFixed(0)} letters/s | total ${totalS.toFixed(1)} s; per letter p50 ${percentile(perLetter, 50).toFixed(2)} ms, p95 ${percentile(perLetter, 95).toFixed(2)} ms (making the PDFs beforehand took ${(genMs / 1000).toFixed(1)} s, not counted) |`,
  ];
}

/** Fills a profile with ROWS letters directly in SQL (the load is not what is measured). */
function fillRegister(ctx: Ctx, rows: number) {
  const db = ctx.store.sqlite;
  const units = db.prepare('SELECT id FROM units').pluck().all() as string[];
  const userId = db.prepare("SELECT id FROM users WHERE login = 'akowalska'").pluck().get() as string;
  const names = ['Kowalski', 'Nowak', 'Wiśniewska', 'Łęcka', 'Żółkiewski', 'Dąbrowski', 'Zieliński', 'Szymańska', 'Woźniak', 'Kamińska'];
  const towns = ['Łódź', 'Kraków', 'Przykładowo', 'Gdańsk', 'Wrocław'];
  const subjects = ['Wniosek o wydanie zaświadczenia', 'Zajęcie pasa drogowego', 'Warunki zabudowy działki', 'Podatek od nieruchomości', 'Usunięcie drzew', 'Skarga na działanie', 'Informacja publiczna'];
  const channels = ['paper', 'epuap', 'edoreczenia', 'email', 'fax', 'in_person'];
  const partyIds: string[] = [];
  const insParty = db.prepare("INSERT INTO parties (id, kind, name, search_text, city, created_at, created_by) VALUES (?, 'person', ?, ?, ?, ?, ?)");
  const insLetter = db.prepare(
    `INSERT INTO correspondence (id, direction, register, year, seq, number, status, received_at, channel, sender_id, sender_name, sender_reference, subject, attachments_count, unit_id, status_code, registered_by, registered_at, updated_at, revision)
     VALUES (?, 'in', 'RPW', 2026, ?, ?, 'registered', ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 1)`,
  );
  const insFts = db.prepare('INSERT INTO correspondence_fts (rowid, numbers, sender, subject, reference, remarks) VALUES (?, ?, ?, ?, ?, ?)');
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) {
      const id = crypto.randomUUID();
      const name = `${['Jan', 'Anna', 'Piotr', 'Maria'][i % 4] ?? ''} ${names[i % names.length] ?? ''} ${String(i)}`;
      insParty.run(id, name, foldText(name), towns[i % towns.length], new Date().toISOString(), userId);
      partyIds.push(id);
    }
    for (let i = 1; i <= rows; i++) {
      const party = i % partyIds.length;
      const name = `${['Jan', 'Anna', 'Piotr', 'Maria'][party % 4] ?? ''} ${names[party % names.length] ?? ''} ${String(party)}`;
      const at = new Date(now - (rows - i) * 240_000).toISOString();
      const subject = `${subjects[i % subjects.length] ?? ''} nr ${String(i)}`;
      const info = insLetter.run(crypto.randomUUID(), i, `RPW/${String(i)}/2026`, at, channels[i % channels.length], partyIds[party], name, `ZN/${String(i)}`, subject, units[i % units.length], `B${String(i).padStart(7, '0')}`, userId, at, at);
      insFts.run(info.lastInsertRowid, foldText(`RPW/${String(i)}/2026`), foldText(`${name} ${towns[party % towns.length] ?? ''}`), foldText(subject), foldText(`ZN/${String(i)}`), '');
    }
    db.prepare("INSERT INTO counters (scope, last) VALUES ('RPW/2026', ?) ON CONFLICT (scope) DO UPDATE SET last = excluded.last").run(rows);
  })();
}

/** 2. The register query over ROWS entries: filters, sorts, deep pages. */
async function benchRegisterQuery(dir: string): Promise<string[]> {
  const ctx = openBackend({ profileDir: dir, mode: 'browser', demo: true, demoLetters: false, quiet: true });
  const loadStart = performance.now();
  fillRegister(ctx, ROWS);
  const loadS = (performance.now() - loadStart) / 1000;
  await signIn(ctx, 'akowalska');
  const unitId = (ctx.store.sqlite.prepare("SELECT id FROM units WHERE symbol = 'GK'").pluck().get() as string);
  const none = { from: null, to: null, channel: null, unitId: null, text: '', includeCancelled: true };
  const cases: { name: string; input: unknown }[] = [
    { name: 'first page, newest first (the default view)', input: { filter: none, sort: { by: 'number', dir: 'desc' }, offset: 0, limit: 100 } },
    { name: 'channel = ePUAP, one month, sorted by sender', input: { filter: { ...none, channel: 'epuap', from: '2026-06-01', to: '2026-06-30' }, sort: { by: 'sender', dir: 'asc' }, offset: 0, limit: 100 } },
    { name: 'unit GK, sorted by date received', input: { filter: { ...none, unitId }, sort: { by: 'receivedAt', dir: 'desc' }, offset: 0, limit: 100 } },
    { name: 'full text "lecka zajecie" (diacritics folded)', input: { filter: { ...none, text: 'lecka zajecie' }, sort: { by: 'number', dir: 'desc' }, offset: 0, limit: 100 } },
    { name: 'deep page: offset 50,000 (scrolled half-way)', input: { filter: none, sort: { by: 'number', dir: 'desc' }, offset: 50_000, limit: 100 } },
  ];
  const lines: string[] = [];
  for (const c of cases) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      const r = await call(ctx, 'register.list', c.input);
      times.push(performance.now() - t);
      total = r.total as number;
    }
    times.sort((a, b) => a - b);
    lines.push(`| register.list over ${ROWS.toLocaleString('en')} letters: ${c.name} (matches ${total.toLocaleString('en')}, page of 100) | p50 ${percentile(times, 50).toFixed(1)} ms | p95 ${percentile(times, 95).toFixed(1)} ms (60 runs, count + page + validation) |`);
  }
  ctx.store.close();
  lines.push(`| (loading ${ROWS.toLocaleString('en')} rows with their FTS entries in SQL, for the above) | ${loadS.toFixed(1)} s | not a product path |`);
  return lines;
}

/** 3. Cold start: a new backend process in browser mode until the register's first page arrives. */
async function coldStart(profileDir: string, demo: boolean): Promise<number> {
  const start = performance.now();
  const args = ['backend/main.ts', '--browser', '--profile', profileDir, '--no-demo-letters'];
  if (demo) args.push('--demo');
  const child = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.on('exit', () => reject(new Error('backend exited')));
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const m = JSON.parse(line) as { ready?: boolean; url: string; token: string };
        if (m.ready) resolve(m);
      } catch {
        /* not ours */
      }
    });
  });
  const post = async (method: string, body: unknown) => {
    const res = await fetch(`${ready.url}api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${ready.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as { ok: boolean; value: unknown };
  };
  // What the page does on load: the index, the session, then the register's first page.
  await fetch(ready.url);
  const users = (await post('session.demoUsers', {})).value as { id: string; login: string }[];
  await post('session.signIn', { userId: users.find((u) => u.login === 'akowalska')?.id });
  const first = await post('register.list', { filter: {}, sort: { by: 'number', dir: 'desc' }, offset: 0, limit: 100 });
  if (!first.ok) throw new Error('register.list failed');
  const ms = performance.now() - start;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return ms;
}

async function benchColdStart(filledProfile: string): Promise<string[]> {
  const fresh: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'kancelaria-cold-'));
    fresh.push(await coldStart(dir, true));
    rmSync(dir, { recursive: true, force: true });
  }
  const filled: number[] = [];
  for (let i = 0; i < 5; i++) filled.push(await coldStart(filledProfile, false));
  fresh.sort((a, b) => a - b);
  filled.sort((a, b) => a - b);
  return [
    `| cold start of browser mode to the register's first page, existing profile with ${ROWS.toLocaleString('en')} letters (process spawn → ready → sign-in → register.list) | median ${percentile(filled, 50).toFixed(0)} ms | min ${(filled[0] ?? NaN).toFixed(0)} ms, max ${(filled.at(-1) ?? NaN).toFixed(0)} ms (5 runs) |`,
    `| the same on a new machine: empty profile, demo office created on first start | median ${percentile(fresh, 50).toFixed(0)} ms | min ${(fresh[0] ?? NaN).toFixed(0)} ms, max ${(fresh.at(-1) ?? NaN).toFixed(0)} ms (3 runs) |`,
  ];
}

const rows: string[] = [];
console.log(`Rejestracja ${String(LETTERS)} pism …`);
rows.push(...(await benchRegistration()));
const filledDir = mkdtempSync(join(tmpdir(), 'kancelaria-bench-register-'));
console.log(`Zapytania rejestru na ${String(ROWS)} pozycjach …`);
rows.push(...(await benchRegisterQuery(filledDir)));
console.log('Zimny start …');
rows.push(...(await benchColdStart(filledDir)));
rmSync(filledDir, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? '?';
const header = `## Registry intake — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${String(cpus().length)} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, SQLite via better-sqlite3 (WAL, synchronous=NORMAL).\n\n| what | figure | detail |\n|---|---|---|\n`;
const section = `${header}${rows.join('\n')}\n`;
console.log(`\n${section}`);
const file = join(process.cwd(), 'bench', 'RESULTS.md');
const intro = '# Benchmark results\n\nFigures from `npm run bench` (bench/run.ts). Each run replaces its section. Benchmarks are not tests: they measure, they do not assert.\n\n';
const previous = existsSync(file) ? readFileSync(file, 'utf8') : intro;
// Replace only this benchmark's section; other benchmarks' sections stay as they are.
const start = previous.indexOf('## Registry intake');
const next = start < 0 ? -1 : previous.indexOf('\n## ', start + 1);
const updated = start < 0 ? `${previous.trimEnd()}\n\n${section}` : `${previous.slice(0, start)}${section}${next < 0 ? '' : `\n${previous.slice(next + 1)}`}`;
writeFileSync(file, updated.endsWith('\n') ? updated : `${updated}\n`);
