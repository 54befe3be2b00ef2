import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '#core/contract';
import { describeInput, fuzzCases, jsonBody, mutateBytes, refusalProblem, samples } from '#tests/support/fuzz';
import { onePagePdf } from '#tests/support/pdfs';
import { startBrowserBackend, type BackendProcess } from '#tests/support/processes';
import { removeDir, tempDir } from '#tests/support/profile';

// Issue 12 item 9, browser mode: the bridge's HTTP routes (/api/:method, /api/upload, /launch)
// of the real backend process, fed what no page of ours sends — every contract method with
// inputs from its schema and spoilt, broken JSON, content types that lie, bodies past the limit,
// junk in the upload's query. The answer is never a 5xx and never a hang; a refusal is the
// bridge's `{ ok: false, error: { code, message } }` in Polish from the catalogue; the backend
// keeps serving and logs no failure. (The methods themselves are fuzzed in depth through
// dispatch in fuzzContract.test.ts; here it is the transport around them.)

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_512);
/** Inputs per method over HTTP (fuzzContract.test.ts gives each many more in-process). */
const RUNS = Number(process.env.FUZZ_BRIDGE_RUNS ?? 3);
const REQUEST_MS = 15_000;
/** The bridge's body limit (backend/bridge.ts). */
const BODY_LIMIT = 25 * 1024 * 1024;

let dir = '';
let backend: BackendProcess | undefined;
const here = () => {
  if (!backend) throw new Error('the backend did not start');
  return backend;
};

beforeAll(async () => {
  dir = tempDir('fuzz-most');
  backend = await startBrowserBackend(dir);
  // Signed in as the administrator, as the page would be after choosing a user.
  const users = await backend.api('session.demoUsers', {});
  const admin = (users.body.value as { id: string; login: string }[]).find((u) => u.login === 'gszymanski');
  await backend.api('session.signIn', { userId: admin?.id });
});

afterAll(async () => {
  await backend?.stop();
  removeDir(dir);
});

type Sent = { path: string; headers: Record<string, string>; body: string | Uint8Array; what: string };

/** Posts and judges the answer; returns what is wrong with it, or null. */
async function judged(s: Sent, input: unknown): Promise<string | null> {
  const b = here();
  let res: Response;
  try {
    res = await fetch(new URL(s.path, b.url), { method: 'POST', headers: { authorization: `Bearer ${b.token}`, ...s.headers }, body: typeof s.body === 'string' ? s.body : new Uint8Array(s.body), signal: AbortSignal.timeout(REQUEST_MS) });
  } catch (e) {
    // A body past the limit may be cut off before it is all sent: the server refused it, the
    // client sees a closed connection (the bridge's upload route reads the rest instead).
    // Schema-made inputs can be that large too (a 30,000,000-letter text).
    const size = typeof s.body === 'string' ? Buffer.byteLength(s.body) : s.body.byteLength;
    if (s.what === 'past the body limit' || size > BODY_LIMIT) return null;
    return `no answer: ${e instanceof Error ? e.message : String(e)}`;
  }
  const text = await res.text();
  if (res.status >= 500) return `${String(res.status)} ${text.slice(0, 300)}`;
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json')) return res.ok ? null : `${String(res.status)} ${type}: ${text.slice(0, 200)}`;
  let body: { ok?: unknown; error?: { code?: unknown; message?: unknown; fields?: unknown } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `${String(res.status)} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  if (body.ok === true) return null;
  if (body.ok !== false || body.error === undefined) return `${String(res.status)} not the bridge's answer: ${text.slice(0, 300)}`;
  return refusalProblem(body.error, input);
}

const methods = Object.keys(contract) as MethodName[];

describe('the browser-mode bridge fed random and malformed requests (fixed seed)', () => {
  it('every method over /api/:method: inputs from its schema, spoilt or not, and broken JSON', async () => {
    const failures: string[] = [];
    for (const [index, method] of methods.entries()) {
      if (contract[method].kind === 'upload') continue;
      const cases = samples(fuzzCases(contract[method].input), SEED + index, RUNS);
      for (const [i, c] of cases.entries()) {
        const body = c.input === undefined ? '' : jsonBody(c.input);
        const problem = await judged({ path: `api/${method}`, headers: { 'content-type': 'application/json' }, body, what: '' }, c.input);
        if (problem) failures.push(`${method} #${String(i)} ${describeInput(c.input)}: ${problem}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('broken JSON, content types that lie, a body past the limit, methods that do not exist', async () => {
    const failures: string[] = [];
    const sends: Sent[] = [
      ...['{', '{"q":', 'nul', '[1,]', '\uFEFF{}', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, '{"__proto__":{"isAdmin":true}}', ''].map((body) => ({ path: 'api/parties.search', headers: { 'content-type': 'application/json' }, body, what: `JSON ${body.slice(0, 20)}` })),
      ...['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream'].map((type) => ({ path: 'api/parties.search', headers: { 'content-type': type }, body: '{"q":"a"}', what: `content-type ${type}` })),
      { path: 'api/admin.jrwaImport', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileName: 'x.json', text: 'x'.repeat(26 * 1024 * 1024), dryRun: true }), what: 'past the body limit' },
      ...['nie.ma', '__proto__', 'constructor', 'toString', '%zz', 'a'.repeat(5_000)].map((m) => ({ path: `api/${m}`, headers: { 'content-type': 'application/json' }, body: '{}', what: `method ${m.slice(0, 20)}` })),
    ];
    for (const s of sends) {
      const problem = await judged(s, s.body);
      if (problem) failures.push(`${s.path.slice(0, 60)} (${s.what}): ${problem}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('uploads with junk in the query and damaged files: refused in Polish, nothing kept', async () => {
    const failures: string[] = [];
    const pdf = await onePagePdf('Skan przez most');
    const queries = ['', '?fileName=', '?fileName=skan.pdf&method=intake.register', '?fileName=skan.pdf&method=__proto__', '?fileName=%zz', `?fileName=${'a'.repeat(300)}.pdf`, '?fileName=skan.pdf&fileName=b.pdf', '?fileName=../../x.pdf&method=cases.stageDocument'];
    for (const [i, q] of queries.entries()) {
      const bytes = i % 2 === 0 ? mutateBytes(pdf, SEED + i).bytes : pdf;
      const problem = await judged({ path: `api/upload${q}`, headers: { 'content-type': 'application/octet-stream' }, body: bytes, what: q }, q);
      if (problem) failures.push(`upload${q.slice(0, 60)}: ${problem}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('afterwards the backend still serves, and logged no failure', async () => {
    const b = here();
    const r = await b.api('session.current', {});
    expect(r.status).toBe(200);
    expect(b.proc.exitCode).toBeNull();
    // The backend logs its day on stderr (signed in, …); a method that failed logs "<method> failed:" and a stack.
    expect(b.stderr()).not.toMatch(/ failed: |Error|^\s+at /m);
  });
});
