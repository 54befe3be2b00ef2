import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isDomainError } from '#core/errors';
import { extendToLongTerm } from '#signing/longTerm';
import { timestampDocument } from '#signing/pades';
import { httpFetcher } from '#signing/revocation';
import { requestTimestamp } from '#signing/timestamp';
import type { CliOutput } from './jrwaImportCommand.ts';

/**
 * `kancelaria pdf extend`: makes a signed PDF verifiable for the long term — PAdES B-LT (the
 * certificates and OCSP/CRL answers of every signature kept in the file) and, with --tsa,
 * B-LTA (a document time-stamp over it all). For archival-category-A documents signed
 * elsewhere or before the office had a TSA. Exit 0 written, 1 refused (said why), 2 bad input.
 */
export async function pdfExtendCommand(io: CliOutput, file: string, opts: { to: string; trust: string[]; tsa: string | undefined }): Promise<number> {
  if (existsSync(opts.to)) {
    io.err(`Plik „${opts.to}” już istnieje. Podaj inną nazwę w --to; istniejącego pliku nie nadpisujemy.\n`);
    return 2;
  }
  let bytes: Buffer;
  let roots: string[];
  try {
    bytes = readFileSync(file);
    roots = opts.trust.map((f) => readFileSync(f, 'utf8'));
  } catch (e) {
    io.err(`Nie udało się odczytać pliku: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  try {
    const extended = await extendToLongTerm(bytes, { trustedRoots: roots, fetch: httpFetcher() });
    const tsa = opts.tsa;
    const out = tsa === undefined ? extended.bytes : await timestampDocument(extended.bytes, (digest) => requestTimestamp(tsa, digest));
    writeFileSync(opts.to, out, { flag: 'wx' });
    const { signatures, certificates, ocsps, crls } = extended.report;
    io.out(`Zapisano ${opts.to} (${tsa === undefined ? 'PAdES B-LT' : 'PAdES B-LTA'}): podpisy i znaczniki czasu: ${signatures}, certyfikaty: ${certificates}, odpowiedzi OCSP: ${ocsps}, listy CRL: ${crls}${tsa === undefined ? '' : `; znacznik czasu dokumentu z ${tsa}`}.\n`);
    return 0;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    io.err(`${e.message}\n`);
    return e.code === 'SIGN_PDF_UNREADABLE' || e.code === 'SIGN_PDF_ENCRYPTED' ? 2 : 1;
  }
}
