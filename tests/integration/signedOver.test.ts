import { rmSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFHexString, PDFName, StandardFonts, type PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNED_MARK_KEY, signedMarkText, type SignedOver } from '#core/decisions/signedMark';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { signPdf } from '#signing/pades';
import { appendUpdate, openRevision } from '#signing/pdfIncremental';
import { loadPkcs12, type Signer } from '#signing/pkcs12';
import { signedOverOf } from '#signing/signedOver';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { pngImage } from '#tests/support/pdfs';

// signDecision accepts a file as a decision's original only when a signature that verifies
// covers the revision naming that decision and its number. These are the files a forger or a
// mistake would give instead; each must read as "covers nothing".

const DECISION: SignedOver = { decisionId: '7d7c6a53-2f55-4d4c-9f0e-0a3a1d7b9e11', number: '12/2026' };

let pki: TestPki;
let signer: Signer;

beforeAll(() => {
  pki = makeTestPki();
  signer = loadPkcs12(pki.rsa.p12, pki.rsa.password);
});

afterAll(() => rmSync(pki.dir, { recursive: true, force: true }));

async function printed(mark: SignedOver | null): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText(`Decyzja nr ${mark?.number ?? '-'}`, { x: 72, y: 770, size: 16, font });
  setDocumentInfo(doc, { title: 'Decyzja', author: 'Urząd Gminy Testowo', ...(mark ? { custom: { [SIGNED_MARK_KEY]: signedMarkText(mark) } } : {}) });
  return doc.save({ useObjectStreams: false });
}

const sign = (bytes: Uint8Array) => signPdf(bytes, signer, { name: 'Katarzyna Zielińska', signingTime: new Date() });

describe('what a signed file covers (signing/signedOver.ts)', () => {
  it('a decision printed with its mark and signed: that decision, that number', async () => {
    expect(await signedOverOf(await sign(await printed(DECISION)))).toEqual(DECISION);
    const letter = { decisionId: DECISION.decisionId, number: null };
    expect(await signedOverOf(await sign(await printed(letter)))).toEqual(letter);
  });

  it('one byte changed inside the signed part: nothing', async () => {
    const signed = Buffer.from(await sign(await printed(DECISION)));
    // The page's size, inside the signed revision: what a reader would show changes, the mark does not.
    const at = signed.indexOf('595.28');
    expect(at).toBeGreaterThan(0);
    signed[at + 5] = '9'.charCodeAt(0);
    expect(await signedOverOf(signed)).toBeNull();
  });

  it('the mark without a signature, or a signature without the mark: nothing', async () => {
    expect(await signedOverOf(await printed(DECISION))).toBeNull();
    expect(await signedOverOf(await sign(await printed(null)))).toBeNull();
  });

  it('the mark written after the signature (an allowed change of metadata): nothing — it is not what was signed', async () => {
    const signed = await sign(await printed(null));
    const revision = await openRevision(signed);
    const info = revision.doc.context.trailerInfo.Info as PDFRef;
    revision.doc.context.lookup(info, PDFDict).set(PDFName.of(SIGNED_MARK_KEY), PDFHexString.fromText(signedMarkText(DECISION)));
    const later = appendUpdate(revision, [info], []).bytes;
    expect(await signedOverOf(later)).toBeNull();
  });

  it('a mark that is not ours, a picture, junk that starts like a PDF: nothing, and no throw', async () => {
    const doc = await PDFDocument.load(await printed(null), { updateMetadata: false });
    setDocumentInfo(doc, { title: 'x', author: 'y', custom: { [SIGNED_MARK_KEY]: '{"decyzja":"nie-uuid","numer":"1"}' } });
    expect(await signedOverOf(await sign(await doc.save({ useObjectStreams: false })))).toBeNull();
    expect(await signedOverOf(pngImage(3))).toBeNull();
    expect(await signedOverOf(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'))).toBeNull();
  });
});
