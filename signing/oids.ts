/** Object identifiers used by signing/, with the standard that defines each. */
export const OID = {
  // RFC 5652 (CMS)
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  // RFC 5035 (ESS update): id-aa-signingCertificateV2
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  // RFC 2634: id-aa-signingCertificate (v1, SHA-1 only)
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  // RFC 3161 (time-stamp protocol) and RFC 3161 in CMS: id-ct-TSTInfo, id-aa-signatureTimeStampToken
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  // RFC 5280 §4.2.2.1 / §4.2.1.13 and RFC 6960 (OCSP)
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  ocspAccess: '1.3.6.1.5.5.7.48.1',
  crlDistributionPoints: '2.5.29.31',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  // RFC 3739 / ETSI EN 319 412-5: qualified certificate statements
  qcStatements: '1.3.6.1.5.5.7.1.3',
  qcCompliance: '0.4.0.1862.1.1',
  qcSscd: '0.4.0.1862.1.4',
  // RFC 5280 §4.2.1.12: extended key usage, id-kp-timeStamping
  extendedKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  // NIST hash algorithms (RFC 5754)
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  // RSA (RFC 8017)
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  rsassaPss: '1.2.840.113549.1.1.10',
  // ECDSA (RFC 5758)
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  // X.520 attribute types (RFC 5280 appendix A)
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  title: '2.5.4.12',
  givenName: '2.5.4.42',
  organizationIdentifier: '2.5.4.97',
  // X.509 extensions (RFC 5280 §4.2)
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  // PKCS#12 (RFC 7292)
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  certBag: '1.2.840.113549.1.12.10.1.3',
} as const;

/** Hash algorithms by OID, with node:crypto's name and the name people read. */
export const HASHES: Readonly<Record<string, { node: string; label: string }>> = {
  [OID.sha1]: { node: 'sha1', label: 'SHA-1' },
  [OID.sha256]: { node: 'sha256', label: 'SHA-256' },
  [OID.sha384]: { node: 'sha384', label: 'SHA-384' },
  [OID.sha512]: { node: 'sha512', label: 'SHA-512' },
};
