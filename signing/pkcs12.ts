/**
 * Signing keys from PKCS#12 files (.p12/.pfx), as trust service providers hand them out.
 *
 * node-forge decrypts the file (OpenSSL 3's PBES2/PBKDF2/AES-256 and the legacy PKCS#12 PBE
 * schemes); the private key then goes to node:crypto as PKCS#8, because forge knows only RSA
 * keys and the signature itself is made by node:crypto (RSA and ECDSA alike).
 */
import { createHmac, createPrivateKey, createPublicKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { fail } from '#core/errors';
import { Asn1Error, asn1, child, children, contentBytes, fromBinary, fromDer, readInteger, readOid, toBinary, toDer, type Asn1 } from '#signing/asn1';
import { assertCanSign, certifiesKey, parseCertificate, type Certificate } from '#signing/certificate';
import { OID } from '#signing/oids';
import { keySigner, type CmsSigner } from '#signing/cms';

/** A key that can sign, with its certificate: what `signPdf` needs. */
export type Signer = CmsSigner & {
  privateKey: KeyObject;
  /** The file's other certificates (the issuers), DER, nearest issuer first. */
  chain: Buffer[];
};

/**
 * Opens a PKCS#12 file and checks that its certificate may sign now.
 *
 * Refusals (DomainError, Polish): SIGN_P12_INVALID (not a PKCS#12 file), SIGN_WRONG_PASSWORD,
 * SIGN_P12_NO_KEY (no private key matching a certificate), SIGN_KEY_UNSUPPORTED (not RSA
 * ≥ 2048 or ECDSA P-256), SIGN_CERT_NOT_YET_VALID / SIGN_CERT_EXPIRED (at `opts.now`),
 * SIGN_CERT_KEY_USAGE (neither digitalSignature nor nonRepudiation).
 */
export function loadPkcs12(bytes: Uint8Array, password: string, opts: { now?: Date } = {}): Signer {
  const pfx = readPfx(bytes, password);
  const keys = pfx.keys.map(toPrivateKey);
  const certificates = pfx.certificates.map((der) => parseCertificate(der)).filter((c): c is Certificate => c !== null);

  let pair: { key: KeyObject; certificate: Certificate } | undefined;
  for (const key of keys) {
    const publicKey = createPublicKey(key);
    const certificate = certificates.find((c) => certifiesKey(c, publicKey));
    if (certificate !== undefined) {
      pair = { key, certificate };
      break;
    }
  }
  if (pair === undefined) throw fail('SIGN_P12_NO_KEY');

  const keyType = supportedKeyType(pair.key);
  assertCanSign(pair.certificate, opts.now ?? new Date());
  return {
    privateKey: pair.key,
    sign: keySigner(pair.key),
    keyType,
    certificate: pair.certificate,
    chain: orderChain(pair.certificate, certificates.filter((c) => c !== pair.certificate)),
  };
}

function supportedKeyType(key: KeyObject): 'rsa' | 'ec' {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048) return 'rsa';
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return 'ec';
  const type =
    key.asymmetricKeyType === 'rsa'
      ? `RSA ${details?.modulusLength ?? '?'}-bitowy`
      : key.asymmetricKeyType === 'ec'
        ? `EC (krzywa ${details?.namedCurve ?? 'nieznana'})`
        : (key.asymmetricKeyType ?? 'nieznanego');
  throw fail('SIGN_KEY_UNSUPPORTED', { type });
}

/** Nearest issuer first, then its issuer, …; certificates outside the path go last. */
function orderChain(leaf: Certificate, others: Certificate[]): Buffer[] {
  const ordered: Certificate[] = [];
  let current = leaf;
  for (;;) {
    const issuer = others.find((c) => !ordered.includes(c) && current.x509.checkIssued(c.x509));
    if (issuer === undefined || issuer === current) break;
    ordered.push(issuer);
    current = issuer;
  }
  return [...ordered, ...others.filter((c) => !ordered.includes(c))].map((c) => c.der);
}

// --- the PKCS#12 container --------------------------------------------------------------------

type PfxContents = { keys: Buffer[]; certificates: Buffer[] };

function readPfx(bytes: Uint8Array, password: string): PfxContents {
  let pfx: Asn1;
  try {
    pfx = fromDer(bytes);
    children(pfx, 'PFX');
  } catch {
    throw fail('SIGN_P12_INVALID');
  }

  // forge uses one password string for two things that encode it differently: the MAC key
  // (PKCS#12 KDF over the BMPString, where forge is right) and PBES2 encryption (PBKDF2 over
  // the UTF-8 bytes, where forge takes one byte per character). With Polish letters in the
  // password, no single string satisfies both, so the MAC is checked here and forge is given
  // the file without it and the password in the form its decryption needs.
  verifyMac(pfx, password);
  const withoutMac = asn1.create(pfx.tagClass, pfx.type, true, children(pfx, 'PFX').slice(0, 2));
  const utf8 = forge.util.encodeUtf8(password);
  // PBES2 (OpenSSL 3, current providers) wants UTF-8 bytes; the legacy PKCS#12 PBE (3DES, RC2)
  // wants the characters themselves.
  const candidates = utf8 === password ? [password] : [utf8, password];
  for (const candidate of candidates) {
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(withoutMac, false, candidate);
    } catch (error) {
      // Bad padding after decryption is what a wrong password looks like without a MAC.
      if (error instanceof Error && /decrypt|password/i.test(error.message)) continue;
      throw fail('SIGN_P12_INVALID');
    }
    return contentsOf(p12);
  }
  throw fail('SIGN_WRONG_PASSWORD');
}

/** RFC 7292 §5: HMAC over the authenticated safe with a key from the PKCS#12 KDF (ID 3). */
function verifyMac(pfx: Asn1, password: string): void {
  const parts = children(pfx, 'PFX');
  const macData = parts[2];
  if (macData === undefined) return; // no MAC: decryption alone tells a wrong password
  let expected: Buffer;
  let computed: Buffer;
  try {
    const authSafe = parts[1];
    if (readOid(child(authSafe, 0, 'authSafe'), 'contentType') !== OID.data) throw new Asn1Error('authSafe is not data');
    const content = octetStringValue(child(child(authSafe, 1, 'authSafe'), 0, 'authSafe content'));
    const digestInfo = child(macData, 0, 'MacData');
    const algorithm = readOid(child(child(digestInfo, 0, 'DigestInfo'), 0, 'AlgorithmIdentifier'), 'digestAlgorithm');
    expected = contentBytes(child(digestInfo, 1, 'DigestInfo'), 'digest');
    const salt = contentBytes(child(macData, 1, 'MacData'), 'macSalt');
    const iterationsNode = children(macData, 'MacData')[2];
    const iterations = iterationsNode === undefined ? 1 : Number(readInteger(iterationsNode, 'iterations'));
    const hash = MAC_HASHES[algorithm];
    if (hash === undefined || !(iterations >= 1 && iterations <= 10_000_000)) throw new Asn1Error('unsupported MAC');
    const key = forge.pkcs12.generateKey(password, forge.util.createBuffer(toBinary(salt)), 3, iterations, hash.size, hash.md());
    computed = createHmac(hash.node, fromBinary(key.getBytes())).update(content).digest();
  } catch {
    throw fail('SIGN_P12_INVALID');
  }
  if (computed.byteLength !== expected.byteLength || !timingSafeEqual(computed, expected)) throw fail('SIGN_WRONG_PASSWORD');
}

const MAC_HASHES: Readonly<Record<string, { node: string; size: number; md: () => forge.md.MessageDigest }>> = {
  [OID.sha1]: { node: 'sha1', size: 20, md: () => forge.md.sha1.create() },
  [OID.sha256]: { node: 'sha256', size: 32, md: () => forge.md.sha256.create() },
  [OID.sha384]: { node: 'sha384', size: 48, md: () => forge.md.sha384.create() },
  [OID.sha512]: { node: 'sha512', size: 64, md: () => forge.md.sha512.create() },
};

/** An OCTET STRING's bytes, also when BER splits it into a constructed string of chunks. */
function octetStringValue(node: Asn1): Buffer {
  if (typeof node.value === 'string') return fromBinary(node.value);
  return Buffer.concat(node.value.map(octetStringValue));
}

function contentsOf(p12: forge.pkcs12.Pkcs12Pfx): PfxContents {
  const keys: Buffer[] = [];
  const certificates: Buffer[] = [];
  for (const safe of p12.safeContents) {
    for (const bag of safe.safeBags) {
      if (bag.type === OID.pkcs8ShroudedKeyBag || bag.type === OID.keyBag) {
        // forge decodes RSA keys into its own object and leaves others (EC) as the PKCS#8
        // PrivateKeyInfo it decrypted: either way, PKCS#8 DER for node:crypto.
        // (Typed as optional, but forge sets `null` when it could not decode.)
        if (bag.key) keys.push(toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))));
        else keys.push(toDer(bag.asn1));
      } else if (bag.type === OID.certBag) {
        if (bag.cert) certificates.push(certificateDer(bag.cert));
        else certificates.push(toDer(bag.asn1));
      }
    }
  }
  return { keys, certificates };
}

/**
 * The original DER of a certificate forge has decoded.
 *
 * `forge.pki.certificateToAsn1` rebuilds the signature AlgorithmIdentifier from its own table
 * (it adds a NULL parameter to ECDSA ones), which would change the bytes the issuer signed.
 * forge keeps the TBSCertificate exactly as read, and RFC 5280 §4.1.1.2 requires the outer
 * signatureAlgorithm to equal the TBSCertificate's `signature` field, so both come from there.
 */
function certificateDer(cert: forge.pki.Certificate): Buffer {
  const tbs = cert.tbsCertificate;
  const fields = children(tbs, 'TBSCertificate');
  const hasVersion = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC;
  const algorithm = child(tbs, hasVersion ? 2 : 1, 'TBSCertificate.signature');
  const signature: unknown = cert.signature;
  if (typeof signature !== 'string') throw fail('SIGN_P12_INVALID');
  const bitString = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature}`);
  return toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [tbs, algorithm, bitString]));
}

function toPrivateKey(pkcs8: Buffer): KeyObject {
  try {
    return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  } catch {
    throw fail('SIGN_P12_INVALID');
  }
}
