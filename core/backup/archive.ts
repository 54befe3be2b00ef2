/**
 * The encrypted backup file (`*.kbak`) of a workstation or of the central server: what it holds
 * and how it is sealed. One format for both, so one reader proves both kinds of copy genuine.
 *
 * Layout: `KANCBAK1`, a clear header (format, time, which key) and then entries, each a
 * length and AES-256-GCM chunks of at most 1 MiB. Entry 0 is the manifest (the names and sizes
 * of the others: the database snapshot and every stored file), so nothing but the time and the
 * key's id is readable without the key. Every chunk is bound to the header, its entry, its
 * position and whether it is the entry's last (the additional data), so a flipped byte, a
 * swapped or cut-off piece, or another header is refused, and the refusal names the entry.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, writeSync, fstatSync } from 'node:fs';
import { CROCKFORD_ALPHABET, normaliseCrockford } from '#core/numbering/crockford';

const MAGIC = Buffer.from('KANCBAK1', 'ascii');
const CHUNK = 1024 * 1024;
const NONCE = 12;
const TAG = 16;

/** Whose copy it is: a workstation's profile or the server's database (older copies say nothing: a workstation's). */
export type BackupKind = 'workstation' | 'server';
export type BackupHeader = { format: 1; kind: BackupKind; createdAt: string; keyId: string; office: string };
export type ManifestEntry = { name: string; size: number };
/** What the copy holds: its entries, counts for the person reading the list, and (server) the schema it was taken at. */
export type Manifest = { entries: ManifestEntry[]; counts: Record<string, number>; schema?: { migrations: number; tables: string[] } };

/** A short public name of a key: which key a copy needs, without giving the key away. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('kancelaria-kopia-klucz').update(key).digest('hex').slice(0, 16);
}

// Crockford's base32: no I, L, O, U, so a phrase read aloud or typed from paper is unambiguous.
const ALPHABET = CROCKFORD_ALPHABET;

/**
 * The key as the administrator keeps it on paper: 52 base32 characters and 4 of checksum, in
 * groups of four. A mistyped character is caught by the checksum instead of "wrong key".
 */
export function recoveryPhrase(key: Buffer): string {
  const body = toBase32(key);
  const check = toBase32(createHash('sha256').update(key).digest().subarray(0, 3)).slice(0, 4);
  return `${body}${check}`.match(/.{1,4}/g)?.join('-') ?? '';
}

/** The key written in a phrase, or null when it is not a whole, correctly typed phrase. */
export function keyFromPhrase(phrase: string): Buffer | null {
  const text = normaliseCrockford(phrase);
  if (text?.length !== 56) return null;
  const key = fromBase32(text.slice(0, 52)).subarray(0, 32);
  return recoveryPhrase(key).replace(/-/g, '') === text ? key : null;
}

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET.charAt((value << (5 - bits)) & 31);
  return out;
}

function fromBase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text) {
    value = (value << 5) | ALPHABET.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

function additionalData(headerHash: Buffer, entry: number, chunk: number, last: boolean): Buffer {
  return Buffer.concat([headerHash, u32(entry), u32(chunk), Buffer.from([last ? 1 : 0])]);
}

/**
 * Where an entry's bytes come from while writing: a file on disk, bytes in memory, or (the
 * server's stored files) the database, read piece by piece.
 */
export type EntrySource = { size: number; read(position: number, into: Buffer): number | Promise<number> };

export function fileSource(fd: number): EntrySource {
  return { size: fstatSync(fd).size, read: (position, into) => readSync(fd, into, 0, into.length, position) };
}

export function bytesSource(bytes: Buffer): EntrySource {
  return { size: bytes.length, read: (position, into) => bytes.copy(into, 0, position, Math.min(bytes.length, position + into.length)) };
}

/**
 * Writes the archive to the open file `fd`: the header, the manifest, then each entry from its
 * source. `onChunk` sees every plain chunk of entry i (to hash a file while it is sealed).
 */
export async function writeArchive(fd: number, key: Buffer, header: BackupHeader, manifest: Manifest, sources: EntrySource[], onChunk?: (entry: number, plain: Buffer) => void): Promise<void> {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const headerHash = createHash('sha256').update(headerBytes).digest();
  writeSync(fd, Buffer.concat([MAGIC, u32(headerBytes.length), headerBytes]));
  const all = [bytesSource(Buffer.from(JSON.stringify(manifest), 'utf8')), ...sources];
  const buffer = Buffer.alloc(CHUNK);
  for (const [entry, source] of all.entries()) {
    writeSync(fd, u64(source.size));
    const chunks = Math.max(1, Math.ceil(source.size / CHUNK));
    for (let i = 0; i < chunks; i++) {
      const length = Math.min(CHUNK, source.size - i * CHUNK);
      const got = length === 0 ? 0 : await source.read(i * CHUNK, buffer.subarray(0, length));
      // A file that shrank while it was copied would leave a hole: refuse rather than seal zeros.
      if (got !== length) throw new Error(`entry ${String(entry)} shorter than its size`);
      const plain = buffer.subarray(0, length);
      onChunk?.(entry, plain);
      const nonce = randomBytes(NONCE);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(additionalData(headerHash, entry, i, i === chunks - 1));
      const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
      writeSync(fd, Buffer.concat([u32(length), nonce, sealed, cipher.getAuthTag()]));
      await yieldToOthers();
    }
  }
}

/**
 * Writes a whole archive to a new file at `path` (this account only, synced to disk before it
 * is closed) and returns the SHA-256 of every entry from `hashFrom` on (entry 1 is the first
 * source): the stored files, whose bytes must still match their names.
 */
export async function writeArchiveFile(path: string, key: Buffer, header: BackupHeader, manifest: Manifest, sources: EntrySource[], hashFrom: number): Promise<Map<number, string>> {
  const fd = openSync(path, 'w', 0o600);
  const hashes = new Map<number, Hash>();
  try {
    await writeArchive(fd, key, header, manifest, sources, (entry, plain) => {
      if (entry < hashFrom) return;
      const h = hashes.get(entry) ?? createHash('sha256');
      hashes.set(entry, h);
      h.update(plain);
    });
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const empty = createHash('sha256').digest('hex');
  return new Map(sources.map((_, i) => i + 1).filter((entry) => entry >= hashFrom).map((entry) => [entry, hashes.get(entry)?.digest('hex') ?? empty]));
}

/**
 * Lets the process answer others between two chunks: a copy made by the backend itself must
 * not freeze the window for the minutes a large office's scans take.
 */
function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Why an archive cannot be read: a code for the caller and the entry it concerns (-1: the file itself). */
export class ArchiveError extends Error {
  constructor(
    readonly reason: 'not-a-backup' | 'wrong-key' | 'damaged' | 'truncated',
    readonly entry: number,
  ) {
    super(`${reason} at entry ${String(entry)}`);
  }
}

/** Reads the clear header only (listing copies needs no key). */
export function readHeader(fd: number): { header: BackupHeader; offset: number } {
  const start = Buffer.alloc(12);
  if (readSync(fd, start, 0, 12, 0) !== 12 || !start.subarray(0, 8).equals(MAGIC)) throw new ArchiveError('not-a-backup', -1);
  const length = start.readUInt32BE(8);
  if (length > 64 * 1024) throw new ArchiveError('not-a-backup', -1);
  const bytes = Buffer.alloc(length);
  if (readSync(fd, bytes, 0, length, 12) !== length) throw new ArchiveError('truncated', -1);
  let parsed: Partial<BackupHeader> | null;
  try {
    parsed = JSON.parse(bytes.toString('utf8')) as Partial<BackupHeader> | null;
  } catch {
    throw new ArchiveError('not-a-backup', -1);
  }
  // A later format is not read as this one.
  if (parsed?.format !== 1 || typeof parsed.keyId !== 'string' || typeof parsed.createdAt !== 'string') throw new ArchiveError('not-a-backup', -1);
  return { header: { format: 1, kind: parsed.kind === 'server' ? 'server' : 'workstation', createdAt: parsed.createdAt, keyId: parsed.keyId, office: parsed.office ?? '' }, offset: 12 + length };
}

/**
 * Reads every entry, calling `chunk(i, plain)` for each piece once it has proved genuine and
 * `entryDone(i)` after its last (the caller may be writing it to a database: both may be async). The manifest (entry 0) is parsed and returned to the caller first.
 */
export async function readArchive(path: string, key: Buffer, on: { manifest(m: Manifest, header: BackupHeader): void | Promise<void>; chunk(entry: number, plain: Buffer): void | Promise<void>; entryDone(entry: number): void | Promise<void> }): Promise<void> {
  const fd = openSync(path, 'r');
  try {
    const { header, offset } = readHeader(fd);
    if (header.keyId !== keyIdOf(key)) throw new ArchiveError('wrong-key', -1);
    const headerBytes = Buffer.alloc(offset - 12);
    readSync(fd, headerBytes, 0, headerBytes.length, 12);
    const headerHash = createHash('sha256').update(headerBytes).digest();
    let position = offset;
    const read = (length: number, entry: number): Buffer => {
      const b = Buffer.alloc(length);
      if (readSync(fd, b, 0, length, position) !== length) throw new ArchiveError('truncated', entry);
      position += length;
      return b;
    };
    const got: { manifest: Manifest | null } = { manifest: null };
    for (let entry = 0; got.manifest === null || entry <= got.manifest.entries.length; entry++) {
      const size = Number(read(8, entry).readBigUInt64BE());
      const expected = entry === 0 ? null : (got.manifest?.entries[entry - 1]?.size ?? -1);
      if (expected !== null && size !== expected) throw new ArchiveError('damaged', entry);
      const chunks = Math.max(1, Math.ceil(size / CHUNK));
      const parts: Buffer[] = [];
      for (let i = 0; i < chunks; i++) {
        const length = read(4, entry).readUInt32BE();
        if (length !== Math.min(CHUNK, size - i * CHUNK)) throw new ArchiveError('damaged', entry);
        const nonce = read(NONCE, entry);
        const sealed = read(length, entry);
        const tag = read(TAG, entry);
        const decipher = createDecipheriv('aes-256-gcm', key, nonce);
        decipher.setAAD(additionalData(headerHash, entry, i, i === chunks - 1));
        decipher.setAuthTag(tag);
        let plain: Buffer;
        try {
          plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
        } catch {
          throw new ArchiveError('damaged', entry);
        }
        if (entry === 0) parts.push(plain);
        else await on.chunk(entry, plain);
        await yieldToOthers();
      }
      if (entry === 0) {
        try {
          got.manifest = JSON.parse(Buffer.concat(parts).toString('utf8')) as Manifest;
        } catch {
          throw new ArchiveError('damaged', 0);
        }
        await on.manifest(got.manifest, header);
      } else await on.entryDone(entry);
    }
    // Anything after the last entry was not written by us.
    if (position !== fstatSync(fd).size) throw new ArchiveError('damaged', -1);
  } finally {
    closeSync(fd);
  }
}
