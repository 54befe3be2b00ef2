import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '#core/contract';
import { fail, fieldProblems, isDomainError } from '#core/errors';
import { describeInput, fuzzCases, mutateBytes, refusalProblem, samples, schemaArbitrary } from '#tests/support/fuzz';

// The fuzz tests are only as good as what they call a failure. These are the judge's own
// cases: what it must accept (our refusals, as the services make them) and what it must not
// (zod's English, INTERNAL, a code from nowhere, a message not the catalogue's, a stack).

describe('what the fuzzers count as a refusal in Polish (tests/support/fuzz.ts)', () => {
  it('accepts the catalogue: a plain refusal, one with parameters, the form-wide one with every field, a validation refusal', () => {
    const plain = fail('CORRESPONDENCE_NOT_FOUND');
    expect(refusalProblem({ code: plain.code, message: plain.message }, {})).toBeNull();
    const withParams = fail('SCAN_CORRUPT', { fileName: 'skan.pdf', kind: 'obraz PNG jest niekompletny' });
    expect(refusalProblem({ code: withParams.code, message: withParams.message }, { fileName: 'skan.pdf' })).toBeNull();
    const counted = fail('JRWA_JSON_INVALID', { line: null });
    expect(refusalProblem({ code: counted.code, message: counted.message }, {})).toBeNull();
    // A message that compares two of its parameters, either way.
    for (const part of ['0000', '0000-00']) {
      const branch = fail('UNIT_SYMBOL_NO_LETTER', { symbol: '0000-00', part });
      expect(refusalProblem({ code: branch.code, message: branch.message }, {})).toBeNull();
    }
    const problems = fieldProblems();
    problems.add('symbol', fail('SERVER_UNIT_SYMBOL_TAKEN', { symbol: 'GK' }));
    problems.add('parentId', fail('UNIT_NOT_FOUND'));
    let judged = false;
    try {
      problems.throwIfAny();
    } catch (e) {
      if (!isDomainError(e)) throw e;
      expect(refusalProblem({ code: e.code, message: e.message, fields: e.fields }, {})).toBeNull();
      judged = true;
    }
    expect(judged).toBe(true);
    // The same joined sentence without its fields, as a pushed command's refusal carries it.
    const joinedOverTheWire = `${fail('SERVER_LOGIN_FORMAT', { login: '.ao' }).message} ${fail('UNIT_NOT_FOUND').message}`;
    expect(refusalProblem({ code: 'SERVER_LOGIN_FORMAT', message: joinedOverTheWire }, {})).toBeNull();
    expect(refusalProblem({ code: 'SERVER_LOGIN_FORMAT', message: `${fail('SERVER_LOGIN_FORMAT', { login: '.ao' }).message} And then something else.` }, {})).toMatch(/not the catalogue's/);
    const zod = contract['cases.open'].input.safeParse({ jrwaSymbol: 'x', title: '', deadlineKind: 'zly' });
    expect(zod.success).toBe(false);
    const detail = zod.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') ?? '';
    expect(refusalProblem({ code: 'INVALID_INPUT', message: `Nieprawidłowe dane: ${detail}`, fields: { title: 'To pole jest wymagane.' } }, {})).toBeNull();
  });

  it('refuses what a person must not read', () => {
    expect(refusalProblem({ code: 'INTERNAL', message: 'Wystąpił nieoczekiwany błąd. Spróbuj ponownie; jeśli się powtórzy, zgłoś go administratorowi.' }, {})).toMatch(/^INTERNAL/);
    expect(refusalProblem({ code: 'FST_ERR_BAD_URL', message: "'/%zz' is not a valid url component" }, {})).toMatch(/not in the catalogue/);
    expect(refusalProblem({ code: 'CORRESPONDENCE_NOT_FOUND', message: 'Not found' }, {})).toMatch(/not the catalogue's/);
    expect(refusalProblem({ code: 'INVALID_INPUT', message: 'Nieprawidłowe dane: login: Invalid input: expected string, received number' }, {})).toMatch(/"Invalid"/);
    expect(refusalProblem({ code: 'INVALID_INPUT', message: 'Nieprawidłowe dane: x: To pole jest wymagane.', fields: { x: 'Required' } }, {})).toMatch(/field x/);
    expect(refusalProblem({ code: 'SCAN_CORRUPT', message: fail('SCAN_CORRUPT', { fileName: 'a.pdf', kind: 'TypeError: undefined is not a function\n    at x (core/a.ts:1:2)' }).message }, {})).toMatch(/TypeError|undefined/);
    expect(refusalProblem({ code: 'UNKNOWN_METHOD' }, {})).toMatch(/not \{ code, message \}/);
    // What the caller sent may be echoed back: that is not our wording.
    expect(refusalProblem({ code: 'SCAN_EMPTY', message: fail('SCAN_EMPTY', { fileName: 'undefined.pdf' }).message }, { fileName: 'undefined.pdf' })).toBeNull();
  });

  it('the same seed, the same inputs and the same damage', () => {
    const schema = contract['intake.register'].input;
    expect(describeInput(samples(fuzzCases(schema), 7, 5))).toBe(describeInput(samples(fuzzCases(schema), 7, 5)));
    expect(describeInput(samples(fuzzCases(schema), 7, 5))).not.toBe(describeInput(samples(fuzzCases(schema), 8, 5)));
    const bytes = new Uint8Array(Array.from({ length: 2_000 }, (_, i) => i & 0xff));
    expect(mutateBytes(bytes, 42)).toEqual(mutateBytes(bytes, 42));
    expect(Buffer.from(mutateBytes(bytes, 42).bytes).equals(Buffer.from(bytes))).toBe(false);
  });

  it('valid-shaped inputs mostly pass their schema (so the handlers, not only zod, are exercised)', () => {
    const schema = z.object({ id: z.uuid(), n: z.number().int().min(1).max(5), name: z.string().trim().min(1).max(10), day: z.iso.date().nullable(), tags: z.array(z.enum(['a', 'b'])).max(3) });
    const values = samples(schemaArbitrary(schema, {}, false), 3, 200);
    expect(values.filter((v) => schema.safeParse(v).success).length).toBeGreaterThan(150);
  });
});
