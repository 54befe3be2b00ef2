/**
 * X.509 certificates as signing/ needs them: the fields read from the DER, the crypto from Node.
 *
 * node-forge cannot represent a certificate with an EC public key (its certificate object is
 * RSA-only), and Node's `X509Certificate` does not expose key usage or the raw issuer name. So
 * the fields come from the DER with forge's ASN.1 reader, and signature checks, issuer
 * matching and public keys from `X509Certificate`.
 */
import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import { fail } from '#core/errors';
import { formatDateTime } from '#documents/polishDates';
import { asn1, child, children, contentBytes, fromDer, fromDerBitsAsIs, isTag, readOid, readText, readTime, toDer, type Asn1 } from '#signing/asn1';
import { OID } from '#signing/oids';

/** Attributes of a subject or issuer name that people and the signature summary use. */
export type DistinguishedName = {
  commonName?: string;
  /** ETSI EN 319 412-1 semantics identifier, e.g. `PNOPL-44051401359` (PESEL) or `IDCPL-…`. */
  serialNumber?: string;
  givenName?: string;
  surname?: string;
  organization?: string;
  organizationIdentifier?: string;
  country?: string;
  /** The whole name as `CN=…, O=…`, in certificate order, for logs and messages. */
  text: string;
};

/** RFC 5280 §4.2.1.3 bits, by name; absent extension = `undefined` (any use allowed). */
export type KeyUsage = {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyEncipherment: boolean;
  dataEncipherment: boolean;
  keyAgreement: boolean;
  keyCertSign: boolean;
  cRLSign: boolean;
};

/** A parsed certificate. */
export type Certificate = {
  der: Buffer;
  x509: X509Certificate;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  /** The issuer Name exactly as encoded (for IssuerAndSerialNumber and ESS issuerSerial). */
  issuerDer: Buffer;
  /** The serial number's INTEGER content octets, exactly as encoded. */
  serialOctets: Buffer;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  keyUsage: KeyUsage | undefined;
  /** Extended key usage OIDs (RFC 5280 §4.2.1.12); undefined when the extension is absent. */
  extendedKeyUsage: string[] | undefined;
  /** OCSP responders named in Authority Information Access (RFC 5280 §4.2.2.1), http(s) only. */
  ocspUrls: string[];
  /** CRL distribution points (RFC 5280 §4.2.1.13), http(s) only. */
  crlUrls: string[];
  /** QcStatements (EN 319 412-5): issued as a qualified certificate, and with the key in a QSCD (a card). */
  qcCompliance: boolean;
  qcSscd: boolean;
  /** The subjectPublicKey BIT STRING's bits: what an OCSP CertID's issuerKeyHash hashes. */
  publicKeyBits: Buffer;
  isCa: boolean;
  subjectKeyIdentifier: Buffer | undefined;
  /** `rsa`, `ec`, … as node:crypto names the key type. */
  keyType: string;
  /** What to call the certificate in a message: CN, else the whole subject. */
  label: string;
};

const NAME_KEYS: Readonly<Record<string, { key: Exclude<keyof DistinguishedName, 'text'> | undefined; short: string }>> = {
  [OID.commonName]: { key: 'commonName', short: 'CN' },
  [OID.serialNumber]: { key: 'serialNumber', short: 'serialNumber' },
  [OID.givenName]: { key: 'givenName', short: 'GN' },
  [OID.surname]: { key: 'surname', short: 'SN' },
  [OID.organization]: { key: 'organization', short: 'O' },
  [OID.organizationIdentifier]: { key: 'organizationIdentifier', short: 'organizationIdentifier' },
  [OID.country]: { key: 'country', short: 'C' },
  [OID.organizationalUnit]: { key: undefined, short: 'OU' },
  [OID.locality]: { key: undefined, short: 'L' },
  [OID.title]: { key: undefined, short: 'title' },
};

function readName(name: Asn1): DistinguishedName {
  const result: DistinguishedName = { text: '' };
  const parts: string[] = [];
  // Name ::= SEQUENCE OF RelativeDistinguishedName (SET OF AttributeTypeAndValue)
  for (const rdn of children(name, 'Name')) {
    for (const atv of children(rdn, 'RDN')) {
      const type = readOid(child(atv, 0, 'AttributeTypeAndValue'), 'attribute type');
      const value = readText(child(atv, 1, 'AttributeTypeAndValue'));
      const known = NAME_KEYS[type];
      if (known?.key !== undefined) result[known.key] ??= value;
      parts.push(`${known?.short ?? type}=${value}`);
    }
  }
  // Most specific last in the encoding (C, O, …, CN); people read CN first.
  result.text = parts.reverse().join(', ');
  return result;
}

function readKeyUsage(extnValue: Buffer): KeyUsage {
  // KeyUsage ::= BIT STRING; first content octet = unused bits, then bit 0 is the MSB.
  const node = fromDer(extnValue);
  const bits = contentBytes(node, 'keyUsage');
  const bit = (n: number) => (((bits[1 + (n >> 3)] ?? 0) >> (7 - (n & 7))) & 1) === 1;
  return {
    digitalSignature: bit(0),
    nonRepudiation: bit(1),
    keyEncipherment: bit(2),
    dataEncipherment: bit(3),
    keyAgreement: bit(4),
    keyCertSign: bit(5),
    cRLSign: bit(6),
  };
}

/** A GeneralName that is an http(s) URI ([6] IA5String), as text; anything else gives nothing. */
function uris(general: Asn1): string[] {
  if (!isTag(general, asn1.Class.CONTEXT_SPECIFIC, 6)) return [];
  const uri = contentBytes(general, 'uniformResourceIdentifier').toString('latin1');
  return /^https?:\/\//i.test(uri) ? [uri] : [];
}

/** Parses a DER certificate; a certificate that does not parse is `null`. */
export function parseCertificate(der: Uint8Array): Certificate | null {
  try {
    return parseCertificateOrThrow(der);
  } catch {
    // Certificates come from files and signatures made by others: whatever fails to parse
    // (ASN.1, OpenSSL, dates) is simply not a usable certificate.
    return null;
  }
}

function parseCertificateOrThrow(der: Uint8Array): Certificate {
  const bytes = Buffer.from(der);
  const x509 = new X509Certificate(bytes);
  const tbs = child(fromDer(bytes), 0, 'Certificate');
  const fields = children(tbs, 'TBSCertificate');
  // version [0] EXPLICIT is optional (v1 certificates); every other field follows it in order.
  const shift = isTag(fields[0], asn1.Class.CONTEXT_SPECIFIC, 0) ? 1 : 0;
  const at = (i: number) => child(tbs, i + shift, 'TBSCertificate');
  const serialOctets = contentBytes(at(0), 'serialNumber');
  const issuerNode = at(2);
  const validity = at(3);
  const subjectNode = at(4);

  let keyUsage: KeyUsage | undefined;
  let extendedKeyUsage: string[] | undefined;
  const ocspUrls: string[] = [];
  const qcStatements: string[] = [];
  const crlUrls: string[] = [];
  let isCa = false;
  let subjectKeyIdentifier: Buffer | undefined;
  const extensionsTag = fields.find((f) => isTag(f, asn1.Class.CONTEXT_SPECIFIC, 3));
  if (extensionsTag !== undefined) {
    for (const extension of children(child(extensionsTag, 0, 'extensions'), 'Extensions')) {
      const parts = children(extension, 'Extension');
      const id = readOid(parts[0], 'extnID');
      const value = contentBytes(parts[parts.length - 1], 'extnValue');
      if (id === OID.keyUsage) keyUsage = readKeyUsage(value);
      if (id === OID.extendedKeyUsage) extendedKeyUsage = children(fromDer(value), 'extKeyUsage').map((purpose) => readOid(purpose, 'KeyPurposeId'));
      if (id === OID.authorityInfoAccess) {
        // AccessDescription ::= SEQUENCE { accessMethod OID, accessLocation GeneralName }
        for (const access of children(fromDer(value), 'authorityInfoAccess')) {
          if (readOid(child(access, 0, 'AccessDescription'), 'accessMethod') === OID.ocspAccess) ocspUrls.push(...uris(child(access, 1, 'AccessDescription')));
        }
      }
      if (id === OID.qcStatements) {
        // QCStatement ::= SEQUENCE { statementId OID, statementInfo ANY OPTIONAL }
        for (const statement of children(fromDer(value), 'QCStatements')) qcStatements.push(readOid(child(statement, 0, 'QCStatement'), 'statementId'));
      }
      if (id === OID.crlDistributionPoints) {
        // DistributionPoint ::= SEQUENCE { distributionPoint [0] { fullName [0] GeneralNames } … }
        for (const point of children(fromDer(value), 'cRLDistributionPoints')) {
          const name = children(point, 'DistributionPoint').find((f) => isTag(f, asn1.Class.CONTEXT_SPECIFIC, 0));
          const full = children(name, 'distributionPoint').find((f) => isTag(f, asn1.Class.CONTEXT_SPECIFIC, 0));
          for (const general of children(full, 'fullName')) crlUrls.push(...uris(general));
        }
      }
      if (id === OID.subjectKeyIdentifier) subjectKeyIdentifier = contentBytes(fromDer(value), 'subjectKeyIdentifier');
      if (id === OID.basicConstraints) {
        // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, … }
        const first = children(fromDer(value), 'basicConstraints')[0];
        isCa = first !== undefined && isTag(first, asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN) && contentBytes(first, 'cA')[0] !== 0;
      }
    }
  }

  const subject = readName(subjectNode);
  return {
    der: bytes,
    x509,
    subject,
    issuer: readName(issuerNode),
    issuerDer: toDer(issuerNode),
    serialOctets,
    serialHex: serialOctets.toString('hex').replace(/^00(?=.)/, '').toUpperCase(),
    notBefore: readTime(child(validity, 0, 'Validity'), 'notBefore'),
    notAfter: readTime(child(validity, 1, 'Validity'), 'notAfter'),
    keyUsage,
    extendedKeyUsage,
    ocspUrls,
    crlUrls,
    qcCompliance: qcStatements.includes(OID.qcCompliance),
    qcSscd: qcStatements.includes(OID.qcSscd),
    // The BIT STRING's content after its unused-bits octet.
    publicKeyBits: contentBytes(child(fromDerBitsAsIs(x509.publicKey.export({ type: 'spki', format: 'der' })), 1, 'SubjectPublicKeyInfo'), 'subjectPublicKey').subarray(1),
    isCa,
    subjectKeyIdentifier,
    keyType: x509.publicKey.asymmetricKeyType ?? 'unknown',
    label: subject.commonName ?? subject.text,
  };
}

/** SHA-256 of the DER (what ESS signing-certificate-v2 carries and what identifies a certificate). */
export function certificateHash(cert: Certificate, algorithm = 'sha256'): Buffer {
  return createHash(algorithm).update(cert.der).digest();
}

/** May this certificate sign documents? (key usage digitalSignature or nonRepudiation) */
export function allowsSigning(cert: Certificate): boolean {
  // No keyUsage extension means no restriction (RFC 5280 §4.2.1.3); qualified certificates
  // always carry one.
  return cert.keyUsage === undefined || cert.keyUsage.digitalSignature || cert.keyUsage.nonRepudiation;
}

/** Is `at` inside the certificate's validity period (both ends inclusive, RFC 5280 §4.1.2.5)? */
export function isValidAt(cert: Certificate, at: Date): boolean {
  return at.getTime() >= cert.notBefore.getTime() && at.getTime() <= cert.notAfter.getTime();
}

/**
 * Refuses a certificate that cannot sign at `at`: not yet valid, expired, or not for signing.
 *
 * Throws the Polish DomainError the person at the desk sees (with the dates in the office's
 * time zone).
 */
export function assertCanSign(cert: Certificate, at: Date): void {
  if (at.getTime() < cert.notBefore.getTime()) {
    throw fail('SIGN_CERT_NOT_YET_VALID', { name: cert.label, notBefore: formatDateTime(cert.notBefore.toISOString()) });
  }
  if (at.getTime() > cert.notAfter.getTime()) {
    throw fail('SIGN_CERT_EXPIRED', { name: cert.label, notAfter: formatDateTime(cert.notAfter.toISOString()) });
  }
  if (!allowsSigning(cert)) throw fail('SIGN_CERT_KEY_USAGE', { name: cert.label });
}

/** Does `cert` certify `key`? (same SubjectPublicKeyInfo) */
export function certifiesKey(cert: Certificate, publicKey: KeyObject): boolean {
  const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  return spki(cert.x509.publicKey).equals(spki(publicKey));
}
