import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingDetail, Party, User } from '#core/contract';
import { warsawYear } from '#core/time';
import { removeDir, tempDir } from '#tests/support/profile';
import { startBrowserBackend, type BackendProcess } from '#tests/support/processes';

// Browser mode as the launcher and the end-to-end tests use it: the real backend process on
// loopback, spoken to over HTTP with its token, and stopped with SIGTERM.

const YEAR = warsawYear(new Date());
let dir: string;
let backend: BackendProcess;

beforeAll(async () => {
  dir = tempDir('most');
  backend = await startBrowserBackend(dir);
});

afterAll(async () => {
  await backend.stop();
  removeDir(dir);
});

/** A raw request with full control of the headers (fetch will not let us set Host). */
function rawPost(path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: backend.port, path, method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

it('the launcher opens the browser with a one-time code, never the token: exchanged once, then refused', async () => {
  const exchange = () => fetch(new URL('launch', backend.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: backend.launchCode }) });
  expect(backend.launchCode).not.toBe(backend.token);
  const first = await exchange();
  expect(await first.json()).toEqual({ ok: true, value: { token: backend.token } });
  const again = await exchange();
  expect(again.status).toBe(403);
  expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/był już użyty albo wygasł/);
  const guessed = await fetch(new URL('launch', backend.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: 'x'.repeat(32) }) });
  expect(guessed.status).toBe(403);
});

async function postFile(method: string, input: unknown): Promise<{ status: number; type: string; bytes: Buffer }> {
  const res = await fetch(new URL(`api/${method}`, backend.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${backend.token}` },
    body: JSON.stringify(input),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('browser-mode bridge', () => {
  let letter: IncomingDetail;

  it('announces itself on loopback with a random token', () => {
    expect(backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(backend.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a call without the token, or with a wrong one, with 401 and a Polish message', async () => {
    const none = await rawPost('/api/session.demoUsers', { Host: `127.0.0.1:${backend.port}` }, '{}');
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body) as unknown).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN', message: expect.stringContaining('Sesja przeglądarki wygasła') as unknown } });
    const last = backend.token.at(-1) === 'A' ? 'B' : 'A';
    const wrong = await rawPost('/api/session.demoUsers', { Host: `127.0.0.1:${backend.port}`, Authorization: `Bearer ${backend.token.slice(0, -1)}${last}` }, '{}');
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) with 421, even with the token', async () => {
    const evil = await rawPost('/api/session.demoUsers', { Host: `evil.example:${backend.port}`, Authorization: `Bearer ${backend.token}` }, '{}');
    expect(evil.status).toBe(421);
    const otherPort = await rawPost('/api/session.demoUsers', { Host: `127.0.0.1:${backend.port + 1}`, Authorization: `Bearer ${backend.token}` }, '{}');
    expect(otherPort.status).toBe(421);
    const localhost = await rawPost('/api/session.demoUsers', { Host: `localhost:${backend.port}`, Authorization: `Bearer ${backend.token}` }, '{}');
    expect(localhost.status).toBe(200);
  });

  it('serves session.demoUsers and signs in', async () => {
    const users = await backend.api('session.demoUsers', {});
    expect(users.status).toBe(200);
    const list = users.body.value as User[];
    expect(list.map((u) => u.login).sort()).toEqual(['akowalska', 'blewandowska', 'edabrowska', 'gszymanski', 'jnowak', 'kzielinska', 'mkaminski', 'mwojcik', 'pwisniewski', 'tlukasik']);
    const registry = list.find((u) => u.login === 'akowalska');
    const signed = await backend.api('session.signIn', { userId: registry?.id });
    expect(signed.body).toMatchObject({ ok: true, value: { login: 'akowalska', role: 'registry', fullName: 'Anna Kowalska' } });
    const current = await backend.api('session.current', {});
    expect(current.body.value).toMatchObject({ user: { login: 'akowalska' }, mode: 'browser', office: { name: 'Urząd Gminy Przykładowa' } });
  });

  it('answers bad input and unknown methods with stable codes', async () => {
    const bad = await backend.api('parties.create', { kind: 'person', lastName: 'Nowak', pesel: '12345678901' });
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(bad.body.error?.message).toContain('PESEL');
    const unknown = await backend.api('intake.delete', {});
    expect(unknown.body).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Nieznana operacja: intake.delete.' } });
    const upload = await backend.api('scans.upload', { fileName: 'a.pdf' });
    expect(upload.status).toBe(400);
    // The upload route takes only methods that take a file: it is no way around /api/<method>'s checks.
    const smuggled = await fetch(new URL('api/upload?method=parties.create&fileName=a.pdf', backend.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${backend.token}` },
      body: '%PDF-1.4',
    });
    expect(smuggled.status).toBe(400);
    expect(((await smuggled.json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_METHOD');
  });

  it('registers a letter and finds it in the register', async () => {
    const party = (await backend.api('parties.create', { kind: 'person', firstName: 'Małgorzata', lastName: 'Żółkiewska', street: 'ul. Źródlana 7', postalCode: '90-001', city: 'Łódź' })).body.value as Party;
    const units = (await backend.api('office.units', {})).body.value as { id: string; symbol: string }[];
    const gk = units.find((u) => u.symbol === 'GK');
    const registered = await backend.api('intake.register', {
      channel: 'paper',
      receivedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      senderId: party.id,
      senderReference: 'ŁZ/7/2026',
      letterDate: null,
      subject: 'Wniosek o wycięcie drzewa — ul. Źródlana 7',
      attachmentsCount: 2,
      trackingNumber: null,
      remarks: null,
      unitId: gk?.id,
      scans: [],
    });
    expect(registered.body.ok).toBe(true);
    letter = registered.body.value as IncomingDetail;
    expect(letter.label).toBe(`RPW/1/${YEAR}`);

    const list = await backend.api('register.list', { filter: { text: 'zolkiewska' }, sort: {}, offset: 0, limit: 50 });
    expect(list.body.value).toMatchObject({ total: 1, rows: [{ id: letter.id, label: `RPW/1/${YEAR}`, senderName: 'Małgorzata Żółkiewska', unitSymbol: 'GK' }] });
    const miss = await backend.api('register.list', { filter: { text: 'kowalczyk' }, sort: {}, offset: 0, limit: 50 });
    expect(miss.body.value).toMatchObject({ total: 0, rows: [] });
  });

  it('returns the receipt as a PDF with the number and Polish letters intact (pdftotext)', async () => {
    const receipt = await postFile('documents.receipt', { id: letter.id });
    expect(receipt.status).toBe(200);
    expect(receipt.type).toBe('application/pdf');
    expect(receipt.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(dir, 'potwierdzenie.pdf');
    writeFileSync(file, receipt.bytes);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`RPW/1/${YEAR}`);
    expect(text.stdout).toContain('Małgorzata Żółkiewska');
    expect(text.stdout).toContain('Urząd Gminy Przykładowa');
    expect(text.stdout).toContain('Źródlana');
  });

  it('exports the register as CSV for Polish Excel: BOM, semicolons, CRLF', async () => {
    const csv = await postFile('register.csv', { filter: {}, sort: { by: 'number', dir: 'asc' } });
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Nr;Data wpływu;Nadawca;Adres nadawcy;Znak pisma nadawcy;Data pisma;Dotyczy;Kanał;Liczba załączników;Przydzielono;Nr nadania;Uwagi;Status');
    const row = lines[1]?.split(';') ?? [];
    expect(row[0]).toBe(`RPW/1/${YEAR}`);
    expect(row[2]).toBe('Małgorzata Żółkiewska');
    expect(row[4]).toBe('ŁZ/7/2026');
    expect(row[6]).toBe('Wniosek o wycięcie drzewa — ul. Źródlana 7');
    expect(row[8]).toBe('2');
    expect(row[9]).toBe('GK');
    expect(row.at(-1)).toBe('zarejestrowana');
    expect(lines.length).toBe(3); // header, one row, and the empty string after the final CRLF
  });

  it('stops cleanly on SIGTERM and closes its port', async () => {
    const exit = await backend.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    // The store was closed, not abandoned: closing the last connection checkpoints and removes the WAL.
    expect(existsSync(join(dir, 'kancelaria.sqlite-wal'))).toBe(false);
    expect(existsSync(join(dir, 'kancelaria.sqlite'))).toBe(true);
    await expect(fetch(new URL('api/session.demoUsers', backend.url), { method: 'POST', headers: { Authorization: `Bearer ${backend.token}` }, body: '{}' })).rejects.toThrow();
  });
});
