import type { Handlers } from '#core/services/handlers';
import { requireUser } from '#core/services/access';
import { readSettings } from '#core/admin/settings';
import { ui } from '#core/i18n/ui.pl';
import { caseHandlers } from '#core/cases/handlers';
import { listUnits } from '#db/directory';
import { renderMetryka } from '#documents/metryka';

/** A case sign as a file name: `GK.6730.12.2026` stays as it is; anything a file system dislikes becomes `-`. */
function fileNamePart(label: string): string {
  return label.replace(/[^\p{L}\p{N}.-]+/gu, '-');
}

export const metrykaHandlers = {
  /**
   * The metryka sprawy as a PDF (KPA art. 66a; Rozporządzenie MAiC z 6 marca 2012 r.,
   * Dz.U. 2012 poz. 250): every action on the case and on the letters in its file.
   *
   * Whoever may open the case may print its metryka, nobody else: 'cases.get' applies that
   * check and gives the entries, so both always show the same list.
   */
  'cases.metrykaPdf': async (ctx, { id }) => {
    const user = requireUser(ctx);
    const detail = caseHandlers['cases.get'](ctx, { id });
    const unitName = listUnits(ctx.store).find((u) => u.id === detail.unitId)?.name ?? null;
    const bytes = await renderMetryka({
      office: readSettings(ctx.store).office,
      case: {
        sign: detail.label,
        title: detail.title,
        unit: { symbol: detail.unitSymbol, name: unitName },
        ownerName: detail.ownerName,
        startedOn: detail.startedOn,
        status: ui.caseView.statuses[detail.status],
      },
      entries: detail.metryka,
      generatedAt: ctx.clock().toISOString(),
      generatedBy: user.fullName,
    });
    return { fileName: `metryka-${fileNamePart(detail.label)}.pdf`, mime: 'application/pdf', bytes };
  },
} satisfies Handlers<'cases.metrykaPdf'>;
