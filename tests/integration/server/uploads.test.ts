import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerDb } from '#server/db/open';
import { SERVER_ENGINES, serverCaFor, serverFetch, startServer, type ApiRefusal, type ServerProcess, type Tokens } from '#tests/support/server';

// Files and request bodies as a stranger or a curious colleague would try them: a body sent
// before any session, a size announced to block someone else's upload, a question "does the
// office hold this file?", a day's worth of uploads, an upload left half-way, and a large file
// that must not be held whole in the server's memory.

type BlobState = { sha256: string; size: number; received: number; complete: boolean };

const sha256Of = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const MB = 1024 * 1024;

describe.each(SERVER_ENGINES)('uploads and request bodies (%s)', (engine) => {
  let server: ServerProcess;
  const tokens = new Map<string, Tokens>();
  const token = (login: string) => tokens.get(login)?.accessToken ?? '';

  async function patch(login: string, sha: string, bytes: Uint8Array, offset: number, size: number) {
    const res = await serverFetch(new URL(`/blobs/${sha}`, server.url), {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token(login)}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'upload-length': String(size) },
      body: Buffer.from(bytes),
    });
    return { status: res.status, body: (await res.json()) as BlobState & ApiRefusal };
  }

  /** Sends a file in 4 MiB pieces, as a workstation does. */
  async function upload(login: string, bytes: Uint8Array): Promise<BlobState & ApiRefusal> {
    const sha = sha256Of(bytes);
    let last: BlobState & ApiRefusal = { sha256: sha, size: bytes.length, received: 0, complete: false, code: '', message: '' };
    for (let offset = 0; offset < bytes.length || offset === 0; offset += 4 * MB) {
      const r = await patch(login, sha, bytes.subarray(offset, offset + 4 * MB), offset, bytes.length);
      last = r.body;
      if (r.status !== 200) return last;
      if (bytes.length === 0) break;
    }
    return last;
  }

  const state = async (login: string, sha: string) => (await server.call<BlobState>('GET', `/blobs/${sha}/state`, { token: token(login) })).body;

  beforeAll(async () => {
    server = await startServer({ engine, env: { KANCELARIA_SERVER_UPLOAD_QUOTA_MB: '110' } });
    for (const login of ['akowalska', 'pwisniewski', 'tlukasik', 'edabrowska', 'mwojcik']) tokens.set(login, await server.login(login));
  }, 120_000);
  afterAll(async () => {
    await server.stop();
  });

  it('a request without a session is answered 401 before its body is read', async () => {
    // 5 MB announced, nothing sent: a server reading bodies first would wait for them.
    const { hostname: host, port } = new URL(server.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host, port: Number(port), ca: serverCaFor(server.url) ?? undefined, ALPNProtocols: ['http/1.1'], servername: 'localhost' }, () => {
        socket.write(`POST /sync/push HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${String(5 * MB)}\r\n\r\n{"clientId":`);
      });
      let text = '';
      socket.setEncoding('utf8').on('data', (d: string) => {
        text += d;
        if (text.includes('\r\n\r\n') && text.includes('}')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer in 5 s: ${text}`));
      }, 5000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer).toContain('AUTH_TOKEN_MISSING');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('each route reads only as much body as it needs: a login of 20 KB and a push of 2 MB are refused with 413 in Polish', async () => {
    const login = await server.call<ApiRefusal>('POST', '/auth/login', { body: { login: 'akowalska', password: 'x'.repeat(20_000), clientName: 'test' } });
    expect(login.status).toBe(413);
    expect(login.body.code).toBe('SERVER_REQUEST_TOO_LARGE');
    expect(login.body.message).toMatch(/za duż|zbyt duż/i);
    const push = await server.call<ApiRefusal>('POST', '/sync/push', { token: token('akowalska'), rawBody: JSON.stringify({ clientId: crypto.randomUUID(), mutations: [], pad: 'x'.repeat(2 * MB) }) });
    expect(push.status).toBe(413);
    // A pull is a cursor and a limit: 100 KB is not one.
    const pull = await server.call<ApiRefusal>('POST', '/sync/pull', { token: token('akowalska'), rawBody: JSON.stringify({ clientId: crypto.randomUUID(), cursor: null, pad: 'x'.repeat(100_000) }) });
    expect(pull.status).toBe(413);
  });

  it('nobody blocks another person’s upload by announcing the file with a false size first', async () => {
    const bytes = randomBytes(300_000);
    const sha = sha256Of(bytes);
    // The curious colleague knows the hash, claims 1000 bytes and sends 10.
    const fake = await patch('edabrowska', sha, Buffer.from('0123456789'), 0, 1000);
    expect([fake.status, fake.body.received, fake.body.complete]).toEqual([200, 10, false]);
    const real = await upload('akowalska', bytes);
    expect(real.complete).toBe(true);
    // Her upload stays her own, and nothing of it became the office's file.
    expect(await state('edabrowska', sha)).toEqual({ sha256: sha, size: 1000, received: 10, complete: false });
    const back = await serverFetch(new URL(`/blobs/${sha}`, server.url), { headers: { authorization: `Bearer ${token('akowalska')}` } });
    expect(sha256Of(new Uint8Array(await back.arrayBuffer()))).toBe(sha);
  });

  it('the same first piece sent twice at once (a retry racing the first try): one upload, no server error', async () => {
    const bytes = randomBytes(200_000);
    const sha = sha256Of(bytes);
    const piece = bytes.subarray(0, 100_000);
    const answers = await Promise.all([patch('pwisniewski', sha, piece, 0, bytes.length), patch('pwisniewski', sha, piece, 0, bytes.length)]);
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([200]));
    for (const a of answers) expect([200, 409]).toContain(a.status);
    expect(await state('pwisniewski', sha)).toEqual({ sha256: sha, size: 200_000, received: 100_000, complete: false });
    expect((await patch('pwisniewski', sha, bytes.subarray(100_000), 100_000, bytes.length)).body.complete).toBe(true);
  });

  it('whether the office holds a file is told only to those who may read it; another sender uploads it again and may then read it', async () => {
    const bytes = randomBytes(50_000);
    const sha = sha256Of(bytes);
    expect((await upload('akowalska', bytes)).complete).toBe(true);
    // No letter names it yet: only its sender knows it is there.
    expect(await state('akowalska', sha)).toEqual({ sha256: sha, size: 50_000, received: 50_000, complete: true });
    expect(await state('edabrowska', sha)).toEqual({ sha256: sha, size: 0, received: 0, complete: false });
    const head = await server.call('HEAD', `/blobs/${sha}`, { token: token('edabrowska') });
    expect([head.headers.get('upload-offset'), head.headers.get('upload-complete')]).toEqual(['0', '?0']);
    expect((await server.call<ApiRefusal>('GET', `/blobs/${sha}`, { token: token('edabrowska') })).body.code).toBe('BLOB_NOT_FOUND');
    // Sending the same bytes proves she has them: then she may read them back.
    expect((await upload('edabrowska', bytes)).complete).toBe(true);
    const mine = await serverFetch(new URL(`/blobs/${sha}`, server.url), { headers: { authorization: `Bearer ${token('edabrowska')}` } });
    expect(mine.status).toBe(200);
    expect(sha256Of(new Uint8Array(await mine.arrayBuffer()))).toBe(sha);
  });

  it('a large file is streamed both ways, in memory bounded by its pieces: what comes back is byte for byte what was sent', async () => {
    const roundTrip = async (bytes: Uint8Array) => {
      const sha = sha256Of(bytes);
      expect((await upload('tlukasik', bytes)).complete).toBe(true);
      const res = await serverFetch(new URL(`/blobs/${sha}`, server.url), { headers: { authorization: `Bearer ${token('tlukasik')}` } });
      expect(res.headers.get('content-length')).toBe(String(bytes.length));
      expect(sha256Of(new Uint8Array(await res.arrayBuffer()))).toBe(sha);
    };
    // A file of two pieces first: the peak it leaves is what moving one piece costs.
    await roundTrip(randomBytes(8 * MB));
    if (engine === 'pglite') {
      // PGlite keeps its database inside the server's process: only PostgreSQL shows the server's own memory.
      await roundTrip(randomBytes(24 * MB));
      return;
    }
    const before = peakMemory(server);
    await roundTrip(randomBytes(96 * MB));
    // Held whole, 96 MB would be in memory at least twice (the pieces, then joined); streamed,
    // the peak grows by the garbage of a few pieces, whatever the file's size.
    expect(peakMemory(server) - before).toBeLessThan(96 * MB);
  });

  it('a person’s uploads are capped per day (here 110 MB, counting what is announced): the next is refused in Polish, others are not affected', async () => {
    // Two 60 MB files announced (one piece of each sent): the second is over the day's cap.
    const first = await patch('mwojcik', sha256Of(randomBytes(32)), randomBytes(MB), 0, 60 * MB);
    expect([first.status, first.body.received]).toEqual([200, MB]);
    const refused = await patch('mwojcik', sha256Of(randomBytes(32)), randomBytes(MB), 0, 60 * MB);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('BLOB_QUOTA_EXCEEDED');
    expect(refused.body.message).toContain('110 MB');
    expect((await upload('pwisniewski', randomBytes(12 * MB))).complete).toBe(true);
  });

  it('an upload left unfinished for a day is removed when the server starts (and hourly)', async () => {
    const bytes = randomBytes(9000);
    const sha = sha256Of(bytes);
    await patch('akowalska', sha, bytes.subarray(0, 4000), 0, bytes.length);
    expect((await state('akowalska', sha)).received).toBe(4000);
    await server.stop({ keepDatabase: true });
    const opened = await openServerDb({ databaseUrl: server.database.env.DATABASE_URL, dataDir: server.database.env.KANCELARIA_SERVER_DATA });
    await opened.db.execute(sql`UPDATE blob_uploads SET touched_at = now() - interval '25 hours' WHERE sha256 = ${sha}`);
    await opened.close();
    const database = server.database;
    server = await startServer({ database, env: { KANCELARIA_SERVER_UPLOAD_QUOTA_MB: '110' } });
    const original = server.stop.bind(server);
    server.stop = async (o) => {
      const exit = await original(o);
      if (!o?.keepDatabase) await database.drop();
      return exit;
    };
    expect(server.stdout()).toMatch(/usunięto 1 niedokończonych przesłań/);
    tokens.set('akowalska', await server.login('akowalska'));
    expect(await state('akowalska', sha)).toEqual({ sha256: sha, size: 0, received: 0, complete: false });
  });
});

/** The server process's peak resident memory so far (VmHWM), in bytes. */
function peakMemory(server: ServerProcess): number {
  const status = readFileSync(`/proc/${String(server.proc.pid)}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}
