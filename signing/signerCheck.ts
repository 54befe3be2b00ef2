/**
 * The parts of checking a CMS signer that do not depend on what was signed: which certificate
 * signed, with which algorithm, whether the signature value verifies, and the path from the
 * certificate to a trusted root. Used for PDF signatures and for the timestamp tokens in them.
 */
import { verify as verifySignature } from 'node:crypto';
import { checkTexts } from '#core/i18n/signatures.pl';
import { parseCertificate, type Certificate } from '#signing/certificate';
import type { CmsSignerInfo } from '#signing/cms';
import { OID } from '#signing/oids';

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
