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
import { issueFinalityClause, markAppeal } from '#core/commands/appeals';
import { caseLabel } from '#core/cases/handlers';
import { readableLetter } from '#core/intake/handlers';
import { decisionFinalityOf, followsFinality } from '#core/decisions/finalityView';
import { decisionType } from '#core/decisions/prefill';
import { addDays, type CalendarDate } from '#core/deadlines/holidays';
import { warsawDate } from '#core/time';
import { casesOfItem, getCase } from '#db/caseRepo';
import { getUser } from '#db/directory';
import { decisionsOfCase, getDecision, signedSince, type DecisionRow } from '#db/decisionRepo';
import type { DecisionFinality } from '#core/contract';
import { fail } from '#core/errors';
import { ui } from '#core/i18n/ui.pl';
import { readSettings } from '#core/admin/settings';
import { storedFile } from '#core/scans/handlers';
import { loadPdf } from '#signing/pdfIncremental';
import { renderFinalityCopy } from '#documents/finalityClause';
import { formatCalendarDate } from '#documents/polishDates';
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

  /** A copy of the signed decision with the finality clause, once it is final (printed and signed by hand). */
  'decisions.finalityCopy': async (ctx, { id }) => {
    const user = requireUser(ctx);
    const d = getDecision(ctx.store, id);
    if (!d || !visible(ctx, user, d)) throw fail('DECISION_NOT_FOUND');
    const f = decisionFinalityOf(ctx, d);
    const number = d.number ?? '?';
    if (!f || !d.signedPdfSha256) throw fail('FINALITY_NOT_A_DECISION');
    if (f.status !== 'final' || f.finalOn === null) throw fail('FINALITY_NOT_YET', { number, status: ui.finality.statuses[f.status] });
    const c = getCase(ctx.store, d.caseId);
    const signed = await storedFile(ctx, d.signedPdfSha256, 'decyzja.pdf', 'application/pdf');
    const bytes = await renderFinalityCopy(await loadPdf(signed.bytes), {
      office: readSettings(ctx.store).office,
      decisionNumber: number,
      decisionTitle: decisionType(d.typeCode)?.name ?? d.typeCode,
      caseSign: c ? caseLabel(c) : '?',
      finalOn: f.finalOn,
      basis: f.parties.every((p) => p.waivedOn !== null)
        ? 'Wszystkie strony zrzekły się prawa do wniesienia odwołania (art. 127a k.p.a.).'
        : 'W terminie nie wniesiono odwołania (art. 129 § 2 k.p.a.).',
      parties: f.parties.map((p) => ({ name: p.name, detail: standingText(p) })),
      issuedByName: user.fullName,
      issuedByPosition: user.position,
      issuedAt: ctx.clock().toISOString(),
    });
    // Issuing the clause is an act in the case: its metryka says who did, and with which day.
    execute(ctx, user, issueFinalityClause, { decisionId: d.id, finalOn: f.finalOn });
    ctx.store.changed();
    return { fileName: `decyzja-${number.replace('/', '-')}-klauzula-ostatecznosci.pdf`, mime: 'application/pdf', bytes };
  },
} satisfies Handlers<'decisions.markAppeal' | 'decisions.appealable' | 'decisions.terms' | 'decisions.finalityCopy'>;

/** One party's line in the clause: how the decision reached them and how their period ended. */
function standingText(p: DecisionFinality['parties'][number]): string {
  const parts: string[] = [];
  if (p.deliveredOn) parts.push(`${p.deemed ? 'doręczenie uznane' : 'doręczono'} ${formatCalendarDate(p.deliveredOn)} r.${p.basis ? ` (${p.basis})` : ''}`);
  if (p.waivedOn) parts.push(`zrzeczenie się prawa do odwołania ${formatCalendarDate(p.waivedOn)} r.`);
  else if (p.appealEnd) parts.push(`termin na odwołanie upłynął ${formatCalendarDate(p.appealEnd)} r.`);
  for (const a of p.lateAppeals) parts.push(`odwołanie ${a.label} wniesione po terminie`);
  return parts.join('; ');
}
