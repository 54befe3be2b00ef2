import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync } from 'node:fs';
import { contract } from '#core/contract';
import { describeInput, fuzzCases, samples } from '#tests/support/fuzz';
import { contractMethods, fuzzOffice } from '#tests/support/fuzzOffice';
import { call, createSender, letterInput, signIn, unitId } from '#tests/support/profile';

// Issue 12 item 9: every method of the contract (the list the transports serve, not a copy),
// through the real dispatch on a real demo profile at work, fed inputs made from its own zod
// schema — valid as far as types and limits go, at and past the limits, valid with one place
// spoilt, plainly malformed (wrong types, huge strings, deep nesting, `__proto__` keys, "NaN",
// lone surrogates, Dates and BigInts as IPC's structured clone carries them). Whatever comes in,
// the answer is a success or a refusal in Polish from the catalogue — never INTERNAL, which is
// what any other exception becomes — and a refused call leaves the database and the blob store
// exactly as they were (tests/support/fuzzOffice.ts says what is judged and what is pinned
// inside the profile). Fixed seed: a failure names its method, input and seed.
//
// FUZZ_SEED and FUZZ_RUNS change the seed and the number of inputs; bench/fuzz.ts runs the same
// for much longer. FUZZ_TRACE=<file> logs every call with its time.

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_512);
/** Inputs per method; file methods (PDF rendering) get fewer. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const FILE_RUNS = Math.max(3, Math.floor(RUNS / 3));
const TRACE = process.env.FUZZ_TRACE;

let office: Awaited<ReturnType<typeof fuzzOffice>> | undefined;
const totals = { calls: 0, ok: 0 };

const here = () => {
  if (!office) throw new Error('the office did not open');
  return office;
};

beforeAll(async () => {
  office = await fuzzOffice(TRACE === undefined ? {} : { trace: TRACE });
});

afterAll(() => office?.close());

describe('every contract method fed random and malformed input (fixed seed)', () => {
  it('has every method to try and ids to reuse', () => {
    expect(contractMethods).toEqual(Object.keys(contract));
    expect(contractMethods.length).toBeGreaterThan(90);
    expect(here().pools.uuid.length).toBeGreaterThan(20);
    expect(here().pools.sha256.length).toBeGreaterThan(1);
  });

  it('the "left behind" check sees a write: a row added, or a row changed with no count moving', async () => {
    const { ctx, snapshot, changes } = here();
    await signIn(ctx, 'akowalska');
    const before = snapshot();
    const party = await createSender(ctx, 'Sprawdzająca');
    expect(changes(before, snapshot()).join('; ')).toMatch(/parties: \d+ → \d+/);
    const letter = await call(ctx, 'intake.register', letterInput(party.id, await unitId(ctx, 'GK'), { subject: 'Do poprawy' }));
    const beforeCorrection = snapshot();
    await call(ctx, 'intake.correct', { id: letter.id, expectedRevision: letter.revision, changes: { subject: 'Poprawione' }, reason: 'literówka' });
    expect(changes(beforeCorrection, snapshot())).not.toEqual([]);
  });

  it.each(contractMethods)('%s: a success or a Polish refusal from the catalogue, and a refusal leaves nothing behind', async (method) => {
    const seed = SEED + contractMethods.indexOf(method) * 7_919;
    const r = await here().runMethod(method, seed, contract[method].kind === 'file' ? FILE_RUNS : RUNS);
    if (TRACE !== undefined) appendFileSync(TRACE, `= ${method}: ${String(r.ok)} ok, refused ${[...r.codes].map(([c, n]) => `${c}×${String(n)}`).join(' ')}\n`);
    totals.calls += r.calls;
    totals.ok += r.ok;
    expect(r.failures, `seed ${String(seed)}:\n${r.failures.join('\n')}`).toEqual([]);
  });

  it('the office still works afterwards, and the oracle was not vacuous', async () => {
    const { ctx } = here();
    await signIn(ctx, 'akowalska');
    const sender = await createSender(ctx, 'Pofuzzowa');
    const r = await call(ctx, 'intake.register', letterInput(sender.id, await unitId(ctx, 'GK'), { subject: 'Po fuzzingu' }));
    expect(r.subject).toBe('Po fuzzingu');
    // Much was refused (and judged), and much got through to the handlers and succeeded.
    expect(totals.ok).toBeGreaterThan(totals.calls / 10);
    expect(totals.ok).toBeLessThan(totals.calls * 0.75);
    // The same seed gives the same inputs.
    const again = () => describeInput(samples(fuzzCases(contract['intake.register'].input), SEED, 3));
    expect(again()).toBe(again());
  });
});
