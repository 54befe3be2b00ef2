import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { loadPkcs12 } from '#signing/pkcs12';
import { signPdf } from '#signing/pades';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { call, openDemoProfile, signIn, uploadOf, type TestProfile } from '#tests/support/profile';
import { onePagePdf } from '#tests/support/pdfs';

describe('an electronically signed PDF received by the registry shows its signature', () => {
  let pki: TestPki;
  let p: TestProfile;
  let signed: Uint8Array;

  beforeAll(async () => {
    pki = makeTestPki();
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawText('Wniosek podpisany elektronicznie', { x: 72, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
    signed = await signPdf(await doc.save(), loadPkcs12(pki.ecdsa.p12, pki.ecdsa.password), { name: pki.ecdsa.commonName, signingTime: new Date() });
    p = openDemoProfile();
    await signIn(p.ctx, 'akowalska');
  });
  afterAll(() => p.close());

  it('at intake: valid, but not trusted until the office trusts the issuing root', async () => {
    const staged = await call(p.ctx, 'scans.upload', { fileName: 'wniosek-podpisany.pdf' }, uploadOf(signed));
    expect(staged.signatures).toHaveLength(1);
    expect(staged.signatures[0]).toMatchObject({ signer: pki.ecdsa.commonName, identifier: pki.ecdsa.serialNumber, intact: true, valid: false, trusted: false });
    expect(staged.signatures[0]?.summary).toMatch(/zaufan/i);
  });

  it('once the admin adds the root, the same file shows a valid, trusted signature', async () => {
    await signIn(p.ctx, 'gszymanski');
    const settings = await call(p.ctx, 'admin.settings', {});
    await call(p.ctx, 'admin.updateSettings', { ...settings, trustedRootsPem: [pki.root.pem] });
    await signIn(p.ctx, 'akowalska');
    const staged = await call(p.ctx, 'scans.upload', { fileName: 'wniosek-podpisany.pdf' }, uploadOf(signed));
    expect(staged.signatures[0]).toMatchObject({ intact: true, valid: true, trusted: true });
    expect(await call(p.ctx, 'scans.verify', { sha256: staged.sha256 })).toEqual(staged.signatures);
  });

  it('an unsigned scan has no signatures, and a changed signed file is reported invalid', async () => {
    const plain = await call(p.ctx, 'scans.upload', { fileName: 'skan.pdf' }, uploadOf(await onePagePdf('Skan zwykly')));
    expect(plain.signatures).toEqual([]);
    const changed = Buffer.from(signed);
    const at = changed.indexOf('\n%') + 2;
    changed[at] = (changed[at] ?? 0) ^ 0x01;
    const staged = await call(p.ctx, 'scans.upload', { fileName: 'zmieniony.pdf' }, uploadOf(changed));
    expect([staged.signatures[0]?.valid, staged.signatures[0]?.intact]).toEqual([false, false]);
  });
});
