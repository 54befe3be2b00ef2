/**
 * An e-mail file turned into a registration ready to confirm: the message rendered as the
 * letter's first file, its documents staged as scans (signed PDFs verified as any scan is),
 * the sender found by address, and a warning when this very message was registered already.
 */
import type { Ctx } from '#core/services/context';
import type { MailDraft } from '#core/contract';
import { readMailMessage, type MailMessage } from '#core/intake/mailMessage';
import { sniffMime } from '#core/scans/inspect';
import { stageScan } from '#core/scans/handlers';
import { findDuplicates } from '#core/intake/handlers';
import { toParty } from '#core/parties/handlers';
import { renderMailMessage } from '#documents/mailMessage';
import { partiesWithEmail } from '#db/partyRepo';

const EXCERPT_CHARS = 600;

const memory = (bytes: Uint8Array) => ({ size: bytes.byteLength, bytes: () => bytes });

/** The attachment names a message lists, those of messages attached to it included. */
function namesOf(m: MailMessage): string[] {
  return [...m.attachments.map((a) => a.fileName), ...m.attached.map((x, i) => `wiadomość załączona ${String(i + 1)}: ${x.subject || '(bez tematu)'}`)];
}

async function stageMessage(ctx: Ctx, m: MailMessage, sourceName: string, pdfName: string, out: Pick<MailDraft, 'scans' | 'skipped'>): Promise<void> {
  const pdf = await renderMailMessage({ fromName: m.fromName, fromAddress: m.fromAddress, to: m.to, subject: m.subject, sentAt: m.sentAt, messageId: m.messageId, text: m.text, attachmentNames: namesOf(m), sourceName });
  out.scans.push(await stageScan(ctx, pdfName, memory(pdf)));
  for (const a of m.attachments) {
    if (a.inline) {
      out.skipped.push({ fileName: a.fileName, reason: 'obraz w treści wiadomości (np. logo w podpisie)' });
      continue;
    }
    if (a.bytes.byteLength === 0) {
      out.skipped.push({ fileName: a.fileName, reason: 'pusty plik' });
      continue;
    }
    if (sniffMime(a.bytes) === null) {
      out.skipped.push({ fileName: a.fileName, reason: `to nie PDF ani obraz (${a.mime}): zapisz go z programu pocztowego i dołącz do sprawy po przekształceniu do PDF` });
      continue;
    }
    out.scans.push(await stageScan(ctx, a.fileName, memory(a.bytes)));
  }
  for (const [i, inner] of m.attached.entries()) await stageMessage(ctx, inner, sourceName, `${pdfName.replace(/\.pdf$/, '')}-zalaczona-${String(i + 1)}.pdf`, out);
}

export async function mailDraft(ctx: Ctx, fileName: string, bytes: Uint8Array): Promise<MailDraft> {
  const m = await readMailMessage(bytes);
  const out: Pick<MailDraft, 'scans' | 'skipped'> = { scans: [], skipped: [] };
  await stageMessage(ctx, m, fileName, 'wiadomosc-e-mail.pdf', out);
  const sender = m.fromAddress ? (partiesWithEmail(ctx.store, m.fromAddress)[0] ?? null) : null;
  const text = m.text.replace(/\s+/g, ' ').trim();
  return {
    format: m.format,
    messageId: m.messageId,
    fromName: m.fromName,
    fromAddress: m.fromAddress,
    subject: m.subject.slice(0, 1000),
    sentAt: m.sentAt,
    excerpt: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text,
    sender: sender ? toParty(sender) : null,
    scans: out.scans,
    skipped: out.skipped,
    duplicates: m.messageId ? findDuplicates(ctx, { senderId: null, senderReference: null, sha256s: [], externalId: m.messageId }) : [],
  };
}
