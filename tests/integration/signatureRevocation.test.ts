import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '#core/errors';
import { extendToLongTerm } from '#signing/longTerm';
import { signPdf, timestampDocument } from '#signing/pades';
import { httpFetcher } from '#signing/revocation';
import { loadPkcs12 } from '#signing/pkcs12';
import { requestTimestamp } from '#signing/timestamp';
import { verifyPdf, type SignatureResult } from '#signing/verify';
import { onePagePdf } from '#tests/support/pdfs';
import { issueSigner, makeTestPki, revoke, type TestPki } from '#tests/support/certificates';
import { startOcsp, type TestOcsp } from '#tests/support/ocsp';
import { startTsa, type TestTsa } from '#tests/support/tsa';
import { runKancelariaAsync } from '#tests/support/processes';

// Revocation asked of a real OCSP responder (`openssl ocsp` over the CA's index) on loopback:
// a certificate that is good, one revoked after a time-stamped signature, one revoked before
// the signature, and a responder that does not answer.

const run = promisify(execFile);
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
  // A classic cross-reference table, as scanners write: signatures are appended to it.
  letter = await onePagePdf('Wniosek o wydanie zaswiadczenia', { objectStreams: false });
});

afterAll(async () => {
  await (ocsp as TestOcsp | undefined)?.stop();
  await (tsa as TestTsa | undefined)?.stop();
  rmSync(pki.dir, { recursive: true, force: true });
});

async function signAs(id: string, name: string, opts: { timestamp?: boolean; url?: string } = {}): Promise<{ bytes: Uint8Array; who: ReturnType<typeof issueSigner> }> {
  const who = issueSigner(pki, id, name, { ocspUrl: opts.url ?? ocsp.url });
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
    const who = issueSigner(pki, 'ocsp-revoked', 'Zenon Odwołany', { ocspUrl: ocsp.url });
    revoke(pki, who);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const signer = loadPkcs12(who.p12, who.password);
    const bytes = await signPdf(letter, signer, { name: who.commonName, signingTime: new Date(), timestamp: (digest) => requestTimestamp(tsa.url, digest) });
    writeFileSync(`${pdfDir}signed-revoked.pdf`, bytes);
    const s = await online(bytes);
    expect(s).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });
    expect(s?.summary).toMatch(/NIEWAŻNY: certyfikat „Zenon Odwołany” unieważniono .+ \(OCSP, stan na .+\)/);
    // poppler, asking the same responder itself, agrees.
    const pdfsig = (await run('pdfsig', ['-nssdir', pki.nssDir, `${pdfDir}signed-revoked.pdf`], { encoding: 'utf8', timeout: 30_000 })).stdout;
    expect(pdfsig).toMatch(/Certificate Validation: Certificate has been Revoked\./);
  });

  it('a responder that does not answer: indeterminate, try later', async () => {
    const { bytes } = await signAs('ocsp-down', 'Olga Cisza', { url: 'http://127.0.0.1:9/ocsp' });
    const s = await online(bytes);
    expect(s).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(s?.summary).toMatch(/nie można potwierdzić ważności: nie udało się sprawdzić, czy certyfikat nie został unieważniony/);
  });
});

describe('PAdES B-LT and B-LTA: the validation data kept in the document', () => {
  it('a B-T signature extended with a DSS and a document time-stamp verifies offline from what it holds; pdfsig and qpdf agree', async () => {
    const { bytes } = await signAs('lt-signer', 'Wanda Archiwalna', { timestamp: true });
    const { bytes: lt, report } = await extendToLongTerm(bytes, { trustedRoots: [pki.root.pem], fetch: httpFetcher() });
    // The signer's path (signer, CA, root) and the TSA's, with an OCSP answer for the signer.
    expect(report).toMatchObject({ signatures: 1, ocsps: 1, crls: 0 });
    expect(report.certificates).toBeGreaterThanOrEqual(4);
    const lta = await timestampDocument(lt, (digest) => requestTimestamp(tsa.url, digest));
    const file = `${pdfDir}signed-b-lta-dss.pdf`;
    writeFileSync(file, lta);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors found/);
    // poppler checks the signature (asking our responder itself) and lists the document time-stamp
    // (its kind it does not verify: "not yet verified").
    // Not execFileSync: the responder runs in this process and must keep answering.
    const pdfsig = (await run('pdfsig', ['-nssdir', pki.nssDir, file], { encoding: 'utf8', timeout: 30_000 })).stdout;
    expect(pdfsig.match(/^Signature #\d+:$/gm)).toHaveLength(2);
    expect(pdfsig).toMatch(/Signature #1:[\s\S]*Signature Validation: Signature is Valid\.[\s\S]*Certificate Validation: Certificate is Trusted\./);

    // Offline: no responder asked, the DSS answers.
    const requests = ocsp.requests;
    const result = await verifyPdf(lta, { trustedRoots: [pki.root.pem] });
    expect(ocsp.requests).toBe(requests);
    expect(result.indication).toBe('TOTAL_PASSED');
    const [signature] = result.signatures;
    expect(signature?.changes.map((c) => [c.kind, c.allowed])).toEqual([
      ['timestamp', true],
      ['dss', true],
    ]);
    expect(revocationStep(signature)?.text).toMatch(/„Wanda Archiwalna” nie unieważniony \(OCSP zapisana w dokumencie, stan na /);
  });

  it('kancelaria pdf extend (for IT staff): B-LTA written beside the original; pdf verify --offline then passes from it', async () => {
    const { bytes } = await signAs('lt-cli', 'Tadeusz Rejestrowy', { timestamp: true });
    const original = `${pki.dir}/decyzja.pdf`;
    const extended = `${pki.dir}/decyzja-lta.pdf`;
    writeFileSync(original, bytes);
    const made = await runKancelariaAsync(['pdf', 'extend', original, '--to', extended, '--trust', pki.root.file, '--tsa', tsa.url]);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(/^Zapisano .*decyzja-lta\.pdf \(PAdES B-LTA\): podpisy i znaczniki czasu: 1, certyfikaty: \d+, odpowiedzi OCSP: 1, listy CRL: 0; znacznik czasu dokumentu z http/);
    const checked = await runKancelariaAsync(['pdf', 'verify', extended, '--trust', pki.root.file, '--offline']);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(/„Tadeusz Rejestrowy” nie unieważniony \(OCSP zapisana w dokumencie/);
    // The original is untouched, and a second run does not overwrite.
    expect(Buffer.from(readFileSync(original)).equals(Buffer.from(bytes))).toBe(true);
    expect((await runKancelariaAsync(['pdf', 'extend', original, '--to', extended, '--trust', pki.root.file])).status).toBe(2);
  });

  it('no answer from the responder: the document is not extended, said in Polish', async () => {
    const { bytes } = await signAs('lt-down', 'Jerzy Bezodpowiedzi', { url: 'http://127.0.0.1:9/ocsp' });
    let refused: unknown;
    try {
      await extendToLongTerm(bytes, { trustedRoots: [pki.root.pem], fetch: httpFetcher(500) });
    } catch (error) {
      refused = error;
    }
    expect(isDomainError(refused) ? refused.code : refused).toBe('SIGN_LT_NO_REVOCATION');
    expect(isDomainError(refused) ? refused.message : '').toMatch(/„Jerzy Bezodpowiedzi”/);
  });
});
