/**
 * CMS SignedData (RFC 5652) for PAdES: built by hand with forge's ASN.1 module, read back the
 * same way.
 *
 * Built by hand because forge's PKCS#7 writer cannot do it: it has no ECDSA, and an attribute
 * it does not know (signing-certificate-v2) comes out as an empty SET — an invalid CMS
 * (TECH-NOTES "Signatures"). Hashing and the signature itself are node:crypto's.
 *
 * What a PAdES baseline B signature carries (ETSI EN 319 142-1 §6.3, EN 319 122-1 §5.2):
 * detached content (the PDF's byte ranges), signed attributes contentType, messageDigest and
 * signing-certificate-v2, and *no* signingTime attribute — the claimed time is the signature
 * dictionary's /M.
 */
import { createHash, sign, type KeyObject } from 'node:crypto';
import {
  Asn1Error,
  asn1,
  child,
  children,
  contentBytes,
  embedded,
  fromDer,
  integerOctets,
  isTag,
  nullValue,
  octets,
  oid,
  readOid,
  readTime,
  seq,
  set,
  setOf,
  smallInteger,
  tagged,
  toDer,
  type Asn1,
} from '#signing/asn1';
import type { Certificate } from '#signing/certificate';
import { OID } from '#signing/oids';

/**
 * What the CMS is made from. The key is behind `sign` — a KeyObject from a PKCS#12 file
 * (`keySigner`) or a smart card / HSM over PKCS#11 (signing/pkcs11.ts) — so the CMS is built
 * the same way whoever holds the key.
 */
export type CmsSigner = {
  /** SHA-256 with the key: RSA PKCS#1 v1.5, or ECDSA as DER Ecdsa-Sig-Value. */
  sign: (data: Buffer) => Promise<Buffer> | Buffer;
  keyType: 'rsa' | 'ec';
  certificate: Certificate;
  /** Issuer certificates to include (DER), so a verifier can build the path to its root. */
  chain: readonly Uint8Array[];
};

/** `sign` for a key held in this process. */
export function keySigner(privateKey: KeyObject): (data: Buffer) => Buffer {
  return (data) => sign('sha256', data, privateKey);
}

function algorithm(id: string, withNull: boolean): Asn1 {
  return withNull ? seq(oid(id), nullValue()) : seq(oid(id));
}

function attribute(type: string, ...values: Asn1[]): Asn1 {
  return seq(oid(type), set(...values));
}

/**
 * ESS signing-certificate-v2 (RFC 5035): binds the signature to this very certificate, so a
 * second certificate for the same key cannot be substituted.
 *
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (so omitted), certHash OCTET STRING,
 *                            issuerSerial SEQUENCE { issuer GeneralNames, serialNumber } }
 */
function signingCertificateV2(cert: Certificate): Asn1 {
  const certHash = createHash('sha256').update(cert.der).digest();
  // GeneralNames ::= SEQUENCE OF GeneralName; directoryName is [4] EXPLICIT Name.
  const issuer = seq(tagged(4, embedded(cert.issuerDer, 'issuer')));
  const issuerSerial = seq(issuer, integerOctets(cert.serialOctets));
  return attribute(OID.signingCertificateV2, seq(seq(seq(octets(certHash), issuerSerial))));
}

/**
 * A detached CMS SignedData over content whose SHA-256 is `contentDigest`; returns the DER.
 * With `timestamp`, the signature value is sent to a TSA and its token added (PAdES B-T).
 *
 * The signature covers the DER of the signed attributes with the SET tag (RFC 5652 §5.4), not
 * the `[0]` they are written under. ECDSA signatures are DER `Ecdsa-Sig-Value`, node's default.
 */
export async function buildSignedData(
  contentDigest: Buffer,
  signer: CmsSigner,
  opts: { timestamp?: (digest: Buffer) => Promise<Buffer> } = {},
): Promise<Buffer> {
  const cert = signer.certificate;
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(contentDigest)),
    signingCertificateV2(cert),
  ];
  const signedAttrs = setOf(...attributes);
  const signature = await signer.sign(toDer(signedAttrs));
  // The same elements, now under the implicit [0] tag of SignerInfo.signedAttrs.
  const signedAttrsField = tagged(0, ...children(signedAttrs, 'signedAttrs'));

  const signatureAlgorithm =
    signer.keyType === 'ec' ? algorithm(OID.ecdsaWithSha256, false) : algorithm(OID.sha256WithRSAEncryption, true);
  const signerInfoFields = [
    smallInteger(1), // version 1: sid is IssuerAndSerialNumber
    seq(embedded(cert.issuerDer, 'issuer'), integerOctets(cert.serialOctets)),
    algorithm(OID.sha256, false),
    signedAttrsField,
    signatureAlgorithm,
    octets(signature),
  ];
  if (opts.timestamp !== undefined) {
    // PAdES B-T (EN 319 142-1 §6.3): the TSA's token over the signature value, as the unsigned
    // attribute id-aa-signatureTimeStampToken (RFC 3161 appendix A) — [1] IMPLICIT SET OF Attribute.
    const token = await opts.timestamp(createHash('sha256').update(signature).digest());
    signerInfoFields.push(tagged(1, attribute(OID.signatureTimeStampToken, embedded(token, 'timeStampToken'))));
  }
  const signerInfo = seq(...signerInfoFields);
  const certificates = [cert.der, ...signer.chain].map((der, i) => embedded(der, `certificate ${i}`));
  const signedData = seq(
    smallInteger(1), // version 1: no attribute certificates, data content type (RFC 5652 §5.1)
    set(algorithm(OID.sha256, false)),
    seq(oid(OID.data)), // encapContentInfo without eContent: detached
    tagged(0, ...certificates),
    set(signerInfo),
  );
  return toDer(seq(oid(OID.signedData), tagged(0, signedData)));
}

// --- reading ----------------------------------------------------------------------------------

/** One SignerInfo, as read. */
export type CmsSignerInfo = {
  /** IssuerAndSerialNumber, or a SubjectKeyIdentifier (version 3). */
  sid: { issuerDer: Buffer; serialOctets: Buffer } | { subjectKeyIdentifier: Buffer };
  digestAlgorithm: string;
  /** DER of the signed attributes with the SET tag: what the signature covers. */
  signedAttrsDer: Buffer | undefined;
  contentType: string | undefined;
  messageDigest: Buffer | undefined;
  /** A signingTime attribute — PAdES baseline forbids it; read only to report it. */
  signingTime: Date | undefined;
  /** ESS signing-certificate-v2 entries: hash algorithm OID and certificate hash. */
  signingCertificates: { hashAlgorithm: string; certHash: Buffer }[];
  /** Whether an ESS signing-certificate (v1 or v2) attribute is present at all. */
  hasSigningCertificateAttribute: boolean;
  signatureAlgorithm: string;
  signature: Buffer;
  /** RFC 3161 time-stamp tokens over the signature value (id-aa-signatureTimeStampToken), DER. */
  timeStampTokens: Buffer[];
};

export type ParsedSignedData = {
  certificates: Buffer[];
  signers: CmsSignerInfo[];
  /** true when there is no eContent (the content is outside, as in PDF). */
  detached: boolean;
  /** encapContentInfo's eContentType (id-data for a PDF signature, id-ct-TSTInfo for a time-stamp token). */
  contentType: string;
  /** The encapsulated content, when not detached (a time-stamp token's TSTInfo). */
  content: Buffer | undefined;
};

/** Reads a DER ContentInfo holding SignedData; throws Asn1Error on anything else. */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
  const contentInfo = fromDer(der);
  if (readOid(child(contentInfo, 0, 'ContentInfo'), 'contentType') !== OID.signedData) throw new Asn1Error('not SignedData');
  const signedData = child(child(contentInfo, 1, 'ContentInfo'), 0, 'SignedData');
  const fields = children(signedData, 'SignedData');
  const encap = child(signedData, 2, 'SignedData');
  const encapFields = children(encap, 'encapContentInfo');
  const detached = encapFields.length === 1;
  const contentType = readOid(encapFields[0], 'eContentType');
  // eContent [0] EXPLICIT OCTET STRING
  const content = detached ? undefined : contentBytes(child(encapFields[1], 0, 'eContent'), 'eContent');

  let certificates: Buffer[] = [];
  let signerInfos: Asn1 | undefined;
  for (const field of fields.slice(3)) {
    if (isTag(field, asn1.Class.CONTEXT_SPECIFIC, 0)) {
      // CertificateChoices: plain certificates are SEQUENCEs; other kinds are skipped.
      certificates = children(field, 'certificates')
        .filter((c) => isTag(c, asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE))
        .map(toDer);
    } else if (isTag(field, asn1.Class.UNIVERSAL, asn1.Type.SET)) {
      signerInfos = field;
    }
  }
  if (signerInfos === undefined) throw new Asn1Error('no signerInfos');
  return { certificates, signers: children(signerInfos, 'signerInfos').map(readSignerInfo), detached, contentType, content };
}

function readSignerInfo(signerInfo: Asn1): CmsSignerInfo {
  const fields = children(signerInfo, 'SignerInfo');
  const sidNode = child(signerInfo, 1, 'SignerInfo');
  const sid = isTag(sidNode, asn1.Class.CONTEXT_SPECIFIC, 0)
    ? { subjectKeyIdentifier: contentBytes(sidNode, 'subjectKeyIdentifier') }
    : { issuerDer: toDer(child(sidNode, 0, 'issuerAndSerialNumber')), serialOctets: contentBytes(child(sidNode, 1, 'issuerAndSerialNumber'), 'serial') };
  const digestAlgorithm = readOid(child(child(signerInfo, 2, 'SignerInfo'), 0, 'digestAlgorithm'), 'digestAlgorithm');

  let next = 3;
  const result: CmsSignerInfo = {
    sid,
    digestAlgorithm,
    signedAttrsDer: undefined,
    contentType: undefined,
    messageDigest: undefined,
    signingTime: undefined,
    signingCertificates: [],
    hasSigningCertificateAttribute: false,
    signatureAlgorithm: '',
    signature: Buffer.alloc(0),
    timeStampTokens: [],
  };
  const attrsNode = fields[next];
  if (attrsNode !== undefined && isTag(attrsNode, asn1.Class.CONTEXT_SPECIFIC, 0)) {
    next++;
    const attributes = children(attrsNode, 'signedAttrs');
    result.signedAttrsDer = toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, attributes));
    for (const attr of attributes) {
      const type = readOid(child(attr, 0, 'Attribute'), 'attrType');
      const value = child(child(attr, 1, 'Attribute'), 0, 'attrValues');
      if (type === OID.contentType) result.contentType = readOid(value, 'contentType');
      else if (type === OID.messageDigest) result.messageDigest = contentBytes(value, 'messageDigest');
      else if (type === OID.signingTime) result.signingTime = readTime(value, 'signingTime');
      else if (type === OID.signingCertificateV2) {
        result.hasSigningCertificateAttribute = true;
        for (const essCertId of children(child(value, 0, 'SigningCertificateV2'), 'certs')) {
          const parts = children(essCertId, 'ESSCertIDv2');
          // hashAlgorithm is optional (DEFAULT sha256); then certHash is the first element.
          const first = parts[0];
          const hasAlgorithm = first !== undefined && isTag(first, asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE);
          result.signingCertificates.push({
            hashAlgorithm: hasAlgorithm ? readOid(child(first, 0, 'hashAlgorithm'), 'hashAlgorithm') : OID.sha256,
            certHash: contentBytes(parts[hasAlgorithm ? 1 : 0], 'certHash'),
          });
        }
      } else if (type === OID.signingCertificate) {
        result.hasSigningCertificateAttribute = true;
        for (const essCertId of children(child(value, 0, 'SigningCertificate'), 'certs')) {
          result.signingCertificates.push({ hashAlgorithm: OID.sha1, certHash: contentBytes(child(essCertId, 0, 'ESSCertID'), 'certHash') });
        }
      }
    }
  }
  result.signatureAlgorithm = readOid(child(child(signerInfo, next, 'SignerInfo'), 0, 'signatureAlgorithm'), 'signatureAlgorithm');
  result.signature = contentBytes(child(signerInfo, next + 1, 'SignerInfo'), 'signature');
  const unsigned = fields[next + 2];
  if (unsigned !== undefined && isTag(unsigned, asn1.Class.CONTEXT_SPECIFIC, 1)) {
    for (const attr of children(unsigned, 'unsignedAttrs')) {
      if (readOid(child(attr, 0, 'Attribute'), 'attrType') !== OID.signatureTimeStampToken) continue;
      for (const token of children(child(attr, 1, 'Attribute'), 'attrValues')) result.timeStampTokens.push(toDer(token));
    }
  }
  return result;
}
