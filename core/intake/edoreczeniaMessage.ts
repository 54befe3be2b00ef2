/**
 * A message received through e-Doręczenia, as the mailbox saves it for download: one ZIP with
 * the message's description (metadata, XML or JSON: subject, sender and its electronic address,
 * when it was sent, its identifier, its text), its attachments, and the provider's evidence
 * files (dowód wysłania, dowód otrzymania — XML sealed with XAdES).
 *
 * Mailboxes and integration boxes name the description's fields differently (English names of
 * the REST API, Polish ones of the exports): they are found by name, whatever the case, prefix or
 * nesting. The evidence says, sealed, when the message reached the office's box: that is the
 * date of filing (art. 61 §3a KPA with the e-Doręczenia act, art. 41).
 */
import { unzipSync } from 'fflate';
import { fail, isDomainError } from '#core/errors';
import { parseXml, safeXmlText, verifyXades, type XadesCheck } from '#signing/xades';
import { first, looksLikeXml, textOf } from '#core/intake/xmlFields';
import { readDeliveryEvidence, type DeliveryEvidence } from '#core/dispatch/deliveryEvidence';

/** A ZIP holding more than this (declared, unpacked) is not read: a mailbox export is a few MB. */
export const EDORECZENIA_MAX_BYTES = 64 * 1024 * 1024;
export const EDORECZENIA_MAX_FILES = 200;

export type EdoreczeniaMessage = {
  subject: string;
  sentAt: string | null;
  /** When the message reached the office's box, from the sealed dowód otrzymania; null without one. */
  receivedAt: string | null;
  messageId: string | null;
  senderName: string | null;
  /** AE:PL-… */
  senderAddress: string | null;
  text: string;
  attachments: { fileName: string; mime: string; bytes: Uint8Array }[];
  /** The provider's evidence files, read and verified, with their bytes. */
  evidence: (DeliveryEvidence & { fileName: string; bytes: Uint8Array })[];
  /** Signatures of the description itself, when it is signed XML. */
  signatures: XadesCheck[];
};

export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.byteLength > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const METADATA_NAMES = /(^|\/)(metadane|metadata|wiadomosc|wiadomość|message|koperta|envelope)\.(xml|json)$/i;

/** The value of the first key (any depth, any case) among `names` that holds text. */
function jsonField(value: unknown, names: readonly string[], depth = 0): string | null {
  if (depth > 6 || value === null || typeof value !== 'object') return null;
  const entries = Object.entries(value as Record<string, unknown>);
  for (const name of names) {
    for (const [k, v] of entries) {
      if (k.toLowerCase() !== name.toLowerCase()) continue;
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
      if (typeof v === 'number') return String(v);
    }
  }
  for (const [, v] of entries) {
    const inner = jsonField(v, names, depth + 1);
    if (inner !== null) return inner;
  }
  return null;
}

const FIELDS = {
  subject: ['subject', 'temat', 'tytul', 'tytuł', 'title'],
  sentAt: ['sentAt', 'sendDate', 'submissionTime', 'dataWyslania', 'dataNadania', 'czasWyslania'],
  messageId: ['messageId', 'messageIdentifier', 'identyfikatorWiadomosci', 'id'],
  senderName: ['senderName', 'nazwaNadawcy', 'name', 'nazwa'],
  senderAddress: ['senderAddress', 'senderElectronicAddress', 'adresNadawcy', 'electronicAddress', 'adresElektroniczny', 'address', 'adres'],
  text: ['content', 'body', 'text', 'tresc', 'treść'],
};

type Described = { subject: string | null; sentAt: string | null; messageId: string | null; senderName: string | null; senderAddress: string | null; text: string | null; signatures: XadesCheck[] };

async function describedBy(name: string, bytes: Uint8Array, trustedRoots: readonly string[]): Promise<Described> {
  if (name.toLowerCase().endsWith('.json')) {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      throw fail('EDORECZENIA_MALFORMED', { file: name });
    }
    const sender = (value as Record<string, unknown> | null)?.sender ?? (value as Record<string, unknown> | null)?.nadawca ?? value;
    return {
      subject: jsonField(value, FIELDS.subject),
      sentAt: jsonField(value, FIELDS.sentAt),
      messageId: jsonField(value, FIELDS.messageId),
      senderName: jsonField(sender, FIELDS.senderName),
      senderAddress: jsonField(sender, FIELDS.senderAddress),
      text: jsonField(value, FIELDS.text),
      signatures: [],
    };
  }
  const text = safeXmlText(bytes);
  const doc = text === null ? null : parseXml(text);
  if (!doc) throw fail('EDORECZENIA_MALFORMED', { file: name });
  const sender = first(doc, 'Nadawca', 'Sender', 'SenderDetails');
  return {
    subject: textOf(doc, 'Temat', 'Tytul', 'Subject', 'Title'),
    sentAt: textOf(doc, 'DataWyslania', 'DataNadania', 'SentAt', 'SubmissionTime'),
    messageId: textOf(doc, 'IdentyfikatorWiadomosci', 'MessageIdentifier', 'MessageId'),
    senderName: textOf(sender, 'Nazwa', 'Name', 'NazwaNadawcy'),
    senderAddress: textOf(sender, 'AdresElektroniczny', 'ElectronicAddress', 'Adres'),
    text: textOf(doc, 'Tresc', 'Body', 'Content'),
    signatures: await verifyXades(doc, { trustedRoots }),
  };
}

const MIME_OF: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', tif: 'image/tiff', tiff: 'image/tiff', xml: 'application/xml', txt: 'text/plain', html: 'text/html' };

function instant(text: string | null): string | null {
  if (!text) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Reads a mailbox's ZIP of one message; refuses in Polish what is not one, too large or broken. */
export async function readEdoreczeniaMessage(bytes: Uint8Array, opts: { trustedRoots: readonly string[] }): Promise<EdoreczeniaMessage> {
  if (!looksLikeZip(bytes)) throw fail('EDORECZENIA_NOT_ZIP');
  let files: Record<string, Uint8Array>;
  let declared = 0;
  let count = 0;
  try {
    // The sizes the ZIP declares bound what is unpacked (fflate fills buffers of that size only).
    files = unzipSync(bytes, {
      filter: (f) => {
        declared += f.originalSize;
        count += 1;
        if (declared > EDORECZENIA_MAX_BYTES || count > EDORECZENIA_MAX_FILES) throw fail('EDORECZENIA_TOO_LARGE');
        return !f.name.endsWith('/');
      },
    });
  } catch (e) {
    if (isDomainError(e)) throw e;
    throw fail('EDORECZENIA_MALFORMED', { file: 'ZIP' });
  }
  const names = Object.keys(files).filter((n) => !/(^|\/)(__MACOSX|\.)/.test(n)).sort();
  const metaName = names.find((n) => METADATA_NAMES.test(n));
  if (!metaName) throw fail('EDORECZENIA_NO_METADATA');
  const described = await describedBy(metaName, files[metaName] ?? new Uint8Array(), opts.trustedRoots);

  const evidence: EdoreczeniaMessage['evidence'] = [];
  const attachments: EdoreczeniaMessage['attachments'] = [];
  for (const name of names) {
    if (name === metaName) continue;
    const data = files[name] ?? new Uint8Array();
    const base = name.split('/').pop() ?? name;
    if (looksLikeXml(data)) {
      // An evidence file, or an attachment in XML (a signed form): the evidence reader tells.
      const ev = await readDeliveryEvidence(data, opts).catch((e: unknown) => {
        if (isDomainError(e) && (e.code === 'EVIDENCE_UNKNOWN' || e.code === 'EVIDENCE_IS_UPP')) return null;
        throw e;
      });
      if (ev) {
        evidence.push({ ...ev, fileName: base, bytes: data });
        continue;
      }
    }
    attachments.push({ fileName: base, mime: MIME_OF[base.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream', bytes: data });
  }
  // The box's own sealed word on when it arrived; a broken seal proves nothing.
  const received = evidence.filter((e) => e.event === 'received' && e.signatures.length > 0 && e.signatures.every((s) => s.intact) && e.at !== null).map((e) => e.at as string).sort()[0] ?? null;
  return {
    subject: described.subject ?? '',
    sentAt: instant(described.sentAt),
    receivedAt: received,
    messageId: described.messageId,
    senderName: described.senderName,
    senderAddress: described.senderAddress?.toUpperCase().startsWith('AE:PL-') ? described.senderAddress.toUpperCase() : described.senderAddress,
    text: described.text ?? '',
    attachments,
    evidence,
    signatures: described.signatures,
  };
}
