/**
 * An electronic letter saved as a file — an e-mail (.eml, .msg) or an ePUAP document (its XML
 * form) — turned into a registration ready to confirm: the letter itself rendered as its first
 * file, its documents staged as scans (signed PDFs verified as any scan is, the form's XAdES
 * signature verified), the sender found, and a warning when this very message was registered.
 */
import type { Ctx } from '#core/services/context';
import type { MessageDraft, PartyInput } from '#core/contract';
import { readMailMessage, type MailMessage } from '#core/intake/mailMessage';
import { isEpuapReceipt, readEpuapDocument, readEpuapReceipt, type EpuapSender } from '#core/intake/epuapDocument';
import { looksLikeXml } from '#core/intake/xmlFields';
import { sniffMime } from '#core/scans/inspect';
import { stageScan } from '#core/scans/handlers';
import { findDuplicates } from '#core/intake/handlers';
import { toParty } from '#core/parties/handlers';
import { readSettings } from '#core/admin/settings';
import { renderMailMessage } from '#documents/mailMessage';
import { findPartyByIdentifier, partiesWithElectronicAddress, partiesWithEmail, type PartyRow } from '#db/partyRepo';
import { looksLikeZip, readEdoreczeniaMessage } from '#core/intake/edoreczeniaMessage';
import { formatDateTime } from '#core/time';

const EXCERPT_CHARS = 600;

const memory = (bytes: Uint8Array) => ({ size: bytes.byteLength, bytes: () => bytes });

type Staged = Pick<MessageDraft, 'scans' | 'skipped'>;

/** The documents among a letter's attachments become scans; the rest is listed with why not. */
async function stageAttachments(ctx: Ctx, attachments: readonly { fileName: string; mime: string; bytes: Uint8Array; inline?: boolean }[], out: Staged): Promise<void> {
  for (const a of attachments) {
    if (a.inline === true) out.skipped.push({ fileName: a.fileName, reason: 'obraz w treści wiadomości (np. logo w podpisie)' });
    else if (a.bytes.byteLength === 0) out.skipped.push({ fileName: a.fileName, reason: 'pusty plik' });
    else if (sniffMime(a.bytes) === null) out.skipped.push({ fileName: a.fileName, reason: `to nie PDF ani obraz (${a.mime}): zapisz go i dołącz do sprawy po przekształceniu do PDF` });
    else out.scans.push(await stageScan(ctx, a.fileName, memory(a.bytes)));
  }
}

/** The attachment names a message lists, those of messages attached to it included. */
function namesOf(m: MailMessage): string[] {
  return [...m.attachments.map((a) => a.fileName), ...m.attached.map((x, i) => `wiadomość załączona ${String(i + 1)}: ${x.subject || '(bez tematu)'}`)];
}

async function stageMessage(ctx: Ctx, m: MailMessage, sourceName: string, pdfName: string, out: Staged): Promise<void> {
  const pdf = await renderMailMessage({ heading: 'Wiadomość e-mail', fromName: m.fromName, fromAddress: m.fromAddress, to: m.to, subject: m.subject, sentAt: m.sentAt, messageId: m.messageId, text: m.text, attachmentNames: namesOf(m), sourceName });
  out.scans.push(await stageScan(ctx, pdfName, memory(pdf)));
  await stageAttachments(ctx, m.attachments, out);
  for (const [i, inner] of m.attached.entries()) await stageMessage(ctx, inner, sourceName, `${pdfName.replace(/\.pdf$/, '')}-zalaczona-${String(i + 1)}.pdf`, out);
}

const excerpt = (text: string) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > EXCERPT_CHARS ? `${t.slice(0, EXCERPT_CHARS)}…` : t;
};

async function mailDraft(ctx: Ctx, fileName: string, bytes: Uint8Array): Promise<MessageDraft> {
  const m = await readMailMessage(bytes);
  const out: Staged = { scans: [], skipped: [] };
  await stageMessage(ctx, m, fileName, 'wiadomosc-e-mail.pdf', out);
  const sender = m.fromAddress ? (partiesWithEmail(ctx.store, m.fromAddress)[0] ?? null) : null;
  return {
    format: m.format,
    channel: 'email',
    receivedAt: null,
    signatures: [],
    messageId: m.messageId,
    fromName: m.fromName,
    fromAddress: m.fromAddress,
    subject: m.subject.slice(0, 1000),
    sentAt: m.sentAt,
    excerpt: excerpt(m.text),
    sender: sender ? toParty(sender) : null,
    senderDetails: null,
    scans: out.scans,
    skipped: out.skipped,
    duplicates: m.messageId ? findDuplicates(ctx, { senderId: null, senderReference: null, sha256s: [], externalId: m.messageId }) : [],
  };
}

/** The register's party for an ePUAP sender: by PESEL or NIP first (they identify), else by e-mail. */
function knownSender(ctx: Ctx, s: EpuapSender | null): PartyRow | null {
  if (!s) return null;
  if (s.pesel || s.nip) {
    const found = findPartyByIdentifier(ctx.store, { pesel: s.pesel, nip: s.nip });
    if (found) return found;
  }
  return s.email ? (partiesWithEmail(ctx.store, s.email)[0] ?? null) : null;
}

function partyInputOf(s: EpuapSender): PartyInput {
  return s.kind === 'person'
    ? { kind: 'person', firstName: s.firstName ?? undefined, lastName: s.lastName ?? s.name, pesel: s.pesel ?? undefined, street: s.street ?? undefined, postalCode: s.postalCode ?? undefined, city: s.city ?? undefined, email: s.email ?? undefined }
    : { kind: 'company', name: s.name, nip: s.nip ?? undefined, regon: s.regon ?? undefined, street: s.street ?? undefined, postalCode: s.postalCode ?? undefined, city: s.city ?? undefined, email: s.email ?? undefined };
}

async function epuapDraft(ctx: Ctx, fileName: string, bytes: Uint8Array): Promise<MessageDraft> {
  const d = await readEpuapDocument(bytes, { trustedRoots: readSettings(ctx.store).trustedRootsPem });
  const out: Staged = { scans: [], skipped: [] };
  const dated = d.dated && !Number.isNaN(new Date(d.dated).getTime()) ? new Date(d.dated).toISOString() : null;
  const pdf = await renderMailMessage({
    heading: 'Dokument elektroniczny (ePUAP)',
    fromName: d.sender ? [d.sender.name, d.sender.pesel ? `PESEL ${d.sender.pesel}` : null, d.sender.nip ? `NIP ${d.sender.nip}` : null].filter(Boolean).join(', ') : null,
    fromAddress: d.sender?.email ?? null,
    to: [],
    subject: d.title,
    sentAt: dated,
    messageId: null,
    text: d.text,
    attachmentNames: d.attachments.map((a) => a.fileName),
    signatures: d.signatures.map((s) => s.summary),
    sourceName: fileName,
    // The form itself, as signed, goes inside: what proves what was sent (its signature covers the XML, not our PDF).
    original: { fileName, mime: 'application/xml', bytes },
  });
  out.scans.push(await stageScan(ctx, 'dokument-epuap.pdf', memory(pdf)));
  await stageAttachments(ctx, d.attachments, out);
  const sender = knownSender(ctx, d.sender);
  return {
    format: 'epuap',
    channel: 'epuap',
    receivedAt: null,
    signatures: d.signatures.map((s) => ({ intact: s.intact, trusted: s.trusted, summary: s.summary })),
    messageId: null,
    fromName: d.sender?.name ?? null,
    fromAddress: d.sender?.email ?? null,
    subject: (d.title || d.text.slice(0, 200)).slice(0, 1000),
    sentAt: dated,
    excerpt: excerpt(d.text),
    sender: sender ? toParty(sender) : null,
    senderDetails: sender === null && d.sender ? partyInputOf(d.sender) : null,
    scans: out.scans,
    skipped: out.skipped,
    duplicates: [],
  };
}

async function edoreczeniaDraft(ctx: Ctx, fileName: string, bytes: Uint8Array): Promise<MessageDraft> {
  const m = await readEdoreczeniaMessage(bytes, { trustedRoots: readSettings(ctx.store).trustedRootsPem });
  const out: Staged = { scans: [], skipped: [] };
  const evidenceLines = m.evidence.map((e) => `${e.title}${e.at ? ` z ${formatDateTime(e.at)}` : ''}: ${e.signatures.map((s) => s.summary).join(' ') || 'bez pieczęci dostawcy'}`);
  const pdf = await renderMailMessage({
    heading: 'Wiadomość e-Doręczeń',
    fromName: m.senderName,
    fromAddress: m.senderAddress,
    to: [],
    subject: m.subject,
    sentAt: m.sentAt,
    messageId: m.messageId,
    text: m.text,
    attachmentNames: [...m.attachments.map((a) => a.fileName), ...m.evidence.map((e) => `${e.fileName} (${e.title})`)],
    signatures: [...m.signatures.map((s) => s.summary), ...evidenceLines],
    sourceName: fileName,
    // The mailbox's ZIP as downloaded, evidence and all, goes inside byte for byte.
    original: { fileName, mime: 'application/zip', bytes },
  });
  out.scans.push(await stageScan(ctx, 'wiadomosc-e-doreczen.pdf', memory(pdf)));
  await stageAttachments(ctx, m.attachments, out);
  const sender = m.senderAddress ? (partiesWithElectronicAddress(ctx.store, m.senderAddress)[0] ?? null) : null;
  return {
    format: 'edoreczenia',
    channel: 'edoreczenia',
    receivedAt: m.receivedAt,
    signatures: [...m.signatures, ...m.evidence.flatMap((e) => e.signatures.map((s) => ({ ...s, summary: `${e.title}: ${s.summary}` })))].map((s) => ({ intact: s.intact, trusted: s.trusted, summary: s.summary })),
    messageId: m.messageId,
    fromName: m.senderName,
    fromAddress: m.senderAddress,
    subject: (m.subject || m.text.slice(0, 200)).slice(0, 1000),
    sentAt: m.sentAt,
    excerpt: excerpt(m.text),
    sender: sender ? toParty(sender) : null,
    senderDetails: sender === null && m.senderName ? { kind: 'company', name: m.senderName, electronicAddress: m.senderAddress ?? undefined } : null,
    scans: out.scans,
    skipped: out.skipped,
    duplicates: m.messageId ? findDuplicates(ctx, { senderId: null, senderReference: null, sha256s: [], externalId: m.messageId }) : [],
  };
}

/** A UPP dropped with its document: the time of filing it states, and the sealed file kept as a PDF. */
async function receiptDraft(ctx: Ctx, fileName: string, bytes: Uint8Array): Promise<MessageDraft> {
  const r = await readEpuapReceipt(bytes, { trustedRoots: readSettings(ctx.store).trustedRootsPem });
  // A broken seal proves no time of filing: the clerk keeps the time they see.
  const sealed = r.signatures.length > 0 && r.signatures.every((s) => s.intact);
  const pdf = await renderMailMessage({
    heading: 'Urzędowe poświadczenie przedłożenia (ePUAP)',
    fromName: r.senderName,
    fromAddress: null,
    to: r.box ? [r.box] : [],
    subject: `Poświadczenie przedłożenia dokumentu ${r.documentId ?? ''}`.trim(),
    sentAt: r.at,
    messageId: r.documentId,
    text: r.at ? `Dokument przedłożono ${formatDateTime(r.at)} — to data wniesienia pisma (art. 63 § 3a k.p.a.).` : 'Poświadczenie nie podaje daty przedłożenia.',
    attachmentNames: [],
    signatures: r.signatures.map((s) => s.summary),
    sourceName: fileName,
    original: { fileName, mime: 'application/xml', bytes },
  });
  return {
    format: 'epuap',
    channel: 'epuap',
    receivedAt: sealed ? r.at : null,
    signatures: r.signatures.map((s) => ({ intact: s.intact, trusted: s.trusted, summary: `UPP: ${s.summary}` })),
    messageId: null,
    fromName: r.senderName,
    fromAddress: null,
    subject: '',
    sentAt: null,
    excerpt: '',
    sender: null,
    senderDetails: null,
    scans: [await stageScan(ctx, 'upp-epuap.pdf', memory(pdf))],
    skipped: [],
    duplicates: [],
  };
}

export async function messageDraft(ctx: Ctx, fileName: string, bytes: Uint8Array): Promise<MessageDraft> {
  if (looksLikeZip(bytes)) return edoreczeniaDraft(ctx, fileName, bytes);
  if (looksLikeXml(bytes) && isEpuapReceipt(bytes)) return receiptDraft(ctx, fileName, bytes);
  return looksLikeXml(bytes) ? epuapDraft(ctx, fileName, bytes) : mailDraft(ctx, fileName, bytes);
}
