/**
 * RFC 3161 time-stamps: asking a time-stamping authority (TSA) for a token, and checking a
 * token found in a signature (a signature time-stamp, PAdES B-T) or standing as a signature of
 * its own (a document time-stamp, PAdES B-LTA: /SubFilter /ETSI.RFC3161).
 *
 * A token is a CMS SignedData whose content is a TSTInfo: the hash of what is time-stamped (the
 * message imprint) and the time (genTime), signed by the TSA. It proves that the imprinted data
 * existed at genTime — a proof of existence (POE, ETSI EN 319 102-1 §5.6.2.4) that the signer's
 * own claim (/M) is not.
 */
import { createHash, randomBytes } from 'node:crypto';
import { fail, isDomainError } from '#core/errors';
import { timestampTexts as t } from '#core/i18n/signatures.pl';
import {
  Asn1Error,
  asn1,
  child,
  children,
  contentBytes,
  fromDer,
  integerOctets,
  isTag,
  octets,
  oid,
  readInteger,
  readOid,
  readTime,
  seq,
  smallInteger,
  toDer,
} from '#signing/asn1';
import { isValidAt, type Certificate } from '#signing/certificate';
import { parseSignedData } from '#signing/cms';
import { HASHES, OID } from '#signing/oids';
import { buildPath, checkSignerInfo } from '#signing/signerCheck';

/** The parts of a TSTInfo (RFC 3161 §2.4.2) that a check needs. */
export type TstInfo = {
  policy: string;
  imprintAlgorithm: string;
  imprint: Buffer;
  serial: bigint;
  genTime: Date;
  nonce: bigint | undefined;
};

function readTstInfo(der: Buffer): TstInfo {
  const node = fromDer(der);
  const fields = children(node, 'TSTInfo');
  const imprint = child(node, 2, 'TSTInfo');
  let nonce: bigint | undefined;
  // After genTime: accuracy (SEQUENCE), ordering (BOOLEAN), nonce (INTEGER), tsa [0], extensions [1].
  for (const field of fields.slice(5)) {
    if (isTag(field, asn1.Class.UNIVERSAL, asn1.Type.INTEGER)) nonce = readInteger(field, 'nonce');
  }
  return {
    policy: readOid(child(node, 1, 'TSTInfo'), 'policy'),
    imprintAlgorithm: readOid(child(child(imprint, 0, 'messageImprint'), 0, 'hashAlgorithm'), 'hashAlgorithm'),
    imprint: contentBytes(child(imprint, 1, 'messageImprint'), 'hashedMessage'),
    serial: readInteger(child(node, 3, 'TSTInfo'), 'serialNumber'),
    genTime: readTime(child(node, 4, 'TSTInfo'), 'genTime'),
    nonce,
  };
}

/** What checking a time-stamp token found. */
export type TimestampCheck = {
  /** The proven time, when the token could be read. */
  genTime: Date | undefined;
  /** The TSA's name (its certificate's CN or subject). */
  tsaName: string | undefined;
  /** TSA certificate first, then its issuers up to the root reached. */
  chain: string[];
  imprintMatches: boolean;
  /** The TSA's signature over the TSTInfo verifies (digest and signature). */
  signatureValid: boolean;
  chainTrusted: boolean;
  /** The TSA certificate is for time-stamping (EKU id-kp-timeStamping) and was valid at genTime. */
  certificateFit: boolean;
  /** Everything above holds: the time is proven. */
  valid: boolean;
  /** Why not, in Polish. */
  problems: string[];
};

/**
 * Checks a time-stamp token over some data: `digestOf(hash)` hashes that data with the
 * algorithm the token names (the signature value for a signature time-stamp, the byte ranges
 * for a document time-stamp).
 */
export function checkTimestampToken(token: Uint8Array, digestOf: (hashNode: string) => Buffer, roots: Certificate[]): TimestampCheck {
  const result: TimestampCheck = {
    genTime: undefined,
    tsaName: undefined,
    chain: [],
    imprintMatches: false,
    signatureValid: false,
    chainTrusted: false,
    certificateFit: false,
    valid: false,
    problems: [],
  };
  let info: TstInfo;
  let cms: ReturnType<typeof parseSignedData>;
  try {
    cms = parseSignedData(token);
    if (cms.contentType !== OID.tstInfo || cms.content === undefined) throw new Asn1Error('not a TSTInfo');
    info = readTstInfo(cms.content);
  } catch {
    result.problems.push(t.unreadable);
    return result;
  }
  result.genTime = info.genTime;
  const imprintHash = HASHES[info.imprintAlgorithm];
  result.imprintMatches = imprintHash !== undefined && imprintHash.node !== 'sha1' && digestOf(imprintHash.node).equals(info.imprint);
  if (!result.imprintMatches) result.problems.push(t.imprintMismatch);

  const signerInfo = cms.signers[0];
  const content = cms.content;
  const check =
    signerInfo === undefined
      ? undefined
      : checkSignerInfo(signerInfo, cms.certificates, (node) => createHash(node).update(content).digest(), () => content);
  const tsa = check?.signer;
  if (check === undefined || tsa === undefined) {
    result.problems.push(t.noTsaCertificate);
    return result;
  }
  result.tsaName = tsa.label;
  result.signatureValid = check.digestMatches && check.signatureValid && check.signingCertificateMatches !== false;
  if (!result.signatureValid) result.problems.push(t.signatureInvalid);

  const path = buildPath(tsa, check.certificates, roots);
  result.chain = path.certificates.map((x) => x.label);
  result.chainTrusted = path.trusted;
  if (!path.trusted) result.problems.push(t.untrusted(path.problem));
  // RFC 3161 §2.3: the TSA's certificate has id-kp-timeStamping as its only extended key usage.
  const forTimestamps = tsa.extendedKeyUsage?.includes(OID.timeStamping) === true;
  const validThen = path.certificates.every((x) => isValidAt(x, info.genTime));
  result.certificateFit = forTimestamps && validThen;
  if (!forTimestamps) result.problems.push(t.notForTimestamps);
  if (!validThen) result.problems.push(t.certificateNotValidThen);
  result.valid = result.imprintMatches && result.signatureValid && result.chainTrusted && result.certificateFit;
  return result;
}

// --- asking a TSA -----------------------------------------------------------------------------

/** A TimeStampReq (RFC 3161 §2.4.1) for a SHA-256 digest, with a nonce and the TSA's certificate asked for. */
export function timestampRequest(digest: Buffer, nonce: Buffer): Buffer {
  const certReq = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, '\xff');
  return toDer(seq(smallInteger(1), seq(seq(oid(OID.sha256)), octets(digest)), integerOctets(positive(nonce)), certReq));
}

/** INTEGER content octets for a non-negative number: a leading zero when the top bit is set. */
function positive(bytes: Buffer): Buffer {
  return (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

/** The token of a TimeStampResp (RFC 3161 §2.4.2), or the TSA's refusal as a DomainError. */
export function tokenOfResponse(der: Uint8Array): Buffer {
  let node;
  try {
    node = fromDer(der);
  } catch {
    throw fail('SIGN_TSA_ANSWER');
  }
  const parts = children(node, 'TimeStampResp');
  const status = Number(readInteger(child(parts[0], 0, 'PKIStatusInfo'), 'status'));
  // 0 granted, 1 grantedWithMods; anything else is a refusal.
  if (status > 1 || parts[1] === undefined) throw fail('SIGN_TSA_REFUSED', { status });
  return toDer(parts[1]);
}

/** Largest answer read from a TSA: a token with a certificate chain is a few kilobytes. */
const MAX_TSA_ANSWER = 256 * 1024;

/**
 * Asks the TSA at `url` (RFC 3161 over HTTP, §3.4) to time-stamp the data whose SHA-256 is
 * `digest`, and checks that the token it returns is for this digest and this request (imprint
 * and nonce). Waits at most `timeoutMs`; an unreachable or refusing TSA is a Polish
 * DomainError, never a hang.
 */
export async function requestTimestamp(url: string, digest: Buffer, opts: { timeoutMs?: number } = {}): Promise<Buffer> {
  const nonce = randomBytes(8);
  let answer: Buffer;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: new Uint8Array(timestampRequest(digest, nonce)),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    if (!response.ok) throw fail('SIGN_TSA_REFUSED', { status: response.status });
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_TSA_ANSWER) throw fail('SIGN_TSA_ANSWER');
    answer = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    if (isDomainError(error)) throw error;
    throw fail('SIGN_TSA_UNREACHABLE', { url });
  }
  if (answer.byteLength > MAX_TSA_ANSWER) throw fail('SIGN_TSA_ANSWER');
  const token = tokenOfResponse(answer);
  let info: TstInfo;
  try {
    const cms = parseSignedData(token);
    if (cms.contentType !== OID.tstInfo || cms.content === undefined) throw new Asn1Error('not a TSTInfo');
    info = readTstInfo(cms.content);
  } catch {
    throw fail('SIGN_TSA_ANSWER');
  }
  if (!info.imprint.equals(digest) || info.nonce !== BigInt(`0x${nonce.toString('hex')}`)) throw fail('SIGN_TSA_ANSWER');
  return token;
}
