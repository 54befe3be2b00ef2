import type { Ctx } from '#core/services/context';
import type { DispatchItem } from '#core/contract';
import { caseLabel } from '#core/cases/handlers';
import { getCase } from '#db/caseRepo';
import { getDecision } from '#db/decisionRepo';
import { getParty } from '#db/partyRepo';
import { getCorrespondence } from '#db/correspondenceRepo';
import type { DispatchItemRow } from '#db/dispatchRepo';

/** A letter waiting to be sent (or sent), as the registry and the decision view show it. */
export function toDispatchItem(ctx: Ctx, r: DispatchItemRow): DispatchItem {
  const c = getCase(ctx.store, r.caseId);
  const party = r.partyId ? getParty(ctx.store, r.partyId) : null;
  const out = r.correspondenceId ? getCorrespondence(ctx.store, r.correspondenceId) : null;
  return {
    id: r.id,
    decisionId: r.decisionId,
    decisionNumber: r.decisionId ? (getDecision(ctx.store, r.decisionId)?.number ?? null) : null,
    caseId: r.caseId,
    caseSign: c ? caseLabel(c) : '?',
    unitSymbol: c?.unitSymbol ?? '?',
    partyId: r.partyId,
    addresseeName: r.addresseeName,
    addresseeAddress: r.addresseeAddress,
    electronicAddress: party?.electronicAddress ?? null,
    subject: r.subject,
    status: r.status,
    channel: r.channel,
    outgoingNumber: out?.number ?? out?.provisionalLabel ?? null,
    createdAt: r.createdAt,
  };
}
