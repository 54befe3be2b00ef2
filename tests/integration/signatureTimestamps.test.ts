import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '#core/errors';
import { tlvLength } from '#signing/asn1';
import { parseSignedData } from '#signing/cms';
import { signPdf, timestampDocument } from '#signing/pades';
import { loadPkcs12, type Signer } from '#signing/pkcs12';
import { parseRoots } from '#signing/signerCheck';
import { checkTimestampToken, requestTimestamp } from '#signing/timestamp';
import { verifyPdf } from '#signing/verify';
import { onePagePdf } from '#tests/support/pdfs';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { startTsa, type TestTsa } from '#tests/support/tsa';

// RFC 3161 time-stamps from a real TSA implementation (`openssl ts -reply`) on loopback: the
// signature time-stamp of PAdES B-T and the document time-stamp of B-LTA, checked by us, by
// `openssl ts -verify` and by pdfsig; and the proof of existence they give — a signature whose
// certificate has since expired still passes when a time-stamp proves it was made before.

const pdfDir = fileURLToPath(new URL('../../artifacts/pdf/', import.meta.url));
let pki: TestPki;
let tsa: TestTsa;
let rsa: Signer;
let work: string;
let letter: Uint8Array;

beforeAll(async () => {
  mkdirSync(pdfDir, { recursive: true });
  pki = makeTestPki();
  tsa = await startTsa(pki);
  rsa = loadPkcs12(pki.rsa.p12, pki.rsa.password);
  work = mkdtempSync(join(tmpdir(), 'kancelaria-ts-'));
  // A classic cross-reference table, as scanners write: signatures are appended to it.
  letter = await onePagePdf('Decyzja nr GK.6730.1.2026', { objectStreams: false });
});

afterAll(async () => {
  await (tsa as TestTsa | undefined)?.stop();
  rmSync(pki.dir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const stamp = (digest: Buffer) => requestTimestamp(tsa.url, digest);
const roots = () => [pki.root.pem];

/** The signature value and its time-stamp token, cut out of a signed PDF's CMS. */
function tokenOf(bytes: Uint8Array): { signature: Buffer; token: Buffer } {
  const text = Buffer.from(bytes).toString('latin1');
  const hex = /\/Contents <([0-9A-F]+)>/.exec(text)?.[1] ?? '';
  const der = Buffer.from(hex, 'hex');
  const signer = parseSignedData(der.subarray(0, tlvLength(der))).signers[0];
  const token = signer?.timeStampTokens[0];
  if (signer === undefined || token === undefined) throw new Error('no time-stamp token');
  return { signature: signer.signature, token };
}

describe('PAdES B-T: a signature time-stamp from the office’s TSA', () => {
  it('is added at signing, verified by openssl ts and by us; the proven time and the TSA are named', async () => {
    const before = tsa.requests;
    const signed = await signPdf(letter, rsa, { name: rsa.certificate.label, signingTime: new Date(), timestamp: stamp });
    expect(tsa.requests).toBe(before + 1);
    const file = join(pdfDir, 'signed-b-t.pdf');
    writeFileSync(file, signed);

    // openssl checks the token over the signature value, with the TSA's chain to the root.
    const { signature, token } = tokenOf(signed);
    writeFileSync(join(work, 'token.der'), token);
    writeFileSync(join(work, 'signature.bin'), signature);
    const chain = join(work, 'chain.pem');
    writeFileSync(chain, pki.intermediate.pem);
    const openssl = spawnSync(
      'openssl',
      ['ts', '-verify', '-in', join(work, 'token.der'), '-token_in', '-data', join(work, 'signature.bin'), '-CAfile', pki.root.file, '-untrusted', chain],
      { encoding: 'utf8' },
    );
    expect(`${openssl.stdout}${openssl.stderr}`).toMatch(/Verification: OK/);
    // poppler still finds the signature valid and whole with the token inside.
    const pdfsig = execFileSync('pdfsig', ['-nssdir', pki.nssDir, file], { encoding: 'utf8' });
    expect(pdfsig).toMatch(/Signature Validation: Signature is Valid\./);
    expect(pdfsig).toMatch(/Total document signed/);

    const result = await verifyPdf(signed, { trustedRoots: roots() });
    const s = result.signatures[0];
    expect(s?.indication).toBe('TOTAL_PASSED');
    expect(s?.timestamp).toMatchObject({ tsa: pki.tsa.commonName, kind: 'signature' });
    expect(Math.abs((s?.timestamp?.time.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    const step = s?.steps.find((x) => x.id === 'timestamp');
    expect(step?.outcome).toBe('passed');
    expect(step?.text).toMatch(/^znacznik czasu z „Test TSA Kancelaria” dowodzi, że podpis istniał /);
    expect(s?.summary).toMatch(/złożony najpóźniej .+ \(znacznik czasu: Test TSA Kancelaria\) — ważny/);
  });

  it('proves existence: after the certificate expires, the time-stamped signature passes, the other is indeterminate', async () => {
    const plain = await signPdf(letter, rsa, { name: rsa.certificate.label, signingTime: new Date() });
    const stamped = await signPdf(letter, rsa, { name: rsa.certificate.label, signingTime: new Date(), timestamp: stamp });
    const later = new Date(rsa.certificate.notAfter.getTime() + 86_400_000);
    const withoutProof = (await verifyPdf(plain, { trustedRoots: roots(), now: later })).signatures[0];
    expect(withoutProof).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
    const withProof = (await verifyPdf(stamped, { trustedRoots: roots(), now: later })).signatures[0];
    expect(withProof?.indication).toBe('TOTAL_PASSED');
    expect(withProof?.steps.find((x) => x.id === 'validity')?.text).toMatch(/ważne w chwili potwierdzonej znacznikiem czasu/);
  });

  it('a token over other data, or from a TSA nobody trusts, proves nothing and is said so', async () => {
    const token = await requestTimestamp(tsa.url, createHash('sha256').update('dane A').digest());
    const other = checkTimestampToken(token, (node) => createHash(node).update('dane B').digest(), parseRoots(roots()));
    expect(other).toMatchObject({ valid: false, imprintMatches: false, signatureValid: true, chainTrusted: true });
    expect(other.problems).toEqual(['znacznik czasu dotyczy innych danych niż ten podpis']);
    const same = checkTimestampToken(token, (node) => createHash(node).update('dane A').digest(), parseRoots(roots()));
    expect(same).toMatchObject({ valid: true, tsaName: pki.tsa.commonName, chain: [pki.tsa.commonName, 'Test CA Kwalifikowane Łódź', 'Test Root CA Kancelaria'] });
    const untrusted = checkTimestampToken(token, (node) => createHash(node).update('dane A').digest(), []);
    expect(untrusted).toMatchObject({ valid: false, chainTrusted: false });
  });

  it('a TSA that does not answer, or answers nonsense: a Polish refusal within the time limit, nothing signed', async () => {
    for (const [mode, code] of [
      ['silent', 'SIGN_TSA_UNREACHABLE'],
      ['garbage', 'SIGN_TSA_ANSWER'],
    ] as const) {
      tsa.mode = mode;
      const started = performance.now();
      let caught: unknown;
      try {
        await signPdf(letter, rsa, { name: 'x', signingTime: new Date(), timestamp: (digest) => requestTimestamp(tsa.url, digest, { timeoutMs: 500 }) });
      } catch (error) {
        caught = error;
      }
      expect(isDomainError(caught) ? caught.code : String(caught)).toBe(code);
      expect(isDomainError(caught) ? caught.message : '').toMatch(/znacznik/);
      expect(performance.now() - started).toBeLessThan(3_000);
    }
    tsa.mode = 'reply';
  });
});

describe('PAdES B-LTA: a document time-stamp', () => {
  it('follows a signature as an allowed change, passes on its own, and proves the signature existed', async () => {
    const signed = await signPdf(letter, rsa, { name: rsa.certificate.label, signingTime: new Date() });
    const archived = await timestampDocument(signed, stamp);
    const file = join(pdfDir, 'signed-b-lta.pdf');
    writeFileSync(file, archived);
    // pdfsig lists both; the signature's bytes are untouched.
    const pdfsig = execFileSync('pdfsig', ['-nssdir', pki.nssDir, file], { encoding: 'utf8' });
    expect(pdfsig.match(/^Signature #\d+:$/gm)).toHaveLength(2);
    expect(pdfsig).toMatch(/Signature Validation: Signature is Valid\./);

    const later = new Date(rsa.certificate.notAfter.getTime() + 86_400_000);
    const result = await verifyPdf(archived, { trustedRoots: roots(), now: later });
    const [signature, documentStamp] = result.signatures;
    expect(documentStamp).toMatchObject({ kind: 'document-timestamp', indication: 'TOTAL_PASSED', signerName: pki.tsa.commonName, fieldName: 'ZnacznikCzasu1' });
    expect(documentStamp?.summary).toMatch(/^Znacznik czasu dokumentu 2 \(ZnacznikCzasu1\): Test TSA Kancelaria, złożony .+ — ważny/);
    expect(signature?.changes.map((c) => [c.kind, c.allowed])).toEqual([['timestamp', true]]);
    // Expired since, but the document time-stamp proves the signature existed before.
    expect(signature).toMatchObject({ indication: 'TOTAL_PASSED', timestamp: { kind: 'document', tsa: pki.tsa.commonName } });
    expect(signature?.steps.find((x) => x.id === 'timestamp')?.text).toMatch(/znacznik czasu dokumentu z „Test TSA Kancelaria” dowodzi, że podpis istniał/);
    expect(result.indication).toBe('TOTAL_PASSED');

    // A byte of the time-stamped range changed: the document time-stamp fails.
    const broken = Buffer.from(archived);
    const at = broken.indexOf('841.89', 0, 'latin1'); // the page's height in /MediaBox
    expect(at).toBeGreaterThan(0);
    broken.write('841.88', at, 'latin1');
    const failed = await verifyPdf(broken, { trustedRoots: roots() });
    expect(failed.signatures.map((s) => [s.kind, s.indication, s.subIndication])).toEqual([
      ['signature', 'TOTAL_FAILED', 'HASH_FAILURE'],
      ['document-timestamp', 'TOTAL_FAILED', 'HASH_FAILURE'],
    ]);
  });
});
