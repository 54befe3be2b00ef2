import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import { requireRole } from '#core/services/access';
import { runCommand } from '#core/services/commands';
import { fail, isDomainError } from '#core/errors';
import { warsawYear } from '#core/time';
import { caseLabel } from '#core/cases/handlers';
import { decisionDetail, decisionPdf } from '#core/decisions/handlers';
import { decisionType } from '#core/decisions/prefill';
import { insertDispatchItem } from '#db/dispatchRepo';
import { getParty } from '#db/partyRepo';
import { getCase } from '#db/caseRepo';
import { getDecision, updateDecision } from '#db/decisionRepo';
import { nextNumber, allCounters } from '#db/counters';
import { upsertBlob } from '#db/correspondenceRepo';
import { loadPkcs12 } from '#signing/pkcs12';
import { signPdf } from '#signing/pades';

const DECISION_REGISTER = 'DEC';

/** The number the next decision of the year would get (the counter is bumped at signing). */
function peekNumber(ctx: Ctx, year: number): number {
  return (allCounters(ctx.store).find((c) => c.scope === `${DECISION_REGISTER}/${String(year)}`)?.last ?? 0) + 1;
}

/**
 * Signs one approved decision: number it in the decision register, print it with that number,
 * sign it (PAdES), keep the signed file and record it — the number and the record in one
 * transaction. Printing and signing are asynchronous, so the number is reserved optimistically
 * and the document is printed again if another signature took it meanwhile.
 */
async function signOne(ctx: Ctx, id: string, signer: ReturnType<typeof loadPkcs12>, visibleStamp: boolean): Promise<string> {
  const user = requireRole(ctx, ['head'], 'podpisanie decyzji');
  const d = getDecision(ctx.store, id);
  if (!d) throw fail('DECISION_NOT_FOUND');
  if (d.status !== 'approved') throw fail('DECISION_NOT_APPROVED');
  const c = getCase(ctx.store, d.caseId);
  if (!c) throw fail('CASE_NOT_FOUND');
  if (c.sign === null) throw fail('DECISION_CASE_PROVISIONAL', { sign: caseLabel(c) });
  // With a central server the number comes from it (reserved for this decision, so a failed
  // signature is simply made again); without one, from the local register, optimistically.
  const reserved = ctx.sync ? await ctx.sync.reserveDecisionNumber(id) : null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = ctx.clock();
    const year = reserved?.year ?? warsawYear(now);
    const seq = reserved?.seq ?? peekNumber(ctx, year);
    const number = `${String(seq)}/${String(year)}`;
    const pdf = await decisionPdf(ctx, id, number);
    const signed = await signPdf(pdf.bytes, signer, {
      name: signer.certificate.subject.commonName ?? user.fullName,
      reason: `Decyzja nr ${number} w sprawie ${caseLabel(c)}`,
      location: c.unitSymbol,
      signingTime: now,
      ...(visibleStamp ? { visibleStamp: { x: 330, y: 40 } } : {}),
    });
    const { sha256, size } = ctx.blobs.putBytes(signed);
    const done = tryToRecord(() => runCommand(ctx, user, 'signDecision', { id, number }, (cmd) => {
      if (!reserved) {
        const given = nextNumber(ctx.store, `${DECISION_REGISTER}/${String(year)}`);
        // Taken meanwhile by another signature: thrown, so the transaction rolls back with the
        // counter (the register keeps no gap), and the decision is printed again.
        if (given !== seq) throw NUMBER_TAKEN;
      }
      upsertBlob(ctx.store, { sha256, size, mime: 'application/pdf', pageCount: 1, createdAt: cmd.nowIso });
      updateDecision(ctx.store, id, { status: 'signed', year, seq, number, signedAt: cmd.nowIso, signedPdfSha256: sha256, templateVersion: pdf.templateVersion, updatedAt: cmd.nowIso });
      cmd.event({ action: 'decision.signed', entityType: 'case', entityId: c.id, documentRef: `decyzja nr ${number}`, summary: `Podpisano elektronicznie decyzję nr ${number} (${signer.certificate.subject.commonName ?? '?'})`, data: { sha256 } });
      // Signing creates the outgoing letters: one per addressee, waiting for the registry.
      const content = decisionDetail(ctx, id).content;
      const subject = `Decyzja nr ${number}: ${decisionType(d.typeCode)?.name ?? d.typeCode} (${caseLabel(c)})`;
      const itemIds = content.parties.map(() => crypto.randomUUID());
      cmd.push(
        'signDecision',
        {
          id,
          number,
          sha256,
          templateVersion: pdf.templateVersion,
          dispatch: content.parties.map((p, i) => ({ id: itemIds[i] ?? '', partyId: p.partyId, addresseeName: p.name, addresseeAddress: p.address, seqInDecision: i + 1 })),
        },
        `Podpis decyzji nr ${number} (${caseLabel(c)})`,
      );
      content.parties.forEach((p, i) => {
        insertDispatchItem(ctx.store, {
          id: itemIds[i] ?? crypto.randomUUID(),
          decisionId: id,
          caseId: c.id,
          unitId: c.unitId,
          partyId: p.partyId && getParty(ctx.store, p.partyId) ? p.partyId : null,
          addresseeName: p.name,
          addresseeAddress: p.address,
          subject,
          documentSha256: sha256,
          status: 'awaiting',
          channel: null,
          correspondenceId: null,
          collectedBy: null,
          createdAt: cmd.nowIso,
          updatedAt: cmd.nowIso,
          seqInDecision: i + 1,
        });
      });
      if (content.parties.length > 0) {
        cmd.event({ action: 'dispatch.created', entityType: 'case', entityId: c.id, documentRef: `decyzja nr ${number}`, summary: `Przekazano do wysyłki decyzję nr ${number}: ${content.parties.map((p) => p.name).join(', ')}` });
      }
      return true;
    }));
    if (done) return number;
  }
  throw fail('INTERNAL');
}

const NUMBER_TAKEN = new Error('the decision number was taken meanwhile');

/** Runs the recording transaction; false when the number was taken meanwhile (nothing kept). */
function tryToRecord(record: () => boolean): boolean {
  try {
    return record();
  } catch (e) {
    if (e === NUMBER_TAKEN) return false;
    throw e;
  }
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
        const number = await signOne(ctx, id, signer, visibleStamp);
        results.push({ id, label: number, ok: true, message: `Podpisano decyzję nr ${number}.` });
      } catch (e) {
        if (!isDomainError(e)) throw e;
        results.push({ id, label: getDecision(ctx.store, id)?.number ?? '—', ok: false, message: e.message });
      }
    }
    return results;
  },
} satisfies Handlers<'decisions.sign'>;
