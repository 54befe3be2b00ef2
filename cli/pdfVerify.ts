import { readFileSync } from 'node:fs';
import { verifyPdf, type PdfVerification } from '#signing/verify';
import { isDomainError } from '#core/errors';
import type { CliOutput } from './jrwaImportCommand.ts';

/** Exit 0 when every signature holds, 1 when any does not (or there is none), 2 on bad input. */
export async function pdfVerifyCommand(io: CliOutput, file: string, opts: { json: boolean; trust: string[] }): Promise<number> {
  let result: PdfVerification;
  try {
    const roots = opts.trust.map((f) => readFileSync(f, 'utf8'));
    result = await verifyPdf(readFileSync(file), { trustedRoots: roots });
  } catch (e) {
    io.err(`${isDomainError(e) ? e.message : `Nie udało się odczytać pliku: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return 2;
  }
  if (opts.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    io.out(`${result.summary}\n`);
    for (const s of result.signatures) {
      io.out(`\nPodpis ${String(s.index)}: ${s.summary}\n`);
      io.out(`  podpisujący: ${s.signerName ?? '?'}${s.subjectSerialNumber ? ` (${s.subjectSerialNumber})` : ''}\n`);
      io.out(`  czas podpisu (deklarowany): ${s.signingTime?.toISOString() ?? '—'} · skrót: ${s.hashAlgorithm ?? '?'} · algorytm: ${s.signatureAlgorithm ?? '?'}\n`);
      io.out(`  łańcuch: ${s.chain.join(' → ')}\n`);
      for (const p of s.problems) io.out(`  ✗ ${p}\n`);
      for (const w of s.warnings) io.out(`  ! ${w}\n`);
    }
  }
  return result.signatures.length > 0 && result.valid ? 0 : 1;
}
