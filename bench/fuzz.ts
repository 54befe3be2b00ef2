/**
 * Fuzzing, the long run (issue 12 item 9) — the generators and judges of the fuzz tests
 * (tests/integration/fuzzContract, fuzzParsers, server/fuzzRoutes), with any seed and many more
 * inputs. Not a test: it prints what it found and how fast, writes its section of
 * bench/RESULTS.md, and ends with one JSON line (runs, failures, seconds). Failures go in full
 * to artifacts/fuzz/bench-failures.txt, each with the seed that makes it again.
 *
 *   npx tsx bench/fuzz.ts                                   — seed from FUZZ_SEED or the clock
 *   npx tsx bench/fuzz.ts --seed 7 --runs 300 --parts contract,parsers --engines pglite
 *
 * --runs: inputs per contract method (PDF-making methods a third), requests per route (push and
 * login more), damaged copies per real file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { contract } from '#core/contract';
import { mutateBytes } from '#tests/support/fuzz';
import { contractMethods, fuzzOffice } from '#tests/support/fuzzOffice';
import { parserCorpus, parserProblem, parserRunner } from '#tests/support/fuzzParsers';
import { fuzzServer } from '#tests/support/fuzzServer';
import { SERVER_ENGINES, type ServerEngine } from '#tests/support/server';
import { writeResultsSection } from './results.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: process.env.FUZZ_SEED ?? String(Date.now() % 1_000_000_007) },
    runs: { type: 'string', default: '200' },
    parts: { type: 'string', default: 'contract,server,parsers' },
    engines: { type: 'string', default: SERVER_ENGINES.join(',') },
  },
});
const SEED = Number(values.seed);
const RUNS = Math.max(1, Number(values.runs));
const PARTS = new Set(values.parts.split(','));
const ENGINES = values.engines.split(',').filter((e): e is ServerEngine => (SERVER_ENGINES as readonly string[]).includes(e));
const REPO = join(import.meta.dirname, '..');
const PARSER_LIMIT_MS = 5_000;

type Part = { name: string; runs: number; failures: string[]; ms: number; detail: string };
const parts: Part[] = [];
const loadAtStart = loadavg()[0] ?? NaN;
const began = performance.now();

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

if (PARTS.has('contract')) {
  const started = performance.now();
  const office = await fuzzOffice();
  const failures: string[] = [];
  let calls = 0;
  let ok = 0;
  const slowest: { method: string; ms: number }[] = [];
  try {
    for (const [index, method] of contractMethods.entries()) {
      const seed = SEED + index * 7_919;
      const r = await office.runMethod(method, seed, contract[method].kind === 'file' ? Math.max(3, Math.floor(RUNS / 3)) : RUNS);
      calls += r.calls;
      ok += r.ok;
      slowest.push({ method, ms: r.ms / r.calls });
      failures.push(...r.failures.map((f) => `contract ${method} (seed ${String(seed)}): ${f}`));
      if (r.failures.length > 0) say(`  ${method}: ${String(r.failures.length)} failures`);
    }
  } finally {
    office.close();
  }
  slowest.sort((a, b) => b.ms - a.ms);
  const ms = performance.now() - started;
  const top = slowest
    .slice(0, 3)
    .map((s) => `${s.method} ${s.ms.toFixed(0)} ms`)
    .join(', ');
  parts.push({ name: `contract: ${String(contractMethods.length)} methods through dispatch on a demo profile`, runs: calls, failures, ms, detail: `${String(ok)} succeeded, ${String(calls - ok)} refused; slowest per call: ${top}` });
  say(`contract: ${String(calls)} calls, ${String(failures.length)} failures, ${(ms / 1000).toFixed(1)} s`);
}

if (PARTS.has('server')) {
  for (const engine of ENGINES) {
    const started = performance.now();
    const fuzz = await fuzzServer(engine);
    const failures: string[] = [];
    try {
      for (const [index, route] of fuzz.routes.entries()) {
        const seed = SEED + index * 15_485_863;
        const runs = route.url === '/sync/push' ? RUNS * 3 : route.url === '/auth/login' ? RUNS * 2 : RUNS;
        const r = await fuzz.runRoute(index, seed, runs);
        failures.push(...r.failures.map((f) => `server ${engine} (seed ${String(seed)}): ${f}`));
        if (r.failures.length > 0) say(`  ${engine} ${r.route}: ${String(r.failures.length)} failures`);
      }
      failures.push(...(await fuzz.runCommandSweep(SEED)).failures.map((f) => `server ${engine} (sweep, seed ${String(SEED)}): ${f}`));
      failures.push(...(await fuzz.runUnknownRoutes()).failures.map((f) => `server ${engine}: ${f}`));
      const health = await fuzz.server.call('GET', '/health');
      if (health.status !== 200) failures.push(`server ${engine}: /health answered ${String(health.status)} afterwards`);
    } finally {
      await fuzz.stop();
    }
    const stderr = fuzz.server.stderr().replace(/^\(node:\d+\) UnsupportedWarning: The provided connection header is not valid.*\n(\(Use `node --trace-warnings.*\n)?/m, '');
    if (stderr !== '') failures.push(`server ${engine}: stderr: ${stderr.slice(0, 2_000)}`);
    const { requests, refusals } = fuzz.totals();
    const ms = performance.now() - started;
    parts.push({ name: `server routes (${engine}): ${String(fuzz.routes.length)} routes of the real server process`, runs: requests, failures, ms, detail: `${String(refusals)} refused; ${(requests / (ms / 1000)).toFixed(0)} requests/s including start-up` });
    say(`server ${engine}: ${String(requests)} requests, ${String(failures.length)} failures, ${(ms / 1000).toFixed(1)} s`);
  }
}

if (PARTS.has('parsers')) {
  const started = performance.now();
  const corpus = await parserCorpus();
  const runner = parserRunner(PARSER_LIMIT_MS);
  const failures: string[] = [];
  let calls = 0;
  let slowest = 0;
  try {
    for (const file of corpus.files) {
      for (let i = 0; i < RUNS; i++) {
        const seed = SEED + i * 104_729 + file.name.length;
        const damaged = mutateBytes(file.bytes, seed);
        for (const parser of file.parsers) {
          const run = await runner.parse(parser, damaged.bytes, file.fileName);
          calls++;
          slowest = Math.max(slowest, run.ms);
          const problem = parserProblem(parser, run, PARSER_LIMIT_MS);
          if (problem) failures.push(`parsers ${file.name} ${parser} (seed ${String(seed)}: ${damaged.ops.join('; ')}): ${problem}`);
        }
      }
    }
  } finally {
    await runner.close();
    corpus.cleanup();
  }
  const ms = performance.now() - started;
  parts.push({ name: `parsers: ${String(corpus.files.length)} real files (PDF plain, encrypted, signed; PNG; JPEG; TIFF 1 and 3 pages; JRWA JSON and CSV), damaged`, runs: calls, failures, ms, detail: `inspectScan, verifyPdf, signedOverOf, parseJrwa on a worker thread; slowest call ${slowest.toFixed(0)} ms (limit ${String(PARSER_LIMIT_MS)} ms)` });
  say(`parsers: ${String(calls)} calls, ${String(failures.length)} failures, ${(ms / 1000).toFixed(1)} s`);
}

const seconds = (performance.now() - began) / 1000;
const allFailures = parts.flatMap((p) => p.failures);
const dir = join(REPO, 'artifacts', 'fuzz');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'bench-failures.txt'), `${allFailures.join('\n\n')}\n`);
for (const f of allFailures.slice(0, 20)) say(`FAILURE ${f.slice(0, 600)}`);
if (allFailures.length > 20) say(`… ${String(allFailures.length - 20)} more in artifacts/fuzz/bench-failures.txt`);

const rows = parts.map((p) => `| ${p.name} | ${p.runs.toLocaleString('en')} | ${String(p.failures.length)} | ${(p.ms / 1000).toFixed(1)} s | ${p.detail} |`);
const TITLE = '## Fuzzing';
const cpu = cpus()[0]?.model ?? '?';
const section = `${TITLE} — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${String(cpus().length)} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? NaN).toFixed(1)} at the end. \`npx tsx bench/fuzz.ts --seed ${String(SEED)} --runs ${String(RUNS)}\` (the tests run the same with a fixed seed and fewer inputs). A failure is a 5xx, a hang, an exception that is not a refusal, a refusal not in Polish from the catalogue, or a refused call that left something behind; each is listed with its seed in artifacts/fuzz/bench-failures.txt.\n\n| what | inputs | failures | time | detail |\n|---|---|---|---|---|\n${rows.join('\n')}\n`;
say(`\n${section}`);
writeResultsSection(TITLE, section);
say(JSON.stringify({ bench: 'fuzz', seed: SEED, runs: parts.reduce((n, p) => n + p.runs, 0), failures: allFailures.length, seconds: Number(seconds.toFixed(1)), load: Number((loadavg()[0] ?? NaN).toFixed(1)) }));
