/**
 * The case's file as the clerk works it: parties added and taken off (with the reason kept),
 * documents put into the akta and opened again, and an opinion asked of a colleague who finds
 * it in "Do zaopiniowania" and answers it — on a workstation without a server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, Party } from '#core/contract';
import { verifyEventChain } from '#db/eventLog';
import { call, callError, createSender, letterInput, openDemoProfile, signIn, unitId, uploadOf, type TestProfile } from '#tests/support/profile';
import { onePagePdf, pdfText } from '#tests/support/pdfs';

describe('the case file: parties, documents and opinions', () => {
  const now = new Date('2026-03-02T08:00:00Z');
  let p: TestProfile;
  let applicant: Party;
  let neighbour: Party;
  let c: CaseDetail;

  beforeAll(async () => {
    p = openDemoProfile({ clock: () => now });
    await signIn(p.ctx, 'akowalska');
    applicant = await createSender(p.ctx, 'Żurawska');
    neighbour = await createSender(p.ctx, 'Sąsiedzki');
    const letter = await call(p.ctx, 'intake.register', letterInput(applicant.id, await unitId(p.ctx, 'GK'), { subject: 'Wniosek o warunki zabudowy, dz. 12/3', receivedAt: '2026-03-02T07:30:00Z' }));
    await signIn(p.ctx, 'tlukasik');
    c = await call(p.ctx, 'cases.open', { itemId: letter.id, jrwaSymbol: '6730', title: 'Warunki zabudowy dla działki 12/3', deadlineKind: 'kpa35-standard' });
  });
  afterAll(() => p.close());

  it('a neighbour becomes a party; taken off with a reason, the case still tells that he was one', async () => {
    expect(c.mayWork).toBe(true);
    c = await call(p.ctx, 'cases.addParty', { caseId: c.id, partyId: neighbour.id, role: 'uczestnik' });
    expect(c.parties.map((x) => [x.name, x.role])).toEqual([
      [applicant.name, 'wnioskodawca'],
      [neighbour.name, 'uczestnik'],
    ]);
    expect((await callError(p.ctx, 'cases.addParty', { caseId: c.id, partyId: neighbour.id, role: 'strona' })).message).toBe(`${neighbour.name} jest już stroną tej sprawy.`);
    // The case is found by a party's name while he is one.
    expect((await call(p.ctx, 'search.all', { q: 'Sąsiedzki' })).cases.map((x) => x.id)).toContain(c.id);
    const noReason = await callError(p.ctx, 'cases.removeParty', { caseId: c.id, partyId: neighbour.id, reason: ' ' });
    expect(noReason.message).toContain('Podaj powód usunięcia strony.');
    c = await call(p.ctx, 'cases.removeParty', { caseId: c.id, partyId: neighbour.id, reason: 'nieruchomość nie graniczy z działką' });
    expect(c.parties.map((x) => x.name)).toEqual([applicant.name]);
    expect(c.metryka.slice(-2).map((e) => e.summary)).toEqual([`Dodano stronę: ${neighbour.name} (uczestnik na prawach strony)`, `Usunięto stronę: ${neighbour.name} (uczestnik na prawach strony). Powód: nieruchomość nie graniczy z działką`]);
    expect((await call(p.ctx, 'search.all', { q: 'Sąsiedzki' })).cases.map((x) => x.id)).not.toContain(c.id);
    // The decision's addressees are the parties now.
    const draft = await call(p.ctx, 'decisions.create', { caseId: c.id, typeCode: 'WZ' });
    expect(draft.content.parties.map((x) => x.name)).toEqual([applicant.name]);
  });

  it('a protocol goes into the akta and opens again byte for byte; a Word file is refused in Polish', async () => {
    const pdf = await onePagePdf('Protokol ogledzin dzialki 12/3');
    const staged = await call(p.ctx, 'cases.stageDocument', { fileName: 'protokol.pdf' }, uploadOf(pdf));
    const noTitle = await callError(p.ctx, 'cases.addDocument', { caseId: c.id, sha256: staged.sha256, fileName: 'protokol.pdf', title: '' });
    expect(noTitle.fields?.title).toBe('Podaj tytuł dokumentu, np. „Protokół oględzin”.');
    c = await call(p.ctx, 'cases.addDocument', { caseId: c.id, sha256: staged.sha256, fileName: 'protokol.pdf', title: 'Protokół oględzin' });
    expect(c.documents).toEqual([expect.objectContaining({ title: 'Protokół oględzin', fileName: 'protokol.pdf', mime: 'application/pdf', pageCount: 1, addedByName: 'Tomasz Łukasik' })]);
    expect(c.metryka.at(-1)?.summary).toBe('Do akt sprawy dołączono dokument „Protokół oględzin” (plik protokol.pdf)');
    const file = await call(p.ctx, 'cases.document', { caseId: c.id, documentId: c.documents[0]?.id ?? '' });
    expect(file.fileName).toBe('protokol.pdf');
    expect(Buffer.from(file.bytes).equals(Buffer.from(pdf))).toBe(true);
    expect(pdfText(file.bytes)).toContain('Protokol ogledzin');
    const word = await callError(p.ctx, 'cases.stageDocument', { fileName: 'notatka.docx' }, uploadOf(new TextEncoder().encode('PK\u0003\u0004 not a pdf')));
    expect(word.message).toMatch(/notatka\.docx/);
    // The registry does not put files into a case; another unit does not even see it.
    await signIn(p.ctx, 'edabrowska');
    expect((await callError(p.ctx, 'cases.document', { caseId: c.id, documentId: c.documents[0]?.id ?? '' })).code).toBe('CASE_NOT_FOUND');
    await signIn(p.ctx, 'tlukasik');
  });

  it('an opinion asked of a colleague waits in his tray until she writes it', async () => {
    const people = await call(p.ctx, 'office.people', {});
    const colleague = people.find((u) => u.login === 'kzielinska');
    // Only who can read the case: not FN, not GK-I below it, not the registry.
    expect(c.opinionColleagues.map((x) => x.fullName)).toEqual(['Katarzyna Zielińska']);
    for (const login of ['edabrowska', 'mwojcik', 'akowalska']) {
      const refused = await callError(p.ctx, 'cases.requestOpinion', { caseId: c.id, askedOf: people.find((u) => u.login === login)?.id ?? '', question: 'Czy?' });
      expect(refused.code).toBe('OPINION_COLLEAGUE_INVALID');
    }
    c = await call(p.ctx, 'cases.requestOpinion', { caseId: c.id, askedOf: colleague?.id ?? '', question: 'Czy linia zabudowy odpowiada sąsiedztwu?', dueOn: '2026-03-06' });
    expect(c.opinionRequests).toEqual([expect.objectContaining({ askedOfName: colleague?.fullName, askedByName: 'Tomasz Łukasik', dueOn: '2026-03-06', answeredAt: null })]);
    expect(c.metryka.at(-1)?.summary).toBe(`Poproszono o opinię: ${colleague?.fullName ?? ''} (termin 06.03.2026). Pytanie: Czy linia zabudowy odpowiada sąsiedztwu?`);

    await signIn(p.ctx, 'kzielinska');
    const tray = (await call(p.ctx, 'inbox.summary', {})).toOpine;
    expect(tray).toEqual([expect.objectContaining({ caseId: c.id, caseLabel: c.label, question: 'Czy linia zabudowy odpowiada sąsiedztwu?', askedByName: 'Tomasz Łukasik', dueOn: '2026-03-06' })]);
    const answered = await call(p.ctx, 'cases.addNote', { caseId: c.id, kind: 'opinion', text: 'Linia zabudowy zgodna z zabudową sąsiednią.' });
    expect(answered.opinionRequests[0]?.answeredAt).toBe(now.toISOString());
    expect((await call(p.ctx, 'inbox.summary', {})).toOpine).toEqual([]);
    expect(verifyEventChain(p.ctx.store).firstBroken).toBeNull();
  });
});
