import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { SEALED_HEADER_BYTES, isSealed, plainSize, seal, sealedReader, sealedSize, unseal } from '#db/fileCipher';

const key = randomBytes(32);
const SEGMENT = 64 * 1024;

describe('stored files sealed in authenticated segments (db/fileCipher.ts)', () => {
  it('round-trips every size around the segment boundaries, the size known from the file alone', () => {
    for (const n of [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 17]) {
      const plain = randomBytes(n);
      const sealed = seal(plain, key);
      expect(sealed.length).toBe(sealedSize(n));
      expect(plainSize(sealed.length)).toBe(n);
      expect(isSealed(sealed)).toBe(true);
      expect(unseal(sealed, key).equals(plain)).toBe(true);
    }
  });

  it('the same bytes sealed twice differ (a fresh nonce per file), and hide their content', () => {
    const plain = Buffer.from('%PDF-1.7 Zażółć gęślą jaźń '.repeat(100));
    const a = seal(plain, key);
    const b = seal(plain, key);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('%PDF'))).toBe(false);
    expect(a.includes(Buffer.from('gęślą'))).toBe(false);
  });

  it('reads any range without the rest, as the backup does', () => {
    const plain = randomBytes(5 * SEGMENT + 123);
    const sealed = seal(plain, key);
    const reader = sealedReader((p, l) => sealed.subarray(p, p + l), sealed.length, key);
    for (const [from, length] of [[0, 10], [SEGMENT - 5, 10], [2 * SEGMENT, SEGMENT], [5 * SEGMENT, 123], [5 * SEGMENT + 100, 1000]] as const) {
      const into = Buffer.alloc(length);
      const n = reader.read(from, into);
      expect(into.subarray(0, n).equals(plain.subarray(from, from + length))).toBe(true);
    }
  });

  it('a changed byte, another key, a cut file, swapped segments or a changed header are all refused', () => {
    const plain = randomBytes(3 * SEGMENT + 5);
    const sealed = seal(plain, key);
    const flipped = Buffer.from(sealed);
    flipped[SEALED_HEADER_BYTES + SEGMENT + 3] = (flipped[SEALED_HEADER_BYTES + SEGMENT + 3] ?? 0) ^ 1;
    expect(() => unseal(flipped, key)).toThrow(/does not authenticate/);
    expect(() => unseal(sealed, randomBytes(32))).toThrow(/does not authenticate/);
    // Cut at a segment boundary: the new last segment was not sealed as the last.
    const whole = SEALED_HEADER_BYTES + 2 * (SEGMENT + 16);
    expect(() => unseal(sealed.subarray(0, whole), key)).toThrow(/does not authenticate/);
    // Cut inside a segment: no sealed file has that size.
    expect(() => unseal(sealed.subarray(0, sealed.length - 3), key)).toThrow();
    const swapped = Buffer.concat([sealed.subarray(0, SEALED_HEADER_BYTES), sealed.subarray(SEALED_HEADER_BYTES + SEGMENT + 16, SEALED_HEADER_BYTES + 2 * (SEGMENT + 16)), sealed.subarray(SEALED_HEADER_BYTES, SEALED_HEADER_BYTES + SEGMENT + 16), sealed.subarray(SEALED_HEADER_BYTES + 2 * (SEGMENT + 16))]);
    expect(() => unseal(swapped, key)).toThrow(/does not authenticate/);
    const header = Buffer.from(sealed);
    header[10] = (header[10] ?? 0) ^ 1;
    expect(() => unseal(header, key)).toThrow(/does not authenticate/);
  });
});
