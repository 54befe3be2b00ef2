/**
 * PAdES baseline B signatures (ETSI EN 319 142-1) on PDF documents.
 *
 * Every signature is an incremental update: a signature field and its /Sig dictionary are
 * appended after the document's last byte, with a /Contents placeholder; the byte ranges
 * around the placeholder are hashed (SHA-256), a detached CMS is built over the hash
 * (`buildSignedData`) and its hex is written into the placeholder. Earlier bytes are never
 * touched, so earlier signatures stay valid.
 *
 * Appending needs a classic cross-reference table at the end of the file. A document with
 * cross-reference streams (pdf-lib's default, most current producers) and no signature yet is
 * first rewritten by pdf-lib with a classic table — nothing is signed yet, so nothing breaks.
 * A *signed* one with cross-reference streams is refused (SIGN_XREF_STREAM): rewriting would
 * break its signatures, and a classic section after a stream one is not allowed.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, type PDFDocument, type PDFPage } from 'pdf-lib';
import { fail } from '#core/errors';
import { formatDateTime } from '#documents/polishDates';
import { assertCanSign } from '#signing/certificate';
import { buildSignedData, type CmsSigner } from '#signing/cms';
import { appendUpdate, lastXref, loadPdf, openRevision, type Revision, type Update } from '#signing/pdfIncremental';
import { listSignatureFields } from '#signing/pdfSignatures';
import { formatPdfDate, pdfTextHex } from '#signing/pdfText';
import { stampAppearance, type StampLine } from '#signing/stamp';

/** Where to draw the visible mark of the signature (PDF points, origin bottom-left). */
export type VisibleStamp = {
  /** 1-based; the last page by default (where a decision's signature block is). */
  page?: number;
  x: number;
  y: number;
  width?: number;
  height?: number;
};

export type SignOptions = {
  /** The signer's name for /Name, as people should read it (usually the certificate's CN). */
  name: string;
  reason?: string;
  location?: string;
  /** The claimed signing time, written to /M (PAdES: never a CMS signingTime attribute). */
  signingTime: Date;
  /** Draw a visible mark; without it the signature is invisible (a zero-size widget). */
  visibleStamp?: VisibleStamp;
  /**
   * Make this the certification signature (/DocMDP, ISO 32000-1 §12.8.2.2) allowing later:
   * 1 nothing (but PAdES document timestamps and DSS), 2 form filling and signatures,
   * 3 also annotations. Only the first signature of a document may certify.
   */
  certify?: 1 | 2 | 3;
  /**
   * PAdES B-T: asks a time-stamping authority for a token over the signature value, given its
   * SHA-256 (`requestTimestamp` of signing/timestamp.ts, bound to the office's TSA).
   */
  timestamp?: (digest: Buffer) => Promise<Buffer>;
};

/** Bytes reserved for the CMS; the hex placeholder is twice as long. */
const MIN_CMS_CAPACITY = 8192;
const BYTE_RANGE_WIDTH = 36; // "[0 " + three 10-digit numbers + two spaces + "]"

/**
 * Signs `pdfBytes` and returns the signed document (the input plus an incremental update,
 * or — for an unsigned document with cross-reference streams — its classic-xref rewrite
 * plus the update).
 *
 * Refuses (DomainError): SIGN_PDF_UNREADABLE, SIGN_PDF_ENCRYPTED, SIGN_XREF_STREAM,
 * SIGN_PDF_STRUCTURE (signed, and its end is damaged), SIGN_STAMP_PAGE, and SIGN_CERT_* when
 * the certificate is not valid at `signingTime`.
 */
export async function signPdf(pdfBytes: Uint8Array, signer: CmsSigner, opts: SignOptions): Promise<Uint8Array> {
  assertCanSign(signer.certificate, opts.signingTime);
  const revision = await openForSigning(pdfBytes);
  const { doc } = revision;
  const { context } = doc;

  const pages = doc.getPages();
  const pageNumber = opts.visibleStamp === undefined ? 1 : (opts.visibleStamp.page ?? pages.length);
  const page = pages[pageNumber - 1];
  if (page === undefined) throw fail('SIGN_STAMP_PAGE', { page: pageNumber, pages: pages.length });

  const existing = listSignatureFields(doc);
  if (opts.certify !== undefined && existing.some((f) => f.signed)) throw fail('SIGN_CERTIFY_NOT_FIRST');
  // Numbered after the signatures already there: the second signature is Podpis2.
  const fieldName = freeFieldName(existing, 'Podpis', existing.length + 1);

  const capacity = cmsCapacity(signer, opts.timestamp !== undefined);
  const sigRef = context.nextRef();
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(fieldName),
    V: sigRef,
    F: 132, // Print + Locked (§12.5.3): printed with the page, not movable
    P: page.ref,
    Rect: [0, 0, 0, 0],
  });
  if (opts.visibleStamp !== undefined) {
    const lines = stampLines(opts);
    // By default just tall enough for the lines at 9 pt.
    const { x, y, width = 190, height = 10 + lines.length * 11.25 } = opts.visibleStamp;
    widget.set(PDFName.of('Rect'), context.obj([x, y, x + width, y + height]));
    const appearance = await stampAppearance(doc, lines, width, height);
    widget.set(PDFName.of('AP'), context.obj({ N: appearance }));
  }
  const widgetRef = context.register(widget);

  const changed = [...addToAcroForm(doc, widgetRef), ...addToPage(doc, page, widgetRef)];
  if (opts.certify !== undefined) {
    doc.catalog.set(PDFName.of('Perms'), context.obj({ DocMDP: sigRef }));
    const rootRef = context.trailerInfo.Root;
    if (rootRef instanceof PDFRef && !changed.includes(rootRef)) changed.push(rootRef);
  }
  const update = appendUpdate(revision, changed, [{ ref: sigRef, body: signatureDictionary(opts, capacity) }]);
  return fillPlaceholder(update, sigRef, capacity, (digest) => buildSignedData(digest, signer, { timestamp: opts.timestamp }));
}

/**
 * Writes /ByteRange and /Contents into the appended signature dictionary: the ranges are
 * everything but the /Contents string, brackets included (ISO 32000-1 §12.8.1); `contents`
 * gets their SHA-256 and returns the DER to write (a CMS signature or a time-stamp token).
 */
async function fillPlaceholder(update: Update, sigRef: PDFRef, capacity: number, contents: (digest: Buffer) => Promise<Buffer>): Promise<Uint8Array> {
  const file = update.bytes;
  const bodyAt = update.bodyOffsets.get(sigRef.objectNumber);
  if (bodyAt === undefined) throw new Error('signPdf: signature dictionary not written');
  const byteRangeAt = file.indexOf('/ByteRange [', bodyAt, 'latin1') + '/ByteRange '.length;
  const contentsStart = file.indexOf('/Contents <', bodyAt, 'latin1') + '/Contents '.length;
  const contentsEnd = contentsStart + 2 + 2 * capacity; // past the closing '>'

  const ranges = [0, contentsStart, contentsEnd, file.byteLength - contentsEnd];
  const byteRange = `[${ranges.join(' ')}`.padEnd(BYTE_RANGE_WIDTH - 1, ' ') + ']';
  file.write(byteRange, byteRangeAt, 'latin1');

  const digest = createHash('sha256').update(file.subarray(0, contentsStart)).update(file.subarray(contentsEnd)).digest();
  const der = await contents(digest);
  if (der.byteLength > capacity) throw new Error(`signPdf: ${der.byteLength} bytes exceed the ${capacity}-byte placeholder`);
  file.write(der.toString('hex').toUpperCase(), contentsStart + 1, 'latin1');
  return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
}

/** Room for a document time-stamp token: the TSA's certificate chain and the TSTInfo. */
const TIMESTAMP_CAPACITY = 16_384;

/**
 * Adds a document time-stamp (PAdES B-LTA, ETSI EN 319 142-1 §5.4.3): an invisible signature
 * field whose /Contents is the TSA's token over the byte ranges (/SubFilter /ETSI.RFC3161).
 * It proves that the document — every signature in it included — existed at the TSA's time,
 * which keeps the signatures verifiable after their certificates expire.
 */
export async function timestampDocument(pdfBytes: Uint8Array, timestamp: (digest: Buffer) => Promise<Buffer>): Promise<Uint8Array> {
  const revision = await openForSigning(pdfBytes);
  const { doc } = revision;
  const { context } = doc;
  const page = doc.getPages()[0];
  if (page === undefined) throw fail('SIGN_PDF_UNREADABLE');
  const sigRef = context.nextRef();
  const widgetRef = context.register(
    context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFHexString.fromText(freeFieldName(listSignatureFields(doc), 'ZnacznikCzasu', 1)), V: sigRef, F: 132, P: page.ref, Rect: [0, 0, 0, 0] }),
  );
  const changed = [...addToAcroForm(doc, widgetRef), ...addToPage(doc, page, widgetRef)];
  const body = placeholders('DocTimeStamp', 'ETSI.RFC3161', TIMESTAMP_CAPACITY);
  const update = appendUpdate(revision, changed, [{ ref: sigRef, body: Buffer.from(`<<\n${body.join('\n')}\n>>`, 'latin1') }]);
  return fillPlaceholder(update, sigRef, TIMESTAMP_CAPACITY, timestamp);
}

/** The revision to append to: the input itself when it ends in a classic xref table. */
async function openForSigning(bytes: Uint8Array): Promise<Revision> {
  const { kind } = lastXref(bytes);
  if (kind === 'table') return openRevision(bytes);
  const doc = await loadPdf(bytes);
  if (listSignatureFields(doc).some((f) => f.signed)) throw fail(kind === 'unknown' ? 'SIGN_PDF_STRUCTURE' : 'SIGN_XREF_STREAM');
  // Nothing is signed yet: rewriting with a classic table breaks nothing.
  const rewritten = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return openRevision(rewritten);
}

/**
 * Room for the CMS: the certificates it carries plus the signed attributes and signature
 * (≈1.5 KB for RSA-4096), with margin.
 */
function cmsCapacity(signer: CmsSigner, timestamped: boolean): number {
  const certificates = signer.certificate.der.byteLength + signer.chain.reduce((sum, der) => sum + der.byteLength, 0);
  // A time-stamp token carries the TSA's certificate (often its chain too): room for 12 KB.
  return Math.max(MIN_CMS_CAPACITY, Math.ceil((certificates + 4096 + (timestamped ? 12_288 : 0)) / 1024) * 1024);
}

/** The first field name `<stem><n>` not yet taken, n counting from `from`. */
function freeFieldName(existing: readonly { name: string }[], stem: string, from: number): string {
  const taken = new Set(existing.map((f) => f.name));
  let index = from;
  while (taken.has(`${stem}${index}`)) index++;
  return `${stem}${index}`;
}

/** A signature dictionary's kind and its two placeholders, whose offsets `fillPlaceholder` finds. */
function placeholders(type: 'Sig' | 'DocTimeStamp', subFilter: string, capacity: number): string[] {
  return [`/Type /${type}`, '/Filter /Adobe.PPKLite', `/SubFilter /${subFilter}`, `/ByteRange ${'[0 0 0 0'.padEnd(BYTE_RANGE_WIDTH - 1, ' ')}]`, `/Contents <${'0'.repeat(2 * capacity)}>`];
}

/** The /Sig dictionary with its two placeholders, written by hand so their offsets are known. */
function signatureDictionary(opts: SignOptions, capacity: number): Uint8Array {
  const entries = [
    ...placeholders('Sig', 'ETSI.CAdES.detached', capacity),
    `/M (${formatPdfDate(opts.signingTime)})`,
    `/Name ${pdfTextHex(opts.name)}`,
  ];
  if (opts.reason !== undefined) entries.push(`/Reason ${pdfTextHex(opts.reason)}`);
  if (opts.location !== undefined) entries.push(`/Location ${pdfTextHex(opts.location)}`);
  if (opts.certify !== undefined) {
    entries.push(`/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${opts.certify} /V /1.2 >> >>]`);
  }
  entries.push('/Prop_Build << /App << /Name /Kancelaria >> >>');
  return Buffer.from(`<<\n${entries.join('\n')}\n>>`, 'latin1');
}

function stampLines(opts: SignOptions): StampLine[] {
  const lines: StampLine[] = [
    { text: 'Podpisano elektronicznie' },
    { text: opts.name, bold: true },
    { text: `Data: ${formatDateTime(opts.signingTime.toISOString())}` },
  ];
  if (opts.reason !== undefined) lines.push({ text: `Powód: ${opts.reason}` });
  if (opts.location !== undefined) lines.push({ text: `Miejsce: ${opts.location}` });
  return lines;
}

/**
 * Adds the field to the document's AcroForm (creating it if needed) and sets /SigFlags 3
 * (SignaturesExist | AppendOnly, §12.7.2). Returns the existing objects that changed.
 */
function addToAcroForm(doc: PDFDocument, fieldRef: PDFRef): PDFRef[] {
  const { context } = doc;
  const rootRef = context.trailerInfo.Root;
  if (!(rootRef instanceof PDFRef)) throw fail('SIGN_PDF_UNREADABLE');
  const catalog = doc.catalog;
  const entry = catalog.get(PDFName.of('AcroForm'));
  const changed: PDFRef[] = [];
  let acroForm: PDFDict;
  if (entry instanceof PDFRef) {
    const found = context.lookup(entry);
    if (!(found instanceof PDFDict)) throw fail('SIGN_PDF_UNREADABLE');
    acroForm = found;
    changed.push(entry);
  } else if (entry instanceof PDFDict) {
    acroForm = entry;
    changed.push(rootRef);
  } else {
    acroForm = context.obj({});
    catalog.set(PDFName.of('AcroForm'), context.register(acroForm));
    changed.push(rootRef);
  }
  const fieldsRef = appendToArray(doc, acroForm, 'Fields', fieldRef);
  if (fieldsRef !== undefined) changed.push(fieldsRef);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  return changed;
}

function addToPage(doc: PDFDocument, page: PDFPage, widgetRef: PDFRef): PDFRef[] {
  const arrayRef = appendToArray(doc, page.node, 'Annots', widgetRef);
  return [arrayRef ?? page.ref];
}

/**
 * Appends `ref` to the array under `key` of `dict`. Returns the array's own reference when it
 * is an indirect object (that object is what changed), `undefined` when the array is inline
 * or new (then the object holding `dict` changed).
 */
function appendToArray(doc: PDFDocument, dict: PDFDict, key: string, ref: PDFRef): PDFRef | undefined {
  const { context } = doc;
  const entry = dict.get(PDFName.of(key));
  if (entry instanceof PDFRef) {
    const array = context.lookup(entry);
    if (array instanceof PDFArray) {
      array.push(ref);
      return entry;
    }
  } else if (entry instanceof PDFArray) {
    entry.push(ref);
    return undefined;
  }
  dict.set(PDFName.of(key), context.obj([ref]));
  return undefined;
}
