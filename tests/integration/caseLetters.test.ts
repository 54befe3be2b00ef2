import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionDetail } from '#core/contract';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { pdfText } from '#tests/support/pdfs';
import { call, signWithP12, callError, createSender, letterInput, openDemoProfile, signIn, unitId, type TestProfile } from '#tests/support/profile';

// The letters of the procedure a clerk writes in a case from the office's templates: a
// wezwanie do usunięcia braków (KPA art. 64 § 2) and a zawiadomienie o zwłoce (art. 36 § 1).
// They go through akceptacja and signing as a decision does, but the decision register does
// not number them, and the registry gets them to send.



describe('a clerk writes a wezwanie and a zawiadomienie o zwłoce from the templates; the head signs them unnumbered', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  let pki: TestPki;
  let p: TestProfile;
  let caseId: string;
  let wezwanie: DecisionDetail;

  beforeAll(async () => {
    pki = makeTestPki(now);
    p = openDemoProfile({ clock: () => now });
    await signIn(p.ctx, 'akowalska');
    const sender = await createSender(p.ctx, 'Żmigrodzka');
    const gk = await unitId(p.ctx, 'GK');
    const letter = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { receivedAt: '2026-11-16T09:00:00Z', letterDate: '2026-11-12', subject: 'Wniosek o warunki zabudowy — działka 3/1, obręb Łąka' }));
    await signIn(p.ctx, 'tlukasik');
    caseId = (await call(p.ctx, 'cases.open', { itemId: letter.id, jrwaSymbol: '6730', title: 'Warunki zabudowy — działka 3/1, obręb Łąka', deadlineKind: 'kpa35-standard' })).id;
  });
  afterAll(() => p.close());

  it('the clerk is offered the letters beside the decisions', async () => {
    const types = await call(p.ctx, 'decisions.types', {});
    const letters = types.filter((t) => t.kind !== 'decision' && t.kind !== 'certificate').map((t) => t.name);
    expect(letters).toEqual(['Zawiadomienie o wszczęciu postępowania', 'Wezwanie do usunięcia braków wniosku', 'Zawiadomienie o niezałatwieniu sprawy w terminie']);
  });

  it('a wezwanie asks for the deficiencies, cites the request, and refuses akceptacja without them', async () => {
    wezwanie = await call(p.ctx, 'decisions.create', { caseId, typeCode: 'WEZWANIE_BRAKI' });
    expect(wezwanie.kind).toBe('deficiency-request');
    expect(wezwanie.detailFields.map((f) => f.name)).toEqual(['braki']);
    expect(wezwanie.content.applicationDate).toBe('2026-11-12');
    expect(wezwanie.content.subject).toBe('Warunki zabudowy — działka 3/1, obręb Łąka');
    expect(wezwanie.missing).toEqual(['data wydania', 'braki do usunięcia', 'podpis z imieniem, nazwiskiem i stanowiskiem']);
    expect((await callError(p.ctx, 'decisions.submit', { id: wezwanie.id })).code).toBe('DECISION_INCOMPLETE');
    wezwanie = await call(p.ctx, 'decisions.save', {
      id: wezwanie.id,
      expectedVersion: wezwanie.currentVersion,
      content: { ...wezwanie.content, date: '2026-11-20', details: { braki: '1. dołączenie mapy zasadniczej w skali 1:1000,\n2. podpisanie wniosku.' }, signatoryName: 'Katarzyna Zielińska', signatoryPosition: 'Kierownik Referatu' },
    });
    expect(wezwanie.missing).toEqual([]);
    wezwanie = await call(p.ctx, 'decisions.submit', { id: wezwanie.id });
    await signIn(p.ctx, 'kzielinska');
    wezwanie = await call(p.ctx, 'decisions.review', { id: wezwanie.id, outcome: 'approved' });
    expect(wezwanie.status).toBe('approved');
  });

  it('the head signs it: no decision number is taken, the PDF is the wezwanie, the registry gets it to send', async () => {
    const [result] = await signWithP12(p.ctx, [wezwanie.id], Buffer.from(pki.rsa.p12).toString('base64'), pki.rsa.password);
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('Podpisano: wezwanie do usunięcia braków wniosku') as unknown });
    const signed = await call(p.ctx, 'decisions.get', { id: wezwanie.id });
    expect([signed.status, signed.number]).toEqual(['signed', null]);
    const text = pdfText(((await call(p.ctx, 'decisions.pdf', { id: wezwanie.id })) as { bytes: Uint8Array }).bytes, 'wezwanie-do-usuniecia-brakow');
    expect(text).toContain('WEZWANIE do usunięcia braków wniosku');
    expect(text).toContain('wniosku z dnia 12 listopada 2026 r.');
    expect(text).toContain('w sprawie: Warunki zabudowy — działka 3/1, obręb Łąka');
    expect(text).toContain('2. podpisanie wniosku.');
    expect(text).toContain('w terminie 7 dni');
    expect(text).not.toContain('DECYZJA');
    const metryka = (await call(p.ctx, 'cases.get', { id: caseId })).metryka.map((e) => e.summary);
    expect(metryka).toContain(`Podpisano elektronicznie pismo: wezwanie do usunięcia braków wniosku (${pki.rsa.commonName})`);
    const awaiting = await call(p.ctx, 'dispatch.awaiting', {});
    expect(awaiting.map((x) => x.subject)).toContain(`Wezwanie do usunięcia braków wniosku (${signed.caseSign})`);
  });

  it('a zawiadomienie o zwłoce needs the reason and the new deadline, and carries the ponaglenie instruction', async () => {
    await signIn(p.ctx, 'tlukasik');
    const notice = await call(p.ctx, 'decisions.create', { caseId, typeCode: 'ZAWIADOMIENIE_ZWLOKA' });
    expect(notice.detailFields.map((f) => f.name)).toEqual(['przyczyna_zwloki', 'nowy_termin']);
    expect(notice.content.appealInstruction).toContain('Ponaglenie wnosi się do Samorządowego Kolegium Odwoławczego w Łodzi za pośrednictwem Wójta Gminy Przykładowa');
    expect(notice.missing).toEqual(['data wydania', 'przyczyna zwłoki', 'nowy termin załatwienia sprawy', 'podpis z imieniem, nazwiskiem i stanowiskiem']);
  });

  it('the next decision of the office still takes number 1: the letter used none', async () => {
    const d0 = await call(p.ctx, 'decisions.create', { caseId, typeCode: 'WZ' });
    let d = await call(p.ctx, 'decisions.save', { id: d0.id, expectedVersion: d0.currentVersion, content: { ...d0.content, subject: 'budowa garażu na działce nr 3/1', date: '2026-11-20', ruling: 'Ustalam warunki zabudowy dla garażu.', justification: 'Teren spełnia warunki.', signatoryName: 'Katarzyna Zielińska', signatoryPosition: 'Kierownik Referatu' } });
    d = await call(p.ctx, 'decisions.submit', { id: d.id });
    await signIn(p.ctx, 'kzielinska');
    d = await call(p.ctx, 'decisions.review', { id: d.id, outcome: 'approved' });
    const [result] = await signWithP12(p.ctx, [d.id], Buffer.from(pki.rsa.p12).toString('base64'), pki.rsa.password);
    expect([result?.ok, result?.label]).toEqual([true, '1/2026']);
  });
});
