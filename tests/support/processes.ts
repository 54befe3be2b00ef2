import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// Real processes for integration tests: the browser-mode backend and the admin CLI, started
// the way people start them, with the Node that runs the tests (Node 22).

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** tsx's command-line entry, run with this very Node rather than whatever `node` is on PATH. */
export const TSX_CLI = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export type CliResult = { status: number | null; stdout: string; stderr: string };

/** Runs `bin/kancelaria.mjs` with `args` and waits for it. */
export function runKancelaria(args: string[], env: Record<string, string | undefined> = {}, input?: string): CliResult {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'kancelaria.mjs'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    input: input ?? '',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * runKancelaria without blocking this process: for a CLI that talks to servers the test runs
 * in-process (a TSA, an OCSP responder), which a synchronous spawn would starve.
 */
export function runKancelariaAsync(args: string[]): Promise<CliResult> {
  const proc = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'kancelaria.mjs'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export type BackendProcess = {
  proc: ChildProcess;
  url: string;
  token: string;
  /** The one-time code the launcher gives the browser opener instead of the token. */
  launchCode: string;
  port: number;
  /** What the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** POST /api/<method> with the token; returns the parsed JSON body and the status. */
  api(method: string, input: unknown): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }>;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Starts `tsx backend/main.ts --browser …` on a profile and waits for its one JSON line
 * `{ ready, url, token }`.
 */
export async function startBrowserBackend(profileDir: string, opts: { demo?: boolean; demoLetters?: boolean; extraArgs?: string[] } = {}): Promise<BackendProcess> {
  // tsx as a loader in this very process, not its CLI: the CLI runs the program in a child, and
  // a kill -9 of the CLI would leave the backend running (tests kill backends on purpose).
  const args = ['--import', 'tsx', join(REPO_ROOT, 'backend', 'main.ts'), '--browser', ...(opts.demo === false ? [] : ['--demo']), '--profile', profileDir, ...(opts.extraArgs ?? [])];
  if (!opts.demoLetters) args.push('--no-demo-letters');
  // The daily copy has its own test (backup.test.ts); here it would only add load and folders.
  const proc = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KANCELARIA_BACKUP: 'off' } });
  let err = '';
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = await new Promise<{ url: string; token: string; launchCode: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`backend not ready in 60 s; stderr: ${err}`)), 60_000);
    proc.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out.slice(0, nl)) as { url: string; token: string; launchCode: string });
      } catch (e) {
        reject(new Error(`backend's first line is not JSON: ${out.slice(0, nl)} (${String(e)})`));
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`backend exited (${code}) before it was ready; stderr: ${err}`));
    });
  });
  const port = Number(new URL(ready.url).port);
  return {
    proc,
    url: ready.url,
    token: ready.token,
    launchCode: ready.launchCode,
    port,
    stderr: () => err,
    async api(method, input) {
      const res = await fetch(new URL(`api/${method}`, ready.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ready.token}` },
        body: JSON.stringify(input),
      });
      return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } } };
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

/** Resident memory in bytes of a process and all its descendants (Linux /proc). */
export function treeRss(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      total += Number(kb ?? 0) * 1024;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      for (const c of children.split(/\s+/).filter(Boolean)) visit(Number(c));
    } catch {
      // The process ended between listing and reading: it holds no memory.
    }
  };
  visit(pid);
  return total;
}
