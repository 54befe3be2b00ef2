import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '#signing/pades';
import { loadPkcs12 } from '#signing/pkcs12';
import { requestTimestamp } from '#signing/timestamp';
import { verifyPdf, type SignatureResult } from '#signing/verify';
import { issueSignerWithOcsp, makeTestPki, revoke, type TestPki } from '#tests/support/certificates';
import { startOcsp, type TestOcsp } from '#tests/support/ocsp';
import { startTsa, type TestTsa } from '#tests/support/tsa';

// Revocation asked of a real OCSP responder (`openssl ocsp` over the CA's index) on loopback:
// a certificate that is good, one revoked after a time-stamped signature, one revoked before
// the signature, and a responder that does not answer.

const pdfDir = fileURLToPath(new URL('../../artifacts/pdf/', import.meta.url));
let pki: TestPki;
let ocsp: TestOcsp;
let tsa: TestTsa;
let letter: Uint8Array;

beforeAll(async () => {
  mkdirSync(pdfDir, { recursive: true });
  pki = makeTestPki();
  ocsp = await startOcsp(pki);
  tsa = await startTsa(pki);
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Wniosek o wydanie zaswiadczenia', { x: 72, y: 760, size: 16, font: await doc.embedFont(StandardFonts.Helvetica) });
  letter = await doc.save({ useObjectStreams: false });
});

afterAll(async () => {
  await (ocsp as TestOcsp | undefined)?.stop();
  await (tsa as TestTsa | undefined)?.stop();
  rmSync(pki.dir, { recursive: true, force: true });
});

async function signAs(id: string, name: string, opts: { timestamp?: boolean; url?: string } = {}): Promise<{ bytes: Uint8Array; who: ReturnType<typeof issueSignerWithOcsp> }> {
  const who = issueSignerWithOcsp(pki, id, name, opts.url ?? ocsp.url);
  const signer = loadPkcs12(who.p12, who.password);
  const bytes = await signPdf(letter, signer, {
    name,
    signingTime: new Date(),
    ...(opts.timestamp === true ? { timestamp: (digest: Buffer) => requestTimestamp(tsa.url, digest) } : {}),
  });
  return { bytes, who };
}

async function online(bytes: Uint8Array): Promise<SignatureResult | undefined> {
  return (await verifyPdf(bytes, { trustedRoots: [pki.root.pem], online: true })).signatures[0];
}

const revocationStep = (s: SignatureResult | undefined) => s?.steps.find((x) => x.id === 'revocation');

describe('revocation asked of the OCSP responder the certificate names', () => {
  it('a good certificate: passed, and the answer named', async () => {
    const { bytes } = await signAs('ocsp-good', 'Halina Dobra');
    const before = ocsp.requests;
    const s = await online(bytes);
    expect(ocsp.requests).toBeGreaterThan(before);
    expect(s?.indication).toBe('TOTAL_PASSED');
    expect(revocationStep(s)).toMatchObject({ outcome: 'passed', text: expect.stringMatching(/^„Halina Dobra” nie unieważniony \(OCSP, stan na /) as unknown });
    // Offline (no fetcher, nothing embedded) the same signature says it was not checked.
    const offline = (await verifyPdf(bytes, { trustedRoots: [pki.root.pem] })).signatures[0];
    expect(offline?.indication).toBe('INDETERMINATE');
    expect(offline?.subIndication).toBe('TRY_LATER');
  });

  it('revoked after a time-stamped signature: still passes, the revocation said; without a time-stamp: indeterminate (REVOKED_NO_POE)', async () => {
    const stamped = await signAs('ocsp-later-ts', 'Marek Późny', { timestamp: true });
    const plain = await signAs('ocsp-later', 'Roman Późny');
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // revocation times have one-second resolution
    revoke(pki, stamped.who);
    revoke(pki, plain.who);
    const s = await online(stamped.bytes);
    expect(s?.indication).toBe('TOTAL_PASSED');
    expect(revocationStep(s)?.text).toMatch(/„Marek Późny” unieważniono .+, po złożeniu podpisu potwierdzonym znacznikiem czasu/);
    const p = await online(plain.bytes);
    expect(p).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE' });
  });

  it('signed after the revocation: NIEWAŻNY (REVOKED)', async () => {
    const who = issueSignerWithOcsp(pki, 'ocsp-revoked', 'Zenon Odwołany', ocsp.url);
    revoke(pki, who);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const signer = loadPkcs12(who.p12, who.password);
    const bytes = await signPdf(letter, signer, { name: who.commonName, signingTime: new Date(), timestamp: (digest) => requestTimestamp(tsa.url, digest) });
    writeFileSync(`${pdfDir}signed-revoked.pdf`, bytes);
    const s = await online(bytes);
    expect(s).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });
    expect(s?.summary).toMatch(/NIEWAŻNY: certyfikat „Zenon Odwołany” unieważniono .+ \(OCSP, stan na .+\)/);
  });

  it('a responder that does not answer: indeterminate, try later', async () => {
    const { bytes } = await signAs('ocsp-down', 'Olga Cisza', { url: 'http://127.0.0.1:9/ocsp' });
    const s = await online(bytes);
    expect(s).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(s?.summary).toMatch(/nie można potwierdzić ważności: nie udało się sprawdzić, czy certyfikat nie został unieważniony/);
  });
});
