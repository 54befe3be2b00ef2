import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionDetail } from '#core/contract';
import { verifyPdf } from '#signing/verify';
import { checkProfile } from '#backend/dbCheck';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { startTsa } from '#tests/support/tsa';
import { call, signWithP12, callError, createSender, openDemoProfile, signIn, type TestProfile } from '#tests/support/profile';
import { approvedDecision } from '#tests/support/decisions';

const ARTIFACTS = join(process.cwd(), 'artifacts', 'pdf');

describe('a head signs approved decisions in one batch with a PKCS#12 file', () => {
  let pki: TestPki;
  let p: TestProfile;
  let caseId: string;
  let first: DecisionDetail;
  let second: DecisionDetail;
  let draft: DecisionDetail;
  const now = new Date('2026-11-20T10:00:00Z');

  beforeAll(async () => {
    pki = makeTestPki(now);
    p = openDemoProfile({ clock: () => now });
    await signIn(p.ctx, 'akowalska');
    const party = await createSender(p.ctx, 'Żmigrodzka');
    await signIn(p.ctx, 'tlukasik');
    caseId = (await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — Łąka 3/1', deadlineKind: 'kpa35-standard', partyIds: [party.id] })).id;
    first = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla budynku gospodarczego.');
    second = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla garażu.');
    await signIn(p.ctx, 'tlukasik');
    draft = await call(p.ctx, 'decisions.create', { caseId, typeCode: 'WZ' });
  });
  afterAll(() => p.close());

  const p12 = (which: keyof Pick<TestPki, 'rsa' | 'ecdsa' | 'expired' | 'keyEncipherment'>) => Buffer.from(pki[which].p12).toString('base64');

  it('refuses the whole batch with a clear message for a wrong password or an unusable certificate', async () => {
    await signIn(p.ctx, 'kzielinska');
    const wrong = await callError(p.ctx, 'signing.begin', { means: { kind: 'pkcs12', p12Base64: p12('rsa') }, password: 'zle-haslo' });
    expect(wrong.code).toBe('SIGN_WRONG_PASSWORD');
    expect((await callError(p.ctx, 'signing.begin', { means: { kind: 'pkcs12', p12Base64: p12('expired') }, password: pki.expired.password })).code).toBe('SIGN_CERT_EXPIRED');
    expect((await callError(p.ctx, 'signing.begin', { means: { kind: 'pkcs12', p12Base64: p12('keyEncipherment') }, password: pki.keyEncipherment.password })).code).toBe('SIGN_CERT_KEY_USAGE');
    // Nothing was numbered by the refusals.
    expect((await call(p.ctx, 'decisions.get', { id: first.id })).number).toBeNull();
  });

  it('signs each approved decision with the next number and tells why a draft was not signed', async () => {
    const results = await signWithP12(p.ctx, [first.id, draft.id, second.id], p12('ecdsa'), pki.ecdsa.password);
    expect(results.map((r) => [r.ok, r.label])).toEqual([
      [true, '1/2026'],
      [false, '—'],
      [true, '2/2026'],
    ]);
    expect(results[1]?.message).toBe('Podpisać można tylko projekt zaakceptowany na całej ścieżce akceptacji.');
    const signed = await call(p.ctx, 'decisions.get', { id: first.id });
    expect([signed.status, signed.number]).toEqual(['signed', '1/2026']);
    const metryka = (await call(p.ctx, 'cases.get', { id: caseId })).metryka.map((e) => e.summary);
    expect(metryka).toContain(`Podpisano elektronicznie decyzję nr 1/2026 (${pki.ecdsa.commonName})`);
  });

  it('the signed decision passes pdfsig with the test CA trusted, and our verifier agrees', async () => {
    const file = (await call(p.ctx, 'decisions.pdf', { id: first.id })) as { bytes: Uint8Array };
    // Once signed, the decision's PDF is the stored signed file, not a fresh print.
    const stored = p.ctx.blobs.read(p.ctx.store.sqlite.prepare('SELECT signed_pdf_sha256 FROM decisions WHERE id = ?').pluck().get(first.id) as string);
    expect(Buffer.from(file.bytes).equals(Buffer.from(stored))).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'decyzja-podpisana.pdf');
    writeFileSync(path, stored);
    const out = execFileSync('pdfsig', ['-nssdir', pki.nssDir, path]).toString();
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Certificate Validation: Certificate is Trusted.');
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
    expect(text).toContain('DECYZJA nr 1/2026');
    const ours = await verifyPdf(stored, { trustedRoots: [pki.root.der] });
    expect(ours.valid).toBe(true);
    expect([ours.signatures[0]?.subjectSerialNumber, ours.signatures[0]?.coverage]).toEqual([pki.ecdsa.serialNumber, 'whole-file']);
  });

  it('two heads signing at once leave the decision register without a gap (a number taken meanwhile is printed again)', async () => {
    const third = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla wiaty.');
    const fourth = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla altany.');
    // Both batches read the next free number (3) before either is recorded: one gets it, the
    // other finds it taken, rolls back and prints again with the next one.
    const [a, b] = await Promise.all([
      signWithP12(p.ctx, [third.id], p12('rsa'), pki.rsa.password),
      signWithP12(p.ctx, [fourth.id], p12('rsa'), pki.rsa.password),
    ]);
    expect([a[0]?.label, b[0]?.label].sort()).toEqual(['3/2026', '4/2026']);
    const counter = p.ctx.store.sqlite.prepare("SELECT last FROM counters WHERE scope = 'DEC/2026'").pluck().get();
    expect(counter).toBe(4);
    const numbers = p.ctx.store.sqlite.prepare("SELECT seq FROM decisions WHERE seq IS NOT NULL ORDER BY seq").pluck().all();
    expect(numbers).toEqual([1, 2, 3, 4]);
    const printed = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from((await call(p.ctx, 'decisions.pdf', { id: fourth.id }) as { bytes: Uint8Array }).bytes) }).toString();
    expect(printed).toContain(`DECYZJA nr ${b[0]?.label ?? ''}`);
  });

  it('a decision is issued the day it is signed, by the one who signs it, whatever the draft proposed', async () => {
    const ahead = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla altany.', { date: '2026-12-07', signatoryName: 'Jan Przyszły', signatoryPosition: 'Zastępca Wójta' });
    const [r] = await signWithP12(p.ctx, [ahead.id], p12('rsa'), pki.rsa.password);
    expect(r?.ok).toBe(true);
    const printed = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from((await call(p.ctx, 'decisions.pdf', { id: ahead.id }) as { bytes: Uint8Array }).bytes) }).toString();
    expect(printed).toContain('20 listopada 2026');
    expect(printed).not.toContain('7 grudnia 2026');
    expect(printed).toContain('Katarzyna Zielińska');
    expect(printed).toContain('Kierownik Referatu Gospodarki Komunalnej');
    expect(printed).not.toContain('Jan Przyszły');
    // The stamp names the place of signing as a place, not a unit's symbol.
    expect(printed).toContain('Miejsce: Przykładowo');
  });

  it('with the office’s TSA set, each signed decision carries a time-stamp (B-T); a TSA answering nonsense stops the signing, said in Polish', async () => {
    const tsa = await startTsa(pki);
    try {
      await signIn(p.ctx, 'gszymanski');
      const settings = await call(p.ctx, 'admin.settings', {});
      await call(p.ctx, 'admin.updateSettings', { ...settings, tsaUrl: tsa.url });
      const stamped = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla szopy.');
      const [r] = await signWithP12(p.ctx, [stamped.id], p12('rsa'), pki.rsa.password);
      expect(r?.ok).toBe(true);
      const bytes = (await call(p.ctx, 'decisions.pdf', { id: stamped.id }) as { bytes: Uint8Array }).bytes;
      // 6730 is of archival category A: the file is also B-LT (DSS) and B-LTA (document time-stamp).
      expect(r?.message).toMatch(/uzupełniono go o dane do długoterminowej weryfikacji i znacznik czasu dokumentu \(PAdES B-LTA\)/);
      const checked = await verifyPdf(bytes, { trustedRoots: [pki.root.der] });
      expect(checked.indication).toBe('TOTAL_PASSED');
      expect(checked.signatures[0]).toMatchObject({ kind: 'signature', timestamp: { kind: 'signature', tsa: pki.tsa.commonName } });
      expect(checked.signatures[0]?.changes.map((c) => c.kind)).toEqual(['timestamp', 'dss']);
      expect(checked.signatures[1]).toMatchObject({ kind: 'document-timestamp', signerName: pki.tsa.commonName });

      tsa.mode = 'garbage';
      const next = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla drewutni.');
      const [refused] = await signWithP12(p.ctx, [next.id], p12('rsa'), pki.rsa.password);
      expect(refused?.ok).toBe(false);
      expect(refused?.message).toMatch(/^Usługa znaczników czasu odpowiedziała czymś, co nie jest znacznikiem czasu/);
      expect((await call(p.ctx, 'decisions.get', { id: next.id })).status).not.toBe('signed');
    } finally {
      await signIn(p.ctx, 'gszymanski');
      await call(p.ctx, 'admin.updateSettings', { ...(await call(p.ctx, 'admin.settings', {})), tsaUrl: null });
      await tsa.stop();
    }
  });

  it('a case with only a provisional sign cannot have its decision signed', async () => {
    p.ctx.store.sqlite.prepare('UPDATE cases SET provisional_label = sign, sign = NULL WHERE id = ?').run(caseId);
    const third = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla wiaty.');
    const r = await signWithP12(p.ctx, [third.id], p12('rsa'), pki.rsa.password);
    expect(r[0]?.ok).toBe(false);
    expect(r[0]?.message).toMatch(/znak tymczasowy/);
  });

  it('db check (and so every backup of this profile) finds the case register and the decision register whole', async () => {
    const report = await checkProfile(p.dir, p.ctx.store, p.ctx.blobs);
    const year = String(now.getUTCFullYear());
    const scopes = new Map(report.numbering.map((s) => [s.scope, s]));
    expect(scopes.get(`DEC/${year}`)).toMatchObject({ problems: [], counterLast: scopes.get(`DEC/${year}`)?.highest });
    expect(scopes.get(`SPIS/GK/6730/${year}`)?.problems).toEqual([]);
    expect(report.problems).toEqual([]);
  });
});
