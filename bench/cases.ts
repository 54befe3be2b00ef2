/**
 * Benchmarks for cases (not tests: they print figures and write their section of bench/RESULTS.md).
 *
 *   npx tsx bench/cases.ts                       — 100,000 cases, 1,000,000 events
 *   npx tsx bench/cases.ts --cases 10000         — a smaller office
 *   npx tsx bench/cases.ts --profile /tmp/p      — keep the filled profile there (for query plans)
 *
 * The profile is filled in SQL (what is loaded is not what is measured); everything measured goes
 * through `dispatch`, as both transports call it, with a signed-in person.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { openBackend } from '#backend/context';
import { dispatch } from '#core/services/dispatch';
import { isMethodName } from '#core/contract';
import type { Ctx } from '#core/services/context';
import { verifyEventChain } from '#db/eventLog';
import { fillCases, YEARS } from './officeFill.ts';
import { seeded } from '#tests/support/random';
import { writeResultsSection } from './results.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    'events-per-case': { type: 'string', default: '10' },
    spis: { type: 'string', default: '5000' },
    profile: { type: 'string' },
  },
});
const CASES = Number(values.cases);
const EVENTS_PER_CASE = Number(values['events-per-case']);
const SPIS = Number(values.spis);

/** The figures the JSON line at the end carries, for comparing runs. */
const headline: Record<string, number> = {};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function call(ctx: Ctx, method: string, input: unknown) {
  const r = await dispatch(ctx, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
}

async function signIn(ctx: Ctx, login: string) {
  const users = (await dispatch(ctx, 'session.demoUsers', {})) as { ok: true; value: { id: string; login: string }[] };
  await call(ctx, 'session.signIn', { userId: users.value.find((u) => u.login === login)?.id });
}

/** Times `runs` calls after two warm-ups (called with -2 and -1); sorted milliseconds and the last answer. */
async function timed(runs: number, fn: (i: number) => Promise<Record<string, unknown>>) {
  await fn(-2);
  await fn(-1);
  const times: number[] = [];
  let last: Record<string, unknown> = {};
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { times, last, p50: percentile(times, 50).toFixed(1), p95: percentile(times, 95).toFixed(1) };
}

async function benchCases(dir: string): Promise<string[]> {
  const ctx = openBackend({ profileDir: dir, mode: 'browser', demo: true, demoLetters: false, quiet: true });
  const db = ctx.store.sqlite;
  const lines: string[] = [];
  const loadStart = performance.now();
  const { timings, drafts, caseIds, currentYear } = fillCases(ctx, { cases: CASES, eventsPerCase: EVENTS_PER_CASE, spis: SPIS });
  const loadS = (performance.now() - loadStart) / 1000;
  const counts = db.prepare("SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM correspondence) AS letters, (SELECT count(*) FROM cases WHERE status IN ('opened','in_progress','suspended')) AS open").get() as { cases: number; events: number; letters: number; open: number };
  const office = `${counts.cases.toLocaleString('en')} cases (${counts.open.toLocaleString('en')} open), ${counts.events.toLocaleString('en')} events, ${counts.letters.toLocaleString('en')} letters`;
  console.log(`Profil: ${office}; ładowanie ${loadS.toFixed(1)} s`);

  // Inbox: the first screen of a working day.
  for (const [login, who] of [['tlukasik', 'clerk (tlukasik, GK)'], ['kzielinska', 'head (kzielinska, GK with GK-I)']] as const) {
    await signIn(ctx, login);
    const r = await timed(30, () => call(ctx, 'inbox.summary', {}));
    const size = (k: string) => (r.last[k] as unknown[]).length.toLocaleString('en');
    headline[login === 'kzielinska' ? 'inboxHeadP95Ms' : 'inboxClerkP95Ms'] = Number(r.p95);
    lines.push(`| inbox.summary, ${who} over ${office} (trays: do dekretacji ${size('toAssign')}, moje ${size('mine')}, terminy ${size('deadlines')}, moje sprawy ${size('myCases')}) | p50 ${r.p50} ms | p95 ${r.p95} ms (30 runs) |`);
    console.log(lines.at(-1));
  }
  // The head's deadlines-per-clerk view reads the same open cases as the head's inbox.
  if (isMethodName('cases.overdueByClerk')) {
    await signIn(ctx, 'kzielinska');
    const r = await timed(30, async () => ({ clerks: await call(ctx, 'cases.overdueByClerk', {}) }));
    lines.push(`| cases.overdueByClerk, head (kzielinska), ${String((r.last.clerks as unknown[]).length)} clerks | p50 ${r.p50} ms | p95 ${r.p95} ms (30 runs) |`);
    console.log(lines.at(-1));
  }

  // One case opened from the list: 100 different cases of GK, so the cache is not always warm.
  await signIn(ctx, 'tlukasik');
  const gk = drafts.map((d, i) => (d.unit === 'GK' ? caseIds[i] : undefined)).filter((x): x is string => x !== undefined);
  const rand = seeded(7);
  const sample = Array.from({ length: 102 }, () => gk[Math.floor(rand() * gk.length)] ?? '');
  const get = await timed(100, (i) => call(ctx, 'cases.get', { id: sample[i + 2] }));
  lines.push(`| cases.get of a case with ${String(EVENTS_PER_CASE)} events (metryka ${String((get.last.metryka as unknown[]).length)} entries), 100 different GK cases, clerk | p50 ${get.p50} ms | p95 ${get.p95} ms (100 runs) |`);
  console.log(lines.at(-1));

  // Search: only if its handler is in this build (it was being written beside this benchmark).
  if (existsSync(join(process.cwd(), 'core', 'search', 'handlers.ts'))) {
    // A GK case, so the clerk of GK finds it too.
    const some = drafts.filter((d) => d.unit === 'GK').at(-100);
    const queries = [
      ['a case sign typed in full', some?.sign ?? ''],
      ['an RPW number typed in full', some?.letterNumber ?? ''],
      ['a surname without diacritics ("zolkiewski")', 'zolkiewski'],
      ['a common word ("zabudowy", in ~1/4 of titles)', 'zabudowy'],
      ['two words ("usuniecie dab")', 'usuniecie dab'],
    ] as const;
    for (const [login, who] of [['akowalska', 'registry, whole office'], ['tlukasik', 'clerk, GK only']] as const) {
      await signIn(ctx, login);
      for (const [name, q] of queries) {
        const r = await timed(20, () => call(ctx, 'search.all', { q, limit: 20 }));
        const hits = ['letters', 'cases', 'parties'].map((k) => (r.last[k] as unknown[]).length).join('/');
        lines.push(`| search.all, ${who}: ${name} (hits letters/cases/parties ${hits}, limit 20) | p50 ${r.p50} ms | p95 ${r.p95} ms (20 runs) |`);
        console.log(lines.at(-1));
      }
    }
  } else {
    lines.push('| search.all | not measured | search not yet available (core/search/handlers.ts missing) |');
  }

  // The spis spraw printed for the year.
  await signIn(ctx, 'tlukasik');
  const gkId = db.prepare("SELECT id FROM units WHERE symbol = 'GK'").pluck().get() as string;
  const spisSize = drafts.filter((d) => d.unit === 'GK' && d.jrwa === '6730' && d.year === currentYear).length;
  const pdfTimes: number[] = [];
  let bytes: Uint8Array = new Uint8Array();
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    bytes = (await call(ctx, 'cases.registerPdf', { unitId: gkId, jrwaSymbol: '6730', year: currentYear })).bytes as Uint8Array;
    pdfTimes.push(performance.now() - t);
  }
  pdfTimes.sort((a, b) => a - b);
  const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  headline.spisS = Number((percentile(pdfTimes, 50) / 1000).toFixed(2));
  lines.push(`| cases.registerPdf: spis spraw GK.6730 ${String(currentYear)} with ${spisSize.toLocaleString('en')} cases (A4 landscape) | ${(percentile(pdfTimes, 50) / 1000).toFixed(1)} s | median of 3 (min ${((pdfTimes[0] ?? NaN) / 1000).toFixed(1)} s); ${String(pages)} pages, ${(bytes.byteLength / 1024).toFixed(0)} KiB |`);
  console.log(lines.at(-1));

  // The whole event log checked link by link, as `kancelaria db check` does.
  const verifyStart = performance.now();
  const chain = verifyEventChain(ctx.store);
  const verifyS = (performance.now() - verifyStart) / 1000;
  headline.verifyChainS = Number(verifyS.toFixed(1));
  lines.push(`| verifyEventChain over ${chain.count.toLocaleString('en')} events (the CLI's db check) | ${verifyS.toFixed(1)} s | ${chain.firstBroken ? `broken at ${String(chain.firstBroken.seq)}` : 'chain intact'} |`);

  ctx.store.close();
  lines.push(`| (loading ${office} in SQL, for the above: rows and FTS ${(timings.rows / 1000).toFixed(1)} s, events with their hash chain ${(timings.events / 1000).toFixed(1)} s) | ${loadS.toFixed(1)} s | not a product path; cases over ${String(YEARS)} years up to today, old ones settled, recent ones mostly open |`);
  return lines;
}

const dir = values.profile ?? mkdtempSync(join(tmpdir(), 'kancelaria-bench-cases-'));
console.log(`Sprawy: ${String(CASES)} spraw, ${String(CASES * EVENTS_PER_CASE)} zdarzeń …`);
const rows = await benchCases(dir);
if (values.profile === undefined) rmSync(dir, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? '?';
const TITLE = '## Cases';
const header = `${TITLE} — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${String(cpus().length)} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, SQLite via better-sqlite3 (WAL, synchronous=NORMAL). \`npx tsx bench/cases.ts\`.\n\n| what | figure | detail |\n|---|---|---|\n`;
const section = `${header}${rows.join('\n')}\n`;
console.log(`\n${section}`);

writeResultsSection(TITLE, section);
console.log(JSON.stringify({ bench: 'cases', cases: CASES, ...headline, load: Number((loadavg()[0] ?? 0).toFixed(2)) }));
