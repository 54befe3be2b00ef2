/**
 * Recording an electronic delivery from the provider's evidence file: the registry drops the
 * e-Doręczenia dowód or the ePUAP UPD the gateway saved, the letter it is about is found by
 * what the file names (the document's SHA-256, the register number the package carried, the
 * message's identifier kept as its tracking number), the seal is checked, and the delivery is
 * recorded by the engine's `recordDelivery` — the same command the hand-typed record uses —
 * with the file kept as a PDF carrying the XML inside.
 */
import type { Ctx } from '#core/services/context';
import type { DeliveryRecord } from '#core/contract';
import { fail } from '#core/errors';
import { execute } from '#core/services/execute';
import { requireRole, REGISTRY_ROLES } from '#core/services/access';
import { recordDelivery } from '#core/commands/delivery';
import { readSettings } from '#core/admin/settings';
import { stageScan } from '#core/scans/handlers';
import { storedDelivery } from '#core/decisions/finalityView';
import { labelOf } from '#core/intake/handlers';
import { warsawDate } from '#core/time';
import { readDeliveryEvidence, type DeliveryEvidence } from '#core/dispatch/deliveryEvidence';
import { renderMailMessage } from '#documents/mailMessage';
import { getParty } from '#db/partyRepo';
import { findByLabel, getCorrespondence, lettersWithFiles, outgoingByTracking, type CorrespondenceRow } from '#db/correspondenceRepo';

type ElectronicRecord = Extract<DeliveryRecord, { kind: 'electronic' }>;

/** Outgoing letters the evidence names, each once. */
function lettersNamedBy(ctx: Ctx, e: DeliveryEvidence): CorrespondenceRow[] {
  const found = new Map<string, CorrespondenceRow>();
  const add = (r: CorrespondenceRow | null | undefined) => {
    if (r?.direction === 'out') found.set(r.id, r);
  };
  for (const l of lettersWithFiles(ctx.store, e.digests)) add(getCorrespondence(ctx.store, l.id));
  for (const id of e.identifiers) {
    add(findByLabel(ctx.store, id));
    const tracking = id.replace(/\s+/g, '').toUpperCase();
    if (/^[A-Z0-9-]{6,40}$/.test(tracking)) for (const r of outgoingByTracking(ctx.store, tracking)) add(r);
  }
  return [...found.values()];
}

/**
 * One decision goes to every party as the same signed file, so its digest names each party's
 * letter: the evidence's channel and recipient (electronic address, or name on a UPD) tell them
 * apart. Narrowing stops where it would leave none.
 */
function narrowed(ctx: Ctx, e: DeliveryEvidence, letters: CorrespondenceRow[]): CorrespondenceRow[] {
  const fold = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const tests: ((r: CorrespondenceRow) => boolean)[] = [
    (r) => r.channel === e.source,
    (r) => {
      const party = getParty(ctx.store, r.senderId);
      const recipient = fold(e.recipient);
      return recipient !== '' && (fold(party?.electronicAddress) === recipient || fold(r.senderName) === recipient);
    },
  ];
  let out = letters;
  for (const test of tests) {
    if (out.length <= 1) break;
    const kept = out.filter(test);
    if (kept.length > 0) out = kept;
  }
  return out;
}

/** The electronic record after this evidence: what it proves added to what was known. */
function nextRecord(letter: CorrespondenceRow, e: DeliveryEvidence, day: string, ref: ElectronicRecord['evidence'][number]): ElectronicRecord {
  const stored = storedDelivery(letter.delivery);
  const prev = stored?.kind === 'electronic' ? stored : null;
  const evidence = [...(prev?.evidence ?? []).filter((x) => x.sha256 !== ref.sha256), ref];
  const sentBefore = prev?.sentOn ?? letter.dispatchedOn;
  if (e.event === 'sent') return { kind: 'electronic', sentOn: day, receivedOn: prev?.receivedOn ?? null, evidence };
  if (e.event === 'received') return { kind: 'electronic', sentOn: sentBefore && sentBefore <= day ? sentBefore : day, receivedOn: day, evidence };
  // Not taken from the box: delivery is deemed on the 14th day from sending (computed on read).
  if (!sentBefore) throw fail('EVIDENCE_NOT_DELIVERED_BEFORE_SENT', { label: labelOf(letter) });
  return { kind: 'electronic', sentOn: sentBefore, receivedOn: null, evidence };
}

/** Reads, checks and records one evidence file; the letter it was recorded for, and the evidence as kept. */
export async function importDeliveryEvidence(ctx: Ctx, fileName: string, bytes: Uint8Array, letterId: string | null): Promise<{ letterId: string; evidence: ElectronicRecord['evidence'][number]; already: boolean }> {
  const user = requireRole(ctx, REGISTRY_ROLES, 'potwierdzenie doręczenia');
  const e = await readDeliveryEvidence(bytes, { trustedRoots: readSettings(ctx.store).trustedRootsPem });
  if (e.signatures.length === 0) throw fail('EVIDENCE_UNSIGNED', { title: e.title });
  const broken = e.signatures.find((s) => !s.intact);
  if (broken) throw fail('EVIDENCE_SIGNATURE_INVALID', { title: e.title, summary: broken.summary });
  if (!e.at) throw fail('EVIDENCE_NO_TIME', { title: e.title });

  const candidates = narrowed(ctx, e, lettersNamedBy(ctx, e));
  const chosen = letterId === null ? candidates : candidates.filter((c) => c.id === letterId);
  if (chosen.length === 0) throw fail('EVIDENCE_NO_LETTER', { title: e.title, ids: [...e.identifiers, ...e.digests.map((d) => `SHA-256 ${d.slice(0, 12)}…`)].join(', ') || 'brak identyfikatorów' });
  if (chosen.length > 1) throw fail('EVIDENCE_AMBIGUOUS', { title: e.title, labels: chosen.map(labelOf).join(', ') });
  const letter = chosen[0] as CorrespondenceRow;

  const pdf = await renderMailMessage({
    heading: e.title,
    fromName: e.signatures.map((s) => s.signerName).filter(Boolean).join(', ') || null,
    fromAddress: null,
    to: e.recipient ? [e.recipient] : [],
    subject: `${labelOf(letter)} — ${letter.subject}`,
    sentAt: e.at,
    messageId: e.identifiers.join(', ') || null,
    text: [`Zdarzenie: ${e.title}, ${e.at}.`, `Pismo: ${labelOf(letter)} do ${letter.senderName}.`, ...e.digests.map((d) => `Skrót SHA-256 treści: ${d}`)].join('\n'),
    attachmentNames: [],
    signatures: e.signatures.map((s) => s.summary),
    sourceName: fileName,
    original: { fileName, mime: 'application/xml', bytes },
  });
  const staged = await stageScan(ctx, `${e.title}.pdf`, { size: pdf.byteLength, bytes: () => pdf });
  const ref = { sha256: staged.sha256, title: e.title, event: e.event, at: e.at, verdict: e.signatures.map((s) => s.summary).join(' ') };
  const stored = storedDelivery(letter.delivery);
  if (stored?.kind === 'electronic' && stored.evidence.some((x) => x.sha256 === ref.sha256)) return { letterId: letter.id, evidence: ref, already: true };
  execute(ctx, user, recordDelivery, { letterId: letter.id, record: nextRecord(letter, e, warsawDate(e.at), ref) });
  // An upload, not a command method: say the records moved, so open screens show the delivery.
  ctx.store.changed();
  return { letterId: letter.id, evidence: ref, already: false };
}
