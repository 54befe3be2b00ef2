/**
 * Stored files (scans, signed decisions) encrypted at rest with the workstation's data key.
 *
 * A file is sealed in 64 KiB segments, each AES-256-GCM with its own tag (the STREAM
 * construction of Hoang, Reyhanitabar, Rogaway and Vizár, as age and Tink use): any part can be
 * read without the rest (the backup reads files by position), a changed byte fails its segment,
 * and because the last segment's nonce is marked as last, a file cut at a segment boundary or
 * with segments swapped fails too. The header is authenticated with every segment.
 *
 *   header   "KZPLIK01" (8) · nonce prefix (7, random per file) · 0 (1)
 *   segment  AES-256-GCM(plain ≤ 64 KiB) · tag (16)       nonce = prefix · index (u32 BE) · last (1)
 *
 * Every file has at least one segment (an empty file: one empty last segment).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('KZPLIK01', 'latin1');
export const SEALED_HEADER_BYTES = 16;
const SEGMENT = 64 * 1024;
const TAG = 16;
const SEALED_SEGMENT = SEGMENT + TAG;

export class SealedFileError extends Error {
  override name = 'SealedFileError';
}

/** Whether `head` (a file's first bytes) is a sealed file's header. */
export function isSealed(head: Uint8Array): boolean {
  return head.byteLength >= MAGIC.length && Buffer.from(head.buffer, head.byteOffset, MAGIC.length).equals(MAGIC);
}

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0, 0, 7);
  n.writeUInt32BE(index, 7);
  n[11] = last ? 1 : 0;
  return n;
}

function segmentCount(plainSize: number): number {
  return Math.max(1, Math.ceil(plainSize / SEGMENT));
}

/** The sealed size of `plainSize` bytes. */
export function sealedSize(plainSize: number): number {
  return SEALED_HEADER_BYTES + plainSize + segmentCount(plainSize) * TAG;
}

/** The plain size of a sealed file of `fileSize` bytes (throws when no sealed file has that size). */
export function plainSize(fileSize: number): number {
  const body = fileSize - SEALED_HEADER_BYTES;
  if (body < TAG) throw new SealedFileError('too short to be sealed');
  const segments = Math.ceil(body / SEALED_SEGMENT);
  const plain = body - segments * TAG;
  if (plain < 0 || segmentCount(plain) !== segments) throw new SealedFileError('a sealed file cannot have this size');
  return plain;
}

/** Seals `plain` whole (files arrive whole: an upload, a scan, a synced blob). */
export function seal(plain: Uint8Array, key: Buffer): Buffer {
  const header = Buffer.alloc(SEALED_HEADER_BYTES);
  MAGIC.copy(header);
  const prefix = randomBytes(7);
  prefix.copy(header, MAGIC.length);
  const out = [header];
  const segments = segmentCount(plain.byteLength);
  for (let i = 0; i < segments; i++) {
    const cipher = createCipheriv('aes-256-gcm', key, nonce(prefix, i, i === segments - 1));
    cipher.setAAD(header);
    out.push(cipher.update(plain.subarray(i * SEGMENT, (i + 1) * SEGMENT)), cipher.final(), cipher.getAuthTag());
  }
  return Buffer.concat(out);
}

/** Reads at most `length` bytes at `position` of the file through `readAt` (a file descriptor or bytes). */
type ReadAt = (position: number, length: number) => Buffer;

function openSegment(readAt: ReadAt, header: Buffer, key: Buffer, index: number, segments: number, plainTotal: number): Buffer {
  const plainLength = index === segments - 1 ? plainTotal - index * SEGMENT : SEGMENT;
  const sealed = readAt(SEALED_HEADER_BYTES + index * SEALED_SEGMENT, plainLength + TAG);
  if (sealed.length !== plainLength + TAG) throw new SealedFileError('a sealed file ends early');
  const decipher = createDecipheriv('aes-256-gcm', key, nonce(header.subarray(MAGIC.length), index, index === segments - 1));
  decipher.setAAD(header);
  decipher.setAuthTag(sealed.subarray(plainLength));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, plainLength)), decipher.final()]);
  } catch {
    throw new SealedFileError(`segment ${String(index)} does not authenticate (changed, cut or another key)`);
  }
}

/** A sealed file opened for reading by position. */
export type SealedReader = { size: number; read(position: number, into: Buffer): number };

export function sealedReader(readAt: ReadAt, fileSize: number, key: Buffer): SealedReader {
  const size = plainSize(fileSize);
  const header = readAt(0, SEALED_HEADER_BYTES);
  if (!isSealed(header)) throw new SealedFileError('not a sealed file');
  const segments = segmentCount(size);
  let cached: { index: number; plain: Buffer } | null = null;
  return {
    size,
    read(position, into) {
      let done = 0;
      while (done < into.length && position + done < size) {
        const at = position + done;
        const index = Math.floor(at / SEGMENT);
        if (cached?.index !== index) cached = { index, plain: openSegment(readAt, header, key, index, segments, size) };
        done += cached.plain.copy(into, done, at - index * SEGMENT);
      }
      return done;
    },
  };
}

/** Opens a whole sealed file. */
export function unseal(sealed: Uint8Array, key: Buffer): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const reader = sealedReader((position, length) => bytes.subarray(position, position + length), bytes.length, key);
  const out = Buffer.alloc(reader.size);
  reader.read(0, out);
  return out;
}
