/**
 * After a decision is signed: marking an appeal or a waiver against it, and the "Terminy" list
 * of decisions whose delivery, appeal period or finality someone has to watch.
 */
import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { TermsRow, User } from '#core/contract';
import { requireUser } from '#core/services/access';
import { visibleUnitIds } from '#core/services/scope';
import { execute } from '#core/services/execute';
import { markAppeal } from '#core/commands/appeals';
import { caseLabel } from '#core/cases/handlers';
import { readableLetter } from '#core/intake/handlers';
import { decisionFinalityOf, followsFinality } from '#core/decisions/finalityView';
import { decisionType } from '#core/decisions/prefill';
import { addDays, type CalendarDate } from '#core/deadlines/holidays';
import { warsawDate } from '#core/time';
import { casesOfItem, getCase } from '#db/caseRepo';
import { getUser } from '#db/directory';
import { decisionsOfCase, getDecision, signedSince, type DecisionRow } from '#db/decisionRepo';
import { dispatchItemsForParty, dispatchItemsOfDecision } from '#db/dispatchRepo';

/**
 * How far back "Terminy" looks. A decision sent with a return receipt is final within weeks; one
 * whose letter came back and waits to be sent again can take months. A year covers both.
 */
const TERMS_LOOKBACK_DAYS = 400;

function appealable(ctx: Ctx, d: DecisionRow) {
  const c = getCase(ctx.store, d.caseId);
  return {
    decisionId: d.id,
    number: d.number,
    typeName: decisionType(d.typeCode)?.name ?? d.typeCode,
    caseSign: c ? caseLabel(c) : '?',
    signedAt: d.signedAt ?? d.updatedAt,
    parties: dispatchItemsOfDecision(ctx.store, d.id)
      .filter((i) => i.status !== 'cancelled' && i.partyId !== null)
      .map((i) => ({ partyId: i.partyId ?? '', name: i.addresseeName })),
  };
}

function visible(ctx: Ctx, user: User, d: DecisionRow): boolean {
  const units = visibleUnitIds(ctx, user);
  const c = getCase(ctx.store, d.caseId);
  return c !== null && (units === null || units.includes(c.unitId));
}

export const finalityHandlers = {
  'decisions.markAppeal': (ctx, input) => {
    execute(ctx, requireUser(ctx), markAppeal, input);
    return { ok: true as const };
  },

  'decisions.appealable': (ctx, { letterId }) => {
    const user = requireUser(ctx);
    const letter = readableLetter(ctx, user, letterId);
    const caseId = casesOfItem(ctx.store, letterId)[0]?.id ?? null;
    const found = caseId
      ? decisionsOfCase(ctx.store, caseId)
      : [...new Set(dispatchItemsForParty(ctx.store, letter.senderId).map((i) => i.decisionId))].flatMap((id) => (id ? [getDecision(ctx.store, id)] : [])).filter((d): d is DecisionRow => d !== null);
    return found.filter((d) => followsFinality(d) && visible(ctx, user, d)).map((d) => appealable(ctx, d));
  },

  'decisions.terms': (ctx, { finalWithinDays }) => {
    const user = requireUser(ctx);
    const today = warsawDate(ctx.clock()) as CalendarDate;
    const since = new Date(ctx.clock().getTime() - TERMS_LOOKBACK_DAYS * 86_400_000).toISOString();
    const shownFrom = addDays(today, -finalWithinDays);
    const rows: TermsRow[] = [];
    for (const d of signedSince(ctx.store, since, visibleUnitIds(ctx, user))) {
      const f = decisionFinalityOf(ctx, d);
      if (!f || (f.status === 'final' && (f.finalOn ?? '') < shownFrom)) continue;
      const c = getCase(ctx.store, d.caseId);
      if (!c) continue;
      rows.push({
        decisionId: d.id,
        number: d.number,
        typeName: decisionType(d.typeCode)?.name ?? d.typeCode,
        caseId: c.id,
        caseSign: caseLabel(c),
        caseTitle: c.title,
        ownerName: getUser(ctx.store, c.ownerId)?.fullName ?? '?',
        signedAt: d.signedAt ?? d.updatedAt,
        finality: f,
      });
    }
    return rows;
  },
} satisfies Handlers<'decisions.markAppeal' | 'decisions.appealable' | 'decisions.terms'>;
