import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { Agent, fetch as undiciFetch } from 'undici';
import { REPO_ROOT } from './processes.ts';

// The REAL central server for integration tests: `node --import tsx server/main.ts` on loopback,
// a port the OS picks, on PGlite (a temp data directory) or PostgreSQL (a fresh database
// `k_<random>` created through the admin URL and dropped afterwards). The server is one
// process (no tsx wrapper), so kill9() kills the server itself.

export type ServerEngine = 'pglite' | 'postgres';
export const SERVER_ENGINES: readonly ServerEngine[] = ['pglite', 'postgres'];

/** Where test databases are created: DATABASE_URL when set, else local trust auth. */
export const POSTGRES_ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The password of every demo user (server/config.ts DEMO_PASSWORD). */
export const DEMO_PASSWORD = 'demo1234';

/** A database for one or more server processes (and the admin CLI). */
export type ServerDatabase = {
  engine: ServerEngine;
  /** DATABASE_URL or KANCELARIA_SERVER_DATA, for the server and the CLI. */
  env: Record<string, string>;
  drop(): Promise<void>;
};

// The office CA of each server a test started, by the server's origin: workstations, the fault
// proxy and the tests' own calls pin it, as a workstation pins the CA IT exported.
const caByOrigin = new Map<string, string>();
const agents = new Map<string, Agent>();

/** The office CA (PEM) of the test server at `url`; null for anything else (e.g. a loopback proxy). */
export function serverCaFor(url: string): string | null {
  return caByOrigin.get(new URL(url).origin) ?? null;
}

/** fetch to a test server, trusting only its office CA (as a workstation does). */
export function serverFetch(url: string | URL, init: Parameters<typeof undiciFetch>[1] = {}) {
  const origin = new URL(url).origin;
  const ca = caByOrigin.get(origin);
  // By origin and CA: a port freed by one server may be taken by the next, with another office CA.
  const key = `${origin} ${ca ?? ''}`;
  let agent = agents.get(key);
  if (agent === undefined) {
    agent = new Agent({ allowH2: true, connect: ca === undefined ? {} : { ca } });
    agents.set(key, agent);
  }
  return undiciFetch(url, { ...init, dispatcher: agent });
}

/** A fresh, empty database: a temp PGlite directory, or `CREATE DATABASE k_<random>`; its server's TLS folder beside it. */
export async function createServerDatabase(engine: ServerEngine): Promise<ServerDatabase> {
  // The office CA and the audit log's key belong to the office, not to one process: every server on this database uses them.
  const tlsDir = mkdtempSync(join(tmpdir(), 'kancelaria-tls-'));
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'kancelaria-serwer-'));
    return {
      engine,
      env: { KANCELARIA_SERVER_DATA: dir, KANCELARIA_SERVER_TLS_DIR: tlsDir, KANCELARIA_SERVER_AUDIT_KEY: join(tlsDir, 'klucz-audytu.pem') },
      drop() {
        rmSync(dir, { recursive: true, force: true });
        rmSync(tlsDir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const name = `k_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    engine,
    env: { DATABASE_URL: url.toString(), KANCELARIA_SERVER_TLS_DIR: tlsDir, KANCELARIA_SERVER_AUDIT_KEY: join(tlsDir, 'klucz-audytu.pem') },
    async drop() {
      rmSync(tlsDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export type HttpResult<T = unknown> = { status: number; body: T; headers: { get(name: string): string | null } };
export type ApiRefusal = { code: string; message: string };
export type Tokens = { accessToken: string; refreshToken: string; accessExpiresAt: string; refreshExpiresAt: string; user: { id: string; login: string; role: string; unitId: string } };
type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type ServerProcess = {
  engine: ServerEngine;
  database: ServerDatabase;
  proc: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** An HTTP call; `ip` is sent as X-Forwarded-For (the test server trusts 127.0.0.1 as a proxy). */
  call<T = unknown>(method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string; ip?: string; headers?: Record<string, string> }): Promise<HttpResult<T>>;
  /** POST /auth/login, expecting success. */
  login(login: string, password?: string, ip?: string): Promise<Tokens>;
  /** SIGTERM, wait for the exit; drops the database if startServer created it, unless keepDatabase. */
  stop(opts?: { keepDatabase?: boolean }): Promise<Exit>;
  /** SIGKILL, wait for the exit; the database stays (start another server on it). */
  kill9(): Promise<Exit>;
};

/**
 * Starts the real server and waits until it listens. Without `database`, a fresh one of
 * `engine` is created (and dropped by stop()). The demo office is seeded when the database
 * is empty.
 */
export async function startServer(opts: { engine?: ServerEngine; database?: ServerDatabase; env?: Record<string, string> }): Promise<ServerProcess> {
  const owned = !opts.database;
  const database = opts.database ?? (await createServerDatabase(opts.engine ?? 'pglite'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.KANCELARIA_SERVER_DATA;
  Object.assign(env, {
    KANCELARIA_SERVER_PORT: '0',
    KANCELARIA_SERVER_HOST: '127.0.0.1',
    KANCELARIA_SERVER_DEMO: '1',
    KANCELARIA_SERVER_TRUST_PROXY: '127.0.0.1',
    ...database.env,
    ...opts.env,
  });
  const proc = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server', 'main.ts')], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<Exit>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not listening in 90 s; stdout: ${out}; stderr: ${err}`)), 90_000);
    const onData = () => {
      const m = /nasłuchuje: (https?:\/\/\S+)/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      proc.stdout.off('data', onData);
      resolve(m[1]);
    };
    proc.stdout.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal ?? '?'}) before listening; stdout: ${out}; stderr: ${err}`));
    });
  }).catch(async (e: unknown) => {
    if (owned) await database.drop();
    throw e;
  });

  const tlsDir = env.KANCELARIA_SERVER_TLS_DIR;
  if (url.startsWith('https:') && tlsDir !== undefined && existsSync(join(tlsDir, 'ca.pem'))) caByOrigin.set(new URL(url).origin, readFileSync(join(tlsDir, 'ca.pem'), 'utf8'));
  const running = () => proc.exitCode === null && proc.signalCode === null;
  const server: ServerProcess = {
    engine: database.engine,
    database,
    proc,
    url,
    stdout: () => out,
    stderr: () => err,
    async call(method: string, path: string, o: { token?: string; body?: unknown; rawBody?: string; ip?: string; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (o.ip) headers['x-forwarded-for'] = o.ip;
      let body: string | undefined;
      if (o.rawBody !== undefined) body = o.rawBody;
      else if (o.body !== undefined) body = JSON.stringify(o.body);
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await serverFetch(new URL(path, url), { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: the test sees the text
      }
      return { status: res.status, body: parsed as never, headers: res.headers };
    },
    async login(login, password = DEMO_PASSWORD, ip) {
      const r = await server.call<Tokens | ApiRefusal>('POST', '/auth/login', { body: { login, password, clientName: 'test' }, ...(ip ? { ip } : {}) });
      if (r.status !== 200) throw new Error(`login ${login} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as Tokens;
    },
    async stop(o = {}) {
      if (running()) proc.kill('SIGTERM');
      const result = await exited;
      if (owned && !o.keepDatabase) await database.drop();
      return result;
    },
    async kill9() {
      if (running()) proc.kill('SIGKILL');
      return exited;
    },
  };
  return server;
}

export type CliRun = { status: number | null; stdout: string; stderr: string };

function cliEnv(database: ServerDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.KANCELARIA_SERVER_DATA;
  return { ...env, ...database.env, ...extra };
}

/**
 * Runs the admin CLI without blocking this process (spawnSync would stop a workstation in the
 * same test from working while the CLI runs, as it must under load).
 */
export function runServerCliAsync(database: ServerDatabase, args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const proc = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'kancelaria-server.mjs'), ...args], { cwd: REPO_ROOT, env: cliEnv(database, opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  proc.stdin.end(opts.stdin ?? '');
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs `bin/kancelaria-server.mjs` on a database (the way IT staff run it) and waits. */
export function runServerCli(database: ServerDatabase, args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'kancelaria-server.mjs'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: cliEnv(database, opts.env),
    input: opts.stdin ?? '',
    timeout: 90_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
