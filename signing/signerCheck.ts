/**
 * The parts of checking a CMS signer that do not depend on what was signed: which certificate
 * signed, with which algorithm, whether the signature value verifies, and the path from the
 * certificate to a trusted root. Used for PDF signatures and for the timestamp tokens in them.
 */
import { createHash, verify as verifySignature } from 'node:crypto';
import { checkTexts } from '#core/i18n/signatures.pl';
import { parseCertificate, type Certificate } from '#signing/certificate';
import type { CmsSignerInfo } from '#signing/cms';
import { HASHES, OID } from '#signing/oids';

/** The trusted roots; a PEM may hold several certificates, and one that does not parse is skipped. */
export function parseRoots(roots: readonly (Uint8Array | string)[]): Certificate[] {
  const ders: Uint8Array[] = [];
  for (const root of roots) {
    if (typeof root === 'string') {
      for (const match of root.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)) {
        ders.push(Buffer.from((match[1] ?? '').replace(/\s+/g, ''), 'base64'));
      }
    } else {
      ders.push(root);
    }
  }
  return ders.map((der) => parseCertificate(der)).filter((c): c is Certificate => c !== null);
}

/** The certificate the SignerInfo names (IssuerAndSerialNumber or SubjectKeyIdentifier). */
export function findSigner(info: CmsSignerInfo, certificates: Certificate[]): Certificate | undefined {
  const sid = info.sid;
  if ('subjectKeyIdentifier' in sid) return certificates.find((c) => c.subjectKeyIdentifier?.equals(sid.subjectKeyIdentifier) === true);
  return certificates.find((c) => c.issuerDer.equals(sid.issuerDer) && c.serialOctets.equals(sid.serialOctets));
}

const RSA_ALGORITHMS = new Set<string>([OID.rsaEncryption, OID.sha256WithRSAEncryption, OID.sha384WithRSAEncryption, OID.sha512WithRSAEncryption]);
const ECDSA_ALGORITHMS = new Set<string>([OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512]);

/** RSA PKCS#1 v1.5 or ECDSA, matching the certificate's key; RSASSA-PSS is not supported yet. */
export function signatureAlgorithm(oid: string, signer: Certificate): { label: string } | undefined {
  if (RSA_ALGORITHMS.has(oid) && signer.keyType === 'rsa') return { label: 'RSA' };
  if (ECDSA_ALGORITHMS.has(oid) && signer.keyType === 'ec') return { label: 'ECDSA' };
  return undefined;
}

export function safeVerify(hash: string, data: Buffer, signer: Certificate, signature: Buffer): boolean {
  try {
    return verifySignature(hash, data, signer.x509.publicKey, signature);
  } catch {
    return false; // a malformed signature value is an invalid signature, not a crash
  }
}

export type CertificatePath = {
  /** Signer first, then each issuer up to the root reached. */
  certificates: Certificate[];
  trusted: boolean;
  /** Why not trusted: no path (`unknown-issuer`) or a link that is not a CA. */
  failure: 'unknown-issuer' | 'not-ca' | undefined;
  /** In Polish; empty when trusted. */
  problem: string;
};

/**
 * The path from the signer up to a trusted root, using the certificates in the CMS as
 * intermediates. Each link: the child names the parent as issuer (`checkIssued`), the parent's
 * key verifies the child's signature, and the parent is a CA.
 */
export function buildPath(signer: Certificate, pool: Certificate[], roots: Certificate[]): CertificatePath {
  const path: Certificate[] = [signer];
  const issues = (parent: Certificate, child: Certificate) => child.x509.checkIssued(parent.x509) && child.x509.verify(parent.x509.publicKey);
  const trusted = (): CertificatePath => ({ certificates: path, trusted: true, failure: undefined, problem: '' });
  let current = signer;
  for (let depth = 0; depth < 8; depth++) {
    if (roots.some((root) => root.der.equals(current.der))) return trusted();
    const root = roots.find((r) => issues(r, current));
    if (root !== undefined) {
      if (!root.isCa) return { certificates: [...path, root], trusted: false, failure: 'not-ca', problem: checkTexts.rootNotCa(root.label) };
      path.push(root);
      return trusted();
    }
    const issuer = pool.find((c) => !path.includes(c) && issues(c, current));
    if (issuer === undefined) break;
    if (!issuer.isCa) return { certificates: path, trusted: false, failure: 'not-ca', problem: checkTexts.issuerNotCa(issuer.label) };
    path.push(issuer);
    current = issuer;
  }
  const top = path[path.length - 1] ?? signer;
  return { certificates: path, trusted: false, failure: 'unknown-issuer', problem: checkTexts.unknownIssuer(top.issuer.commonName ?? top.issuer.text) };
}

/** What checking one SignerInfo against its content found (no verdict yet: callers decide). */
export type SignerInfoCheck = {
  signer: Certificate | undefined;
  /** Every certificate the CMS carries, parsed. */
  certificates: Certificate[];
  /** The digest algorithm, unless unknown or refused (SHA-1). */
  hash: { node: string; label: string } | undefined;
  /** RSA or ECDSA matching the key; undefined when unsupported. */
  algorithm: { label: string } | undefined;
  digestMatches: boolean;
  signatureValid: boolean;
  /** Whether the signature covers signed attributes (PAdES and RFC 3161 require them). */
  signedAttributes: boolean;
  /** ESS signing-certificate(-v2) names this certificate; undefined when absent. */
  signingCertificateMatches: boolean | undefined;
};

/**
 * Checks a SignerInfo: finds its certificate, hashes the content with its digest algorithm
 * (`digestOf`), compares the messageDigest attribute, verifies the signature over the signed
 * attributes, and compares the ESS signing-certificate attribute with the certificate found.
 * `contentOf` gives the content itself, for the rare signature without signed attributes.
 */
export function checkSignerInfo(
  info: CmsSignerInfo,
  certificateDers: readonly Buffer[],
  digestOf: (hashNode: string) => Buffer,
  contentOf: () => Buffer,
): SignerInfoCheck {
  const certificates = certificateDers.map((der) => parseCertificate(der)).filter((x): x is Certificate => x !== null);
  const signer = findSigner(info, certificates);
  const known = HASHES[info.digestAlgorithm];
  const hash = known === undefined || known.node === 'sha1' ? undefined : known;
  const result: SignerInfoCheck = {
    signer,
    certificates,
    hash,
    algorithm: undefined,
    digestMatches: false,
    signatureValid: false,
    signedAttributes: info.signedAttrsDer !== undefined,
    signingCertificateMatches: undefined,
  };
  if (signer === undefined || hash === undefined) return result;
  result.algorithm = signatureAlgorithm(info.signatureAlgorithm, signer);
  if (result.algorithm !== undefined) {
    if (info.signedAttrsDer === undefined) {
      // No signed attributes: the signature is over the content itself (RFC 5652 §5.4).
      result.signatureValid = safeVerify(hash.node, contentOf(), signer, info.signature);
      result.digestMatches = result.signatureValid;
    } else {
      result.digestMatches = info.messageDigest !== undefined && info.messageDigest.equals(digestOf(hash.node));
      result.signatureValid = safeVerify(hash.node, info.signedAttrsDer, signer, info.signature);
    }
  }
  if (info.hasSigningCertificateAttribute) {
    const first = info.signingCertificates[0];
    const algorithmName = first === undefined ? undefined : HASHES[first.hashAlgorithm]?.node;
    result.signingCertificateMatches =
      first !== undefined && algorithmName !== undefined && createHash(algorithmName).update(signer.der).digest().equals(first.certHash);
  }
  return result;
}
