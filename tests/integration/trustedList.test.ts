import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '#signing/pades';
import { loadPkcs12, type Signer } from '#signing/pkcs12';
import { readTrustedList, type TrustedList } from '#signing/trustedList';
import { verifyPdf } from '#signing/verify';
import { onePagePdf } from '#tests/support/pdfs';
import { issueSigner, makeTestPki, type TestPki } from '#tests/support/certificates';
import { call, callError, openDemoProfile, signIn, uploadOf, type TestProfile } from '#tests/support/profile';
import { makeTrustedList } from '#tests/support/trustedList';
import { thrown } from '#tests/support/thrown';

// A trusted list made and signed by the tests (xmlsec1, the test root's key): imported, a
// tampered copy refused, and its qualified CA then trusted — a qualified certificate under it
// makes a qualified signature (QES), without the CA among the hand-configured roots.

let pki: TestPki;
let xml: string;
let list: TrustedList;
let qualified: Signer;
let letter: Uint8Array;

beforeAll(async () => {
  pki = makeTestPki();
  xml = makeTrustedList(pki, [
    { type: 'CA/QC', name: 'Test CA Kwalifikowane Łódź', certificatePem: pki.intermediate.pem, history: [{ status: 'granted', since: '2020-01-01T00:00:00Z' }] },
    { type: 'TSA/QTST', name: 'Test TSA Kancelaria', certificatePem: pki.root.pem, history: [{ status: 'granted', since: '2020-01-01T00:00:00Z' }] },
  ]);
  list = readTrustedList(xml);
  const who = issueSigner(pki, 'qes', 'Bożena Kwalifikowana', { qualified: true });
  qualified = loadPkcs12(who.p12, who.password);
  // A classic cross-reference table, as scanners write: signatures are appended to it.
  letter = await onePagePdf('Wniosek mieszkanca', { objectStreams: false });
});

afterAll(() => rmSync(pki.dir, { recursive: true, force: true }));

describe('a trusted list (ETSI TS 119 612)', () => {
  it('is read after its XML signature verifies: territory, sequence, signer and services with their status', () => {
    const fingerprint = execFileSync('openssl', ['x509', '-in', pki.root.file, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).split('=')[1]?.replace(/[:\s]/g, '');
    expect(list).toMatchObject({ territory: 'PL', sequenceNumber: 77, issuedAt: '2026-11-30T10:00:00Z', nextUpdate: '2027-05-30T10:00:00Z', signer: { sha256: fingerprint } });
    expect(list.signer.name).toMatch(/Test Root CA Kancelaria/);
    expect(list.services.map((s) => [s.provider, s.name, s.type, s.history[0]?.granted])).toEqual([
      ['Testowe Centrum Certyfikacji sp. z o.o.', 'Test CA Kwalifikowane Łódź', 'CA/QC', true],
      ['Testowe Centrum Certyfikacji sp. z o.o.', 'Test TSA Kancelaria', 'TSA/QTST', true],
    ]);
  });

  it('a copy changed by one word, one without a signature, one with a DOCTYPE: refused', () => {
    const tampered = xml.replace('Svcstatus/granted', 'Svcstatus/withdrawn');
    expect(tampered).not.toBe(xml);
    expect(thrown(() => readTrustedList(tampered)).code).toBe('TRUSTED_LIST_SIGNATURE');
    expect(thrown(() => readTrustedList(xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''))).code).toBe('TRUSTED_LIST_UNSIGNED');
    expect(thrown(() => readTrustedList(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>${xml.replace(/^<\?xml[^>]*>/, '')}`)).code).toBe('TRUSTED_LIST_INVALID');
    expect(thrown(() => readTrustedList('<html><body>Strona NCCert</body></html>')).code).toBe('TRUSTED_LIST_INVALID');
  });

  it('its qualified CA is trusted: a qualified certificate makes a qualified signature; without the list, not confirmed', async () => {
    const signed = await signPdf(letter, qualified, { name: 'Bożena Kwalifikowana', signingTime: new Date() });
    const withList = (await verifyPdf(signed, { trustedRoots: [], trustedServices: list.services })).signatures[0];
    expect(withList).toMatchObject({ indication: 'TOTAL_PASSED', level: 'qualified', trustService: { name: 'Test CA Kwalifikowane Łódź', type: 'CA/QC' } });
    expect(withList?.summary).toMatch(/— ważny podpis kwalifikowany: /);
    const without = (await verifyPdf(signed, { trustedRoots: [] })).signatures[0];
    expect(without).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    // A certificate without QcStatements under the same CA: a valid advanced signature.
    const rsa = loadPkcs12(pki.rsa.p12, pki.rsa.password);
    const advanced = (await verifyPdf(await signPdf(letter, rsa, { name: 'K', signingTime: new Date() }), { trustedRoots: [], trustedServices: list.services })).signatures[0];
    expect(advanced).toMatchObject({ indication: 'TOTAL_PASSED', level: 'advanced' });
  });

  it('a service qualified only from a later date anchors nothing before it (status history)', async () => {
    const later = readTrustedList(
      makeTrustedList(pki, [
        {
          type: 'CA/QC',
          name: 'Test CA Kwalifikowane Łódź',
          certificatePem: pki.intermediate.pem,
          history: [
            { status: 'granted', since: '2099-01-01T00:00:00Z' },
            { status: 'withdrawn', since: '2020-01-01T00:00:00Z' },
          ],
        },
      ]),
    );
    const signed = await signPdf(letter, qualified, { name: 'Bożena Kwalifikowana', signingTime: new Date() });
    const s = (await verifyPdf(signed, { trustedRoots: [], trustedServices: later.services })).signatures[0];
    expect(s).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(s?.summary).toMatch(/usługa „Test CA Kwalifikowane Łódź” z listy zaufanych nie była usługą kwalifikowaną w chwili/);
  });
});

describe('the administrator imports the list; intake then shows qualified signatures', () => {
  let p: TestProfile;
  beforeAll(() => {
    p = openDemoProfile();
  });
  afterAll(() => p.close());

  it('checks the file first (signer and counts), imports it, and a letter’s QES is shown as qualified', async () => {
    await signIn(p.ctx, 'akowalska');
    expect((await callError(p.ctx, 'admin.trustedListImport', { fileName: 'lista.xml', text: xml, dryRun: true })).code).toBe('FORBIDDEN');
    await signIn(p.ctx, 'gszymanski');
    const preview = await call(p.ctx, 'admin.trustedListImport', { fileName: 'lista.xml', text: xml, dryRun: true });
    expect(preview).toMatchObject({ territory: 'PL', sequenceNumber: 77, services: 2, qualifiedCas: 1, qualifiedTsas: 1 });
    expect((await call(p.ctx, 'admin.settings', {})).trustedList).toBeNull();
    const refused = await callError(p.ctx, 'admin.trustedListImport', { fileName: 'lista.xml', text: xml.replace('Łódź', 'Lodz'), dryRun: false });
    expect(refused.code).toBe('TRUSTED_LIST_SIGNATURE');
    expect(refused.message).toMatch(/ktoś zmienił plik po podpisaniu/);
    await call(p.ctx, 'admin.trustedListImport', { fileName: 'lista.xml', text: xml, dryRun: false });
    expect((await call(p.ctx, 'admin.settings', {})).trustedList?.services).toHaveLength(2);

    await signIn(p.ctx, 'akowalska');
    const signed = await signPdf(letter, qualified, { name: 'Bożena Kwalifikowana', signingTime: new Date() });
    const staged = await call(p.ctx, 'scans.upload', { fileName: 'wniosek-qes.pdf' }, uploadOf(signed));
    expect(staged.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', qualified: true, verdict: 'ważny' });
  });
});
