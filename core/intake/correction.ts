import type { LetterRecord } from '#core/commands/records';

// A correction of a registered letter (korekta wpisu), as one pure rule for the workstation and
// the server: which fields the correction sets, and what each was before. A field left out keeps
// its value; a field given as null clears it (where that is allowed: the contract says which).

export type CorrectableFields = Pick<LetterRecord, 'channel' | 'receivedAt' | 'senderId' | 'senderReference' | 'letterDate' | 'postmarkedOn' | 'postmarkOperator' | 'subject' | 'attachmentsCount' | 'trackingNumber' | 'remarks' | 'unitId'>;

export type Correction = { [K in keyof CorrectableFields]?: CorrectableFields[K] | undefined };

/** The letter's fields after the correction, and the changed ones with their before and after. */
export function correctedFields(r: CorrectableFields, ch: Correction): { next: CorrectableFields; changed: Record<string, { before: unknown; after: unknown }> } {
  const next: CorrectableFields = {
    channel: ch.channel ?? r.channel,
    receivedAt: ch.receivedAt !== undefined ? new Date(ch.receivedAt).toISOString() : r.receivedAt,
    senderId: ch.senderId ?? r.senderId,
    senderReference: ch.senderReference !== undefined ? ch.senderReference : r.senderReference,
    letterDate: ch.letterDate !== undefined ? ch.letterDate : r.letterDate,
    postmarkedOn: ch.postmarkedOn !== undefined ? ch.postmarkedOn : r.postmarkedOn,
    postmarkOperator: ch.postmarkOperator !== undefined ? ch.postmarkOperator : r.postmarkOperator,
    subject: ch.subject ?? r.subject,
    attachmentsCount: ch.attachmentsCount ?? r.attachmentsCount,
    trackingNumber: ch.trackingNumber !== undefined ? ch.trackingNumber : r.trackingNumber,
    remarks: ch.remarks !== undefined ? ch.remarks : r.remarks,
    unitId: ch.unitId ?? r.unitId,
  };
  // A posting day needs its operator and an operator without a day means nothing.
  if (next.postmarkedOn === null) next.postmarkOperator = null;
  else next.postmarkOperator ??= 'designated';
  const changed: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of Object.keys(next) as (keyof CorrectableFields)[]) {
    if (r[k] !== next[k]) changed[k] = { before: r[k], after: next[k] };
  }
  return { next, changed };
}
