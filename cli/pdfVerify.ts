import { readFileSync } from 'node:fs';
import { indicationLabel, verifyPdf, type PdfVerification } from '#signing/verify';
import { isDomainError } from '#core/errors';
import { formatDateTime } from '#documents/polishDates';
import type { CliOutput } from './jrwaImportCommand.ts';

const marks = { passed: '✓', failed: '✗', indeterminate: '?', warning: '!', 'not-checked': '–' } as const;

/**
 * Exit codes follow the verdicts: 0 every signature passed, 1 any failed (or there is none),
 * 3 none failed but some are indeterminate (e.g. an issuer the office has not configured),
 * 2 the file cannot be read.
 */
export async function pdfVerifyCommand(io: CliOutput, file: string, opts: { json: boolean; trust: string[]; offline: boolean }): Promise<number> {
  let result: PdfVerification;
  try {
    const roots = opts.trust.map((f) => readFileSync(f, 'utf8'));
    // Revocation is asked of the certificates' OCSP responders and CRLs unless --offline.
    result = await verifyPdf(readFileSync(file), { trustedRoots: roots, online: !opts.offline });
  } catch (e) {
    io.err(`${isDomainError(e) ? e.message : `Nie udało się odczytać pliku: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return 2;
  }
  if (opts.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    io.out(`${result.summary}\n`);
    for (const s of result.signatures) {
      const code = s.subIndication === undefined ? s.indication : `${s.indication}/${s.subIndication}`;
      io.out(`\n${s.summary}\n`);
      io.out(`  werdykt: ${indicationLabel(s.indication)} (${code})\n`);
      io.out(`  podpisujący: ${s.signerName ?? '?'}${s.subjectSerialNumber ? ` (${s.subjectSerialNumber})` : ''}\n`);
      io.out(`  czas podpisu (deklarowany): ${s.signingTime === undefined ? '—' : formatDateTime(s.signingTime.toISOString())} · skrót: ${s.hashAlgorithm ?? '?'} · algorytm: ${s.signatureAlgorithm ?? '?'}\n`);
      if (s.chain.length > 0) io.out(`  łańcuch: ${s.chain.join(' → ')}\n`);
      for (const step of s.steps) io.out(`  ${marks[step.outcome]} ${step.label}: ${step.text}\n`);
      for (const change of s.changes) io.out(`    ${change.allowed ? 'dozwolone' : 'NIEDOZWOLONE'}: ${change.text}\n`);
      for (const w of s.warnings) io.out(`  ! ${w}\n`);
    }
  }
  if (result.indication === 'TOTAL_PASSED') return 0;
  return result.indication === 'INDETERMINATE' ? 3 : 1;
}
