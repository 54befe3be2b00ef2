/**
 * DER helpers over node-forge's ASN.1 module, typed, with the checks forge leaves out.
 *
 * forge keeps DER as "binary strings" (one char per byte); everything here takes and returns
 * Buffers at the edges so the rest of signing/ never sees that representation. Parsing is
 * strict (all bytes consumed, definite lengths): a structure that does not parse is refused,
 * never guessed at.
 */
import forge from 'node-forge';

export const asn1 = forge.asn1;
export type Asn1 = forge.asn1.Asn1;

/** A malformed or unexpected ASN.1 structure; callers turn it into their own Polish error. */
export class Asn1Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Asn1Error';
  }
}

export function toBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('binary');
}

export function fromBinary(binary: string): Buffer {
  return Buffer.from(binary, 'binary');
}

/** Parses exactly one DER value that fills `der`. */
export function fromDer(der: Uint8Array): Asn1 {
  try {
    return asn1.fromDer(toBinary(der), true);
  } catch (error) {
    throw new Asn1Error(`not DER: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Like fromDer, but a BIT STRING stays the bits it is. forge otherwise parses a BIT STRING
 * whose content happens to look like DER (an RSA public key does) into a constructed value.
 */
export function fromDerBitsAsIs(der: Uint8Array): Asn1 {
  try {
    // forge accepts an options object here; its type definitions know only the boolean form.
    const parse = asn1.fromDer as unknown as (bytes: string, options: { strict: boolean; decodeBitStrings: boolean }) => Asn1;
    return parse(toBinary(der), { strict: true, decodeBitStrings: false });
  } catch (error) {
    throw new Asn1Error(`not DER: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function toDer(node: Asn1): Buffer {
  return fromBinary(asn1.toDer(node).getBytes());
}

/**
 * Total length (header + content) of the BER value starting at `offset`.
 *
 * A signature's /Contents is the CMS followed by the zero padding of its placeholder; this
 * finds where the CMS ends without parsing it. Indefinite lengths are followed to their
 * end-of-contents octets: NSS (poppler's signer, Firefox) writes SignedData that way.
 */
export function tlvLength(bytes: Uint8Array, offset = 0, depth = 0): number {
  if (depth > 64) throw new Asn1Error('nested too deeply');
  let at = offset + 1;
  const tag = bytes[offset];
  if (tag === undefined) throw new Asn1Error('truncated tag');
  if ((tag & 0x1f) === 0x1f) {
    // High tag number: continuation octets have their top bit set.
    while (((bytes[at] ?? 0) & 0x80) !== 0) at++;
    at++;
  }
  const first = bytes[at++];
  if (first === undefined) throw new Asn1Error('truncated length');
  if (first === 0x80) {
    if ((tag & 0x20) === 0) throw new Asn1Error('indefinite length on a primitive value');
    while (bytes[at] !== 0 || bytes[at + 1] !== 0) {
      if (at >= bytes.byteLength) throw new Asn1Error('missing end-of-contents');
      at += tlvLength(bytes, at, depth + 1);
    }
    return at + 2 - offset;
  }
  if (first < 0x80) return at - offset + first;
  const count = first & 0x7f;
  if (count > 4) throw new Asn1Error('oversized length');
  let length = 0;
  for (let i = 0; i < count; i++) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Asn1Error('truncated length');
    length = length * 256 + byte;
  }
  const total = at - offset + length;
  if (offset + total > bytes.byteLength) throw new Asn1Error('value runs past the end');
  return total;
}

// --- reading -----------------------------------------------------------------------------

/** The elements of a constructed value (SEQUENCE, SET, explicit tag). */
export function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (node === undefined || !Array.isArray(node.value)) throw new Asn1Error(`${what}: expected a constructed value`);
  return node.value;
}

/** Element `index` of a constructed value. */
export function child(node: Asn1 | undefined, index: number, what: string): Asn1 {
  const found = children(node, what)[index];
  if (found === undefined) throw new Asn1Error(`${what}: missing element ${index}`);
  return found;
}

/** The content octets of a primitive value, as a Buffer. */
export function contentBytes(node: Asn1 | undefined, what: string): Buffer {
  if (node === undefined || typeof node.value !== 'string') throw new Asn1Error(`${what}: expected a primitive value`);
  return fromBinary(node.value);
}

/** Is `node` the universal type `type` (or the context tag `[n]` with `tagClass` CONTEXT_SPECIFIC)? */
export function isTag(node: Asn1 | undefined, tagClass: forge.asn1.Class, type: number): boolean {
  if (node?.tagClass !== tagClass) return false;
  // forge keeps context-specific tag numbers in the same `type` field as universal types.
  const tagNumber: number = node.type;
  return tagNumber === type;
}

export function expectTag(node: Asn1 | undefined, type: forge.asn1.Type, what: string): Asn1 {
  if (!isTag(node, asn1.Class.UNIVERSAL, type) || node === undefined) throw new Asn1Error(`${what}: unexpected tag`);
  return node;
}

export function readOid(node: Asn1 | undefined, what: string): string {
  expectTag(node, asn1.Type.OID, what);
  return asn1.derToOid(toBinary(contentBytes(node, what)));
}

/** INTEGER as a non-negative bigint (serial numbers exceed 2^53). */
export function readInteger(node: Asn1 | undefined, what: string): bigint {
  const bytes = contentBytes(expectTag(node, asn1.Type.INTEGER, what), what);
  return bytes.byteLength === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}

/** UTCTime or GeneralizedTime. */
export function readTime(node: Asn1 | undefined, what: string): Date {
  if (isTag(node, asn1.Class.UNIVERSAL, asn1.Type.UTCTIME)) return asn1.utcTimeToDate(toBinary(contentBytes(node, what)));
  if (isTag(node, asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME)) return asn1.generalizedTimeToDate(toBinary(contentBytes(node, what)));
  throw new Asn1Error(`${what}: expected a time`);
}

/** A directory string in any of the encodings certificates use, decoded to text. */
export function readText(node: Asn1): string {
  const bytes = contentBytes(node, 'string');
  switch (node.type) {
    case asn1.Type.UTF8:
      return bytes.toString('utf8');
    case asn1.Type.BMPSTRING: {
      // UTF-16 big-endian; swap to the little-endian order Node decodes.
      const swapped = Buffer.from(bytes);
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    default:
      // PrintableString, IA5String, TeletexString (treated as Latin-1, as OpenSSL does).
      return bytes.toString('latin1');
  }
}

// --- writing ------------------------------------------------------------------------------

export function seq(...items: Asn1[]): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
}

export function set(...items: Asn1[]): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
}

/**
 * A DER `SET OF`: elements sorted by their encodings (X.690 §11.6).
 *
 * This matters for the signed attributes: the signature covers their DER encoding, and a
 * verifier such as OpenSSL re-encodes them sorted before checking it.
 */
export function setOf(...items: Asn1[]): Asn1 {
  const encoded = items.map((item) => ({ item, der: toDer(item) }));
  encoded.sort((a, b) => Buffer.compare(a.der, b.der));
  return set(...encoded.map((e) => e.item));
}

export function oid(value: string): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
}

export function octets(bytes: Uint8Array): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, toBinary(bytes));
}

export function smallInteger(value: number): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
}

/** An INTEGER from its content octets as they appear in a certificate (already minimal). */
export function integerOctets(bytes: Uint8Array): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, toBinary(bytes));
}

export function nullValue(): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
}

// forge types the tag as its enum of universal types, but a context tag number lives in the
// same field: the same function, typed for any tag number.
const createTagged: (tagClass: forge.asn1.Class, tag: number, constructed: boolean, value: Asn1[]) => Asn1 = asn1.create;

/** `[n]` — context-specific, constructed (explicit tags, or implicit SET/SEQUENCE). */
export function tagged(n: number, ...items: Asn1[]): Asn1 {
  return createTagged(asn1.Class.CONTEXT_SPECIFIC, n, true, items);
}

/** An already-encoded DER value, to embed as is (certificates, names). */
export function embedded(der: Uint8Array, what: string): Asn1 {
  const node = fromDer(der);
  // forge re-encodes what it parsed; for DER input that is byte-for-byte the same. A BER
  // certificate would come out different and its issuer's signature would no longer match,
  // so such input is refused here rather than producing a CMS nobody can verify.
  if (!toDer(node).equals(Buffer.from(der))) throw new Asn1Error(`${what}: not DER-encoded`);
  return node;
}
