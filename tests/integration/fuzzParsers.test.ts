import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutateBytes } from '#tests/support/fuzz';
import { parserCorpus, parserProblem, parserRunner, type CorpusFile, type ParserName } from '#tests/support/fuzzParsers';

// Issue 12 item 9: the parsers that read what comes from outside — scans (PDF, JPEG, PNG,
// TIFF), signed PDFs, JRWA lists — fed damaged copies of real files (bit flips, cuts, ranges
// duplicated, removed or swapped, junk, objects repeated, numbers made huge). Each answers
// within the time limit with a result or a refusal in Polish from the catalogue, never another
// exception: inspectScan refuses a bad scan (SCAN_*), verifyPdf only an unreadable or locked
// file (a broken signature is a result), signedOverOf answers null or the file's own mark,
// parseJrwa refuses a file it cannot read (JRWA_*) and reports bad rows as problems.
// (There is no e-mail parser yet: nothing to feed.)
//
// The parsers run on a worker thread, so an endless loop is stopped and reported, not waited for.

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_512);
/** Damaged copies per real file and parser. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const LIMIT_MS = 5_000;

let corpus: { files: CorpusFile[]; cleanup(): void } | undefined;
const runner = parserRunner(LIMIT_MS);
const files = (): CorpusFile[] => corpus?.files ?? [];

beforeAll(async () => {
  corpus = await parserCorpus();
});

afterAll(async () => {
  await runner.close();
  corpus?.cleanup();
});

describe('the parsers fed damaged real files (fixed seed)', () => {
  it('the real files themselves are read as they are', async () => {
    const expected: Record<string, string> = {
      'pdf-xref inspectScan': 'application/pdf 1 str.',
      'pdf-signed inspectScan': 'application/pdf 2 str.',
      'pdf-signed verifyPdf': '1 podp., INDETERMINATE',
      'pdf-signed signedOverOf': '{"decisionId":"7d7c6a53-2f55-4d4c-9f0e-0a3a1d7b9e11","number":"12/2026"}',
      'png inspectScan': 'image/png 1 str.',
      'jpeg inspectScan': 'image/jpeg 1 str.',
      'tiff inspectScan': 'image/tiff 1 str.',
      'tiff-3 inspectScan': 'image/tiff 3 str.',
      'jrwa-json parseJrwa': '26 klas, 0 problemów',
      'jrwa-csv parseJrwa': '26 klas, 0 problemów',
    };
    for (const [key, summary] of Object.entries(expected)) {
      const [name, parser] = key.split(' ') as [string, ParserName];
      const file = files().find((f) => f.name === name);
      if (!file) throw new Error(`no corpus file ${name}`);
      const run = await runner.parse(parser, file.bytes, file.fileName);
      expect(run.outcome.kind === 'result' ? run.outcome.summary : run.outcome, key).toBe(summary);
    }
    const encrypted = files().find((f) => f.name === 'pdf-encrypted');
    if (!encrypted) throw new Error('no encrypted PDF');
    const locked = await runner.parse('verifyPdf', encrypted.bytes, encrypted.fileName);
    expect(locked.outcome.kind === 'refused' ? locked.outcome.code : locked.outcome).toBe('SIGN_PDF_ENCRYPTED');
  });

  it.each(['pdf-xref', 'pdf-objstm', 'pdf-encrypted', 'pdf-signed', 'png', 'jpeg', 'tiff', 'tiff-3', 'jrwa-json', 'jrwa-csv'])(
    '%s, damaged: a result or an allowed Polish refusal, in time',
    async (name) => {
      const file = files().find((f) => f.name === name);
      if (!file) throw new Error(`no corpus file ${name}`);
      const failures: string[] = [];
      const outcomes = new Map<string, number>();
      for (let i = 0; i < RUNS; i++) {
        const seed = SEED + i * 104_729 + file.name.length;
        const damaged = mutateBytes(file.bytes, seed);
        for (const parser of file.parsers) {
          const run = await runner.parse(parser, damaged.bytes, file.fileName);
          const label = `${parser} ${run.outcome.kind === 'refused' ? run.outcome.code : run.outcome.kind}`;
          outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
          const problem = parserProblem(parser, run, LIMIT_MS);
          if (problem) failures.push(`${parser}, seed ${String(seed)} (${damaged.ops.join('; ')}): ${problem}`);
        }
      }
      expect(failures, failures.join('\n')).toEqual([]);
      // Not vacuous: the damage was seen (something was refused or reported) and some copies still read.
      expect(outcomes.size, JSON.stringify([...outcomes])).toBeGreaterThan(1);
    },
  );

  // Damage the long runs (bench/fuzz.ts) found, kept so they are tried on every run.
  it.each([
    // The cross-reference stream's /Index [ 0 9 ] made [ 0 2147483648 ]: pdf-lib tries to read 2^31 entries.
    { name: 'pdf-objstm', seed: 27_696_975 },
  ])('$name damaged with seed $seed (found by bench/fuzz.ts)', async ({ name, seed }) => {
    const file = files().find((f) => f.name === name);
    if (!file) throw new Error(`no corpus file ${name}`);
    const damaged = mutateBytes(file.bytes, seed);
    const failures: string[] = [];
    for (const parser of file.parsers) {
      const problem = parserProblem(parser, await runner.parse(parser, damaged.bytes, file.fileName), LIMIT_MS);
      if (problem) failures.push(`${parser} (${damaged.ops.join('; ')}): ${problem}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('a stuck parser is stopped and reported, not waited for', async () => {
    // The limit is what catches an endless loop; check that it does, with a limit no parse meets.
    const quick = parserRunner(1);
    try {
      const file = files().find((f) => f.name === 'pdf-signed');
      if (!file) throw new Error('no signed PDF');
      const run = await quick.parse('verifyPdf', file.bytes, file.fileName);
      expect(run.outcome.kind).toBe('hung');
      expect(parserProblem('verifyPdf', run, 1)).toBe('no answer in 1 ms (terminated)');
    } finally {
      await quick.close();
    }
  });
});
