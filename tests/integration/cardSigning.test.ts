import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '#core/services/context';
import { issueSigner, makeTestPki, type TestPki, type TestSigner } from '#tests/support/certificates';
import { makeSoftToken, SOFTHSM_MODULE, type SoftToken } from '#tests/support/softhsm';
import { approvedDecision } from '#tests/support/decisions';
import { call, callError, createSender, openDemoProfile, signIn, type TestProfile } from '#tests/support/profile';
import { verifyPdf } from '#signing/verify';

// The head signs decisions with the certificate on a card (SoftHSM2 standing for a qualified
// signature card) through the services, as the signing tray does: the card's certificates
// listed, the PIN given once for the batch, the card logged out when the batch ends.

const run = promisify(execFile);
const pdfDir = join(process.cwd(), 'artifacts', 'pdf');

describe('a head signs with a card', () => {
  let pki: TestPki;
  let qualified: TestSigner;
  let token: SoftToken;
  let p: TestProfile;
  let caseId: string;

  beforeAll(async () => {
    mkdirSync(pdfDir, { recursive: true });
    pki = makeTestPki();
    qualified = issueSigner(pki, 'kwalifikowany', 'Katarzyna Zielińska', { qualified: true });
    token = makeSoftToken(
      [
        { id: '01', signer: qualified, keyFile: join(pki.dir, 'kwalifikowany.key') },
        { id: '02', signer: pki.ecdsa, keyFile: join(pki.dir, 'ecdsa.key') },
      ],
      pki.intermediate.der,
    );
    // A driver that is configured but not installed on this machine: reported, the card still found.
    p = openDemoProfile({ cardModules: ['/opt/brak-sterownika/libpkcs11.so', SOFTHSM_MODULE] });
    await signIn(p.ctx, 'akowalska');
    const party = await createSender(p.ctx, 'Wiśniewska');
    await signIn(p.ctx, 'tlukasik');
    caseId = (await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — Polna 5', deadlineKind: 'kpa35-standard', partyIds: [party.id] })).id;
  });
  afterAll(() => {
    p.close();
    token.remove();
  });

  const card = (certificateId: string) => ({ kind: 'pkcs11' as const, module: SOFTHSM_MODULE, tokenSerial: token.serial, certificateId });

  it('lists the certificates on the card in the reader (not its issuer), and a driver that does not load', async () => {
    await signIn(p.ctx, 'kzielinska');
    const { certificates, problems } = await call(p.ctx, 'signing.means', {});
    expect(certificates.map((c) => [c.signerName, c.qualified, c.tokenLabel, c.certificateId, c.problem])).toEqual([
      ['Katarzyna Zielińska', true, 'Karta testowa', '01', null],
      [pki.ecdsa.commonName, false, 'Karta testowa', '02', null],
    ]);
    expect(certificates[0]?.issuerName).toBe('Test CA Kwalifikowane Łódź');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('/opt/brak-sterownika/libpkcs11.so');
    // Only a head signs, so only a head is shown the cards.
    await signIn(p.ctx, 'tlukasik');
    expect((await callError(p.ctx, 'signing.means', {})).code).toBe('FORBIDDEN');
  });

  it('a wrong PIN opens nothing and numbers nothing; a driver IT did not allow is never loaded', async () => {
    const d = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla wiaty.');
    const wrong = await callError(p.ctx, 'signing.begin', { means: card('01'), password: '0000' });
    expect(wrong.code).toBe('SIGN_PIN_WRONG');
    expect(wrong.message).toMatch(/PIN karty jest nieprawidłowy/);
    const foreign = await callError(p.ctx, 'signing.begin', { means: { ...card('01'), module: '/tmp/obcy-modul.so' }, password: token.pin });
    expect(foreign.code).toBe('SIGN_TOKEN_MODULE_UNKNOWN');
    expect((await callError(p.ctx, 'signing.begin', { means: card('01') })).code).toBe('INVALID_INPUT');
    expect((await call(p.ctx, 'decisions.get', { id: d.id })).number).toBeNull();
  });

  it('one PIN for a batch signed decision by decision; every file valid for pdfsig and for us, qualified', async () => {
    const batch = [
      await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla garażu.'),
      await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla altany.'),
      await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla szopy.'),
    ];
    const opened = await call(p.ctx, 'signing.begin', { means: card('01'), password: token.pin });
    expect(opened).toMatchObject({ signerName: 'Katarzyna Zielińska', issuerName: 'Test CA Kwalifikowane Łódź', qualified: true });
    // The tray signs one decision a call, for its progress bar: the card stays logged in between.
    for (const d of batch) {
      const [r] = await call(p.ctx, 'decisions.sign', { ids: [d.id], session: opened.session });
      expect(r).toMatchObject({ ok: true });
    }
    await call(p.ctx, 'signing.end', { session: opened.session });
    for (const [i, d] of batch.entries()) {
      const signed = (await call(p.ctx, 'decisions.pdf', { id: d.id })).bytes;
      const file = join(pdfDir, `karta-decyzja-${String(i + 1)}.pdf`);
      writeFileSync(file, signed);
      const out = (await run('pdfsig', ['-nssdir', pki.nssDir, file], { encoding: 'utf8' })).stdout;
      expect(out).toMatch(/Signature Validation: Signature is Valid\./);
      expect(out).toMatch(/Signer Certificate Common Name: Katarzyna Zielińska/);
      const verdict = (await verifyPdf(signed, { trustedRoots: [pki.root.pem] })).signatures[0];
      expect(verdict).toMatchObject({ indication: 'TOTAL_PASSED', signerName: 'Katarzyna Zielińska' });
    }
    // The numbers follow one another: nothing was lost between the calls.
    const numbers = await Promise.all(batch.map(async (d) => (await call(p.ctx, 'decisions.get', { id: d.id })).number));
    expect(new Set(numbers).size).toBe(3);
  }, 60_000);

  it('an ended session signs nothing; nor does one opened by another head, nor one left before signing out', async () => {
    const d = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla wiaty rowerowej.');
    const opened = await call(p.ctx, 'signing.begin', { means: card('02'), password: token.pin });
    await call(p.ctx, 'signing.end', { session: opened.session });
    const ended = await callError(p.ctx, 'decisions.sign', { ids: [d.id], session: opened.session });
    expect(ended.code).toBe('SIGN_SESSION_ENDED');
    expect(ended.message).toMatch(/podaj PIN albo hasło/);

    const left = await call(p.ctx, 'signing.begin', { means: card('02'), password: token.pin });
    await signIn(p.ctx, 'jnowak');
    expect((await callError(p.ctx, 'decisions.sign', { ids: [d.id], session: left.session })).code).toBe('SIGN_SESSION_ENDED');
    await signIn(p.ctx, 'kzielinska');
    await call(p.ctx, 'session.signOut', {});
    await signIn(p.ctx, 'kzielinska');
    expect((await callError(p.ctx, 'decisions.sign', { ids: [d.id], session: left.session })).code).toBe('SIGN_SESSION_ENDED');
    expect((await call(p.ctx, 'decisions.get', { id: d.id })).number).toBeNull();
  });

  it("the desktop shell's PIN: taken once by its handle, never typed into the page", async () => {
    // What the shell's own window leaves with the backend (backend/utility.ts) under a handle.
    const handle = randomUUID();
    p.ctx.signing.secrets.put(handle, token.pin);
    const shell: Ctx = { ...p.ctx, mode: 'electron' };
    const opened = await call(shell, 'signing.begin', { means: card('01'), secret: handle });
    await call(shell, 'signing.end', { session: opened.session });
    expect((await callError(shell, 'signing.begin', { means: card('01'), secret: handle })).code).toBe('SIGN_SECRET_GONE');
    // A PIN the page sends itself is refused in the desktop shell, before the card is asked.
    expect((await callError(shell, 'signing.begin', { means: card('01'), password: token.pin })).code).toBe('SIGN_SECRET_IN_PAGE');
  });
});
