import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { IncomingRow, MethodArgs, User } from '#core/contract';
import { requireUser } from '#core/services/access';
import { visibleUnitIds } from '#core/services/scope';
import { channelLabels } from '#core/i18n/labels.pl';
import { formatDateTime, formatDate, warsawDate } from '#core/time';
import { readSettings } from '#core/admin/settings';
import { incomingRowOf, whereaboutsOf } from '#core/intake/handlers';
import { partyAddress } from '#core/parties/handlers';
import { csvLine, CSV_BOM } from '#core/text/csv';
import { warsawDayStartUtc, warsawNextDayStartUtc } from '#core/register/warsawDay';
import { countRegister, pageRegister, iterateRegister, type RegisterQuery, type RegisterRow } from '#db/correspondenceRepo';
import { renderIncomingRegister } from '#documents/incomingRegister';

type ListArgs = MethodArgs<'register.list'>;

/** Builds the store query from the UI filter, narrowed to what the user may see. */
export function registerQuery(ctx: Ctx, user: User, filter: ListArgs['filter'], sort: ListArgs['sort']): RegisterQuery {
  const visible = visibleUnitIds(ctx, user);
  let unitIds: string[] | null = filter.unitId ? [filter.unitId] : null;
  if (visible) unitIds = unitIds ? unitIds.filter((u) => visible.includes(u)) : visible;
  return {
    direction: 'in',
    fromUtc: filter.from ? warsawDayStartUtc(filter.from).toISOString() : null,
    toUtcExclusive: filter.to ? warsawNextDayStartUtc(filter.to).toISOString() : null,
    channel: filter.channel,
    unitIds,
    text: filter.text,
    includeCancelled: filter.includeCancelled,
    sortBy: sort.by,
    dir: sort.dir,
  };
}

export function toIncomingRow(r: RegisterRow): IncomingRow {
  return incomingRowOf(r.row, {
    unitSymbol: r.unitSymbol,
    senderAddress: partyAddress({ street: r.senderStreet, postalCode: r.senderPostalCode, city: r.senderCity }),
    scanCount: r.scanCount,
  });
}

const CSV_HEADER = ['Nr', 'Data wpływu', 'Nadawca', 'Adres nadawcy', 'Znak pisma nadawcy', 'Data pisma', 'Dotyczy', 'Kanał', 'Liczba załączników', 'Przydzielono', 'Nr nadania', 'Uwagi', 'Status'];

export const registerHandlers = {
  'register.list': (ctx, { filter, sort, offset, limit }) => {
    const user = requireUser(ctx);
    const q = registerQuery(ctx, user, filter, sort);
    return { total: countRegister(ctx.store, q), rows: pageRegister(ctx.store, q, offset, limit).map((r) => ({ ...toIncomingRow(r), whereabouts: whereaboutsOf(ctx, r.row.id) })) };
  },

  'register.csv': (ctx, { filter, sort }) => {
    const user = requireUser(ctx);
    const parts = [CSV_BOM, csvLine(CSV_HEADER)];
    for (const r of iterateRegister(ctx.store, registerQuery(ctx, user, filter, sort))) {
      const x = toIncomingRow(r);
      parts.push(
        csvLine([
          x.label,
          formatDateTime(new Date(x.receivedAt)),
          x.senderName,
          x.senderAddress,
          x.senderReference,
          x.letterDate ? formatDate(new Date(`${x.letterDate}T12:00:00Z`)) : null,
          x.subject,
          channelLabels[x.channel],
          x.attachmentsCount,
          x.unitSymbol,
          x.trackingNumber,
          x.remarks,
          x.status === 'cancelled' ? `anulowana: ${x.cancelReason ?? ''}` : 'zarejestrowana',
        ]),
      );
    }
    return { fileName: 'rejestr-przesylek-wplywajacych.csv', mime: 'text/csv; charset=utf-8', bytes: new TextEncoder().encode(parts.join('')) };
  },

  'register.pdf': async (ctx, { filter }) => {
    const user = requireUser(ctx);
    const settings = readSettings(ctx.store);
    const rows = [...iterateRegister(ctx.store, registerQuery(ctx, user, filter, { by: 'number', dir: 'asc' }))].map(toIncomingRow);
    const now = ctx.clock();
    const dates = rows.map((r) => warsawDate(new Date(r.receivedAt))).sort();
    const bytes = await renderIncomingRegister({
      office: settings.office,
      from: filter.from ?? dates[0] ?? warsawDate(now),
      to: filter.to ?? dates.at(-1) ?? warsawDate(now),
      rows: rows.map((r) => ({
        registerNumber: r.provisional ? `${r.label} (tymczasowy)` : r.label,
        receivedAt: r.receivedAt,
        senderName: r.senderName,
        senderAddress: r.senderAddress,
        senderReference: r.senderReference,
        letterDate: r.letterDate,
        subject: r.subject,
        channel: channelLabels[r.channel],
        attachmentCount: r.attachmentsCount,
        assignedTo: r.unitSymbol,
        trackingNumber: r.trackingNumber,
        remarks: r.remarks,
        cancellationReason: r.status === 'cancelled' ? (r.cancelReason ?? '') : null,
      })),
      generatedAt: now.toISOString(),
      generatedBy: user.fullName,
    });
    return { fileName: 'rejestr-przesylek-wplywajacych.pdf', mime: 'application/pdf', bytes };
  },
} satisfies Handlers<'register.list' | 'register.csv' | 'register.pdf'>;
