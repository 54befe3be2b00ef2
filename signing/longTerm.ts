/**
 * PAdES B-LT (ETSI EN 319 142-1 §5.4.2): the validation data of every signature kept in the
 * document itself — the certificates of each path and the OCSP answers or CRLs that show them
 * unrevoked — in a Document Security Store (/DSS) appended as an incremental update. With it,
 * and a document time-stamp after it (B-LTA, `timestampDocument`), the signatures can be
 * verified in twenty years, when the responders are long gone: the archival category A case.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFContext } from 'pdf-lib';
import { fail } from '#core/errors';
import { tlvLength } from '#signing/asn1';
import { parseCertificate, type Certificate } from '#signing/certificate';
import { parseSignedData } from '#signing/cms';
import { appendUpdate, lastXref, openRevision } from '#signing/pdfIncremental';
import { listSignatureFields } from '#signing/pdfSignatures';
import { revocationOf, type Fetcher } from '#signing/revocation';
import { buildPath, findSigner, parseRoots } from '#signing/signerCheck';

export type LongTermOptions = {
  trustedRoots: readonly (Uint8Array | string)[];
  /** How OCSP responders and CRLs are reached (`httpFetcher()`). */
  fetch: Fetcher;
};

/** What went into the DSS, for the person who asked and for tests. */
export type LongTermReport = { signatures: number; certificates: number; ocsps: number; crls: number };

/** The CMS (or time-stamp token) DER in a signature dictionary's /Contents, without the padding. */
function contentsOf(dict: PDFDict): Buffer | undefined {
  const contents = dict.lookup(PDFName.of('Contents'));
  if (!(contents instanceof PDFHexString || contents instanceof PDFString)) return undefined;
  const bytes = Buffer.from(contents.asBytes());
  try {
    return bytes.subarray(0, tlvLength(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Appends a DSS with everything needed to validate each signature and time-stamp in `bytes`.
 * Refuses (Polish DomainError) a document that cannot take an update (SIGN_XREF_STREAM), and one
 * where a certificate's revocation status could not be obtained (SIGN_LT_NO_REVOCATION) — a
 * B-LT document without it would promise what it does not hold.
 */
export async function extendToLongTerm(bytes: Uint8Array, opts: LongTermOptions): Promise<{ bytes: Uint8Array; report: LongTermReport }> {
  if (lastXref(bytes).kind !== 'table') throw fail('SIGN_XREF_STREAM');
  const revision = await openRevision(bytes);
  const { doc } = revision;
  const { context } = doc;
  const roots = parseRoots(opts.trustedRoots);

  const certificates = new Map<string, Buffer>();
  const ocsps = new Map<string, Buffer>();
  const crls = new Map<string, Buffer>();
  const key = (der: Buffer) => createHash('sha256').update(der).digest('hex');
  const vri: { signature: Buffer; certs: Buffer[]; ocsps: Buffer[]; crls: Buffer[] }[] = [];
  let signatures = 0;

  const seen = new Set<PDFDict>();
  for (const field of listSignatureFields(doc)) {
    const dict = field.signature;
    if (dict === undefined || seen.has(dict)) continue;
    seen.add(dict);
    const der = contentsOf(dict);
    if (der === undefined) continue;
    let cms;
    try {
      cms = parseSignedData(der);
    } catch {
      continue; // not a signature we can read: nothing to keep for it
    }
    signatures++;
    const entry = { signature: Buffer.from((dict.lookup(PDFName.of('Contents')) as PDFHexString).asBytes()), certs: [] as Buffer[], ocsps: [] as Buffer[], crls: [] as Buffer[] };
    // The signer's path, and the TSA's of every time-stamp token inside (a B-T signature's).
    const tokens = [der, ...cms.signers.flatMap((s) => s.timeStampTokens)];
    for (const token of tokens) {
      const data = token === der ? cms : parseSignedData(token);
      const pool = data.certificates.map((x) => parseCertificate(x)).filter((x): x is Certificate => x !== null);
      const info = data.signers[0];
      const signer = info === undefined ? undefined : findSigner(info, pool);
      if (signer === undefined) continue;
      const path = buildPath(signer, pool, roots).certificates;
      for (const [i, certificate] of path.entries()) {
        certificates.set(key(certificate.der), certificate.der);
        entry.certs.push(certificate.der);
        const issuer = path[i + 1];
        if (issuer === undefined) continue; // the trust anchor is not asked about itself
        const answer = await revocationOf(certificate, issuer, { ocsps: [], crls: [] }, opts.fetch);
        if (answer === undefined) {
          if (certificate.ocspUrls.length > 0 || certificate.crlUrls.length > 0) throw fail('SIGN_LT_NO_REVOCATION', { name: certificate.label });
          continue;
        }
        (answer.source === 'ocsp' ? ocsps : crls).set(key(answer.der), answer.der);
        (answer.source === 'ocsp' ? entry.ocsps : entry.crls).push(answer.der);
      }
    }
    vri.push(entry);
  }

  const existing = doc.catalog.lookup(PDFName.of('DSS'));
  const dss = existing instanceof PDFDict ? existing : context.obj({ Type: 'DSS' });
  const streams = new Map<string, PDFRef>();
  const streamOf = (der: Buffer) => {
    let ref = streams.get(key(der));
    if (ref === undefined) {
      ref = context.register(context.flateStream(der));
      streams.set(key(der), ref);
    }
    return ref;
  };
  append(context, dss, 'Certs', [...certificates.values()].map(streamOf));
  append(context, dss, 'OCSPs', [...ocsps.values()].map(streamOf));
  append(context, dss, 'CRLs', [...crls.values()].map(streamOf));
  // VRI: per signature, keyed by the upper-case hex SHA-1 of its /Contents (§5.4.2.3).
  const vriDict = dss.lookup(PDFName.of('VRI')) instanceof PDFDict ? (dss.lookup(PDFName.of('VRI')) as PDFDict) : context.obj({});
  for (const entry of vri) {
    const name = createHash('sha1').update(entry.signature).digest('hex').toUpperCase();
    vriDict.set(PDFName.of(name), context.obj({ Cert: entry.certs.map(streamOf), OCSP: entry.ocsps.map(streamOf), CRL: entry.crls.map(streamOf) }));
  }
  dss.set(PDFName.of('VRI'), vriDict);
  const changed: PDFRef[] = [];
  const rootRef = context.trailerInfo.Root;
  if (!(rootRef instanceof PDFRef)) throw fail('SIGN_PDF_UNREADABLE');
  const dssEntry = doc.catalog.get(PDFName.of('DSS'));
  if (dssEntry instanceof PDFRef) changed.push(dssEntry);
  else {
    doc.catalog.set(PDFName.of('DSS'), context.register(dss));
    changed.push(rootRef);
  }
  const update = appendUpdate(revision, changed, []);
  return {
    bytes: new Uint8Array(update.bytes.buffer, update.bytes.byteOffset, update.bytes.byteLength),
    report: { signatures, certificates: certificates.size, ocsps: ocsps.size, crls: crls.size },
  };
}

/** Adds references to the array under `key`, creating it (existing entries stay). */
function append(context: PDFContext, dict: PDFDict, key: string, refs: PDFRef[]): void {
  const existing = dict.lookup(PDFName.of(key));
  const array = existing instanceof PDFArray ? existing : context.obj([]);
  const present = new Set(array.asArray().map((x) => x.toString()));
  for (const ref of refs) if (!present.has(ref.toString())) array.push(ref);
  dict.set(PDFName.of(key), array);
}
