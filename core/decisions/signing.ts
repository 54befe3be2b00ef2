import { warsawDate } from '#core/time';
import { readSettings } from '#core/admin/settings';
import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import { requireRole } from '#core/services/access';
import { execute } from '#core/services/execute';
import { fail, isDomainError } from '#core/errors';
import { caseLabel } from '#core/cases/handlers';
import { decisionDetail, decisionPdf } from '#core/decisions/handlers';
import { documentName, numberDecision, signDecision, typeName } from '#core/commands/decisions';
import { decisionType, numberedInRegister } from '#core/decisions/prefill';
import { getCase } from '#db/caseRepo';
import { getDecision, updateDecision } from '#db/decisionRepo';
import { upsertBlob } from '#db/correspondenceRepo';
import { loadPkcs12 } from '#signing/pkcs12';
import { signPdf, timestampDocument } from '#signing/pades';
import { extendToLongTerm } from '#signing/longTerm';
import { httpFetcher } from '#signing/revocation';
import { longTermTexts } from '#core/i18n/signatures.pl';
import { getJrwa } from '#db/jrwaRepo';
import { requestTimestamp } from '#signing/timestamp';

/**
 * Signs one approved decision: number it in the decision register (the server takes the
 * number; without one, this workstation — either way it then belongs to the decision), print
 * it with that number, sign it (PAdES), keep the signed file and record the signature with the
 * letters to send in one command. A signature that fails leaves the number with the decision
 * and is simply made again: the register has no gaps.
 */
async function signOne(ctx: Ctx, id: string, signer: ReturnType<typeof loadPkcs12>, visibleStamp: boolean): Promise<{ label: string; message: string }> {
  const user = requireRole(ctx, ['head'], 'podpisanie decyzji');
  const d = getDecision(ctx.store, id);
  if (!d) throw fail('DECISION_NOT_FOUND');
  const c = getCase(ctx.store, d.caseId);
  if (!c) throw fail('CASE_NOT_FOUND');
  // A letter of the procedure is signed as it is: the decision register numbers decisions only.
  const numbered = numberedInRegister(decisionType(d.typeCode));
  if (!numbered) {
    if (d.status !== 'approved') throw fail('DECISION_NOT_APPROVED');
  } else if (ctx.sync) {
    // The server's number, written into this replica as its next pull would write it.
    const reserved = await ctx.sync.reserveDecisionNumber(id);
    ctx.store.tx(() => updateDecision(ctx.store, id, reserved));
  } else {
    execute(ctx, user, numberDecision, { id });
  }
  const number = getDecision(ctx.store, id)?.number ?? null;
  if (numbered && number === null) throw fail('DECISION_NOT_APPROVED');
  const document = documentName(d.typeCode, number);
  const now = ctx.clock();
  const { tsaUrl } = readSettings(ctx.store);
  const pdf = await decisionPdf(ctx, id, number, null, { on: warsawDate(now), signatoryName: user.fullName, signatoryPosition: user.position });
  const signed = await signPdf(pdf.bytes, signer, {
    name: signer.certificate.subject.commonName ?? user.fullName,
    reason: `${document.charAt(0).toUpperCase()}${document.slice(1)} w sprawie ${caseLabel(c)}`,
    // Where it was signed, as the stamp prints it: the office's town (the unit symbol meant nothing there).
    location: readSettings(ctx.store).office.city || c.unitSymbol,
    signingTime: now,
    ...(visibleStamp ? { visibleStamp: { x: 330, y: 40 } } : {}),
    // PAdES B-T: the office's TSA proves when the decision was signed, so it stays verifiable after the certificate expires.
    ...(tsaUrl === null ? {} : { timestamp: (digest: Buffer) => requestTimestamp(tsaUrl, digest) }),
  });
  // A decision kept forever (archival category A of the case's JRWA class) is made verifiable
  // for as long: B-LT (the validation data in the file) and B-LTA (a document time-stamp).
  let stored = signed;
  let archival = '';
  if (tsaUrl !== null && getJrwa(ctx.store, c.jrwaSymbol)?.categoryOwner === 'A') {
    try {
      const extended = await extendToLongTerm(signed, { trustedRoots: readSettings(ctx.store).trustedRootsPem, fetch: httpFetcher() });
      stored = await timestampDocument(extended.bytes, (digest) => requestTimestamp(tsaUrl, digest));
      archival = ` ${longTermTexts.extended}`;
    } catch (e) {
      // The signature itself is made and valid (B-T); the archival extension can be made later (`kancelaria pdf extend`).
      if (!isDomainError(e)) throw e;
      archival = ` ${longTermTexts.notExtended(e.message)}`;
    }
  }
  const { sha256, size } = ctx.blobs.putBytes(stored);
  // The file is stored before the command that names it (as a pushed command's blob goes first).
  ctx.store.tx(() => upsertBlob(ctx.store, { sha256, size, mime: 'application/pdf', pageCount: 1, createdAt: now.toISOString() }));
  const content = decisionDetail(ctx, id).content;
  execute(ctx, user, signDecision, {
    id,
    number,
    sha256,
    templateVersion: pdf.templateVersion,
    signerName: signer.certificate.subject.commonName ?? null,
    // Signing creates the outgoing letters: one per addressee, waiting for the registry.
    dispatch: content.parties.map((p, i) => ({ id: crypto.randomUUID(), partyId: p.partyId, addresseeName: p.name, addresseeAddress: p.address, seqInDecision: i + 1 })),
  });
  return { label: number ?? `${typeName(d.typeCode)} (${caseLabel(c)})`, message: `${number ? `Podpisano decyzję nr ${number}.` : `Podpisano: ${document} (${caseLabel(c)}).`}${archival}` };
}

export const decisionSigningHandlers = {
  /**
   * Batch signing: one PKCS#12 and one password for N approved decisions, each signed or told
   * why not. The password is used once, here, and never stored; the key stays in this process.
   */
  'decisions.sign': async (ctx, { ids, p12Base64, password, visibleStamp }) => {
    requireRole(ctx, ['head'], 'podpisanie decyzji');
    const signer = loadPkcs12(Buffer.from(p12Base64, 'base64'), password, { now: ctx.clock() });
    const results = [];
    for (const id of ids) {
      try {
        results.push({ id, ok: true, ...(await signOne(ctx, id, signer, visibleStamp)) });
      } catch (e) {
        if (!isDomainError(e)) throw e;
        results.push({ id, label: getDecision(ctx.store, id)?.number ?? '—', ok: false, message: e.message });
      }
    }
    return results;
  },
} satisfies Handlers<'decisions.sign'>;
