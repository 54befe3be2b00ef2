import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { SERVER_ENGINES, startServer, type ApiRefusal, type HttpResult, type ServerProcess, serverFetch } from '#tests/support/server';
import { pngImage } from '#tests/support/pdfs';
import type { BlobState, PullResponse, PushResponse } from '#sync/protocol/commands';

// The authorisation matrix of the central server (issue 5): every role and unit against every
// endpoint, through the raw HTTP API of the real server process, on each engine. Each row of a
// table is one endpoint (a push row is one command); each column one kind of caller. A cell is
// the HTTP status and code, or for a push the command's own outcome ("applied", or "rejected"
// with the rule's code). Every refusal met on the way must carry its Polish message.
//
// The demo office: OR (registry: akowalska, pwisniewski; admin gszymanski), GK (head
// kzielinska, clerk tlukasik) with its sub-unit GK-I (clerk mwojcik), FN (head jnowak, clerk
// edabrowska), SEK (admin mkaminski).

const CALLERS = ['anonymous', 'registry', 'clerkGK', 'clerkGKI', 'clerkFN', 'headGK', 'headFN', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
/** One row: what each caller gets. */
type Row = Record<Caller, string>;

const LOGINS: Record<Exclude<Caller, 'anonymous'>, string> = {
  registry: 'akowalska',
  clerkGK: 'tlukasik',
  clerkGKI: 'mwojcik',
  clerkFN: 'edabrowska',
  headGK: 'kzielinska',
  headFN: 'jnowak',
  admin: 'gszymanski',
};

/** Polish messages of the refusals the matrix meets (core/i18n/errors.pl.ts), by code. */
const MESSAGES: Record<string, string | RegExp> = {
  AUTH_TOKEN_MISSING: 'Nie jesteś zalogowany do serwera urzędu. Zaloguj się swoim loginem i hasłem.',
  FORBIDDEN: /^Brak uprawnień do tej czynności \(.+\)\.$/,
  CORRESPONDENCE_NOT_FOUND: 'Nie znaleziono tej przesyłki. Odśwież rejestr.',
  BLOB_NOT_FOUND: 'Serwer nie ma tego pliku albo nie masz do niego dostępu.',
  ASSIGN_NOT_HEAD:
    'Dekretować pismo może kierownik komórki, w której ono jest (albo komórki nadrzędnej), lub osoba, która go w tym dniu zastępuje. Jeśli pismo trafiło do złej komórki, kierownik może je przekazać albo zwrócić do kancelarii.',
};

/** A caller with its session and its own workstation (client id, next mutation id). */
type Session = { caller: string; login: string | null; token: string | undefined; userId: string; clientId: string; next: number };

type Refusal = { code: string; message: string };

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(SERVER_ENGINES)('who may do what on the central server (%s)', (engine) => {
  let server: ServerProcess;
  const sessions = new Map<string, Session>();
  const unitIds = new Map<string, string>();
  const userIds = new Map<string, string>();
  /** Every refusal seen, to check its message. */
  const refusals: (Refusal & { where: string })[] = [];
  let senderId = '';
  /** Fixture letters, one per unit, with a scan each. */
  const letters = new Map<string, { id: string; number: string; scan: string }>();
  let uploaderOnly = '';
  let started = 0;

  const session = (caller: string): Session => {
    const s = sessions.get(caller);
    if (!s) throw new Error(`no session ${caller}`);
    return s;
  };
  const unit = (symbol: string) => unitIds.get(symbol) ?? '';

  /** What a caller got: `200`, `404 BLOB_NOT_FOUND`… Refusals are kept to check their words. */
  function outcome(where: string, status: number, body: unknown): string {
    if (status < 300) return String(status);
    const r = body as Partial<ApiRefusal>;
    refusals.push({ where, code: r.code ?? '?', message: r.message ?? '' });
    return `${String(status)} ${r.code ?? '?'}`;
  }

  /** PATCH /blobs/:sha256 with raw bytes (server.call sends strings only). */
  async function patchBlob(s: Session, sha: string, bytes: Uint8Array, offset: number, size: number, mime = 'image/png') {
    const res = await serverFetch(new URL(`/blobs/${sha}`, server.url), {
      method: 'PATCH',
      headers: {
        ...(s.token ? { authorization: `Bearer ${s.token}` } : {}),
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        'upload-length': String(size),
        'x-blob-mime': mime,
      },
      body: Buffer.from(bytes),
    });
    return { status: res.status, body: (await res.json()) as BlobState & ApiRefusal };
  }

  async function uploadWhole(s: Session, bytes: Uint8Array): Promise<string> {
    const sha = sha256Of(bytes);
    const r = await patchBlob(s, sha, bytes, 0, bytes.length);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.complete).toBe(true);
    return sha;
  }

  /** One command pushed by `s` as its next mutation; the raw answer. */
  async function pushRaw(s: Session, name: string, args: unknown, id = s.next) {
    const r = await server.call<PushResponse & ApiRefusal>('POST', '/sync/push', {
      ...(s.token ? { token: s.token } : {}),
      body: { clientId: s.clientId, mutations: [{ id, name, args, eventIds: [], createdAt: new Date().toISOString() }] },
    });
    return r;
  }

  /** Pushes one command: `applied`, `rejected CODE`, or the HTTP refusal of the whole push. */
  async function push(s: Session, name: string, args: unknown): Promise<{ label: string; assigned: string | null; error: Refusal | null }> {
    const r = await pushRaw(s, name, args);
    if (r.status !== 200) return { label: outcome(`${s.caller} ${name}`, r.status, r.body), assigned: null, error: r.body };
    s.next++;
    const result = r.body.results[0];
    if (!result) throw new Error(`no result for ${name}`);
    if (result.status === 'rejected') {
      const error = result.error ?? { code: '?', message: '' };
      refusals.push({ where: `${s.caller} ${name}`, ...error });
      return { label: `rejected ${error.code}`, assigned: null, error };
    }
    return { label: result.status, assigned: result.assigned[0]?.number ?? null, error: null };
  }

  async function mustApply(s: Session, name: string, args: unknown): Promise<string | null> {
    const r = await push(s, name, args);
    if (r.label !== 'applied') throw new Error(`${s.caller} ${name}: ${r.label} ${r.error?.message ?? ''}`);
    return r.assigned;
  }

  const label = () => `RPW/tymcz./${randomBytes(2).toString('hex').toUpperCase()}`;
  const registerArgs = (unitSymbol: string, scans: { sha256: string; fileName: string }[] = []) => ({
    id: crypto.randomUUID(),
    provisionalLabel: label(),
    statusCode: randomBytes(4).toString('hex').toUpperCase(),
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    channel: 'paper',
    senderId,
    senderReference: null,
    letterDate: null,
    subject: `Pismo do ${unitSymbol} (${randomBytes(3).toString('hex')})`,
    attachmentsCount: 0,
    trackingNumber: null,
    remarks: null,
    unitId: unit(unitSymbol),
    scans,
    acknowledgeDuplicates: false,
  });

  /** A fresh letter the registry routed to `unitSymbol`, for a cell that changes it. */
  async function letterIn(unitSymbol: string): Promise<string> {
    const args = registerArgs(unitSymbol);
    await mustApply(session('registry'), 'registerIncoming', args);
    return args.id;
  }

  const assignArgs = (itemId: string, to: string) => ({
    itemId,
    assignmentIds: [crypto.randomUUID()],
    userIds: [userIds.get(to) ?? ''],
    instruction: 'do_zalatwienia',
    deadline: null,
    note: null,
    actingForId: null,
  });
  const openCaseArgs = (itemId: string | null) => ({
    id: crypto.randomUUID(),
    provisionalLabel: `GK/tymcz./${randomBytes(2).toString('hex').toUpperCase()}`,
    itemId,
    jrwaSymbol: '6730',
    title: 'Ustalenie warunków zabudowy',
    deadlineKind: 'kpa35-standard',
    startedOn: null,
    partyIds: [],
  });

  /** Runs one row for every caller, in order (cells that need a fresh letter get their own). */
  async function row(cell: (s: Session) => Promise<string>): Promise<Row> {
    const out = {} as Row;
    for (const caller of CALLERS) out[caller] = await cell(session(caller));
    return out;
  }
  const http = (method: string, path: string | (() => string), body?: unknown) => async (s: Session) => {
    const url = typeof path === 'string' ? path : path();
    const r = await server.call(method, url, { ...(s.token ? { token: s.token } : {}), ...(body !== undefined ? { body } : {}) });
    return outcome(`${s.caller} ${method} ${url}`, r.status, r.body);
  };

  beforeAll(async () => {
    started = Date.now();
    server = await startServer({ engine });
    sessions.set('anonymous', { caller: 'anonymous', login: null, token: undefined, userId: '', clientId: crypto.randomUUID(), next: 1 });
    const logins: [string, string][] = [...Object.entries(LOGINS), ['uploader', 'pwisniewski']];
    for (const [caller, login] of logins) {
      const t = await server.login(login);
      sessions.set(caller, { caller, login, token: t.accessToken, userId: t.user.id, clientId: crypto.randomUUID(), next: 1 });
    }
    const dir = await server.call<{ units: { id: string; symbol: string }[]; users: { id: string; login: string }[] }>('GET', '/directory', { token: session('registry').token });
    for (const u of dir.body.units) unitIds.set(u.symbol, u.id);
    for (const u of dir.body.users) userIds.set(u.login, u.id);

    // The registry's sender, and one letter per unit with a scan sent by the other registry
    // clerk (the uploader) before the registration names it.
    const registry = session('registry');
    senderId = crypto.randomUUID();
    await mustApply(registry, 'createParty', { id: senderId, party: { kind: 'person', firstName: 'Zofia', lastName: 'Żurawska', city: 'Przykładowo' } });
    for (const [i, symbol] of ['GK', 'GK-I', 'FN'].entries()) {
      const scan = await uploadWhole(session('uploader'), pngImage(100 + i));
      const args = registerArgs(symbol, [{ sha256: scan, fileName: `skan-${symbol}.png` }]);
      const number = await mustApply(registry, 'registerIncoming', args);
      letters.set(symbol, { id: args.id, number: number ?? '', scan });
    }
    // A file the FN clerk sent that no letter names (yet): only its sender may read it.
    uploaderOnly = await uploadWhole(session('clerkFN'), pngImage(200));
  }, 180_000);

  afterAll(async () => {
    await server.stop();
    console.info(`authorisation matrix on ${engine}: ${String(Date.now() - started)} ms`);
  });

  describe('push: each command, by role and unit', () => {
    it('createParty: anyone signed in adds a party', async () => {
      expect(
        await row(async (s) => (await push(s, 'createParty', { id: crypto.randomUUID(), party: { kind: 'company', name: `Firma ${s.caller}` } })).label),
      ).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: 'applied',
        clerkGK: 'applied',
        clerkGKI: 'applied',
        clerkFN: 'applied',
        headGK: 'applied',
        headFN: 'applied',
        admin: 'applied',
      } satisfies Row);
    });

    it('registerIncoming: the registry office and admins only', async () => {
      const result = await row(async (s) => (await push(s, 'registerIncoming', registerArgs('GK'))).label);
      expect(result).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: 'applied',
        clerkGK: 'rejected FORBIDDEN',
        clerkGKI: 'rejected FORBIDDEN',
        clerkFN: 'rejected FORBIDDEN',
        headGK: 'rejected FORBIDDEN',
        headFN: 'rejected FORBIDDEN',
        admin: 'applied',
      } satisfies Row);
      expect(refusals.filter((r) => r.where === 'clerkGK registerIncoming').map((r) => r.message)).toEqual(['Brak uprawnień do tej czynności (rejestracja przesyłki; wymagana rola: kancelaria lub administrator).']);
    });

    it('assignItem of a GK letter: the GK head; a FN head and the GK-I clerk do not even see it', async () => {
      const result = await row(async (s) => (await push(s, 'assignItem', assignArgs(await letterIn('GK'), 'tlukasik'))).label);
      expect(result).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: 'rejected FORBIDDEN',
        clerkGK: 'rejected ASSIGN_NOT_HEAD',
        clerkGKI: 'rejected CORRESPONDENCE_NOT_FOUND',
        clerkFN: 'rejected CORRESPONDENCE_NOT_FOUND',
        headGK: 'applied',
        headFN: 'rejected CORRESPONDENCE_NOT_FOUND',
        admin: 'rejected FORBIDDEN',
      } satisfies Row);
      expect(refusals.find((r) => r.where === 'registry assignItem')?.message).toBe('Brak uprawnień do tej czynności (dekretacja; wymagana rola: kierownik lub referent).');
    });

    it('assignItem of a GK-I letter: the GK head decrees inside the sub-unit; its clerk sees it but may not decree', async () => {
      const result = await row(async (s) => (await push(s, 'assignItem', assignArgs(await letterIn('GK-I'), 'mwojcik'))).label);
      expect(result).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: 'rejected FORBIDDEN',
        clerkGK: 'rejected ASSIGN_NOT_HEAD',
        clerkGKI: 'rejected ASSIGN_NOT_HEAD',
        clerkFN: 'rejected CORRESPONDENCE_NOT_FOUND',
        headGK: 'applied',
        headFN: 'rejected CORRESPONDENCE_NOT_FOUND',
        admin: 'rejected FORBIDDEN',
      } satisfies Row);
    });

    it('assignItem of a FN letter: the FN head only', async () => {
      const result = await row(async (s) => (await push(s, 'assignItem', assignArgs(await letterIn('FN'), 'edabrowska'))).label);
      expect(result).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: 'rejected FORBIDDEN',
        clerkGK: 'rejected CORRESPONDENCE_NOT_FOUND',
        clerkGKI: 'rejected CORRESPONDENCE_NOT_FOUND',
        clerkFN: 'rejected ASSIGN_NOT_HEAD',
        headGK: 'rejected CORRESPONDENCE_NOT_FOUND',
        headFN: 'applied',
        admin: 'rejected FORBIDDEN',
      } satisfies Row);
    });

    it('openCase from a GK letter: GK people; the GK-I clerk does not see the parent unit’s letter', async () => {
      const signs: Partial<Record<Caller, string | null>> = {};
      const result = await row(async (s) => {
        const r = await push(s, 'openCase', openCaseArgs(await letterIn('GK')));
        signs[s.caller as Caller] = r.assigned;
        return r.label;
      });
      expect(result).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: 'rejected FORBIDDEN',
        clerkGK: 'applied',
        clerkGKI: 'rejected CORRESPONDENCE_NOT_FOUND',
        clerkFN: 'rejected CORRESPONDENCE_NOT_FOUND',
        headGK: 'applied',
        headFN: 'rejected CORRESPONDENCE_NOT_FOUND',
        admin: 'rejected FORBIDDEN',
      } satisfies Row);
      const year = new Date().getFullYear();
      expect([signs.clerkGK, signs.headGK]).toEqual([`GK.6730.1.${String(year)}`, `GK.6730.2.${String(year)}`]);
      expect(refusals.find((r) => r.where === 'admin openCase')?.message).toBe('Brak uprawnień do tej czynności (założenie sprawy; wymagana rola: referent lub kierownik).');
    });

    it('openCase from a GK-I letter: the GK-I clerk and everyone in GK above it', async () => {
      const signs: Partial<Record<Caller, string | null>> = {};
      const result = await row(async (s) => {
        const r = await push(s, 'openCase', openCaseArgs(await letterIn('GK-I')));
        signs[s.caller as Caller] = r.assigned;
        return r.label;
      });
      expect(result).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: 'rejected FORBIDDEN',
        clerkGK: 'applied',
        clerkGKI: 'applied',
        clerkFN: 'rejected CORRESPONDENCE_NOT_FOUND',
        headGK: 'applied',
        headFN: 'rejected CORRESPONDENCE_NOT_FOUND',
        admin: 'rejected FORBIDDEN',
      } satisfies Row);
      // Each case goes to the spis of the opener's own unit.
      const year = String(new Date().getFullYear());
      expect(signs).toMatchObject({ clerkGK: `GK.6730.3.${year}`, clerkGKI: `GK-I.6730.1.${year}`, headGK: `GK.6730.4.${year}` });
    });
  });

  describe('push: a register correction beyond the four (cancelIncoming)', () => {
    it('cancelIncoming of a GK letter: the registry office and admins only, never the unit itself', async () => {
      const result = await row(async (s) => (await push(s, 'cancelIncoming', { id: await letterIn('GK'), reason: 'Pismo zarejestrowane omyłkowo' })).label);
      expect(result).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: 'applied',
        clerkGK: 'rejected FORBIDDEN',
        clerkGKI: 'rejected FORBIDDEN',
        clerkFN: 'rejected FORBIDDEN',
        headGK: 'rejected FORBIDDEN',
        headFN: 'rejected FORBIDDEN',
        admin: 'applied',
      } satisfies Row);
      expect(refusals.find((r) => r.where === 'headGK cancelIncoming')?.message).toBe('Brak uprawnień do tej czynności (zmiana wpisu w rejestrze; wymagana rola: kancelaria lub administrator).');
    });
  });

  describe('the other endpoints, by role and unit', () => {
    it('POST /sync/pull: anyone signed in (what each sees is checked below)', async () => {
      expect(await row((s) => http('POST', '/sync/pull', { clientId: s.clientId, cursor: null })(s))).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: '200',
        clerkGK: '200',
        clerkGKI: '200',
        clerkFN: '200',
        headGK: '200',
        headFN: '200',
        admin: '200',
      } satisfies Row);
    });

    it('GET /blobs/:sha/state: anyone signed in (the state of their own upload, or of a file they may read)', async () => {
      expect(await row(http('GET', () => `/blobs/${letters.get('GK')?.scan ?? ''}/state`))).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: '200',
        clerkGK: '200',
        clerkGKI: '200',
        clerkFN: '200',
        headGK: '200',
        headFN: '200',
        admin: '200',
      } satisfies Row);
    });

    it('GET /blobs/:sha/state of a GK letter’s scan says "complete" only to those who may read it', async () => {
      const gk = letters.get('GK')?.scan ?? '';
      const complete: Record<string, boolean> = {};
      for (const caller of ['registry', 'clerkGK', 'clerkGKI', 'clerkFN', 'headGK', 'headFN', 'admin']) {
        complete[caller] = (await server.call<BlobState>('GET', `/blobs/${gk}/state`, { token: session(caller).token ?? '' })).body.complete;
      }
      expect(complete).toEqual({ registry: true, clerkGK: true, clerkGKI: false, clerkFN: false, headGK: true, headFN: false, admin: true });
    });

    it('PATCH /blobs/:sha: anyone signed in uploads a file', async () => {
      const result = await row(async (s) => {
        const bytes = randomBytes(2048);
        const r = await patchBlob(s, sha256Of(bytes), bytes, 0, bytes.length);
        return outcome(`${s.caller} PATCH /blobs`, r.status, r.body);
      });
      expect(result).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: '200',
        clerkGK: '200',
        clerkGKI: '200',
        clerkFN: '200',
        headGK: '200',
        headFN: '200',
        admin: '200',
      } satisfies Row);
    });

    it('GET /blobs/:sha of a GK letter’s scan: the registry, GK, admins and its uploader; not FN, not the GK-I clerk', async () => {
      const gk = letters.get('GK')?.scan ?? '';
      const result = await row(http('GET', `/blobs/${gk}`));
      expect(result).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: '200',
        clerkGK: '200',
        clerkGKI: '404 BLOB_NOT_FOUND',
        clerkFN: '404 BLOB_NOT_FOUND',
        headGK: '200',
        headFN: '404 BLOB_NOT_FOUND',
        admin: '200',
      } satisfies Row);
      // Its uploader (the other registry clerk) and the SEK admin too; and the bytes are the scan's.
      const uploader = await serverFetch(new URL(`/blobs/${gk}`, server.url), { headers: { authorization: `Bearer ${session('uploader').token ?? ''}` } });
      expect(uploader.status).toBe(200);
      expect(uploader.headers.get('content-type')).toBe('image/png');
      expect(sha256Of(new Uint8Array(await uploader.arrayBuffer()))).toBe(gk);
      const sek = await server.login('mkaminski');
      expect((await server.call('GET', `/blobs/${gk}`, { token: sek.accessToken })).status).toBe(200);
    });

    it('GET /blobs/:sha of a GK-I letter’s scan: GK sees its sub-unit’s; FN does not', async () => {
      expect(await row(http('GET', () => `/blobs/${letters.get('GK-I')?.scan ?? ''}`))).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: '200',
        clerkGK: '200',
        clerkGKI: '200',
        clerkFN: '404 BLOB_NOT_FOUND',
        headGK: '200',
        headFN: '404 BLOB_NOT_FOUND',
        admin: '200',
      } satisfies Row);
    });

    it('GET /blobs/:sha of a FN letter’s scan: FN, the registry and admins', async () => {
      expect(await row(http('GET', () => `/blobs/${letters.get('FN')?.scan ?? ''}`))).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: '200',
        clerkGK: '404 BLOB_NOT_FOUND',
        clerkGKI: '404 BLOB_NOT_FOUND',
        clerkFN: '200',
        headGK: '404 BLOB_NOT_FOUND',
        headFN: '200',
        admin: '200',
      } satisfies Row);
    });

    it('GET /blobs/:sha of a file no letter names: its uploader only, not even the registry or an admin', async () => {
      expect(await row(http('GET', () => `/blobs/${uploaderOnly}`))).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: '404 BLOB_NOT_FOUND',
        clerkGK: '404 BLOB_NOT_FOUND',
        clerkGKI: '404 BLOB_NOT_FOUND',
        clerkFN: '200',
        headGK: '404 BLOB_NOT_FOUND',
        headFN: '404 BLOB_NOT_FOUND',
        admin: '404 BLOB_NOT_FOUND',
      } satisfies Row);
    });

    it('GET /directory, GET /me and GET /openapi.json: anyone signed in', async () => {
      const everyone = { anonymous: '401 AUTH_TOKEN_MISSING', registry: '200', clerkGK: '200', clerkGKI: '200', clerkFN: '200', headGK: '200', headFN: '200', admin: '200' } satisfies Row;
      expect(await row(http('GET', '/directory'))).toEqual(everyone);
      expect(await row(http('GET', '/me'))).toEqual(everyone);
      expect(await row(http('GET', '/openapi.json'))).toEqual(everyone);
    });

    it('GET /admin/users: admins only', async () => {
      expect(await row(http('GET', '/admin/users'))).toEqual({
        anonymous: '401 AUTH_TOKEN_MISSING',
        registry: '403 FORBIDDEN',
        clerkGK: '403 FORBIDDEN',
        clerkGKI: '403 FORBIDDEN',
        clerkFN: '403 FORBIDDEN',
        headGK: '403 FORBIDDEN',
        headFN: '403 FORBIDDEN',
        admin: '200',
      } satisfies Row);
      expect(refusals.find((r) => r.where === 'headGK GET /admin/users')?.message).toBe(
        'Brak uprawnień do tej czynności (Wszystkie konta użytkowników ze stanem blokady — dostępne dla ról: administrator).',
      );
    });

    it('every refusal met above carried its Polish message', () => {
      expect(refusals.length).toBeGreaterThan(50);
      const unexpected = refusals.filter((r) => {
        const want = MESSAGES[r.code];
        return want === undefined || (typeof want === 'string' ? r.message !== want : !want.test(r.message));
      });
      expect(unexpected).toEqual([]);
    });
  });

  describe('what a pull brings each unit', () => {
    type Seen = { letters: Set<string>; letterUnits: Set<string>; caseUnits: Set<string>; eventEntities: Set<string>; scans: Set<string> };
    async function pullAll(caller: string): Promise<Seen & { cases: PullResponse['cases'] }> {
      const s = session(caller);
      const seen: Seen & { cases: PullResponse['cases'] } = { letters: new Set(), letterUnits: new Set(), caseUnits: new Set(), eventEntities: new Set(), scans: new Set(), cases: [] };
      let cursor: number | null = null;
      // Small windows, so the scope holds in every window, not only in one big answer.
      for (let i = 0; i < 200; i++) {
        const r: HttpResult<PullResponse> = await server.call<PullResponse>('POST', '/sync/pull', { token: s.token, body: { clientId: s.clientId, cursor, limit: 10 } });
        expect(r.status).toBe(200);
        for (const l of r.body.letters) {
          seen.letters.add(l.id);
          seen.letterUnits.add(l.unitId);
          for (const sc of l.scans) seen.scans.add(sc.sha256);
        }
        for (const c of r.body.cases) {
          seen.caseUnits.add(c.unitId);
          seen.cases.push(c);
        }
        // The metryka of letters and cases (entries about parties and people follow their author's unit).
        for (const e of r.body.events) if (e.entityType === 'correspondence' || e.entityType === 'case') seen.eventEntities.add(e.entityId);
        cursor = r.body.cursor;
        if (!r.body.hasMore) return seen;
      }
      throw new Error('pull did not finish');
    }
    const symbols = (ids: Set<string>) => [...ids].map((id) => [...unitIds].find(([, v]) => v === id)?.[0] ?? id).sort();

    it('a FN clerk’s pull holds no GK letters, cases or events', async () => {
      const fn = await pullAll('clerkFN');
      expect(symbols(fn.letterUnits)).toEqual(['FN']);
      expect(fn.caseUnits.size).toBe(0);
      const gkLetter = letters.get('GK');
      expect(fn.letters.has(gkLetter?.id ?? '')).toBe(false);
      expect(fn.scans).toEqual(new Set([letters.get('FN')?.scan]));
      // Every event it holds is about a FN letter.
      for (const entity of fn.eventEntities) expect(fn.letters.has(entity), `event about ${entity}`).toBe(true);
      expect(fn.eventEntities.size).toBeGreaterThan(0);
    });

    it('a GK head’s pull holds GK-I’s letters and cases too; the GK-I clerk’s holds GK-I only', async () => {
      const head = await pullAll('headGK');
      expect(symbols(head.letterUnits)).toEqual(['GK', 'GK-I']);
      expect(symbols(head.caseUnits)).toEqual(['GK', 'GK-I']);
      expect(head.letters.has(letters.get('GK-I')?.id ?? '')).toBe(true);
      const caseIds = new Set(head.cases.map((c) => c.id));
      for (const entity of head.eventEntities) expect(head.letters.has(entity) || caseIds.has(entity), `event about ${entity}`).toBe(true);

      const sub = await pullAll('clerkGKI');
      expect(symbols(sub.letterUnits)).toEqual(['GK-I']);
      expect(symbols(sub.caseUnits)).toEqual(['GK-I']);
      expect(sub.letters.has(letters.get('GK')?.id ?? '')).toBe(false);
      expect(sub.cases.map((c) => c.sign)).toEqual([`GK-I.6730.1.${String(new Date().getFullYear())}`]);
    });

    it('the registry and admins pull every unit’s letters', async () => {
      for (const caller of ['registry', 'admin']) expect(symbols((await pullAll(caller)).letterUnits)).toEqual(['FN', 'GK', 'GK-I']);
    });
  });

  describe('uploads and commands that do not add up', () => {
    it('refuses a file whose bytes do not hash to its name, and drops the upload (sent again from the start)', async () => {
      const s = session('registry');
      const bytes = randomBytes(4096);
      const claimed = sha256Of(randomBytes(16));
      const first = await patchBlob(s, claimed, bytes.subarray(0, 1000), 0, bytes.length);
      expect([first.status, first.body.received, first.body.complete]).toEqual([200, 1000, false]);
      const last = await patchBlob(s, claimed, bytes.subarray(1000), 1000, bytes.length);
      expect(last.status).toBe(422);
      expect(last.body).toEqual({ code: 'BLOB_HASH_MISMATCH', message: 'Przesłany plik jest uszkodzony (suma kontrolna się nie zgadza). Stanowisko wyśle go jeszcze raz.' });
      const state = await server.call<BlobState>('GET', `/blobs/${claimed}/state`, { token: s.token });
      expect(state.body).toEqual({ sha256: claimed, size: 0, received: 0, complete: false });
      // Not readable, not even by whoever sent it.
      expect((await server.call<ApiRefusal>('GET', `/blobs/${claimed}`, { token: s.token })).body.code).toBe('BLOB_NOT_FOUND');
    });

    it('resumes an upload only from where the server stopped: 409 with the expected offset', async () => {
      const s = session('registry');
      const bytes = randomBytes(3000);
      const sha = sha256Of(bytes);
      expect((await patchBlob(s, sha, bytes.subarray(0, 1200), 0, bytes.length)).body.received).toBe(1200);
      const wrong = await patchBlob(s, sha, bytes.subarray(1500), 1500, bytes.length);
      expect(wrong.status).toBe(409);
      expect(wrong.body).toEqual({ code: 'BLOB_OFFSET_MISMATCH', message: 'Serwer ma już 1200 bajtów tego pliku; wysyłanie wznowi się od tego miejsca.' });
      const state = await server.call<BlobState>('GET', `/blobs/${sha}/state`, { token: s.token });
      expect(state.body.received).toBe(1200);
      const rest = await patchBlob(s, sha, bytes.subarray(1200), 1200, bytes.length);
      expect([rest.status, rest.body.complete]).toEqual([200, true]);
    });

    it('refuses to register a letter naming a file the server has not got whole (SCAN_NOT_STAGED)', async () => {
      const s = session('registry');
      const bytes = randomBytes(5000);
      const sha = sha256Of(bytes);
      await patchBlob(s, sha, bytes.subarray(0, 2500), 0, bytes.length);
      const partial = await push(s, 'registerIncoming', registerArgs('GK', [{ sha256: sha, fileName: 'polowa.pdf' }]));
      expect(partial.label).toBe('rejected SCAN_NOT_STAGED');
      expect(partial.error?.message).toBe('Skan „polowa.pdf” nie został wczytany. Dodaj plik ponownie.');
      const never = await push(s, 'registerIncoming', registerArgs('GK', [{ sha256: sha256Of(randomBytes(8)), fileName: 'brak.pdf' }]));
      expect(never.label).toBe('rejected SCAN_NOT_STAGED');
      // Once whole, the same letter goes through.
      await patchBlob(s, sha, bytes.subarray(2500), 2500, bytes.length);
      expect((await push(s, 'registerIncoming', registerArgs('GK', [{ sha256: sha, fileName: 'polowa.pdf' }]))).label).toBe('applied');
    });

    it('takes mutation ids in order per workstation: a gap is refused, a repeat is a duplicate', async () => {
      const s = session('clerkGK');
      const args = { id: crypto.randomUUID(), party: { kind: 'company', name: 'Firma z luki' } };
      const gap = await pushRaw(s, 'createParty', args, s.next + 1);
      expect(gap.status).toBe(409);
      expect(gap.body).toEqual({ code: 'SYNC_MUTATION_GAP', message: `Serwer oczekiwał czynności nr ${String(s.next)}, a otrzymał nr ${String(s.next + 1)}. Stanowisko wyśle brakujące czynności ponownie.` });
      const ok = await pushRaw(s, 'createParty', args);
      expect(ok.body.results[0]?.status).toBe('applied');
      const again = await pushRaw(s, 'createParty', args);
      expect(again.body.results[0]?.status).toBe('duplicate');
      s.next++;
    });
  });
});
