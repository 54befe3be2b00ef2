import { warsawDate } from '#core/time';
import { readSettings } from '#core/admin/settings';
import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import { requireRole, requireUser } from '#core/services/access';
import { execute } from '#core/services/execute';
import { fail, isDomainError } from '#core/errors';
import { caseLabel } from '#core/cases/handlers';
import { decisionPdf, latestContent } from '#core/decisions/handlers';
import { documentName, numberDecision, signDecision, typeName } from '#core/commands/decisions';
import { decisionType, numberedInRegister } from '#core/decisions/prefill';
import { getCase } from '#db/caseRepo';
import { getDecision, updateDecision } from '#db/decisionRepo';
import { upsertBlob } from '#db/correspondenceRepo';
import { loadPkcs12 } from '#signing/pkcs12';
import { listTokenCertificates, openTokenSigner } from '#signing/pkcs11';
import { assertCanSign, type Certificate } from '#signing/certificate';
import type { CmsSigner } from '#signing/cms';
import type { SigningMeans } from '#core/contract';
import { signPdf, timestampDocument } from '#signing/pades';
import { extendToLongTerm } from '#signing/longTerm';
import { httpFetcher } from '#signing/revocation';
import { longTermTexts } from '#core/i18n/signatures.pl';
import { getJrwa } from '#db/jrwaRepo';
import { requestTimestamp } from '#signing/timestamp';
import { signedOverOf } from '#signing/signedOver';

/**
 * Signs one approved decision: number it in the decision register (the server takes the
 * number; without one, this workstation — either way it then belongs to the decision), print
 * it with that number, sign it (PAdES), keep the signed file and record the signature with the
 * letters to send in one command. A signature that fails leaves the number with the decision
 * and is simply made again: the register has no gaps.
 */
async function signOne(ctx: Ctx, id: string, signer: CmsSigner, visibleStamp: boolean): Promise<{ label: string; message: string }> {
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
  // The file is stored before the command that names it (as a pushed command's blob goes first),
  // with what its signature covers read from its bytes, as the server reads it from the upload.
  const signedOver = await signedOverOf(stored);
  ctx.store.tx(() => upsertBlob(ctx.store, { sha256, size, mime: 'application/pdf', pageCount: 1, createdAt: now.toISOString(), signedOver }));
  const content = latestContent(ctx, id);
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

/** The secret for `signing.begin`: typed in the page (browser mode) or left by the desktop shell's dialog. */
function secretOf(ctx: Ctx, given: { password?: string | undefined; secret?: string | undefined }): string {
  if (given.secret !== undefined) {
    const value = ctx.signing.secrets.take(given.secret);
    if (value === null) throw fail('SIGN_SECRET_GONE');
    return value;
  }
  // The desktop shell asks in its own window: a PIN typed into the page is refused there.
  if (ctx.mode === 'electron') throw fail('SIGN_SECRET_IN_PAGE');
  return given.password ?? '';
}

/** The issuer as the tray names it: its CN, else the whole name. */
const issuerNameOf = (c: Certificate) => c.issuer.commonName ?? c.issuer.text;

/** Why this certificate cannot sign now (expired, not yet valid, no signing usage), in Polish; null when it can. */
function cannotSignBecause(c: Certificate, now: Date): string | null {
  try {
    assertCanSign(c, now);
    return null;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return e.message;
  }
}

/** Opens the chosen key: a .p12 file, or a card whose driver this machine allows. */
function openSigner(ctx: Ctx, means: SigningMeans, secret: string): { signer: CmsSigner; close?: () => void } {
  const now = ctx.clock();
  if (means.kind === 'pkcs12') return { signer: loadPkcs12(Buffer.from(means.p12Base64, 'base64'), secret, { now }) };
  // The page names the driver, but only one IT allowed on this machine is ever loaded.
  if (!ctx.signing.modules.includes(means.module)) throw fail('SIGN_TOKEN_MODULE_UNKNOWN');
  return openTokenSigner(means.module, { tokenSerial: means.tokenSerial, id: means.certificateId }, secret, { now });
}

export const decisionSigningHandlers = {
  'signing.means': (ctx) => {
    requireRole(ctx, ['head'], 'podpisanie decyzji');
    const now = ctx.clock();
    const problems: string[] = [];
    const certificates = ctx.signing.modules.flatMap((module) => {
      try {
        // Issuers' certificates kept on the card are not the head's: only end-entity ones sign.
        return listTokenCertificates(module)
          .filter((c) => !c.certificate.isCa)
          .map((c) => ({
            module,
            tokenLabel: c.tokenLabel,
            tokenSerial: c.tokenSerial,
            certificateId: c.id,
            signerName: c.certificate.label,
            issuerName: issuerNameOf(c.certificate),
            notAfter: c.certificate.notAfter.toISOString(),
            qualified: c.certificate.qcCompliance,
            problem: cannotSignBecause(c.certificate, now),
            }));
      } catch (e) {
        if (!isDomainError(e)) throw e;
        problems.push(e.message);
        return [];
      }
    });
    // Qualified certificates first (what a decision is signed with), then by name: the same order every time.
    certificates.sort((a, b) => Number(b.qualified) - Number(a.qualified) || a.signerName.localeCompare(b.signerName, 'pl'));
    return { certificates, problems };
  },
  /**
   * One key for a batch: the password or PIN is used once, here, and never stored; the key
   * stays in this process (or on the card) until `signing.end`, idleness or signing out.
   */
  'signing.begin': (ctx, { means, password, secret }) => {
    const user = requireRole(ctx, ['head'], 'podpisanie decyzji');
    const { signer, close } = openSigner(ctx, means, secretOf(ctx, { password, secret }));
    const session = ctx.signing.sessions.open(user.id, signer, close);
    const c = signer.certificate;
    return { session, signerName: c.label, issuerName: issuerNameOf(c), qualified: c.qcCompliance, notAfter: c.notAfter.toISOString() };
  },
  'signing.end': (ctx, { session }) => {
    // Only the head who opened it ends it (anyone else's call changes nothing).
    ctx.signing.sessions.end(session, requireUser(ctx).id);
    return { ok: true as const };
  },
  /** Batch signing with an open session: each decision signed or told why not. */
  'decisions.sign': async (ctx, { ids, session, visibleStamp }) => {
    const user = requireRole(ctx, ['head'], 'podpisanie decyzji');
    const signer = ctx.signing.sessions.use(session, user.id);
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
} satisfies Handlers<'signing.means' | 'signing.begin' | 'signing.end' | 'decisions.sign'>;
