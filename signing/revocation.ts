/**
 * Was a certificate revoked? Asked of its issuer's OCSP responder (RFC 6960) or read from its
 * CRL (RFC 5280 §5) — answers embedded in the PDF's DSS first (PAdES B-LT: they were fetched
 * when the document was extended and stay verifiable offline), then online when a fetcher is
 * given. Every answer counts only when signed by the issuer (or by a responder the issuer
 * delegated with id-kp-OCSPSigning) and about this very certificate.
 */
import { createHash, verify as verifySignature } from 'node:crypto';
import {
  asn1,
  child,
  children,
  contentBytes,
  fromDerBitsAsIs,
  integerOctets,
  isTag,
  nullValue,
  octets,
  oid,
  readOid,
  readTime,
  seq,
  toDer,
  type Asn1,
} from '#signing/asn1';
import { parseCertificate, type Certificate } from '#signing/certificate';
import { OID } from '#signing/oids';

/** Fetches a URL (a POST when `body` is given); undefined when it cannot be reached in time. */
export type Fetcher = (url: string, body?: { contentType: string; bytes: Buffer }) => Promise<Buffer | undefined>;

/** Revocation data found in the document (the DSS dictionary). */
export type EmbeddedRevocation = { ocsps: Buffer[]; crls: Buffer[] };

export type RevocationAnswer = {
  status: 'good' | 'revoked' | 'unknown';
  revokedAt: Date | undefined;
  source: 'ocsp' | 'crl';
  embedded: boolean;
  /** When the answer was true (OCSP thisUpdate, CRL thisUpdate). */
  thisUpdate: Date;
  /** The answer itself (DER), to keep in a DSS. */
  der: Buffer;
};

const SIGNATURE_HASHES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'sha1',
  [OID.sha256WithRSAEncryption]: 'sha256',
  [OID.sha384WithRSAEncryption]: 'sha384',
  [OID.sha512WithRSAEncryption]: 'sha512',
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
};

/** A signed structure's signature, verified with `signer`'s key (RSA PKCS#1 v1.5 or ECDSA). */
function signedBy(tbs: Asn1, algorithm: Asn1, signatureBits: Asn1, signer: Certificate): boolean {
  const hash = SIGNATURE_HASHES[readOid(child(algorithm, 0, 'AlgorithmIdentifier'), 'algorithm')];
  if (hash === undefined) return false;
  try {
    return verifySignature(hash, toDer(tbs), signer.x509.publicKey, contentBytes(signatureBits, 'signature').subarray(1));
  } catch {
    return false;
  }
}

// --- OCSP -------------------------------------------------------------------------------------

/** CertID (RFC 6960 §4.1.1) with SHA-1, as every responder accepts; it only names the certificate. */
function certId(cert: Certificate, issuer: Certificate): Asn1 {
  const sha1 = (data: Buffer) => createHash('sha1').update(data).digest();
  return seq(seq(oid(OID.sha1), nullValue()), octets(sha1(cert.issuerDer)), octets(sha1(issuer.publicKeyBits)), integerOctets(cert.serialOctets));
}

export function ocspRequest(cert: Certificate, issuer: Certificate): Buffer {
  return toDer(seq(seq(seq(seq(certId(cert, issuer))))));
}

/** Does this CertID (any hash algorithm) name `cert` issued by `issuer`? */
function namesCertificate(id: Asn1, cert: Certificate, issuer: Certificate): boolean {
  const algorithm = readOid(child(child(id, 0, 'CertID'), 0, 'hashAlgorithm'), 'hashAlgorithm');
  const node = algorithm === OID.sha1 ? 'sha1' : algorithm === OID.sha256 ? 'sha256' : undefined;
  if (node === undefined) return false;
  const hash = (data: Buffer) => createHash(node).update(data).digest();
  return (
    contentBytes(child(id, 1, 'CertID'), 'issuerNameHash').equals(hash(cert.issuerDer)) &&
    contentBytes(child(id, 2, 'CertID'), 'issuerKeyHash').equals(hash(issuer.publicKeyBits)) &&
    contentBytes(child(id, 3, 'CertID'), 'serialNumber').equals(cert.serialOctets)
  );
}

/** The answer an OCSPResponse gives about `cert`, if it is a signed, successful one about it. */
export function readOcspResponse(der: Buffer, cert: Certificate, issuer: Certificate, embedded: boolean): RevocationAnswer | undefined {
  try {
    const response = fromDerBitsAsIs(der);
    const parts = children(response, 'OCSPResponse');
    if (contentBytes(parts[0], 'responseStatus')[0] !== 0 || parts[1] === undefined) return undefined; // not "successful"
    const bytes = child(parts[1], 0, 'responseBytes');
    if (readOid(child(bytes, 0, 'ResponseBytes'), 'responseType') !== OID.ocspBasic) return undefined;
    // Signatures are BIT STRINGs whose content (an ECDSA value) may look like DER: keep them as bits.
    const basic = fromDerBitsAsIs(contentBytes(child(bytes, 1, 'ResponseBytes'), 'response'));
    const [tbs, algorithm, signature, certsTag] = children(basic, 'BasicOCSPResponse');
    if (tbs === undefined || algorithm === undefined || signature === undefined) return undefined;
    // The issuer signs, or a responder it certified for OCSP signing (RFC 6960 §4.2.2.2).
    const delegated = certsTag === undefined ? [] : children(child(certsTag, 0, 'certs'), 'certs').map((c) => parseCertificate(toDer(c)));
    const responders = [
      issuer,
      ...delegated.filter(
        (c): c is Certificate =>
          c !== null && c.extendedKeyUsage?.includes(OID.ocspSigning) === true && c.x509.checkIssued(issuer.x509) && c.x509.verify(issuer.x509.publicKey),
      ),
    ];
    if (!responders.some((r) => signedBy(tbs, algorithm, signature, r))) return undefined;
    const data = children(tbs, 'ResponseData');
    const offset = isTag(data[0], asn1.Class.CONTEXT_SPECIFIC, 0) ? 1 : 0; // version [0] is optional
    for (const single of children(data[offset + 2], 'responses')) {
      const [id, status, thisUpdate] = children(single, 'SingleResponse');
      if (id === undefined || status === undefined || !namesCertificate(id, cert, issuer)) continue;
      // CertStatus ::= CHOICE { good [0], revoked [1] RevokedInfo, unknown [2] }
      const good = isTag(status, asn1.Class.CONTEXT_SPECIFIC, 0);
      const revoked = isTag(status, asn1.Class.CONTEXT_SPECIFIC, 1);
      const revokedAt = revoked ? readTime(child(status, 0, 'RevokedInfo'), 'revocationTime') : undefined;
      return { status: good ? 'good' : revoked ? 'revoked' : 'unknown', revokedAt, source: 'ocsp', embedded, thisUpdate: readTime(thisUpdate, 'thisUpdate'), der };
    }
  } catch {
    // A malformed answer answers nothing.
  }
  return undefined;
}

// --- CRL --------------------------------------------------------------------------------------

/** What a CRL says about `cert`, if it is the issuer's, signed by it. */
export function readCrl(der: Buffer, cert: Certificate, issuer: Certificate, embedded: boolean): RevocationAnswer | undefined {
  try {
    const list = fromDerBitsAsIs(der);
    const [tbs, algorithm, signature] = children(list, 'CertificateList');
    if (tbs === undefined || algorithm === undefined || signature === undefined || !signedBy(tbs, algorithm, signature, issuer)) return undefined;
    const fields = children(tbs, 'TBSCertList');
    const offset = isTag(fields[0], asn1.Class.UNIVERSAL, asn1.Type.INTEGER) ? 1 : 0; // version is optional
    if (!toDer(child(tbs, offset + 1, 'TBSCertList')).equals(cert.issuerDer)) return undefined;
    const thisUpdate = readTime(child(tbs, offset + 2, 'TBSCertList'), 'thisUpdate');
    const revoked = fields.slice(offset + 3).find((f) => isTag(f, asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE));
    for (const entry of children(revoked, 'revokedCertificates')) {
      if (contentBytes(child(entry, 0, 'revokedCertificate'), 'userCertificate').equals(cert.serialOctets)) {
        return { status: 'revoked', revokedAt: readTime(child(entry, 1, 'revokedCertificate'), 'revocationDate'), source: 'crl', embedded, thisUpdate, der };
      }
    }
    return { status: 'good', revokedAt: undefined, source: 'crl', embedded, thisUpdate, der };
  } catch {
    return undefined;
  }
}

// --- asking -----------------------------------------------------------------------------------

/**
 * The revocation status of `cert`: from the document's own data first, then its OCSP
 * responders, then its CRLs. Undefined when nobody answered.
 */
export async function revocationOf(cert: Certificate, issuer: Certificate, embedded: EmbeddedRevocation, fetch: Fetcher | undefined): Promise<RevocationAnswer | undefined> {
  for (const der of embedded.ocsps) {
    const answer = readOcspResponse(der, cert, issuer, true);
    if (answer !== undefined && answer.status !== 'unknown') return answer;
  }
  for (const der of embedded.crls) {
    const answer = readCrl(der, cert, issuer, true);
    if (answer !== undefined) return answer;
  }
  if (fetch === undefined) return undefined;
  const key = `${cert.serialHex}|${cert.issuerDer.toString('hex')}`;
  const cached = recent.get(key);
  if (cached !== undefined && Date.now() - cached.at < RECENT_MS) return cached.answer;
  const answer = await askOnline(cert, issuer, fetch);
  if (answer !== undefined) recent.set(key, { at: Date.now(), answer });
  if (recent.size > 1_000) recent.delete(recent.keys().next().value ?? '');
  return answer;
}

/** Online answers of the last minutes: the letter view checks the same scans again and again. */
const recent = new Map<string, { at: number; answer: RevocationAnswer }>();
const RECENT_MS = 10 * 60_000;

async function askOnline(cert: Certificate, issuer: Certificate, fetch: Fetcher): Promise<RevocationAnswer | undefined> {
  for (const url of cert.ocspUrls) {
    const der = await fetch(url, { contentType: 'application/ocsp-request', bytes: ocspRequest(cert, issuer) });
    const answer = der === undefined ? undefined : readOcspResponse(der, cert, issuer, false);
    if (answer !== undefined && answer.status !== 'unknown') return answer;
  }
  for (const url of cert.crlUrls) {
    const der = await fetch(url);
    const answer = der === undefined ? undefined : readCrl(der, cert, issuer, false);
    if (answer !== undefined) return answer;
  }
  return undefined;
}

/** Largest answer read: a CRL of a large CA runs to megabytes; an OCSP answer to kilobytes. */
const MAX_ANSWER = 20 * 1024 * 1024;

/** The fetcher used online: plain HTTP(S), a few seconds at most, a bounded answer. */
export function httpFetcher(timeoutMs = 5_000): Fetcher {
  return async (url, body) => {
    try {
      const response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': body.contentType },
        body: body === undefined ? undefined : new Uint8Array(body.bytes),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok || Number(response.headers.get('content-length') ?? 0) > MAX_ANSWER) return undefined;
      const bytes = Buffer.from(await response.arrayBuffer());
      return bytes.byteLength > MAX_ANSWER ? undefined : bytes;
    } catch {
      return undefined; // unreachable, refused, too slow: no answer
    }
  };
}
