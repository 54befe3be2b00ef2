import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '#signing/pades';
import { listTokenCertificates, withTokenSigner } from '#signing/pkcs11';
import { verifyPdf } from '#signing/verify';
import { onePagePdf } from '#tests/support/pdfs';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { makeSoftToken, type SoftToken } from '#tests/support/softhsm';
import { rejected } from '#tests/support/thrown';

// Signing with keys on a PKCS#11 token — SoftHSM2, Debian's software token, standing for a
// qualified signature card: RSA and ECDSA keys, the PIN entered once for a batch of 100, every
// file checked by pdfsig.

const run = promisify(execFile);
const pdfDir = fileURLToPath(new URL('../../artifacts/pdf/', import.meta.url));
let pki: TestPki;
let token: SoftToken;
let letter: Uint8Array;

beforeAll(async () => {
  mkdirSync(pdfDir, { recursive: true });
  pki = makeTestPki();
  token = makeSoftToken(
    [
      { id: '01', signer: pki.rsa, keyFile: join(pki.dir, 'rsa.key') },
      { id: '02', signer: pki.ecdsa, keyFile: join(pki.dir, 'ecdsa.key') },
    ],
    pki.intermediate.der,
  );
  // A classic cross-reference table, as scanners write: signatures are appended to it.
  letter = await onePagePdf('Decyzja podpisana karta', { objectStreams: false });
});

afterAll(() => (token as SoftToken | undefined)?.remove());

async function pdfsig(bytes: Uint8Array, name: string): Promise<string> {
  const file = join(pdfDir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return (await run('pdfsig', ['-nssdir', pki.nssDir, file], { encoding: 'utf8' })).stdout;
}

describe('a card over PKCS#11 (SoftHSM2)', () => {
  it('lists the certificates on the token without a PIN', () => {
    const found = listTokenCertificates(token.module);
    expect(found.map((c) => [c.tokenLabel, c.id, c.certificate.label])).toEqual(
      expect.arrayContaining([
        ['Karta testowa', '01', pki.rsa.commonName],
        ['Karta testowa', '02', pki.ecdsa.commonName],
        ['Karta testowa', 'ca', 'Test CA Kwalifikowane Łódź'],
      ]),
    );
    expect(found[0]?.tokenSerial).toBe(token.serial);
  });

  for (const [kind, id, who] of [
    ['RSA', '01', 'rsa'],
    ['ECDSA', '02', 'ecdsa'],
  ] as const) {
    it(`${kind}: one signature made on the card, accepted by pdfsig and by us (issuer taken from the card)`, async () => {
      const signed = await withTokenSigner(token.module, { tokenSerial: token.serial, id }, token.pin, (signer) =>
        signPdf(letter, signer, { name: signer.certificate.label, signingTime: new Date() }),
      );
      const out = await pdfsig(signed, `pkcs11-${kind.toLowerCase()}`);
      expect(out).toMatch(/Signature Validation: Signature is Valid\./);
      expect(out).toMatch(/Certificate Validation: Certificate is Trusted\./);
      const s = (await verifyPdf(signed, { trustedRoots: [pki.root.pem] })).signatures[0];
      expect(s).toMatchObject({ indication: 'TOTAL_PASSED', signerName: pki[who].commonName, signatureAlgorithm: kind });
      expect(s?.chain).toEqual([pki[who].commonName, 'Test CA Kwalifikowane Łódź', 'Test Root CA Kancelaria']);
    });
  }

  it('a batch of 100 with one PIN entry: every one valid for pdfsig', async () => {
    const started = performance.now();
    const batch = await withTokenSigner(token.module, { tokenSerial: token.serial, id: '01' }, token.pin, async (signer) => {
      const out: Uint8Array[] = [];
      for (let i = 0; i < 100; i++) out.push(await signPdf(letter, signer, { name: signer.certificate.label, signingTime: new Date() }));
      return out;
    });
    const seconds = (performance.now() - started) / 1000;
    expect(batch).toHaveLength(100);
    const verdicts: boolean[] = [];
    for (const [i, bytes] of batch.entries()) verdicts.push(/Signature Validation: Signature is Valid\./.test(await pdfsig(bytes, `pkcs11-batch-${i % 2}`)));
    expect(verdicts.filter(Boolean)).toHaveLength(100);
    expect(seconds).toBeLessThan(30);
  }, 120_000);

  it('a wrong PIN and a certificate not on the card: refused in Polish, nothing signed', async () => {
    const wrong = await rejected(() => withTokenSigner(token.module, { tokenSerial: token.serial, id: '01' }, '9999', () => Promise.resolve()));
    expect(wrong.code).toBe('SIGN_PIN_WRONG');
    expect(wrong.message).toMatch(/PIN karty jest nieprawidłowy/);
    expect((await rejected(() => withTokenSigner(token.module, { tokenSerial: token.serial, id: '77' }, token.pin, () => Promise.resolve()))).code).toBe('SIGN_TOKEN_NOT_FOUND');
    // The issuer's certificate on the card is not one to sign with.
    expect((await rejected(() => withTokenSigner(token.module, { tokenSerial: token.serial, id: 'ca' }, token.pin, () => Promise.resolve()))).code).toBe('SIGN_CERT_KEY_USAGE');
  });
});
