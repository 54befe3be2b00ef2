import { readFileSync } from 'node:fs';
import { isDomainError } from '#core/errors';
import { readMailMessage, type MailMessage } from '#core/intake/mailMessage';
import { readEpuapDocument, type EpuapDocument } from '#core/intake/epuapDocument';
import { looksLikeXml } from '#core/intake/xmlFields';
import { sniffMime } from '#core/scans/inspect';
import { readDeliveryEvidence, type DeliveryEvidence } from '#core/dispatch/deliveryEvidence';
import { looksLikeZip, readEdoreczeniaMessage, type EdoreczeniaMessage } from '#core/intake/edoreczeniaMessage';
import { verifyPdf } from '#signing/verify';
import { formatDateTime } from '#documents/polishDates';
import type { CliOutput } from './jrwaImportCommand.ts';

type AttachmentReport = { fileName: string; mime: string; size: number; taken: boolean; why: string | null; signatures: { signer: string | null; verdict: string; summary: string }[] };
type MessageReport = { format: MailMessage['format']; messageId: string | null; from: string | null; fromAddress: string | null; to: string[]; subject: string; sentAt: string | null; excerpt: string; attachments: AttachmentReport[]; attached: MessageReport[] };

async function report(m: MailMessage): Promise<MessageReport> {
  const attachments: AttachmentReport[] = [];
  for (const a of m.attachments) {
    const type = a.bytes.byteLength === 0 ? null : sniffMime(a.bytes);
    const why = a.inline ? 'obraz w treści wiadomości' : type === null ? 'nie PDF ani obraz' : null;
    // What a signed attachment says, checked offline and without the office's trusted roots.
    const signatures = type === 'application/pdf' && !a.inline ? (await verifyPdf(a.bytes, { trustedRoots: [], online: false })).signatures.map((s) => ({ signer: s.signerName ?? null, verdict: s.indication, summary: s.summary })) : [];
    attachments.push({ fileName: a.fileName, mime: a.mime, size: a.bytes.byteLength, taken: why === null, why, signatures });
  }
  const text = m.text.replace(/\s+/g, ' ').trim();
  return {
    format: m.format,
    messageId: m.messageId,
    from: m.fromName,
    fromAddress: m.fromAddress,
    to: m.to,
    subject: m.subject,
    sentAt: m.sentAt,
    excerpt: text.length > 300 ? `${text.slice(0, 300)}…` : text,
    attachments,
    attached: await Promise.all(m.attached.map(report)),
  };
}

function print(io: CliOutput, r: MessageReport, indent = ''): void {
  const line = (label: string, value: string) => io.out(`${indent}${label.padEnd(14)}${value}\n`);
  line('Rodzaj:', r.format === 'msg' ? 'wiadomość Outlook (.msg)' : 'wiadomość e-mail (.eml)');
  line('Od:', [r.from, r.fromAddress ? `<${r.fromAddress}>` : null].filter(Boolean).join(' ') || '—');
  line('Do:', r.to.join(', ') || '—');
  line('Wysłano:', r.sentAt ? formatDateTime(r.sentAt) : '—');
  line('Temat:', r.subject || '(bez tematu)');
  line('Message-ID:', r.messageId ?? '—');
  line('Treść:', r.excerpt || '(pusta)');
  io.out(`${indent}Załączniki (${String(r.attachments.length)}):\n`);
  for (const a of r.attachments) {
    io.out(`${indent}  ${a.taken ? '✓' : '–'} ${a.fileName} (${a.mime}, ${String(a.size)} B)${a.why ? ` — pominięty: ${a.why}` : ''}\n`);
    for (const s of a.signatures) io.out(`${indent}      podpis: ${s.summary}\n`);
  }
  r.attached.forEach((inner, i) => {
    io.out(`${indent}Wiadomość załączona ${String(i + 1)}:\n`);
    print(io, inner, `${indent}  `);
  });
}

function printDocument(io: CliOutput, d: EpuapDocument): void {
  const line = (label: string, value: string) => io.out(`${label.padEnd(14)}${value}\n`);
  const s = d.sender;
  line('Rodzaj:', 'dokument ePUAP (XML)');
  line('Tytuł:', d.title || '—');
  line('Data:', d.dated ?? '—');
  line('Nadawca:', s ? [s.name, s.pesel ? `PESEL ${s.pesel}` : null, s.nip ? `NIP ${s.nip}` : null, s.email].filter(Boolean).join(', ') : '—');
  line('Adres:', s ? [s.street, s.postalCode, s.city].filter(Boolean).join(' ') || '—' : '—');
  const text = d.text.replace(/\s+/g, ' ').trim();
  line('Treść:', text.length > 300 ? `${text.slice(0, 300)}…` : text || '(pusta)');
  io.out(`Załączniki (${String(d.attachments.length)}):\n`);
  for (const a of d.attachments) io.out(`  ${sniffMime(a.bytes) === null ? '–' : '✓'} ${a.fileName} (${a.mime}, ${String(a.bytes.byteLength)} B)\n`);
  io.out(`Podpisy XAdES (${String(d.signatures.length)}):\n`);
  for (const sig of d.signatures) io.out(`  ${sig.intact ? '✓' : '✗'} ${sig.summary}\n`);
}

function printMailbox(io: CliOutput, m: EdoreczeniaMessage): void {
  const line = (label: string, value: string) => io.out(`${label.padEnd(14)}${value}\n`);
  line('Rodzaj:', 'wiadomość e-Doręczeń (ZIP)');
  line('Od:', [m.senderName, m.senderAddress].filter(Boolean).join(', ') || '—');
  line('Wysłano:', m.sentAt ? formatDateTime(m.sentAt) : '—');
  line('Wpłynęło:', m.receivedAt ? `${formatDateTime(m.receivedAt)} (dowód otrzymania)` : '— (brak ważnego dowodu otrzymania)');
  line('Temat:', m.subject || '(bez tematu)');
  line('Identyfikator:', m.messageId ?? '—');
  const text = m.text.replace(/\s+/g, ' ').trim();
  line('Treść:', text.length > 300 ? `${text.slice(0, 300)}…` : text || '(pusta)');
  io.out(`Załączniki (${String(m.attachments.length)}):\n`);
  for (const a of m.attachments) io.out(`  ${sniffMime(a.bytes) === null ? '–' : '✓'} ${a.fileName} (${a.mime}, ${String(a.bytes.byteLength)} B)\n`);
  io.out(`Dowody (${String(m.evidence.length)}):\n`);
  for (const e of m.evidence) io.out(`  ${e.fileName}: ${e.title}${e.at ? `, ${formatDateTime(e.at)}` : ''} — ${e.signatures.map((s) => s.summary).join(' ') || 'bez pieczęci'}\n`);
}

function printEvidence(io: CliOutput, e: DeliveryEvidence): void {
  const line = (label: string, value: string) => io.out(`${label.padEnd(14)}${value}\n`);
  line('Rodzaj:', e.title);
  line('Zdarzenie:', { sent: 'pismo wysłane', received: 'pismo otrzymane przez adresata', 'not-delivered': 'pismo nieodebrane' }[e.event]);
  line('Czas:', e.at ? formatDateTime(e.at) : '—');
  line('Adresat:', e.recipient ?? '—');
  line('Identyfikatory:', e.identifiers.join(', ') || '—');
  line('Skróty treści:', e.digests.join(', ') || '—');
  io.out(`Pieczęcie/podpisy XAdES (${String(e.signatures.length)}):\n`);
  for (const sig of e.signatures) io.out(`  ${sig.intact ? '✓' : '✗'} ${sig.summary}\n`);
}

/**
 * What registration would take from an e-mail (.eml, .msg) or an ePUAP document (.xml)
 * (`kancelaria intake inspect`), without a profile and without saving anything: exit 0, or a
 * Polish reason and exit 2. Signatures are checked offline, without the office's trusted roots.
 */
export async function intakeInspectCommand(io: CliOutput, file: string, opts: { json: boolean }): Promise<number> {
  try {
    const bytes = new Uint8Array(readFileSync(file));
    if (looksLikeZip(bytes)) {
      const m = await readEdoreczeniaMessage(bytes, { trustedRoots: [] });
      const shown = { ...m, attachments: m.attachments.map((a) => ({ fileName: a.fileName, mime: a.mime, size: a.bytes.byteLength })), evidence: m.evidence.map(({ bytes: _bytes, ...e }) => e) };
      if (opts.json) io.out(`${JSON.stringify(shown, null, 2)}\n`);
      else printMailbox(io, m);
      return 0;
    }
    if (looksLikeXml(bytes)) {
      const d = await readEpuapDocument(bytes, { trustedRoots: [] }).catch((e: unknown) => {
        // Not a form: perhaps the provider's proof of delivery (e-Doręczenia dowód, ePUAP UPD).
        if (isDomainError(e) && e.code === 'EPUAP_NOT_A_DOCUMENT') return null;
        throw e;
      });
      if (d === null) {
        const ev = await readDeliveryEvidence(bytes, { trustedRoots: [] });
        if (opts.json) io.out(`${JSON.stringify(ev, null, 2)}\n`);
        else printEvidence(io, ev);
        return 0;
      }
      if (opts.json) io.out(`${JSON.stringify({ ...d, attachments: d.attachments.map((a) => ({ fileName: a.fileName, mime: a.mime, size: a.bytes.byteLength })) }, null, 2)}\n`);
      else printDocument(io, d);
      return 0;
    }
    const r = await report(await readMailMessage(bytes));
    if (opts.json) io.out(`${JSON.stringify(r, null, 2)}\n`);
    else print(io, r);
    return 0;
  } catch (e) {
    io.err(`${isDomainError(e) ? e.message : `Nie udało się odczytać pliku: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return 2;
  }
}
