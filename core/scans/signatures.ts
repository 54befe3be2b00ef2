import type { Ctx } from '#core/services/context';
import type { SignatureCheck } from '#core/contract';
import { readSettings } from '#core/admin/settings';
import { isDomainError } from '#core/errors';
import { indicationLabel } from '#signing/verify';
import { verifyPdfOffThread } from '#signing/verifyOffThread';

/**
 * Checks the electronic signatures of a PDF against the roots the office trusts. A PDF without
 * signatures gives an empty list; one the verifier cannot read is reported, not thrown, because
 * a letter is registered whatever its signature says — the clerk needs to know, not to be stopped.
 */
export async function checkSignatures(ctx: Ctx, bytes: Uint8Array): Promise<SignatureCheck[]> {
  try {
    // Off the backend's thread, within a time budget: a crafted PDF must not freeze every screen.
    const settings = readSettings(ctx.store);
    const result = await verifyPdfOffThread(bytes, { trustedRoots: settings.trustedRootsPem, trustedServices: settings.trustedList?.services ?? [], now: ctx.clock(), online: true });
    return result.signatures.map((s) => ({
      signer: s.signerName ?? s.nameInDictionary ?? '?',
      identifier: s.subjectSerialNumber ?? null,
      signingTime: s.signingTime?.toISOString() ?? null,
      indication: s.indication,
      subIndication: s.subIndication ?? null,
      verdict: indicationLabel(s.indication),
      qualified: s.level === 'qualified',
      valid: s.valid,
      intact: s.checks.digestMatches && s.checks.signatureValid && s.checks.changesAllowed,
      trusted: s.checks.chainTrusted,
      summary: s.summary,
      steps: s.steps.map(({ label, outcome, text }) => ({ label, outcome, text })),
      changes: s.changes.map((c) => ({ allowed: c.allowed, page: c.page ?? null, text: c.text })),
    }));
  } catch (e) {
    ctx.log(`signature check failed: ${isDomainError(e) ? e.code : String(e)}`);
    // A check stopped by its budget is said, not hidden: the clerk must not take silence for "no signature".
    if (isDomainError(e) && (e.code === 'SIGN_VERIFY_TOO_LONG' || e.code === 'SIGN_VERIFY_TOO_BIG')) {
      return [
        {
          signer: '?',
          identifier: null,
          signingTime: null,
          indication: 'INDETERMINATE',
          subIndication: null,
          verdict: indicationLabel('INDETERMINATE'),
          qualified: false,
          valid: false,
          intact: false,
          trusted: false,
          summary: e.message,
          steps: [],
          changes: [],
        },
      ];
    }
    return [];
  }
}
