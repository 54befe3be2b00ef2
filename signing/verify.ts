/**
 * Checks the signatures of a PDF: integrity, the CMS signature, the certificate path to a
 * trusted root, and the certificate's validity at the claimed signing time.
 *
 * Each check is reported separately (so tests can compare them with poppler's `pdfsig`), with
 * the Polish reasons a person reads and one summary line per signature. Nothing here throws for
 * a bad signature — a broken signature is a result, not an error; only a file that is not a
 * readable PDF is refused (SIGN_PDF_UNREADABLE).
 */
import { pluralWord } from '#core/i18n/plural.pl';
import { createHash, verify as verifySignature } from 'node:crypto';
import { PDFArray, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDict, type PDFObject } from 'pdf-lib';
import { formatDateTime } from '#documents/polishDates';
import { tlvLength } from '#signing/asn1';
import { allowsSigning, isValidAt, parseCertificate, type Certificate } from '#signing/certificate';
import { parseSignedData, type CmsSignerInfo, type ParsedSignedData } from '#signing/cms';
import { HASHES, OID } from '#signing/oids';
import { loadPdf } from '#signing/pdfIncremental';
import { listSignatureFields, textOf } from '#signing/pdfSignatures';
import { parsePdfDate } from '#signing/pdfText';

export type VerifyOptions = {
  /** Certificates of the roots to trust: DER bytes or PEM text (a PEM may hold several). */
  trustedRoots: readonly (Uint8Array | string)[];
  /** The current time, for `certificateValidNow` (tests pin it). */
  now?: Date;
};

/**
 * What the byte ranges cover.
 * - `whole-file`: everything but the signature itself — the document is what was signed.
 * - `earlier-revision`: a prefix, followed by later signed revisions (a later signature).
 * - `changed-after-signing`: the last signature, with bytes after it that nobody signed.
 */
export type Coverage = 'whole-file' | 'earlier-revision' | 'changed-after-signing';

export type SignatureChecks = {
  /** /ByteRange starts at 0, lies within the file and leaves out exactly the /Contents string. */
  byteRangeWellFormed: boolean;
  /** The CMS messageDigest equals the hash of the byte ranges. */
  digestMatches: boolean;
  /** The CMS signature verifies over the signed attributes with the certificate's key. */
  signatureValid: boolean;
  /** ESS signing-certificate(-v2) names this certificate; `undefined` when the attribute is absent. */
  signingCertificateMatches: boolean | undefined;
  /** A path from the signer to one of the trusted roots, each link's signature verified. */
  chainTrusted: boolean;
  /** Signer and issuers valid at the signing time (/M). */
  certificateValidAtSigningTime: boolean;
  /**
   * Signer and issuers valid now. Not required for validity — a certificate expiring after the
   * signature was made does not undo it — but without a timestamp /M is only the signer's
   * claim, so an expired certificate is reported (as pdfsig does, which checks at "now").
   */
  certificateValidNow: boolean;
  /** The signer's key usage allows signing (digitalSignature or nonRepudiation). */
  keyUsageAllowsSigning: boolean;
};

export type SignatureResult = {
  /** 1-based, in the order the signatures were made. */
  index: number;
  fieldName: string;
  subFilter: string | undefined;
  /** The certificate's CN. */
  signerName: string | undefined;
  /** The certificate subject's serialNumber, e.g. `PNOPL-44051401359`. */
  subjectSerialNumber: string | undefined;
  /** /Name of the signature dictionary. */
  nameInDictionary: string | undefined;
  reason: string | undefined;
  location: string | undefined;
  /** /M — claimed by the signer, not proven (no timestamp yet). */
  signingTime: Date | undefined;
  /** `SHA-256`, … */
  hashAlgorithm: string | undefined;
  /** `RSA` or `ECDSA`. */
  signatureAlgorithm: string | undefined;
  byteRange: number[];
  coverage: Coverage;
  checks: SignatureChecks;
  /** Signer first, then each issuer up to the root reached (CN or subject). */
  chain: string[];
  valid: boolean;
  /** Why it is not valid, in Polish. */
  problems: string[];
  /** Departures from PAdES baseline B that do not invalidate the signature, in Polish. */
  warnings: string[];
  /** One line in Polish for the person at the desk. */
  summary: string;
};

export type PdfVerification = {
  signatures: SignatureResult[];
  /** At least one signature, and every one valid. */
  valid: boolean;
  summary: string;
};

/** Verifies every signature in `bytes`. */
export async function verifyPdf(bytes: Uint8Array, opts: VerifyOptions): Promise<PdfVerification> {
  const doc = await loadPdf(bytes);
  const roots = parseRoots(opts.trustedRoots);
  const read = listSignatureFields(doc).flatMap((field) =>
    field.signature === undefined ? [] : [{ field, dict: field.signature, byteRange: numbers(field.signature.lookup(PDFName.of('ByteRange'))) }],
  );
  // In signing order: each signature covers the file up to its own end.
  const end = (range: number[]) => (range[2] ?? 0) + (range[3] ?? 0);
  read.sort((a, b) => end(a.byteRange) - end(b.byteRange));
  const lastEnd = Math.max(0, ...read.map((r) => end(r.byteRange)));

  const signatures = read.map(({ field, dict, byteRange }, i) => {
    const coverage: Coverage =
      end(byteRange) === bytes.byteLength ? 'whole-file' : end(byteRange) < lastEnd ? 'earlier-revision' : 'changed-after-signing';
    return checkSignature(bytes, { index: i + 1, fieldName: field.name, dict, byteRange, coverage }, roots, opts.now ?? new Date());
  });

  const count = signatures.length;
  const valid = count > 0 && signatures.every((s) => s.valid);
  const invalid = signatures.filter((s) => !s.valid).length;
  const summary =
    count === 0
      ? 'Dokument nie ma podpisów elektronicznych.'
      : valid
        ? `Dokument ma ${count} ${pluralWord(count, 'podpis', 'podpisy', 'podpisów')}: ${count === 1 ? 'ważny' : 'wszystkie ważne'}.`
        : `Dokument ma ${count} ${pluralWord(count, 'podpis', 'podpisy', 'podpisów')}, w tym ${invalid} ${pluralWord(invalid, 'nieważny', 'nieważne', 'nieważnych')}.`;
  return { signatures, valid, summary };
}

function numbers(object: PDFObject | undefined): number[] {
  if (!(object instanceof PDFArray)) return [];
  return object.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN));
}

/** The trusted roots; a PEM may hold several certificates, and one that does not parse is skipped. */
function parseRoots(roots: readonly (Uint8Array | string)[]): Certificate[] {
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

type Subject = { index: number; fieldName: string; dict: PDFDict; byteRange: number[]; coverage: Coverage };

function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.decodeText() : undefined;
}

function checkSignature(bytes: Uint8Array, subject: Subject, roots: Certificate[], now: Date): SignatureResult {
  const { dict, byteRange } = subject;
  const mText = textOf(dict.lookup(PDFName.of('M')));
  const result: SignatureResult = {
    index: subject.index,
    fieldName: subject.fieldName,
    subFilter: nameOf(dict.lookup(PDFName.of('SubFilter'))),
    signerName: undefined,
    subjectSerialNumber: undefined,
    nameInDictionary: textOf(dict.lookup(PDFName.of('Name'))),
    reason: textOf(dict.lookup(PDFName.of('Reason'))),
    location: textOf(dict.lookup(PDFName.of('Location'))),
    signingTime: mText === undefined ? undefined : parsePdfDate(mText),
    hashAlgorithm: undefined,
    signatureAlgorithm: undefined,
    byteRange,
    coverage: subject.coverage,
    checks: {
      byteRangeWellFormed: false,
      digestMatches: false,
      signatureValid: false,
      signingCertificateMatches: undefined,
      chainTrusted: false,
      certificateValidAtSigningTime: false,
      certificateValidNow: false,
      keyUsageAllowsSigning: false,
    },
    chain: [],
    valid: false,
    problems: [],
    warnings: [],
    summary: '',
  };
  const { checks, problems, warnings } = result;

  const cmsBytes = contentsOf(bytes, dict, byteRange);
  checks.byteRangeWellFormed = cmsBytes !== undefined;
  if (cmsBytes === undefined) {
    problems.push('zakres podpisanych bajtów (/ByteRange) jest nieprawidłowy — nie wiadomo, co podpisano');
    return finish(result);
  }
  if (subject.coverage === 'changed-after-signing') {
    const added = bytes.byteLength - ((byteRange[2] ?? 0) + (byteRange[3] ?? 0));
    problems.push(`dokument zmieniono po podpisaniu: dopisano ${added} B, których ten podpis nie obejmuje`);
  }

  let cms: ParsedSignedData;
  try {
    cms = parseSignedData(cmsBytes.subarray(0, tlvLength(cmsBytes)));
  } catch {
    problems.push('nie da się odczytać danych podpisu (struktura CMS jest uszkodzona)');
    return finish(result);
  }
  const signerInfo = cms.signers[0];
  if (signerInfo === undefined || cms.signers.length !== 1) {
    problems.push(`dane podpisu zawierają ${cms.signers.length} podpisujących zamiast jednego`);
    if (signerInfo === undefined) return finish(result);
  }
  const certificates = cms.certificates.map((der) => parseCertificate(der)).filter((c): c is Certificate => c !== null);
  const signer = findSigner(signerInfo, certificates);
  if (signer === undefined) {
    problems.push('w danych podpisu brak certyfikatu osoby podpisującej');
    return finish(result);
  }
  result.signerName = signer.subject.commonName;
  result.subjectSerialNumber = signer.subject.serialNumber;
  const signingTime = result.signingTime ?? signerInfo.signingTime;

  // Integrity: the hash of the signed ranges against the messageDigest attribute.
  const hash = HASHES[signerInfo.digestAlgorithm];
  result.hashAlgorithm = hash?.label;
  if (hash === undefined || hash.node === 'sha1') {
    problems.push(`algorytm skrótu ${hash?.label ?? signerInfo.digestAlgorithm} nie jest akceptowany`);
    return finish(result);
  }
  const [, firstLength = 0, secondStart = 0, secondLength = 0] = byteRange;
  const content = [bytes.subarray(0, firstLength), bytes.subarray(secondStart, secondStart + secondLength)];
  const digest = content.reduce((h, part) => h.update(part), createHash(hash.node)).digest();

  const algorithm = signatureAlgorithm(signerInfo.signatureAlgorithm, signer);
  result.signatureAlgorithm = algorithm?.label;
  if (algorithm === undefined) {
    problems.push('nieobsługiwany algorytm podpisu albo niezgodny z kluczem certyfikatu');
  } else if (signerInfo.signedAttrsDer === undefined) {
    // No signed attributes: the signature is over the content itself (RFC 5652 §5.4).
    warnings.push('podpis bez atrybutów podpisanych (niezgodny z PAdES)');
    checks.signatureValid = safeVerify(hash.node, Buffer.concat(content), signer, signerInfo.signature);
    checks.digestMatches = checks.signatureValid;
  } else {
    checks.digestMatches = signerInfo.messageDigest !== undefined && signerInfo.messageDigest.equals(digest);
    checks.signatureValid = safeVerify(hash.node, signerInfo.signedAttrsDer, signer, signerInfo.signature);
    if (signerInfo.contentType !== OID.data) warnings.push('atrybut contentType nie wskazuje danych (id-data)');
  }
  if (!checks.digestMatches) problems.push('treść dokumentu zmieniono po podpisaniu (skrót nie zgadza się z podpisanym)');
  if (!checks.signatureValid) problems.push('podpis nie zgadza się z kluczem publicznym certyfikatu');

  // ESS signing-certificate(-v2): the signature names its own certificate.
  if (signerInfo.hasSigningCertificateAttribute) {
    const first = signerInfo.signingCertificates[0];
    const algorithmName = first === undefined ? undefined : HASHES[first.hashAlgorithm]?.node;
    checks.signingCertificateMatches =
      first !== undefined && algorithmName !== undefined && createHash(algorithmName).update(signer.der).digest().equals(first.certHash);
    if (!checks.signingCertificateMatches) problems.push('atrybut signing-certificate wskazuje inny certyfikat niż ten, którym złożono podpis');
  } else if (result.subFilter === 'ETSI.CAdES.detached') {
    warnings.push('brak atrybutu signing-certificate-v2 wymaganego przez PAdES');
  }
  if (signerInfo.signingTime !== undefined && result.subFilter === 'ETSI.CAdES.detached') {
    warnings.push('atrybut signingTime w podpisie PAdES (czas podpisu powinien być tylko w /M)');
  }

  // The certificate: usage, path to a trusted root, validity at the signing time.
  checks.keyUsageAllowsSigning = allowsSigning(signer);
  if (!checks.keyUsageAllowsSigning) problems.push('certyfikat nie służy do składania podpisu (niewłaściwe użycie klucza)');
  const path = buildPath(signer, certificates, roots);
  result.chain = path.certificates.map((c) => c.label);
  checks.chainTrusted = path.trusted;
  if (!path.trusted) problems.push(path.problem);
  const at = signingTime ?? now;
  const notValid = path.certificates.find((c) => !isValidAt(c, at));
  checks.certificateValidAtSigningTime = notValid === undefined;
  if (notValid !== undefined) {
    const whose = notValid === signer ? 'certyfikat' : `certyfikat wystawcy „${notValid.label}”`;
    problems.push(
      `${whose} nie był ważny w chwili podpisu ${formatDateTime(at.toISOString())} (ważny od ${formatDateTime(notValid.notBefore.toISOString())} do ${formatDateTime(notValid.notAfter.toISOString())})`,
    );
  }
  const expiredNow = path.certificates.find((c) => !isValidAt(c, now));
  checks.certificateValidNow = expiredNow === undefined;
  if (expiredNow !== undefined && notValid === undefined) {
    const whose = expiredNow === signer ? 'certyfikat' : `certyfikat wystawcy „${expiredNow.label}”`;
    warnings.push(
      `${whose} nie jest już ważny (ważny do ${formatDateTime(expiredNow.notAfter.toISOString())}); czas podpisu pochodzi z oświadczenia podpisującego (/M), bez znacznika czasu`,
    );
  }
  return finish(result);
}

function finish(result: SignatureResult): SignatureResult {
  result.valid = result.problems.length === 0;
  const who = result.signerName ?? result.nameInDictionary ?? 'nieznany podpisujący';
  const id = result.subjectSerialNumber === undefined ? '' : ` (${result.subjectSerialNumber})`;
  const when = result.signingTime === undefined ? '' : `, złożony ${formatDateTime(result.signingTime.toISOString())}`;
  const head = `Podpis ${result.index} (${result.fieldName}): ${who}${id}${when}`;
  if (result.valid) {
    const scope =
      result.coverage === 'whole-file'
        ? 'dokument nie był zmieniany po podpisaniu'
        : 'podpis obejmuje wcześniejszą wersję dokumentu, późniejsze zmiany są objęte kolejnymi podpisami';
    const notes = result.warnings.length === 0 ? '' : ` Uwagi: ${result.warnings.join('; ')}.`;
    result.summary = `${head} — ważny: ${scope}; certyfikat zaufany i ważny w chwili podpisu.${notes}`;
  } else {
    result.summary = `${head} — NIEWAŻNY: ${result.problems.join('; ')}.`;
  }
  return result;
}

/**
 * The CMS bytes, if /ByteRange is sound: it starts at 0, stays inside the file, and its gap is
 * exactly the `<…>` hex string that /Contents holds. Anything else could let unsigned bytes
 * pass for signed ones.
 */
function contentsOf(bytes: Uint8Array, dict: PDFDict, range: number[]): Buffer | undefined {
  if (range.length !== 4 || !range.every((n) => Number.isSafeInteger(n) && n >= 0)) return undefined;
  const [start = -1, firstLength = 0, gapEnd = 0, secondLength = 0] = range;
  if (start !== 0 || firstLength < 1 || gapEnd <= firstLength + 1 || gapEnd + secondLength > bytes.byteLength) return undefined;
  if (bytes[firstLength] !== 0x3c || bytes[gapEnd - 1] !== 0x3e) return undefined; // '<' … '>'
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset + firstLength + 1, gapEnd - firstLength - 2).toString('latin1');
  if (!/^[0-9A-Fa-f]*$/.test(hex) || hex.length % 2 !== 0) return undefined;
  const gap = Buffer.from(hex, 'hex');
  const contents = dict.lookup(PDFName.of('Contents'));
  const declared = contents instanceof PDFHexString || contents instanceof PDFString ? Buffer.from(contents.asBytes()) : undefined;
  if (declared === undefined || !declared.equals(gap) || gap.byteLength === 0) return undefined;
  return gap;
}

function findSigner(info: CmsSignerInfo, certificates: Certificate[]): Certificate | undefined {
  const sid = info.sid;
  if ('subjectKeyIdentifier' in sid) return certificates.find((c) => c.subjectKeyIdentifier?.equals(sid.subjectKeyIdentifier) === true);
  return certificates.find((c) => c.issuerDer.equals(sid.issuerDer) && c.serialOctets.equals(sid.serialOctets));
}

const RSA_ALGORITHMS = new Set<string>([OID.rsaEncryption, OID.sha256WithRSAEncryption, OID.sha384WithRSAEncryption, OID.sha512WithRSAEncryption]);
const ECDSA_ALGORITHMS = new Set<string>([OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512]);

/** RSA PKCS#1 v1.5 or ECDSA, matching the certificate's key; RSASSA-PSS is not supported yet. */
function signatureAlgorithm(oid: string, signer: Certificate): { label: string } | undefined {
  if (RSA_ALGORITHMS.has(oid) && signer.keyType === 'rsa') return { label: 'RSA' };
  if (ECDSA_ALGORITHMS.has(oid) && signer.keyType === 'ec') return { label: 'ECDSA' };
  return undefined;
}

function safeVerify(hash: string, data: Buffer, signer: Certificate, signature: Buffer): boolean {
  try {
    return verifySignature(hash, data, signer.x509.publicKey, signature);
  } catch {
    return false; // a malformed signature value is an invalid signature, not a crash
  }
}

/**
 * The path from the signer up to a trusted root, using the certificates in the CMS as
 * intermediates. Each link: the child names the parent as issuer (`checkIssued`), the parent's
 * key verifies the child's signature, and the parent is a CA.
 */
function buildPath(signer: Certificate, pool: Certificate[], roots: Certificate[]): { certificates: Certificate[]; trusted: boolean; problem: string } {
  const path: Certificate[] = [signer];
  const issues = (parent: Certificate, child: Certificate) => child.x509.checkIssued(parent.x509) && child.x509.verify(parent.x509.publicKey);
  let current = signer;
  for (let depth = 0; depth < 8; depth++) {
    if (roots.some((root) => root.der.equals(current.der))) return { certificates: path, trusted: true, problem: '' };
    const root = roots.find((r) => issues(r, current));
    if (root !== undefined) {
      if (!root.isCa) return { certificates: [...path, root], trusted: false, problem: `zaufany certyfikat „${root.label}” nie jest certyfikatem urzędu certyfikacji` };
      path.push(root);
      return { certificates: path, trusted: true, problem: '' };
    }
    const issuer = pool.find((c) => !path.includes(c) && issues(c, current));
    if (issuer === undefined) break;
    if (!issuer.isCa) return { certificates: path, trusted: false, problem: `certyfikat wystawcy „${issuer.label}” nie jest certyfikatem urzędu certyfikacji` };
    path.push(issuer);
    current = issuer;
  }
  const top = path[path.length - 1] ?? signer;
  return {
    certificates: path,
    trusted: false,
    problem: `certyfikat nie pochodzi od zaufanego wystawcy (ścieżka kończy się na „${top.issuer.commonName ?? top.issuer.text}”, którego nie ma wśród zaufanych certyfikatów głównych)`,
  };
}
