/**
 * Which decision a signed PDF vouches for: the mark (core/decisions/signedMark.ts) in the
 * revision that a signature verifies over. Read once from a file's bytes when it arrives —
 * on the server at the end of an upload, on the workstation when it keeps what it signed —
 * and kept with the file, so `signDecision` decides on it without parsing anything.
 *
 * Only integrity counts here (the byte range, the digest, the signature over the signed
 * attributes, no disallowed change after): whether the signer is trusted is the verifier's
 * verdict for people, not a condition for the office to keep its own decision.
 */
import { PDFDict, PDFName } from 'pdf-lib';
import { parseSignedMark, SIGNED_MARK_KEY, type SignedOver } from '#core/decisions/signedMark';
import { isDomainError } from '#core/errors';
import { sniffMime } from '#core/scans/inspect';
import { loadPdf } from '#signing/pdfIncremental';
import { textOf } from '#signing/pdfSignatures';
import { verifyPdf } from '#signing/verify';

/** The mark in a loaded document's information dictionary, if any. */
function markOf(doc: Awaited<ReturnType<typeof loadPdf>>): SignedOver | null {
  const ref = doc.context.trailerInfo.Info;
  const info = ref === undefined ? undefined : doc.context.lookup(ref);
  if (!(info instanceof PDFDict)) return null;
  return parseSignedMark(textOf(info.lookup(PDFName.of(SIGNED_MARK_KEY))));
}

/** What the first intact signature over a marked revision covers; null for any other file. */
export async function signedOverOf(bytes: Uint8Array): Promise<SignedOver | null> {
  if (sniffMime(bytes) !== 'application/pdf') return null;
  try {
    const verified = await verifyPdf(bytes, { trustedRoots: [] });
    for (const s of verified.signatures) {
      const intact = s.kind === 'signature' && s.checks.byteRangeWellFormed && s.checks.digestMatches && s.checks.signatureValid && s.checks.changesAllowed;
      const [, , from = 0, length = 0] = s.byteRange;
      if (!intact || from + length > bytes.byteLength) continue;
      const mark = markOf(await loadPdf(bytes.subarray(0, from + length)));
      if (mark !== null) return mark;
    }
    return null;
  } catch (e) {
    // A file that is not a readable PDF signs nothing; anything else is a bug to see.
    if (isDomainError(e)) return null;
    throw e;
  }
}
