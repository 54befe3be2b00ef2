/**
 * Checks the signatures of a PDF and gives each the verdict of ETSI EN 319 102-1: TOTAL_PASSED,
 * INDETERMINATE or TOTAL_FAILED, with the sub-indication that says why (§5.1.3).
 *
 * The checks, in order: the signature's structure (/ByteRange, CMS), the integrity of the signed
 * bytes, the cryptographic signature, the certificate it names (ESS signing-certificate-v2), the
 * key usage, the path to a trusted root, the certificate's validity, and every change made to
 * the file after the signed revision (signing/revisions.ts). A failure that proves the signature
 * wrong (a changed byte, a signature that does not verify, a disallowed change) is TOTAL_FAILED;
 * one that only stops us from confirming it (an unknown issuer, an expired certificate without a
 * timestamp) is INDETERMINATE — a resident's genuine signature from a CA the office has not
 * configured is not "invalid", it is "not confirmed".
 *
 * A signature dictionary that many fields point at is checked once. Nothing here throws for a
 * bad signature — a broken signature is a result, not an error; only a file that is not a
 * readable PDF is refused (SIGN_PDF_UNREADABLE).
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFString, decodePDFRawStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import {
  checkLabels,
  checkTexts as c,
  indicationLabels,
  revisionTexts,
  subIndicationTexts,
  revocationTexts as rv,
  timestampTexts as ts,
  verdictTexts as v,
  type CheckId,
  type SubIndication,
} from '#core/i18n/signatures.pl';
import { formatDateTime } from '#documents/polishDates';
import { tlvLength } from '#signing/asn1';
import { allowsSigning, isValidAt, parseCertificate, type Certificate } from '#signing/certificate';
import { parseSignedData, type ParsedSignedData } from '#signing/cms';
import { HASHES, OID } from '#signing/oids';
import { lastXref, loadPdf } from '#signing/pdfIncremental';
import { listSignatureFields, textOf, type SignatureField } from '#signing/pdfSignatures';
import { parsePdfDate } from '#signing/pdfText';
import { changesAfter, type Permissions, type RevisionChange } from '#signing/revisions';
import { buildPath, checkSignerInfo, parseRoots } from '#signing/signerCheck';
import { checkTimestampToken } from '#signing/timestamp';
import { grantedAt, type TrustService } from '#signing/trustedList';
import { httpFetcher, revocationOf, type EmbeddedRevocation, type Fetcher, type RevocationAnswer } from '#signing/revocation';

export type { SubIndication } from '#core/i18n/signatures.pl';
export type { RevisionChange } from '#signing/revisions';

export type VerifyOptions = {
  /** Certificates of the roots to trust: DER bytes or PEM text (a PEM may hold several). */
  trustedRoots: readonly (Uint8Array | string)[];
  /** The current time: the validation time when nothing proves an earlier one (tests pin it). */
  now?: Date;
  /**
   * Asks OCSP responders and fetches CRLs named in the certificates (`httpFetcher()` online).
   * Without it only revocation data embedded in the document (its DSS) is used.
   */
  fetch?: Fetcher;
  /**
   * Services of an imported trusted list (ETSI TS 119 612): their certificates are trust
   * anchors while (by their status history) they were granted, and a qualified certificate
   * under a CA/QC service makes a qualified signature.
   */
  trustedServices?: readonly TrustService[];
  /** Ask online (`httpFetcher()`) when no `fetch` is given: what the backend's worker uses, a function not being sendable to it. */
  online?: boolean;
};

/** ETSI EN 319 102-1 §5.1.3 main indications. */
export type Indication = 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED';

/**
 * What the byte ranges cover, judged only by signatures that themselves verify.
 * - `whole-file`: everything but the signature itself.
 * - `earlier-revision`: a prefix; a later signature whose own bytes verify covers the file's end.
 * - `changed-after-signing`: bytes after it that no verifying signature covers.
 */
export type Coverage = 'whole-file' | 'earlier-revision' | 'changed-after-signing';

export type SignatureChecks = {
  /** /ByteRange starts at 0, lies within the file, leaves out exactly /Contents, ends a revision. */
  byteRangeWellFormed: boolean;
  /** The CMS messageDigest equals the hash of the byte ranges. */
  digestMatches: boolean;
  /** The CMS signature verifies over the signed attributes with the certificate's key. */
  signatureValid: boolean;
  /** ESS signing-certificate(-v2) names this certificate; `undefined` when the attribute is absent. */
  signingCertificateMatches: boolean | undefined;
  /** A path from the signer to one of the trusted roots, each link's signature verified. */
  chainTrusted: boolean;
  /** Signer and issuers valid at the claimed signing time (/M). */
  certificateValidAtSigningTime: boolean;
  /** Signer and issuers valid now (the validation time when no timestamp proves an earlier one). */
  certificateValidNow: boolean;
  /** The signer's key usage allows signing (digitalSignature or nonRepudiation). */
  keyUsageAllowsSigning: boolean;
  /** No change after the signed revision beyond what is allowed. */
  changesAllowed: boolean;
};

/** One check as shown: what was checked, the outcome, and what was found, in Polish. */
export type CheckStep = {
  id: CheckId;
  label: string;
  outcome: 'passed' | 'failed' | 'indeterminate' | 'warning' | 'not-checked';
  text: string;
};

export type SignatureResult = {
  /** 1-based, in the order the signatures were made. */
  index: number;
  /** The first field holding this signature. */
  fieldName: string;
  /** Every field holding this very signature dictionary (checked once). */
  fieldNames: string[];
  subFilter: string | undefined;
  /** The certificate's CN. */
  signerName: string | undefined;
  /** The certificate subject's serialNumber, e.g. `PNOPL-44051401359`. */
  subjectSerialNumber: string | undefined;
  /** /Name of the signature dictionary. */
  nameInDictionary: string | undefined;
  reason: string | undefined;
  location: string | undefined;
  /** /M — claimed by the signer, not proven (for a document time-stamp: the TSA's time). */
  signingTime: Date | undefined;
  /** A proven time: the signature's own time-stamp, or a later document time-stamp over it. */
  timestamp: { time: Date; tsa: string; kind: 'signature' | 'document' } | undefined;
  /** `signature`, or `document-timestamp` for a PAdES document time-stamp (/ETSI.RFC3161). */
  kind: 'signature' | 'document-timestamp';
  /**
   * eIDAS level, when it passed: `qualified` (QES: a qualified certificate, QcCompliance, under a
   * CA/QC service of the trusted list granted at the time) or `advanced`.
   */
  level: 'qualified' | 'advanced' | undefined;
  /** The trusted-list service the path ends at, if any. */
  trustService: { provider: string; name: string; type: string } | undefined;
  /** `SHA-256`, … */
  hashAlgorithm: string | undefined;
  /** `RSA` or `ECDSA`. */
  signatureAlgorithm: string | undefined;
  byteRange: number[];
  coverage: Coverage;
  indication: Indication;
  subIndication: SubIndication | undefined;
  checks: SignatureChecks;
  steps: CheckStep[];
  /** Every change after the signed revision, allowed or not. */
  changes: RevisionChange[];
  /** Signer first, then each issuer up to the root reached (CN or subject). */
  chain: string[];
  /** indication === 'TOTAL_PASSED'. */
  valid: boolean;
  /** Why it did not pass, in Polish. */
  problems: string[];
  /** Departures from PAdES baseline B that do not decide the verdict, in Polish. */
  warnings: string[];
  /** One line in Polish for the person at the desk. */
  summary: string;
};

export type PdfVerification = {
  signatures: SignatureResult[];
  /** TOTAL_FAILED when any failed, INDETERMINATE when any is open, TOTAL_PASSED when all passed; undefined without signatures. */
  indication: Indication | undefined;
  /** At least one signature, and every one passed. */
  valid: boolean;
  summary: string;
};

/** Verifies every signature in `bytes`. */
export async function verifyPdf(bytes: Uint8Array, opts: VerifyOptions): Promise<PdfVerification> {
  const doc = await loadPdf(bytes);
  // Anchors: the roots configured by hand, and every certificate of a trusted list's CA and TSA
  // services (whether one counted at the time is judged with the time, below).
  const serviceOf = new Map<string, TrustService>();
  const serviceAnchors: Certificate[] = [];
  for (const service of opts.trustedServices ?? []) {
    if (service.type === 'other') continue;
    for (const certificate of parseRoots(service.certificatesPem)) {
      serviceOf.set(certificate.der.toString('hex'), service);
      serviceAnchors.push(certificate);
    }
  }
  const roots = [...parseRoots(opts.trustedRoots), ...serviceAnchors];
  const now = opts.now ?? new Date();
  const dss = readDss(doc);
  const fetch = opts.fetch ?? (opts.online === true ? httpFetcher() : undefined);

  // One entry per signature dictionary: a file may point many fields at one (a cheap way to
  // make a verifier hash a large file thousands of times).
  const byDict = new Map<PDFDict, { fields: SignatureField[]; byteRange: number[] }>();
  for (const field of listSignatureFields(doc)) {
    if (field.signature === undefined) continue;
    const known = byDict.get(field.signature);
    if (known !== undefined) known.fields.push(field);
    else byDict.set(field.signature, { fields: [field], byteRange: numbers(field.signature.lookup(PDFName.of('ByteRange'))) });
  }
  // In signing order: each signature covers the file up to its own end.
  const read = [...byDict].map(([dict, entry]) => ({ dict, ...entry }));
  read.sort((a, b) => end(a.byteRange) - end(b.byteRange));

  const revisions = new Map<number, Promise<PDFDocument | undefined>>();
  const revisionAt = (length: number) => {
    let found = revisions.get(length);
    if (found === undefined) {
      found = loadRevision(bytes, length);
      revisions.set(length, found);
    }
    return found;
  };

  const signatures: SignatureResult[] = [];
  const pending = new Map<SignatureResult, PendingValidity>();
  for (const [i, entry] of read.entries()) {
    const subject = { index: i + 1, fields: entry.fields, dict: entry.dict, byteRange: entry.byteRange };
    const result = nameOf(entry.dict.lookup(PDFName.of('SubFilter'))) === 'ETSI.RFC3161' ? checkDocumentTimestamp(bytes, subject, roots) : checkSignature(bytes, subject, { roots, pending, dssCertificates: dss.certificates });
    const anchor = pending.get(result)?.path.at(-1);
    const service = anchor === undefined ? undefined : serviceOf.get(anchor.der.toString('hex'));
    if (service !== undefined) result.trustService = { provider: service.provider, name: service.name, type: service.type };
    if (result.checks.byteRangeWellFormed) {
      const length = end(entry.byteRange);
      const signed = length === bytes.byteLength ? doc : await revisionAt(length);
      if (signed === undefined) {
        result.checks.byteRangeWellFormed = false;
        failure(result, 'structure', 'TOTAL_FAILED', 'FORMAT_FAILURE', c.revisionUnreadable);
      } else if (signed !== doc) {
        result.changes = changesAfter(signed, doc, permissionsOf(signed, entry.fields[0], entry.dict));
      }
    }
    signatures.push(result);
  }

  // A document time-stamp proves that every signature before it existed at its time (B-LTA).
  for (const stamp of signatures) {
    if (stamp.kind !== 'document-timestamp' || stamp.indication !== 'TOTAL_PASSED' || stamp.timestamp === undefined) continue;
    for (const s of signatures) {
      if (s.kind !== 'signature' || end(s.byteRange) >= end(stamp.byteRange)) continue;
      if (s.timestamp === undefined || s.timestamp.time > stamp.timestamp.time) {
        s.timestamp = { ...stamp.timestamp, kind: 'document' };
        step(s, 'timestamp', 'passed', ts.provenByDocument(formatDateTime(stamp.timestamp.time.toISOString()), stamp.timestamp.tsa));
      }
    }
  }
  for (const [result, input] of pending) {
    judgeValidity(result, input, now);
    judgeService(result, input, serviceOf, now);
    if (input.trusted) judgeRevocation(result, await revocationOfPath(input.path, dss, fetch));
  }

  // Coverage counts only signatures whose own bytes verify: a bogus field whose /ByteRange
  // reaches the end of the file covers nothing.
  const intactEnds = signatures.filter((s) => s.checks.digestMatches && s.checks.signatureValid).map((s) => end(s.byteRange));
  for (const s of signatures) {
    const own = end(s.byteRange);
    s.coverage = own === bytes.byteLength ? 'whole-file' : intactEnds.some((e) => e > own && e === bytes.byteLength) ? 'earlier-revision' : 'changed-after-signing';
    judgeChanges(s);
    finish(s);
  }

  const count = signatures.length;
  const failed = signatures.filter((s) => s.indication === 'TOTAL_FAILED').length;
  const open = signatures.filter((s) => s.indication === 'INDETERMINATE').length;
  const indication: Indication | undefined = count === 0 ? undefined : failed > 0 ? 'TOTAL_FAILED' : open > 0 ? 'INDETERMINATE' : 'TOTAL_PASSED';
  const summary =
    count === 0 ? v.document.none : failed > 0 ? v.document.someFailed(count, failed) : open > 0 ? v.document.someIndeterminate(count, open) : v.document.allPassed(count);
  return { signatures, indication, valid: indication === 'TOTAL_PASSED', summary };
}

const end = (range: number[]) => (range[2] ?? 0) + (range[3] ?? 0);

/** The revision a signature covers, read on its own; undefined when it is not a whole PDF. */
async function loadRevision(bytes: Uint8Array, length: number): Promise<PDFDocument | undefined> {
  const prefix = bytes.subarray(0, length);
  // A revision ends with its own trailer: startxref and %%EOF.
  if (lastXref(prefix).kind === 'unknown') return undefined;
  try {
    return await loadPdf(prefix);
  } catch {
    return undefined;
  }
}

function numbers(object: PDFObject | undefined): number[] {
  if (!(object instanceof PDFArray)) return [];
  return object.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN));
}

function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.decodeText() : undefined;
}

/**
 * What the signer allowed afterwards: /DocMDP of a certification signature at or before this
 * revision (§12.8.2.2), and the fields this signature locks — its /FieldMDP transform or its
 * field's /Lock (§12.8.2.3, §12.7.4.5).
 */
function permissionsOf(signed: PDFDocument, field: SignatureField | undefined, dict: PDFDict): Permissions {
  let docMdp: Permissions['docMdp'];
  const perms = signed.catalog.lookup(PDFName.of('Perms'));
  const certification = perms instanceof PDFDict ? perms.lookup(PDFName.of('DocMDP')) : undefined;
  if (certification instanceof PDFDict) {
    for (const reference of references(certification)) {
      if (nameOf(reference.get(PDFName.of('TransformMethod'))) !== 'DocMDP') continue;
      const params = reference.lookup(PDFName.of('TransformParams'));
      const p = params instanceof PDFDict ? params.lookup(PDFName.of('P')) : undefined;
      const level = p instanceof PDFNumber ? p.asNumber() : 2; // §12.8.2.2: P defaults to 2
      docMdp = level === 1 || level === 3 ? level : 2;
    }
  }
  const locks: PDFDict[] = references(dict)
    .filter((reference) => nameOf(reference.get(PDFName.of('TransformMethod'))) === 'FieldMDP')
    .map((reference) => reference.lookup(PDFName.of('TransformParams')))
    .filter((params): params is PDFDict => params instanceof PDFDict);
  const lock = field?.dict.lookup(PDFName.of('Lock'));
  if (lock instanceof PDFDict) locks.push(lock);
  let locked: Permissions['locked'];
  for (const params of locks) {
    const action = nameOf(params.get(PDFName.of('Action')));
    const named = params.lookup(PDFName.of('Fields'));
    const fields = named instanceof PDFArray ? named.asArray().map((f) => textOf(f)).filter((f): f is string => f !== undefined) : [];
    if (action === 'All') locked = { action: 'all' };
    else if ((action === 'Include' || action === 'Exclude') && locked?.action !== 'all') locked = { action: action === 'Include' ? 'include' : 'exclude', fields };
  }
  return { docMdp, locked };
}

function references(dict: PDFDict): PDFDict[] {
  const list = dict.lookup(PDFName.of('Reference'));
  if (!(list instanceof PDFArray)) return [];
  return list.asArray().map((entry) => dict.context.lookup(entry)).filter((entry): entry is PDFDict => entry instanceof PDFDict);
}

type Subject = { index: number; fields: SignatureField[]; dict: PDFDict; byteRange: number[] };

function blankChecks(): SignatureChecks {
  return {
    byteRangeWellFormed: false,
    digestMatches: false,
    signatureValid: false,
    signingCertificateMatches: undefined,
    chainTrusted: false,
    certificateValidAtSigningTime: false,
    certificateValidNow: false,
    keyUsageAllowsSigning: false,
    changesAllowed: true,
  };
}

/** Records a finding: the first failure decides the sub-indication, a FAILED beats an INDETERMINATE. */
function failure(result: SignatureResult, id: CheckId, indication: 'TOTAL_FAILED' | 'INDETERMINATE', sub: SubIndication, text: string): void {
  result.problems.push(text);
  step(result, id, indication === 'TOTAL_FAILED' ? 'failed' : 'indeterminate', text);
  const rank = (i: Indication) => (i === 'TOTAL_FAILED' ? 2 : i === 'INDETERMINATE' ? 1 : 0);
  if (rank(indication) > rank(result.indication)) {
    result.indication = indication;
    result.subIndication = sub;
  }
}

function step(result: SignatureResult, id: CheckId, outcome: CheckStep['outcome'], text: string): void {
  result.steps.push({ id, label: checkLabels[id], outcome, text });
}

function newResult(subject: Subject): SignatureResult {
  const { dict, byteRange } = subject;
  const mText = textOf(dict.lookup(PDFName.of('M')));
  const fieldNames = subject.fields.map((f) => f.name);
  return {
    index: subject.index,
    fieldName: fieldNames[0] ?? '',
    fieldNames,
    subFilter: nameOf(dict.lookup(PDFName.of('SubFilter'))),
    signerName: undefined,
    subjectSerialNumber: undefined,
    nameInDictionary: textOf(dict.lookup(PDFName.of('Name'))),
    reason: textOf(dict.lookup(PDFName.of('Reason'))),
    location: textOf(dict.lookup(PDFName.of('Location'))),
    signingTime: mText === undefined ? undefined : parsePdfDate(mText),
    timestamp: undefined,
    kind: 'signature',
    level: undefined,
    trustService: undefined,
    hashAlgorithm: undefined,
    signatureAlgorithm: undefined,
    byteRange,
    coverage: 'changed-after-signing',
    indication: 'TOTAL_PASSED',
    subIndication: undefined,
    checks: blankChecks(),
    steps: [],
    changes: [],
    chain: [],
    valid: false,
    problems: [],
    warnings: [],
    summary: '',
  };
}

type SignatureContext = { roots: Certificate[]; pending: Map<SignatureResult, PendingValidity>; dssCertificates: Certificate[] };

function checkSignature(bytes: Uint8Array, subject: Subject, { roots, pending, dssCertificates }: SignatureContext): SignatureResult {
  const { dict, byteRange } = subject;
  const result = newResult(subject);
  const { checks, warnings } = result;

  const cmsBytes = contentsOf(bytes, dict, byteRange);
  checks.byteRangeWellFormed = cmsBytes !== undefined;
  if (cmsBytes === undefined) {
    failure(result, 'structure', 'TOTAL_FAILED', 'FORMAT_FAILURE', c.byteRangeBroken);
    return result;
  }

  let cms: ParsedSignedData;
  try {
    cms = parseSignedData(cmsBytes.subarray(0, tlvLength(cmsBytes)));
  } catch {
    failure(result, 'structure', 'TOTAL_FAILED', 'FORMAT_FAILURE', c.cmsUnreadable);
    return result;
  }
  const signerInfo = cms.signers[0];
  if (signerInfo === undefined || cms.signers.length !== 1) {
    failure(result, 'structure', 'TOTAL_FAILED', 'FORMAT_FAILURE', c.signerCount(cms.signers.length));
    if (signerInfo === undefined) return result;
  }
  const [, firstLength = 0, secondStart = 0, secondLength = 0] = byteRange;
  const content = [bytes.subarray(0, firstLength), bytes.subarray(secondStart, secondStart + secondLength)];
  const check = checkSignerInfo(
    signerInfo,
    cms.certificates,
    (node) => content.reduce((h, part) => h.update(part), createHash(node)).digest(),
    () => Buffer.concat(content),
  );
  const { signer, certificates, hash, algorithm } = check;
  if (signer === undefined) {
    failure(result, 'signingCertificate', 'INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND', c.noSignerCertificate);
    return result;
  }
  result.signerName = signer.subject.commonName;
  result.subjectSerialNumber = signer.subject.serialNumber;
  const signingTime = result.signingTime ?? signerInfo.signingTime;

  // Integrity (the hash of the signed ranges against messageDigest) and the signature itself.
  result.hashAlgorithm = HASHES[signerInfo.digestAlgorithm]?.label;
  if (hash === undefined) {
    failure(result, 'integrity', 'INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE', c.hashRefused(result.hashAlgorithm ?? signerInfo.digestAlgorithm));
    return result;
  }
  result.signatureAlgorithm = algorithm?.label;
  checks.digestMatches = check.digestMatches;
  checks.signatureValid = check.signatureValid;
  if (algorithm === undefined) {
    failure(result, 'cryptography', 'INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE', c.algorithmUnsupported);
  } else {
    if (!check.signedAttributes) warnings.push(c.noSignedAttributes);
    else if (signerInfo.contentType !== OID.data) warnings.push(c.contentTypeNotData);
    if (checks.digestMatches) step(result, 'integrity', 'passed', c.digestMatches);
    else failure(result, 'integrity', 'TOTAL_FAILED', 'HASH_FAILURE', c.digestMismatch);
    if (checks.signatureValid) step(result, 'cryptography', 'passed', c.signatureValid(algorithm.label, hash.label));
    else failure(result, 'cryptography', 'TOTAL_FAILED', 'SIG_CRYPTO_FAILURE', c.signatureInvalid);
  }

  // ESS signing-certificate(-v2): the signature names its own certificate.
  checks.signingCertificateMatches = check.signingCertificateMatches;
  if (check.signingCertificateMatches === true) step(result, 'signingCertificate', 'passed', c.signingCertificateMatches);
  else if (check.signingCertificateMatches === false) failure(result, 'signingCertificate', 'INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND', c.signingCertificateOther);
  else if (result.subFilter === 'ETSI.CAdES.detached') {
    warnings.push(c.signingCertificateMissing);
    step(result, 'signingCertificate', 'warning', c.signingCertificateMissing);
  }
  if (signerInfo.signingTime !== undefined && result.subFilter === 'ETSI.CAdES.detached') warnings.push(c.signingTimeAttribute);

  // The certificate: usage, path to a trusted root, validity.
  checks.keyUsageAllowsSigning = allowsSigning(signer);
  if (checks.keyUsageAllowsSigning) step(result, 'keyUsage', 'passed', c.keyUsageRight);
  else failure(result, 'keyUsage', 'INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE', c.keyUsageWrong);
  // Intermediates come with the signature or, in a B-LT document, from its DSS.
  const path = buildPath(signer, [...certificates, ...dssCertificates], roots);
  result.chain = path.certificates.map((x) => x.label);
  checks.chainTrusted = path.trusted;
  if (path.trusted) step(result, 'chain', 'passed', c.chainTrusted(result.chain.join(' → ')));
  else failure(result, 'chain', 'INDETERMINATE', path.failure === 'not-ca' ? 'CHAIN_CONSTRAINTS_FAILURE' : 'NO_CERTIFICATE_CHAIN_FOUND', path.problem);

  pending.set(result, { signer, path: path.certificates, claimed: signingTime, trusted: path.trusted });

  // A signature time-stamp (PAdES B-T): the TSA's token over the signature value.
  for (const token of signerInfo.timeStampTokens.slice(0, 1)) {
    const stamp = checkTimestampToken(token, (node) => createHash(node).update(signerInfo.signature).digest(), roots);
    if (stamp.valid && stamp.genTime !== undefined) {
      result.timestamp = { time: stamp.genTime, tsa: stamp.tsaName ?? '?', kind: 'signature' };
      step(result, 'timestamp', 'passed', ts.proven(formatDateTime(stamp.genTime.toISOString()), stamp.tsaName ?? '?'));
    } else {
      warnings.push(ts.ignored(stamp.problems.join('; ')));
      step(result, 'timestamp', 'warning', ts.ignored(stamp.problems.join('; ')));
    }
  }
  return result;
}

/**
 * A document time-stamp (PAdES B-LTA, /SubFilter /ETSI.RFC3161): the TSA's token over the
 * byte ranges, proving the file up to it existed at its time.
 */
function checkDocumentTimestamp(bytes: Uint8Array, subject: Subject, roots: Certificate[]): SignatureResult {
  const result = newResult(subject);
  result.kind = 'document-timestamp';
  const { checks } = result;
  const token = contentsOf(bytes, subject.dict, subject.byteRange);
  checks.byteRangeWellFormed = token !== undefined;
  if (token === undefined) {
    failure(result, 'structure', 'TOTAL_FAILED', 'FORMAT_FAILURE', c.byteRangeBroken);
    return result;
  }
  const [, firstLength = 0, secondStart = 0, secondLength = 0] = subject.byteRange;
  const stamp = checkTimestampToken(
    token.subarray(0, tlvLength(token)),
    (node) => createHash(node).update(bytes.subarray(0, firstLength)).update(bytes.subarray(secondStart, secondStart + secondLength)).digest(),
    roots,
  );
  result.signerName = stamp.tsaName;
  result.signingTime = stamp.genTime;
  result.chain = stamp.chain;
  checks.digestMatches = stamp.imprintMatches;
  checks.signatureValid = stamp.signatureValid;
  checks.chainTrusted = stamp.chainTrusted;
  checks.keyUsageAllowsSigning = stamp.certificateFit;
  if (stamp.genTime === undefined) {
    failure(result, 'structure', 'TOTAL_FAILED', 'FORMAT_FAILURE', stamp.problems.join('; '));
    return result;
  }
  if (stamp.imprintMatches) step(result, 'integrity', 'passed', c.digestMatches);
  else failure(result, 'integrity', 'TOTAL_FAILED', 'HASH_FAILURE', c.digestMismatch);
  if (!stamp.signatureValid) failure(result, 'cryptography', 'TOTAL_FAILED', 'SIG_CRYPTO_FAILURE', stamp.problems.join('; '));
  else if (!stamp.chainTrusted) failure(result, 'chain', 'INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND', stamp.problems.join('; '));
  else if (!stamp.certificateFit) failure(result, 'validity', 'INDETERMINATE', 'CHAIN_CONSTRAINTS_FAILURE', stamp.problems.join('; '));
  else step(result, 'chain', 'passed', c.chainTrusted(stamp.chain.join(' → ')));
  if (stamp.valid) {
    result.timestamp = { time: stamp.genTime, tsa: stamp.tsaName ?? '?', kind: 'document' };
    step(result, 'timestamp', 'passed', ts.documentTimestamp(formatDateTime(stamp.genTime.toISOString()), stamp.tsaName ?? '?'));
  }
  checks.certificateValidAtSigningTime = stamp.certificateFit;
  return result;
}

/** What the validity check needs, kept until every proof of existence is known. */
type PendingValidity = { signer: Certificate; path: Certificate[]; claimed: Date | undefined; trusted: boolean };

/**
 * A path ending at a trusted-list service counts only if the service was granted when the
 * signature was made (proven time, else claimed, else now); a qualified certificate under a
 * granted CA/QC service makes the signature qualified (eIDAS art. 3(12)).
 */
function judgeService(result: SignatureResult, input: PendingValidity, serviceOf: ReadonlyMap<string, TrustService>, now: Date): void {
  const anchor = input.path.at(-1);
  const service = anchor === undefined ? undefined : serviceOf.get(anchor.der.toString('hex'));
  const at = result.timestamp?.time ?? input.claimed ?? now;
  if (service !== undefined && input.trusted && !grantedAt(service, at)) {
    failure(result, 'chain', 'INDETERMINATE', 'CHAIN_CONSTRAINTS_FAILURE', c.serviceNotGranted(service.name, formatDateTime(at.toISOString())));
  }
  const qualified = service?.type === 'CA/QC' && grantedAt(service, at) && input.signer.qcCompliance;
  result.level = input.trusted ? (qualified ? 'qualified' : 'advanced') : undefined;
  if (service !== undefined) step(result, 'chain', 'passed', c.fromTrustedList(service.provider, service.name));
  if (result.level !== undefined) step(result, 'level', 'passed', result.level === 'qualified' ? c.qualified(input.signer.qcSscd) : c.advanced);
}

/** The DSS dictionary (PAdES B-LT, ETSI EN 319 142-1 §5.4.2): certificates, OCSP answers and CRLs kept in the document. */
function readDss(doc: PDFDocument): EmbeddedRevocation & { certificates: Certificate[] } {
  const dss = doc.catalog.lookup(PDFName.of('DSS'));
  const streams = (key: string): Buffer[] => {
    const list = dss instanceof PDFDict ? dss.lookup(PDFName.of(key)) : undefined;
    if (!(list instanceof PDFArray)) return [];
    return list
      .asArray()
      .slice(0, MAX_DSS_ENTRIES)
      .map((entry) => doc.context.lookup(entry))
      .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
      .flatMap((stream) => {
        try {
          return [Buffer.from(decodePDFRawStream(stream).decode())];
        } catch {
          return []; // a stream that does not decode holds nothing usable
        }
      });
  };
  return {
    certificates: streams('Certs').map((der) => parseCertificate(der)).filter((x): x is Certificate => x !== null),
    ocsps: streams('OCSPs'),
    crls: streams('CRLs'),
  };
}

/** A DSS of a real document holds tens of entries; a crafted one is read no further than this. */
const MAX_DSS_ENTRIES = 1_000;

/** Each certificate's answer, signer first; the trust anchor at the end is not asked. */
type PathRevocation = { certificate: Certificate; answer: RevocationAnswer | undefined }[];

async function revocationOfPath(path: Certificate[], dss: EmbeddedRevocation, fetch: Fetcher | undefined): Promise<PathRevocation> {
  const answers: PathRevocation = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const [certificate, issuer] = [path[i], path[i + 1]];
    if (certificate === undefined || issuer === undefined) continue;
    answers.push({ certificate, answer: await revocationOf(certificate, issuer, dss, fetch) });
  }
  return answers;
}

/**
 * Revocation (EN 319 102-1 §5.2.5, §5.6.2.3): a certificate revoked before the proven (or the
 * admitted) signing time fails the signature; revoked with nothing proving the signature came
 * first, it is indeterminate; unanswered, it is indeterminate (TRY_LATER) — unless the
 * certificate names no OCSP responder or CRL at all, which is said but decides nothing.
 */
function judgeRevocation(result: SignatureResult, answers: PathRevocation): void {
  const poe = result.timestamp?.time;
  const claimed = result.signingTime;
  const notes: string[] = [];
  for (const { certificate, answer } of answers) {
    const whose = certificate.label;
    if (answer === undefined) {
      if (certificate.ocspUrls.length === 0 && certificate.crlUrls.length === 0) {
        notes.push(rv.noSource(whose));
        continue;
      }
      failure(result, 'revocation', 'INDETERMINATE', 'TRY_LATER', rv.noAnswer(whose));
      continue;
    }
    const source = rv.source(answer.source, answer.embedded, formatDateTime(answer.thisUpdate.toISOString()));
    if (answer.status === 'unknown') {
      failure(result, 'revocation', 'INDETERMINATE', 'TRY_LATER', rv.unknown(whose, source));
    } else if (answer.status === 'revoked') {
      const at = answer.revokedAt ?? answer.thisUpdate;
      const when = formatDateTime(at.toISOString());
      if (poe !== undefined && poe.getTime() < at.getTime()) notes.push(rv.revokedAfter(whose, when, source));
      else if (poe !== undefined || (claimed !== undefined && claimed.getTime() >= at.getTime())) failure(result, 'revocation', 'TOTAL_FAILED', 'REVOKED', rv.revoked(whose, when, source));
      else failure(result, 'revocation', 'INDETERMINATE', 'REVOKED_NO_POE', rv.revoked(whose, when, source));
    } else {
      notes.push(rv.good(whose, source));
    }
  }
  if (!result.steps.some((x) => x.id === 'revocation')) {
    const checked = answers.some((a) => a.answer !== undefined);
    step(result, 'revocation', checked ? 'passed' : 'not-checked', notes.join('; ') || c.revocationNotChecked);
  } else if (notes.length > 0) {
    step(result, 'revocation', 'passed', notes.join('; '));
  }
}

/**
 * The certificates' validity (EN 319 102-1 §5.2.6, §5.6.2.4). The claimed time (/M) proves
 * nothing, but a claim before a certificate existed is a contradiction: the signature fails.
 * With a proof of existence (a signature or document time-stamp) the certificates must have
 * been valid then; without one, they must be valid now.
 */
function judgeValidity(result: SignatureResult, input: PendingValidity, now: Date): void {
  const { signer, path, claimed } = input;
  const { checks } = result;
  const whose = (x: Certificate) => (x === signer ? c.theCertificate : c.issuerCertificate(x.label));
  const range = (x: Certificate) => [formatDateTime(x.notBefore.toISOString()), formatDateTime(x.notAfter.toISOString())] as const;
  const poe = result.timestamp?.time;
  const notValidAtClaim = path.find((x) => !isValidAt(x, claimed ?? poe ?? now));
  checks.certificateValidAtSigningTime = notValidAtClaim === undefined;
  checks.certificateValidNow = path.every((x) => isValidAt(x, now));
  const at = poe ?? now;
  const notValidThen = path.find((x) => !isValidAt(x, at));
  if (claimed !== undefined && notValidAtClaim !== undefined && claimed.getTime() < notValidAtClaim.notBefore.getTime()) {
    failure(result, 'validity', 'TOTAL_FAILED', 'NOT_YET_VALID', c.notYetValid(whose(notValidAtClaim), formatDateTime(claimed.toISOString()), ...range(notValidAtClaim)));
  } else if (notValidThen !== undefined && poe !== undefined) {
    const before = poe.getTime() < notValidThen.notBefore.getTime();
    failure(result, 'validity', 'TOTAL_FAILED', before ? 'NOT_YET_VALID' : 'EXPIRED', c.notValidAtProof(whose(notValidThen), formatDateTime(poe.toISOString()), ...range(notValidThen)));
  } else if (notValidThen !== undefined) {
    failure(result, 'validity', 'INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE', c.expiredNoProof(whose(notValidThen), range(notValidThen)[1]));
  } else {
    step(result, 'validity', 'passed', poe === undefined ? c.validNow(range(signer)[1]) : c.validAtProof(formatDateTime(poe.toISOString()), range(signer)[1]));
  }
  if (poe !== undefined && claimed !== undefined && claimed.getTime() > poe.getTime() + CLOCK_SKEW_MS) {
    result.warnings.push(ts.claimedAfterProof(formatDateTime(claimed.toISOString()), formatDateTime(poe.toISOString())));
  }
}

/** A signer's clock may run ahead of the TSA's; more than this and the claim is reported. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The changes after the signed revision decide the verdict when any is not allowed. */
function judgeChanges(result: SignatureResult): void {
  if (!result.checks.byteRangeWellFormed) return;
  const disallowed = result.changes.filter((change) => !change.allowed);
  result.checks.changesAllowed = disallowed.length === 0;
  if (disallowed.length > 0) {
    // The summary names the first few; the whole list is in `changes`.
    const listed = disallowed.filter((x) => x.more === undefined);
    const total = disallowed.reduce((sum, x) => sum + (x.more ?? 1), 0);
    const named = listed.slice(0, 3).map((x) => x.text);
    if (total > named.length) named.push(revisionTexts.moreChanges(total - named.length));
    failure(result, 'revisions', 'TOTAL_FAILED', 'HASH_FAILURE', c.disallowedChanges(named.join('; ')));
  } else {
    step(result, 'revisions', 'passed', result.changes.length === 0 ? c.noChanges : `${c.onlyAllowedChanges}: ${result.changes.map((x) => x.text).join('; ')}`);
  }
}

function finish(result: SignatureResult): void {
  const document = result.kind === 'document-timestamp';
  if (!document && !result.steps.some((x) => x.id === 'timestamp')) step(result, 'timestamp', 'not-checked', ts.none);
  if (!result.steps.some((x) => x.id === 'revocation')) step(result, 'revocation', 'not-checked', c.revocationNotChecked);
  result.valid = result.indication === 'TOTAL_PASSED';
  // Qualified or advanced is said only of a signature that holds.
  if (!result.valid) {
    result.level = undefined;
    result.steps = result.steps.filter((x) => x.id !== 'level');
  }
  // Shown in the order the checks are listed (the catalogue's), whatever order they were made in.
  const order = Object.keys(checkLabels);
  result.steps.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const who = result.signerName ?? result.nameInDictionary ?? v.unknownSigner;
  const id = result.subjectSerialNumber === undefined ? '' : ` (${result.subjectSerialNumber})`;
  const stamp = result.timestamp;
  const when =
    stamp !== undefined && !document
      ? v.provenAt(formatDateTime(stamp.time.toISOString()), stamp.tsa)
      : result.signingTime === undefined
        ? ''
        : v.signedAt(formatDateTime(result.signingTime.toISOString()));
  // A crafted file may show one signature in thousands of fields: the line names a few.
  const fields = result.fieldNames.length <= 3 ? result.fieldNames.join(', ') : `${result.fieldNames.slice(0, 3).join(', ')} ${v.moreFields(result.fieldNames.length - 3)}`;
  const head = (document ? v.documentHead : v.head)(result.index, fields, `${who}${id}`, when);
  let verdict: string;
  if (result.indication === 'TOTAL_PASSED') {
    const scope = result.changes.length === 0 ? v.wholeFile : v.earlierRevision;
    const notes = result.warnings.length === 0 ? '' : v.notes(result.warnings.join('; '));
    verdict = document ? v.passedTimestamp(scope, notes) : result.level === 'qualified' ? v.passedQualified(scope, notes) : v.passed(scope, notes);
  } else if (result.indication === 'INDETERMINATE') {
    const meaning = subIndicationTexts[result.subIndication ?? 'TRY_LATER'];
    const details = result.problems.filter((p) => p !== meaning);
    verdict = v.indeterminate(meaning, details.length === 0 ? '' : ` (${details.join('; ')})`);
  } else {
    verdict = v.failed(result.problems.join('; '));
  }
  result.summary = `${head} — ${verdict}`;
}

/** The verdict's word for a person: ważny, nierozstrzygnięty, NIEWAŻNY. */
export function indicationLabel(indication: Indication): string {
  return indicationLabels[indication];
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
