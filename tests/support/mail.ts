/**
 * E-mails made by the tests, byte by byte, as Polish mail programs write them: in UTF-8,
 * ISO-8859-2 or Windows-1250, quoted-printable or base64, with encoded-words in headers — and
 * an Outlook .msg, burnt as a compound file with msgreader's own writer.
 */
import { burn } from '@kenjiuno/msgreader/lib/Burner';
import { TypeEnum } from '@kenjiuno/msgreader/lib/Reader';

export type Charset = 'utf-8' | 'iso-8859-2' | 'windows-1250';

const reverse = new Map<Charset, Map<string, number>>();

/** Text in a legacy charset, the table read from the platform's own decoder. */
export function encode(text: string, charset: Charset): Uint8Array {
  if (charset === 'utf-8') return new TextEncoder().encode(text);
  let table = reverse.get(charset);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(charset);
    for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
    reverse.set(charset, table);
  }
  const t = table;
  return new Uint8Array(Array.from(text, (ch) => {
    const b = t.get(ch);
    if (b === undefined) throw new Error(`${ch} is not in ${charset}`);
    return b;
  }));
}

/** Quoted-printable (RFC 2045 §6.7), soft line breaks under 76 characters. */
export function quotedPrintable(bytes: Uint8Array): string {
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x0a) {
      lines.push(line);
      line = '';
      continue;
    }
    if (b === 0x0d) continue;
    const piece = (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + piece.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += piece;
  }
  lines.push(line);
  return lines.join('\r\n');
}

export function base64Lines(bytes: Uint8Array): string {
  return (Buffer.from(bytes).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** An encoded-word (RFC 2047) for a header. */
export function encodedWord(text: string, charset: Charset, how: 'Q' | 'B'): string {
  const bytes = encode(text, charset);
  if (how === 'B') return `=?${charset.toUpperCase()}?B?${Buffer.from(bytes).toString('base64')}?=`;
  const q = [...bytes].map((b) => (b === 32 ? '_' : (b >= 33 && b <= 126 && b !== 61 && b !== 63 && b !== 95 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`))).join('');
  return `=?${charset.toUpperCase()}?Q?${q}?=`;
}

/** Header lines and a body joined with CRLF, as bytes. */
export function emlBytes(lines: string[]): Uint8Array {
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/**
 * A plain message as most mail programs write one: headers with encoded-words, the text in
 * quoted-printable in a legacy charset, and attachments in base64, in multipart/mixed.
 */
export function simpleMail(m: { fromName: string; fromAddress: string; subject: string; date: Date; messageId: string; text: string; attachments: { fileName: string; mime: string; bytes: Uint8Array }[] }, charset: Charset = 'iso-8859-2'): Uint8Array {
  return emlBytes([
    `From: ${encodedWord(m.fromName, charset, 'Q')} <${m.fromAddress}>`,
    `Subject: ${encodedWord(m.subject, charset, 'B')}`,
    `Date: ${m.date.toUTCString()}`,
    `Message-ID: <${m.messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    `Content-Type: text/plain; charset=${charset}`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(encode(m.text, charset)),
    ...m.attachments.flatMap((a) => ['--b', `Content-Type: ${a.mime}; name="${a.fileName}"`, `Content-Disposition: attachment; filename="${a.fileName}"`, 'Content-Transfer-Encoding: base64', '', base64Lines(a.bytes)]),
    '--b--',
  ]);
}

export type MsgAttachment = { fileName: string; bytes: Uint8Array };
export type MsgFields = { subject: string; senderName: string; senderEmail: string; body: string; messageId: string | null; sentAt: Date; attachments: MsgAttachment[] };

const utf16 = (s: string) => new Uint8Array(Buffer.from(`${s}\0`, 'utf16le'));
const FILETIME_EPOCH = 116444736000000000n;

/** Fixed-size properties: a header of `header` bytes, then 16 bytes each (tag, flags, value). */
function properties(header: number, entries: [tag: number, value: bigint][]): Uint8Array {
  const b = Buffer.alloc(header + entries.length * 16);
  entries.forEach(([tag, value], i) => {
    const o = header + i * 16;
    b.writeUInt32LE(tag, o);
    b.writeUInt32LE(6, o + 4); // readable and writable
    b.writeBigUInt64LE(value, o + 8);
  });
  return new Uint8Array(b);
}

/** An Outlook .msg (MS-OXMSG): subject, sender, body, the Internet headers and attachments. */
export function msgBytes(m: MsgFields): Uint8Array {
  type Node = { name: string; type: TypeEnum; data?: Uint8Array; children?: number[] };
  const nodes: Node[] = [{ name: 'Root Entry', type: TypeEnum.ROOT, children: [] }];
  const add = (parent: number, n: Node) => {
    nodes.push(n);
    nodes[parent]?.children?.push(nodes.length - 1);
    return nodes.length - 1;
  };
  const doc = (parent: number, name: string, data: Uint8Array) => add(parent, { name, type: TypeEnum.DOCUMENT, data });
  doc(0, '__substg1.0_0037001F', utf16(m.subject));
  doc(0, '__substg1.0_0C1A001F', utf16(m.senderName));
  doc(0, '__substg1.0_5D01001F', utf16(m.senderEmail));
  doc(0, '__substg1.0_1000001F', utf16(m.body));
  if (m.messageId) doc(0, '__substg1.0_007D001F', utf16(`Message-ID: <${m.messageId}>\r\nSubject: ${m.subject}\r\n`));
  doc(0, '__properties_version1.0', properties(32, [[0x00390040, BigInt(m.sentAt.getTime()) * 10000n + FILETIME_EPOCH]]));
  m.attachments.forEach((a, i) => {
    const dir = add(0, { name: `__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`, type: TypeEnum.DIRECTORY, children: [] });
    doc(dir, '__substg1.0_3707001F', utf16(a.fileName));
    doc(dir, '__substg1.0_37010102', a.bytes);
    doc(dir, '__properties_version1.0', properties(8, [[0x37050003, 1n]]));
  });
  return burn(nodes.map((n) => ({ name: n.name, type: n.type, length: n.data?.byteLength ?? 0, binaryProvider: n.data ? () => n.data ?? new Uint8Array() : undefined, children: n.children })));
}
