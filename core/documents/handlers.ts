import type { Handlers } from '#core/services/handlers';
import type { IncomingDetail } from '#core/contract';
import { requireUser } from '#core/services/access';
import { readSettings } from '#core/admin/settings';
import { letterChannelLabel } from '#core/i18n/labels.pl';
import { incomingDetail, readableLetter } from '#core/intake/handlers';
import { formatStatusCode } from '#core/documents/statusCode';
import { renderReceipt } from '#documents/receipt';
import { renderLabel, renderLabelSheet, type LabelData } from '#documents/labels';

function labelData(officeShortName: string, d: IncomingDetail): LabelData {
  return { officeShortName, registerNumber: d.label, provisional: d.provisional, receivedAt: d.receivedAt, unitSymbol: d.unitSymbol };
}

/** File names people can keep: `potwierdzenie-RPW-12-2026.pdf`. */
function fileSafe(label: string): string {
  return label.replace(/[^\p{L}\p{N}.]+/gu, '-');
}

export const documentHandlers = {
  'documents.receipt': async (ctx, { id }) => {
    const user = requireUser(ctx);
    readableLetter(ctx, user, id);
    const d = incomingDetail(ctx, id);
    const office = readSettings(ctx.store).office;
    const bytes = await renderReceipt({
      office,
      registerNumber: d.label,
      provisional: d.provisional,
      receivedAt: d.receivedAt,
      channel: letterChannelLabel(d.direction, d.channel),
      senderName: d.senderName,
      senderAddress: d.senderAddress.replace(', ', '\n'),
      senderReference: d.senderReference,
      letterDate: d.letterDate,
      subject: d.subject,
      attachmentCount: d.attachmentsCount,
      statusCode: formatStatusCode(d.statusCode),
      registeredBy: d.registeredByName,
      generatedAt: ctx.clock().toISOString(),
    });
    return { fileName: `potwierdzenie-${fileSafe(d.label)}.pdf`, mime: 'application/pdf', bytes };
  },
  'documents.label': async (ctx, { id }) => {
    const user = requireUser(ctx);
    readableLetter(ctx, user, id);
    const bytes = await renderLabel(labelData(readSettings(ctx.store).office.shortName, incomingDetail(ctx, id)));
    return { fileName: `etykieta-${fileSafe(incomingDetail(ctx, id).label)}.pdf`, mime: 'application/pdf', bytes };
  },
  'documents.labelSheet': async (ctx, { ids, startAt }) => {
    const user = requireUser(ctx);
    const short = readSettings(ctx.store).office.shortName;
    const labels = ids.map((id) => {
      readableLetter(ctx, user, id);
      return labelData(short, incomingDetail(ctx, id));
    });
    const bytes = await renderLabelSheet(labels, { startAt });
    return { fileName: 'etykiety-A4.pdf', mime: 'application/pdf', bytes };
  },
} satisfies Handlers<'documents.receipt' | 'documents.label' | 'documents.labelSheet'>;
