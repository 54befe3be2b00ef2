/**
 * An e-mail saved as a file — an `.eml` (RFC 5322 with MIME) or an Outlook `.msg` — read into
 * what registration needs: who sent it, when, the subject, the text, and the attached files.
 *
 * Parsing is the libraries' (mailparser: every charset and transfer encoding Polish mail uses,
 * through iconv-lite, and encoded-words in headers; @kenjiuno/msgreader for Outlook's compound
 * files). Ours is only what to take from them, and bounds: a message is read whole in memory,
 * so its size, its number of parts and the depth of messages attached to messages are capped
 * before a crafted file can make the process work without end.
 */
import * as msgReaderModule from '@kenjiuno/msgreader/lib/MsgReader';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { convert as htmlToText } from 'html-to-text';
import { fail } from '#core/errors';

// The package is CommonJS compiled from TypeScript: Node's ESM loader hands over its exports
// object as the default, a bundler the class itself.
const MsgReader = (msgReaderModule.default as unknown as { default?: typeof msgReaderModule.default }).default ?? msgReaderModule.default;
type MsgReader = InstanceType<typeof MsgReader>;

/** A message larger than this is refused: mail servers stop far below (25–50 MB). */
export const MAIL_MAX_BYTES = 64 * 1024 * 1024;
/** Attachments (with those of attached messages) a message may carry. */
export const MAIL_MAX_PARTS = 200;
/** Messages attached to messages attached to … are read this deep. */
export const MAIL_MAX_DEPTH = 3;
/** HTML longer than this is not turned into text (html-to-text is superlinear on crafted markup). */
const MAX_HTML_CHARS = 2_000_000;

export type MailAttachment = {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  /** An image the HTML shows in its text (a logo in a signature): not a document of the letter. */
  inline: boolean;
};

export type MailMessage = {
  format: 'eml' | 'msg';
  /** The Message-ID without angle brackets: the same message registered twice is recognised by it. */
  messageId: string | null;
  fromName: string | null;
  fromAddress: string | null;
  to: string[];
  subject: string;
  /** When it was sent (its Date header), ISO 8601; null when the message carries none. */
  sentAt: string | null;
  text: string;
  attachments: MailAttachment[];
  /** Messages attached to this one (forwarded as attachments), read the same way. */
  attached: MailMessage[];
};

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isCompoundFile(b: Uint8Array): boolean {
  return CFB_MAGIC.every((x, i) => b[i] === x);
}

/** An RFC 5322 message starts with header fields; a PDF or a picture renamed .eml does not. */
function looksLikeMail(b: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(b.subarray(0, 64 * 1024));
  const end = head.search(/\r?\n\r?\n/);
  const headers = end < 0 ? head : head.slice(0, end);
  if (!/^[\x21-\x39\x3b-\x7e]+:/.test(headers)) return false;
  return /^(from|subject|message-id|date|mime-version|received|return-path|to):/im.test(headers);
}

function stripBrackets(id: string | undefined): string | null {
  const t = id?.trim().replace(/^<|>$/g, '') ?? '';
  return t === '' ? null : t;
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): { name: string | null; address: string | null } {
  const v = (Array.isArray(a) ? a[0] : a)?.value[0];
  return { name: v?.name.trim() || null, address: v?.address?.trim().toLowerCase() || null };
}

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.flatMap((v) => (v.address ? [v.address.toLowerCase()] : [])));
}

type Budget = { parts: number };

function spend(budget: Budget, n: number) {
  budget.parts += n;
  if (budget.parts > MAIL_MAX_PARTS) throw fail('MAIL_TOO_MANY_PARTS', { max: MAIL_MAX_PARTS });
}

async function readEml(bytes: Uint8Array, depth: number, budget: Budget): Promise<MailMessage> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { maxHtmlLengthToParse: MAX_HTML_CHARS, skipTextToHtml: true, skipTextLinks: true, keepCidLinks: true });
  } catch {
    throw fail('MAIL_UNREADABLE');
  }
  spend(budget, parsed.attachments.length);
  const attachments: MailAttachment[] = [];
  const attached: MailMessage[] = [];
  for (const [i, a] of parsed.attachments.entries()) {
    const content = new Uint8Array(a.content);
    if (a.contentType === 'message/rfc822' && depth < MAIL_MAX_DEPTH) {
      attached.push(await readEml(content, depth + 1, budget));
      continue;
    }
    attachments.push({ fileName: a.filename?.trim() || `zalacznik-${String(i + 1)}`, mime: a.contentType, bytes: content, inline: a.related === true || (a.contentDisposition === 'inline' && a.cid !== undefined) });
  }
  const from = firstAddress(parsed.from);
  return {
    format: 'eml',
    messageId: stripBrackets(parsed.messageId),
    fromName: from.name,
    fromAddress: from.address,
    to: addresses(parsed.to),
    subject: parsed.subject?.trim() ?? '',
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    text: textOf(parsed),
    attachments,
    attached,
  };
}

/** The plain text part, or the HTML's text when the message has only HTML (as many mail programs send). */
function textOf(parsed: ParsedMail): string {
  const text = (parsed.text ?? '').trim();
  return text !== '' || typeof parsed.html !== 'string' ? text : htmlText(parsed.html);
}

function htmlText(html: string): string {
  if (html.length > MAX_HTML_CHARS) return '';
  return htmlToText(html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }, { selector: 'a', options: { ignoreHref: true } }] }).trim();
}

function msgDate(s: string | undefined): string | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function readMsg(bytes: Uint8Array, depth: number, budget: Budget): MailMessage {
  let reader: MsgReader;
  let data: ReturnType<MsgReader['getFileData']>;
  try {
    reader = new MsgReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    data = reader.getFileData();
  } catch {
    throw fail('MAIL_UNREADABLE');
  }
  if (data.error || data.dataType !== 'msg') throw fail('MAIL_UNREADABLE');
  const parts = data.attachments ?? [];
  spend(budget, parts.length);
  const attachments: MailAttachment[] = [];
  const attached: MailMessage[] = [];
  for (const [i, a] of parts.entries()) {
    if (a.innerMsgContent && a.innerMsgContentFields) {
      // An Outlook item attached to an Outlook item: its fields are read with the outer file.
      if (depth < MAIL_MAX_DEPTH) attached.push(msgFields(a.innerMsgContentFields, [], []));
      continue;
    }
    let file: { fileName: string; content: Uint8Array };
    try {
      file = reader.getAttachment(a);
    } catch {
      throw fail('MAIL_UNREADABLE');
    }
    attachments.push({ fileName: (a.fileName ?? a.fileNameShort ?? file.fileName).trim() || `zalacznik-${String(i + 1)}`, mime: a.attachMimeTag ?? 'application/octet-stream', bytes: file.content, inline: a.attachmentHidden === true || Boolean(a.pidContentId) });
  }
  return msgFields(data, attachments, attached);
}

function msgFields(data: ReturnType<MsgReader['getFileData']>, attachments: MailAttachment[], attached: MailMessage[]): MailMessage {
  // The Internet headers Outlook kept, when the message came from outside, carry the Message-ID.
  const messageId = /^message-id:\s*(.+)$/im.exec(data.headers ?? '')?.[1];
  const address = (data.senderSmtpAddress ?? data.senderEmail ?? '').trim().toLowerCase();
  return {
    format: 'msg',
    messageId: stripBrackets(messageId),
    fromName: data.senderName?.trim() || null,
    fromAddress: address.includes('@') ? address : null,
    to: (data.recipients ?? []).flatMap((r) => (r.smtpAddress ?? r.email ?? '').includes('@') ? [(r.smtpAddress ?? r.email ?? '').toLowerCase()] : []),
    subject: data.subject?.trim() ?? '',
    sentAt: msgDate(data.clientSubmitTime) ?? msgDate(data.messageDeliveryTime),
    text: (data.body ?? '').trim() || htmlText(data.bodyHtml ?? ''),
    attachments,
    attached,
  };
}

/** Reads an e-mail file; refuses in Polish what is not one, is damaged, or is beyond the bounds. */
export async function readMailMessage(bytes: Uint8Array): Promise<MailMessage> {
  if (bytes.byteLength > MAIL_MAX_BYTES) throw fail('MAIL_TOO_LARGE', { maxMb: MAIL_MAX_BYTES / 1024 / 1024 });
  const budget = { parts: 0 };
  if (isCompoundFile(bytes)) return readMsg(bytes, 0, budget);
  if (!looksLikeMail(bytes)) throw fail('MAIL_NOT_A_MESSAGE');
  return readEml(bytes, 0, budget);
}
