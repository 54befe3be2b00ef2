import { execFile } from 'node:child_process';
import { connect } from 'node:http2';
import { get as httpsGet } from 'node:https';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend } from '#backend/context';
import { serverTls } from '#server/tls';
import { call, callError, removeDir, tempDir } from '#tests/support/profile';
import { createServerDatabase, DEMO_PASSWORD, runServerCliAsync, serverCaFor, startServer, type ServerProcess } from '#tests/support/server';

// The central server speaks HTTPS with the office's own CA; workstations pin that CA and will
// not send a password over plain http:// to another computer. Checked with the real server
// process, openssl s_client, node's HTTP/2 client and real workstations.

const run = promisify(execFile);

describe('the central server over HTTPS', () => {
  let server: ServerProcess;
  let tlsDir: string;

  beforeAll(async () => {
    server = await startServer({ engine: 'pglite' });
    tlsDir = server.database.env.KANCELARIA_SERVER_TLS_DIR ?? '';
  });
  afterAll(async () => {
    await (server as ServerProcess | undefined)?.stop();
  });

  it('made the office CA on first start, prints its fingerprint, and the admin CLI exports the same certificate', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const printed = /Odcisk SHA-256 certyfikatu urzędu \(CA\), do porównania na stanowiskach:\n {2}([0-9A-F:]{95})/.exec(server.stdout())?.[1];
    const openssl = (await run('openssl', ['x509', '-in', join(tlsDir, 'ca.pem'), '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' })).stdout;
    expect(openssl.trim()).toBe(`sha256 Fingerprint=${printed ?? '?'}`);
    const exported = join(tempDir('ca'), 'urzad-ca.pem');
    const cli = await runServerCliAsync(server.database, ['tls', 'ca', '--to', exported]);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`Odcisk SHA-256: ${printed ?? '?'}`);
    expect(readFileSync(exported, 'utf8')).toBe(readFileSync(join(tlsDir, 'ca.pem'), 'utf8'));
    // The keys are the office's secrets: the folder and the key files are the server account's alone.
    expect(statSync(tlsDir).mode & 0o777).toBe(0o700);
    for (const key of ['ca-klucz.pem', 'serwer.pem']) expect(statSync(join(tlsDir, key)).mode & 0o777).toBe(0o600);

  });

  it('openssl verifies the chain and the name against the office CA; HTTP/2 is negotiated, HTTP/1.1 still served', async () => {
    const port = new URL(server.url).port;
    const sClient = await run('sh', ['-c', `openssl s_client -connect 127.0.0.1:${port} -CAfile ${join(tlsDir, 'ca.pem')} -verify_ip 127.0.0.1 -verify_return_error -alpn h2,http/1.1 </dev/null 2>&1`], { encoding: 'utf8' });
    expect(sClient.stdout).toContain('Verify return code: 0 (ok)');
    expect(sClient.stdout).toContain('ALPN protocol: h2');
    const ca = serverCaFor(server.url) ?? '';
    const h2 = await new Promise<{ status: number; protocol: string }>((resolve, reject) => {
      const session = connect(server.url, { ca });
      session.on('error', reject);
      const req = session.request({ ':path': '/health' });
      req.on('response', (headers) => {
        resolve({ status: Number(headers[':status']), protocol: session.alpnProtocol ?? '' });
        session.close();
      });
      req.end();
    });
    expect(h2).toEqual({ status: 200, protocol: 'h2' });
    const h1 = await new Promise<number>((resolve, reject) => httpsGet(new URL('/health', server.url), { ca }, (res) => resolve(res.statusCode ?? 0)).on('error', reject));
    expect(h1).toBe(200);
    // Plain HTTP on the same port gets nothing.
    await expect(fetch(server.url.replace('https:', 'http:') + '/health')).rejects.toThrow();
  });

  it('a workstation pinned to another CA sends nothing and says the server is not the office’s', async () => {
    const strangerDir = mkdtempSync(join(tmpdir(), 'kancelaria-obcy-ca-'));
    const stranger = serverTls({ kind: 'own', dir: strangerDir, names: ['localhost', '127.0.0.1'] });
    const dir = tempDir('stanowisko');
    const ctx = openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true, serverUrl: server.url, serverCa: stranger.caPem, syncIntervalMs: 0 });
    try {
      const refused = await callError(ctx, 'session.login', { login: 'akowalska', password: DEMO_PASSWORD });
      expect(refused.message).toMatch(/przedstawił certyfikat, którego nie wystawił urząd/);
      expect((await call(ctx, 'sync.status', {}))?.state).toBe('offline');
    } finally {
      ctx.store.close();
      removeDir(dir);
      rmSync(strangerDir, { recursive: true, force: true });
    }
  });

  it('plain http:// to another computer is refused before anything is sent; to this computer it is allowed', () => {
    const dir = tempDir('stanowisko');
    try {
      const e = (() => {
        try {
          openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true, serverUrl: 'http://serwer.urzad.local:8417/', syncIntervalMs: 0 });
          return null;
        } catch (error) {
          return error as { code?: string; message?: string };
        }
      })();
      expect(e?.code).toBe('SYNC_SERVER_URL_PLAIN');
      expect(e?.message).toMatch(/bez szyfrowania: hasła i dokumenty szłyby przez sieć jawnie/);
      // A TLS proxy (or a test) on this very computer may be spoken to in plain HTTP.
      const local = openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true, serverUrl: 'http://127.0.0.1:9/', syncIntervalMs: 0 });
      expect(local.sync?.status().serverUrl).toBe('http://127.0.0.1:9/');
      local.store.close();
    } finally {
      removeDir(dir);
    }
  });
});

describe('the server with certificate files IT gives', () => {
  it('serves them; a key that does not match its certificate stops the start with a Polish message', async () => {
    const made = mkdtempSync(join(tmpdir(), 'kancelaria-pliki-tls-'));
    const own = serverTls({ kind: 'own', dir: made, names: ['localhost', '127.0.0.1'] });
    const other = serverTls({ kind: 'own', dir: mkdtempSync(join(tmpdir(), 'kancelaria-inny-tls-')), names: ['localhost'] });
    writeFileSync(join(made, 'cert.pem'), own.cert);
    writeFileSync(join(made, 'key.pem'), own.key);
    writeFileSync(join(made, 'zly-klucz.pem'), other.key);
    const database = await createServerDatabase('pglite');
    try {
      await expect(startServer({ database, env: { KANCELARIA_SERVER_TLS_CERT: join(made, 'cert.pem'), KANCELARIA_SERVER_TLS_KEY: join(made, 'zly-klucz.pem') } })).rejects.toThrow(/Klucz .*zly-klucz\.pem nie pasuje do certyfikatu/);
      // A data folder the server makes itself (as on a first start): its account's only.
      const data = join(made, 'dane-serwera');
      const server = await startServer({ database, env: { KANCELARIA_SERVER_TLS_CERT: join(made, 'cert.pem'), KANCELARIA_SERVER_TLS_KEY: join(made, 'key.pem'), KANCELARIA_SERVER_DATA: data } });
      try {
        expect(statSync(data).mode & 0o777).toBe(0o700);
        expect(server.stdout()).toContain(own.caFingerprint);
        const pinned = await new Promise<number>((resolve, reject) => httpsGet(new URL('/health', server.url), { ca: own.caPem }, (res) => resolve(res.statusCode ?? 0)).on('error', reject));
        expect(pinned).toBe(200);
      } finally {
        await server.stop({ keepDatabase: true });
      }
      // Without TLS only behind a proxy on this machine: on a LAN address the server will not start.
      await expect(startServer({ database, env: { KANCELARIA_SERVER_TLS: 'off', KANCELARIA_SERVER_HOST: '0.0.0.0' } })).rejects.toThrow(/KANCELARIA_SERVER_TLS=off jest dozwolone tylko/);
    } finally {
      await database.drop();
      rmSync(made, { recursive: true, force: true });
    }
  });
});
