import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionDetail } from '#core/contract';
import { call, callError, createSender, letterInput, openDemoProfile, signIn, unitId, type TestProfile } from '#tests/support/profile';

describe('a decision draft goes through akceptacja: returned with remarks, fixed, approved', () => {
  let p: TestProfile;
  let caseId: string;
  let d: DecisionDetail;

  beforeAll(async () => {
    p = openDemoProfile({ clock: () => new Date('2026-04-14T08:00:00Z') });
    await signIn(p.ctx, 'akowalska');
    const party = await createSender(p.ctx, 'Wróblewska');
    await signIn(p.ctx, 'tlukasik');
    caseId = (await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy dz. 12/3', deadlineKind: 'kpa35-standard', partyIds: [party.id] })).id;
  });
  afterAll(() => p.close());

  it('a new draft is filled from the case once: organ, parties, legal basis, fee, appeal', async () => {
    expect((await call(p.ctx, 'cases.get', { id: caseId })).status).toBe('opened');
    d = await call(p.ctx, 'decisions.create', { caseId, typeCode: 'WZ' });
    expect(d.status).toBe('draft');
    // Drafting the decision is work on the case: no longer "założona".
    expect((await call(p.ctx, 'cases.get', { id: caseId })).status).toBe('in_progress');
    expect(d.content.organ).toBe('Wójt Gminy Przykładowa');
    expect(d.content.parties).toEqual([{ name: 'Zofia Wróblewska', address: 'ul. Łąkowa 5, 99-999 Przykładowo', partyId: expect.any(String) as unknown }]);
    expect(d.content.legalBasis).toContain('art. 59 ust. 1 ustawy z dnia 27 marca 2003 r.');
    expect(d.content.fee).toContain('598 zł');
    expect(d.content.appealInstruction).toContain('odwołanie do Samorządowego Kolegium Odwoławczego w Łodzi za pośrednictwem organu, który wydał decyzję');
    expect(d.content.appealInstruction).toContain('art. 127a');
    expect(d.content.applicationDate).toBeNull(); // opened without a letter: nothing to cite yet
    expect(d.content.subject).toBe('');
    expect(d.missing).toEqual(['data wydania', 'data wniosku', 'przedmiot sprawy (czego dotyczy wniosek, np. opis inwestycji)', 'rozstrzygnięcie', 'uzasadnienie faktyczne i prawne', 'podpis z imieniem, nazwiskiem i stanowiskiem']);
  });

  it('an incomplete draft cannot be submitted, and the message names what is missing', async () => {
    const e = await callError(p.ctx, 'decisions.submit', { id: d.id });
    expect(e.code).toBe('DECISION_INCOMPLETE');
    expect(e.message).toContain('brakuje — data wydania, data wniosku, przedmiot sprawy (czego dotyczy wniosek, np. opis inwestycji), rozstrzygnięcie, uzasadnienie faktyczne i prawne, podpis z imieniem, nazwiskiem i stanowiskiem');
  });

  it('the clerk completes and submits; the head returns it with remarks', async () => {
    d = await call(p.ctx, 'decisions.save', {
      id: d.id,
      expectedVersion: d.currentVersion,
      content: { ...d.content, subject: 'budowa budynku gospodarczego na działce nr 7/2', applicationDate: '2026-04-02', date: '2026-04-14', ruling: 'Ustalam warunki zabudowy dla budynku mieszkalnego jednorodzinnego.', justification: 'Wnioskodawczyni złożyła wniosek…', signatoryName: 'Jan Kowalczyk', signatoryPosition: 'Wójt Gminy Przykładowa' },
    });
    expect([d.currentVersion, d.missing]).toEqual([2, []]);
    d = await call(p.ctx, 'decisions.submit', { id: d.id });
    expect(d.status).toBe('submitted');
    expect((await callError(p.ctx, 'decisions.save', { id: d.id, expectedVersion: 2, content: d.content })).code).toBe('DECISION_NOT_EDITABLE');
    await signIn(p.ctx, 'jnowak'); // head of FN: not his unit's draft
    expect((await callError(p.ctx, 'decisions.review', { id: d.id, outcome: 'approved' })).code).toBe('CASE_NOT_FOUND');
    await signIn(p.ctx, 'kzielinska');
    expect((await call(p.ctx, 'decisions.toApprove', {})).map((x) => x.id)).toEqual([d.id]);
    expect((await callError(p.ctx, 'decisions.review', { id: d.id, outcome: 'returned' })).code).toBe('DECISION_REMARKS_REQUIRED');
    d = await call(p.ctx, 'decisions.review', { id: d.id, outcome: 'returned', remarks: 'Uzupełnić uzasadnienie o analizę urbanistyczną.' });
    expect(d.status).toBe('returned');
    expect(await call(p.ctx, 'decisions.toApprove', {})).toEqual([]);
  });

  it('the clerk fixes it (a new version, the old ones kept) and the head approves', async () => {
    await signIn(p.ctx, 'tlukasik');
    d = await call(p.ctx, 'decisions.save', { id: d.id, expectedVersion: d.currentVersion, content: { ...d.content, justification: `${d.content.justification} Analiza urbanistyczna wykazała…` } });
    d = await call(p.ctx, 'decisions.submit', { id: d.id });
    await signIn(p.ctx, 'kzielinska');
    d = await call(p.ctx, 'decisions.review', { id: d.id, outcome: 'approved' });
    expect(d.status).toBe('approved');
    expect(d.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(d.reviews.map((r) => [r.version, r.outcome, r.reviewerName])).toEqual([
      [2, 'returned', 'Katarzyna Zielińska'],
      [3, 'approved', 'Katarzyna Zielińska'],
    ]);
    const metryka = (await call(p.ctx, 'cases.get', { id: caseId })).metryka.map((e) => e.action);
    expect(metryka.filter((a) => a.startsWith('decision.'))).toEqual(['decision.drafted', 'decision.saved', 'decision.submitted', 'decision.returned', 'decision.saved', 'decision.submitted', 'decision.approved']);
  });

  it('prints the decision with every art. 107 §1 element and Polish text intact', async () => {
    const file = (await call(p.ctx, 'decisions.pdf', { id: d.id })) as { bytes: Uint8Array };
    mkdirSync(join(process.cwd(), 'artifacts', 'pdf'), { recursive: true });
    const path = join(process.cwd(), 'artifacts', 'pdf', 'decyzja-z-projektu.pdf');
    writeFileSync(path, file.bytes);
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString().replace(/\s+/g, ' ');
    for (const element of ['Wójt Gminy Przykładowa', '14 kwietnia 2026', 'Zofia Wróblewska', 'art. 59 ust. 1', 'Ustalam warunki zabudowy', 'Analiza urbanistyczna', 'Samorządowego Kolegium Odwoławczego w Łodzi', 'Jan Kowalczyk', 'Wójt Gminy Przykładowa', 'Otrzymują']) {
      expect(text).toContain(element);
    }
    expect(text).toMatch(/GK\.6730\.1\.2026/);
    // The request as the decision cites it: its own date and what it asks for, in the clerk's
    // words — not the day the case was opened, nor the case's title.
    expect(text).toContain('po rozpatrzeniu wniosku z dnia 2 kwietnia 2026 r.');
    expect(text).toContain('dla inwestycji: budowa budynku gospodarczego na działce nr 7/2');
    expect(text).not.toContain('Warunki zabudowy dz. 12/3');
    expect(text).toMatch(/Strona 1 z \d/);
  });

  it('a draft of a case opened from a letter cites the date the letter bears, or the day it came in (in Warsaw)', async () => {
    await signIn(p.ctx, 'akowalska');
    const sender = await createSender(p.ctx, 'Nowicka');
    const gk = await unitId(p.ctx, 'GK');
    const dated = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { receivedAt: '2026-04-13T09:00:00Z', letterDate: '2026-04-02' }));
    const undated = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { receivedAt: '2026-04-13T22:30:00Z' }));
    await signIn(p.ctx, 'tlukasik');
    for (const [letter, expected] of [[dated, '2026-04-02'], [undated, '2026-04-14']] as const) {
      const c = await call(p.ctx, 'cases.open', { itemId: letter.id, jrwaSymbol: '6730', title: 'Warunki zabudowy', deadlineKind: 'kpa35-standard' });
      expect((await call(p.ctx, 'decisions.create', { caseId: c.id, typeCode: 'WZ' })).content.applicationDate).toBe(expected);
    }
  });
});
