import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DecisionDetail, Party } from '#core/contract';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { pdfText } from '#tests/support/pdfs';
import { call, signWithP12, callError, createSender, openDemoProfile, signIn, unitId, type TestProfile } from '#tests/support/profile';

const ARTIFACTS = join(process.cwd(), 'artifacts', 'pdf');


async function userId(p: TestProfile, login: string): Promise<string> {
  const u = (await call(p.ctx, 'session.demoUsers', {})).find((x) => x.login === login);
  if (!u) throw new Error(login);
  return u.id;
}

describe('a draft goes along a multi-stage approval path, keeps its versions, and signing hands it to the registry', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  let p: TestProfile;
  let pki: TestPki;
  let party: Party;
  let caseId: string;
  let d: DecisionDetail;

  const complete = (ruling: string) => ({ ...d.content, subject: 'budowa budynku gospodarczego na działce nr 7/2', applicationDate: '2026-04-02', date: '2026-11-20', ruling, justification: 'Teren spełnia warunki art. 61 ust. 1 ustawy.', signatoryName: 'Katarzyna Zielińska', signatoryPosition: 'z up. Wójta — Kierownik Referatu' });

  beforeAll(async () => {
    pki = makeTestPki(now);
    p = openDemoProfile({ clock: () => now });
    await signIn(p.ctx, 'akowalska');
    party = await createSender(p.ctx, 'Źrebiec');
    await signIn(p.ctx, 'gszymanski');
    const settings = await call(p.ctx, 'admin.settings', {});
    // GK's decisions on warunki zabudowy: the head, then the secretary of the municipality.
    await call(p.ctx, 'admin.updateSettings', {
      ...settings,
      approvalPaths: [{ unitId: await unitId(p.ctx, 'GK'), typeCode: 'WZ', approverIds: [await userId(p, 'kzielinska'), await userId(p, 'mkaminski')] }],
    });
    await signIn(p.ctx, 'tlukasik');
    caseId = (await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — Żytnia 4', deadlineKind: 'kpa35-standard', partyIds: [party.id] })).id;
    d = await call(p.ctx, 'decisions.create', { caseId, typeCode: 'WZ' });
    d = await call(p.ctx, 'decisions.save', { id: d.id, expectedVersion: d.currentVersion, content: complete('Ustalam warunki zabudowy dla wiaty.') });
  });
  afterAll(() => p.close());

  it('waits at each stage in turn; only the person at the stage (or a substitute) may act', async () => {
    d = await call(p.ctx, 'decisions.submit', { id: d.id });
    expect(d.approvalPath.map((s) => [s.fullName, s.state])).toEqual([
      ['Katarzyna Zielińska', 'waiting'],
      ['Marek Kamiński', 'pending'],
    ]);
    await signIn(p.ctx, 'mkaminski');
    expect(await call(p.ctx, 'decisions.toApprove', {})).toEqual([]);
    expect((await callError(p.ctx, 'decisions.review', { id: d.id, outcome: 'approved' })).code).toBe('DECISION_NOT_YOUR_REVIEW');

    await signIn(p.ctx, 'kzielinska');
    d = await call(p.ctx, 'decisions.review', { id: d.id, outcome: 'approved' });
    expect(d.status).toBe('submitted');
    expect(d.approvalPath.map((s) => s.state)).toEqual(['approved', 'waiting']);
    // The first stage's head cannot approve a second time, and cannot sign yet.
    expect((await callError(p.ctx, 'decisions.review', { id: d.id, outcome: 'approved' })).code).toBe('DECISION_NOT_YOUR_REVIEW');
    expect(await call(p.ctx, 'decisions.toSign', {})).toEqual([]);

    await signIn(p.ctx, 'mkaminski');
    expect((await call(p.ctx, 'decisions.toApprove', {})).map((x) => x.id)).toEqual([d.id]);
    d = await call(p.ctx, 'decisions.review', { id: d.id, outcome: 'returned', remarks: 'Dopisać w uzasadnieniu analizę urbanistyczną.' });
    expect([d.status, d.approvalPath]).toEqual(['returned', []]);
    const metryka = (await call(p.ctx, 'cases.get', { id: caseId })).metryka.map((e) => e.summary);
    expect(metryka).toContain('Zaakceptowano projekt: Decyzja o warunkach zabudowy (wersja 2) — etap 1 z 2; przekazano do: Marek Kamiński');
    expect(metryka).toContain('Zwrócono projekt do poprawy: Decyzja o warunkach zabudowy (wersja 2) — etap 2 z 2 — Dopisać w uzasadnieniu analizę urbanistyczną.');
  });

  it('a resubmitted draft goes along the whole path again, then reaches the signing tray', async () => {
    await signIn(p.ctx, 'tlukasik');
    d = await call(p.ctx, 'decisions.save', { id: d.id, expectedVersion: d.currentVersion, content: { ...complete('Ustalam warunki zabudowy dla wiaty.'), justification: 'Teren spełnia warunki art. 61 ust. 1 ustawy. Analiza urbanistyczna: zabudowa sąsiednia do 6 m.' } });
    d = await call(p.ctx, 'decisions.submit', { id: d.id });
    expect(d.approvalPath.map((s) => s.state)).toEqual(['waiting', 'pending']);
    await signIn(p.ctx, 'kzielinska');
    await call(p.ctx, 'decisions.review', { id: d.id, outcome: 'approved' });
    await signIn(p.ctx, 'mkaminski');
    d = await call(p.ctx, 'decisions.review', { id: d.id, outcome: 'approved' });
    expect(d.status).toBe('approved');
    expect(d.approvalPath.map((s) => s.state)).toEqual(['approved', 'approved']);
    await signIn(p.ctx, 'kzielinska');
    expect((await call(p.ctx, 'decisions.toSign', {})).map((x) => x.id)).toEqual([d.id]);
  });

  it('every version stays readable: its content, what it changed, and its print', async () => {
    const v2 = await call(p.ctx, 'decisions.version', { id: d.id, version: 2 });
    expect(v2.content.justification).toBe('Teren spełnia warunki art. 61 ust. 1 ustawy.');
    expect(v2.changedFields).toEqual(['data wydania', 'data wniosku', 'przedmiot sprawy', 'rozstrzygnięcie', 'uzasadnienie', 'podpisujący', 'stanowisko podpisującego']);
    const v3 = await call(p.ctx, 'decisions.version', { id: d.id, version: 3 });
    expect(v3.changedFields).toEqual(['uzasadnienie']);
    expect((await callError(p.ctx, 'decisions.version', { id: d.id, version: 9 })).message).toBe('Ten projekt nie ma wersji 9.');
    const printed = (await call(p.ctx, 'decisions.pdf', { id: d.id, version: 2 })) as { fileName: string; bytes: Uint8Array };
    expect(printed.fileName).toMatch(/^projekt-decyzji-wersja-2-/);
    const text = pdfText(printed.bytes);
    expect(text).toContain('Teren spełnia warunki art. 61 ust. 1 ustawy.');
    expect(text).not.toContain('Analiza urbanistyczna');
    // The legal basis cites the procedural provision once (the template names it; the type's basis does not repeat it).
    expect(text.match(/art\. 104/g)).toHaveLength(1);
  });

  it('refuses a path naming someone who has left, and leaves the draft as it was', async () => {
    await signIn(p.ctx, 'tlukasik');
    const other = await call(p.ctx, 'decisions.create', { caseId, typeCode: 'WZ' });
    const saved = await call(p.ctx, 'decisions.save', { id: other.id, expectedVersion: 1, content: { ...complete('Ustalam warunki zabudowy dla altany.'), parties: other.content.parties } });
    p.ctx.store.sqlite.prepare("UPDATE users SET active = 0 WHERE login = 'mkaminski'").run();
    try {
      const e = await callError(p.ctx, 'decisions.submit', { id: saved.id });
      expect(e.message).toBe('Na ścieżce akceptacji jest osoba, która nie pracuje już w urzędzie (Marek Kamiński). Poproś administratora o poprawienie ścieżki akceptacji.');
      expect((await call(p.ctx, 'decisions.get', { id: saved.id })).status).toBe('draft');
    } finally {
      p.ctx.store.sqlite.prepare("UPDATE users SET active = 1 WHERE login = 'mkaminski'").run();
    }
  });

  it('signing creates the letter to send; the registry sends it by post, in person or as an e-Doręczenia package', async () => {
    await signIn(p.ctx, 'kzielinska');
    const [signed] = await signWithP12(p.ctx, [d.id], Buffer.from(pki.rsa.p12).toString('base64'), pki.rsa.password);
    expect(signed?.ok).toBe(true);
    d = await call(p.ctx, 'decisions.get', { id: d.id });
    // The record keeps which wording it was printed from (0: the built-in template).
    expect(p.ctx.store.sqlite.prepare('SELECT template_version FROM decisions WHERE id = ?').pluck().get(d.id)).toBe(0);
    expect(d.dispatch.map((x) => [x.addresseeName, x.status, x.decisionNumber])).toEqual([[party.name, 'awaiting', '1/2026']]);

    await signIn(p.ctx, 'akowalska');
    const waiting = await call(p.ctx, 'dispatch.awaiting', {});
    expect(waiting.map((x) => x.subject)).toEqual([`Decyzja nr 1/2026: Decyzja o warunkach zabudowy (${d.caseSign})`]);
    const item = waiting[0];
    if (!item) throw new Error('no item');

    // Refusals leave the letter waiting and take no number.
    expect((await callError(p.ctx, 'dispatch.send', { itemId: item.id, channel: 'registered', dispatchedOn: '2026-11-20' })).code).toBe('OUTGOING_TRACKING_REQUIRED');
    expect((await callError(p.ctx, 'dispatch.send', { itemId: item.id, channel: 'in_person', dispatchedOn: '2026-11-20' })).message).toBe(
      'Przy odbiorze osobistym wpisz, kto odebrał pismo (imię, nazwisko i dokument tożsamości).',
    );
    expect((await callError(p.ctx, 'dispatch.send', { itemId: item.id, channel: 'edoreczenia', dispatchedOn: '2026-11-20' })).message).toBe(
      `${party.name} nie ma adresu do doręczeń elektronicznych. Wyślij pismo pocztą albo uzupełnij adres w danych strony.`,
    );
    expect(await call(p.ctx, 'outgoing.list', { from: '2026-11-20', to: '2026-11-20' })).toEqual([]);

    const sent = await call(p.ctx, 'dispatch.send', { itemId: item.id, channel: 'registered_priority', trackingNumber: 'RR123456785PL', postageGrosze: 1520, massGrams: 30, dispatchedOn: '2026-11-20' });
    expect([sent.label, sent.channel, sent.caseSign]).toEqual(['WYCH/1/2026', 'registered_priority', d.caseSign]);
    expect(await call(p.ctx, 'dispatch.awaiting', {})).toEqual([]);
    expect((await callError(p.ctx, 'dispatch.send', { itemId: item.id, channel: 'ordinary', dispatchedOn: '2026-11-20' })).code).toBe('DISPATCH_ALREADY_SENT');
    // The outgoing letter holds the signed decision, byte for byte.
    const signedFile = (await call(p.ctx, 'decisions.pdf', { id: d.id })) as { bytes: Uint8Array };
    expect(sent.documents.map((s) => s.fileName)).toEqual(['decyzja-1-2026.pdf']);
    expect(Buffer.from(p.ctx.blobs.read(sent.documents[0]?.sha256 ?? '')).equals(Buffer.from(signedFile.bytes))).toBe(true);
    // The dispatch book lists it with its priority.
    const book = (await call(p.ctx, 'outgoing.dispatchBook', { date: '2026-11-20' })) as { bytes: Uint8Array };
    expect(pdfText(book.bytes)).toContain('RR123456785PL');
  });

  it('exports the e-Doręczenia package: signed files unchanged, an envelope each, and a list', async () => {
    // A second decision to a party with an e-Doręczenia address.
    await signIn(p.ctx, 'akowalska');
    const company = await call(p.ctx, 'parties.create', { kind: 'company', name: 'Łódzkie Młyny sp. z o.o.', street: 'ul. Piotrkowska 1', postalCode: '90-001', city: 'Łódź', electronicAddress: 'ae:pl-12345-67890-abcde-12' });
    expect(company.electronicAddress).toBe('AE:PL-12345-67890-ABCDE-12');
    expect((await callError(p.ctx, 'parties.create', { kind: 'company', name: 'Zła Sp.', electronicAddress: 'skrzynka@urzad' })).fields?.electronicAddress).toBe(
      'Adres elektroniczny to adres do e-Doręczeń (AE:PL-12345-67890-ABCDE-12) albo skrytka ePUAP (/identyfikator/skrytka).',
    );
    await signIn(p.ctx, 'tlukasik');
    const c2 = (await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — hala', deadlineKind: 'kpa35-standard', partyIds: [company.id] })).id;
    let e = await call(p.ctx, 'decisions.create', { caseId: c2, typeCode: 'WZ' });
    e = await call(p.ctx, 'decisions.save', { id: e.id, expectedVersion: 1, content: { ...e.content, subject: 'budowa budynku gospodarczego na działce nr 7/2', applicationDate: '2026-04-02', date: '2026-11-20', ruling: 'Ustalam warunki zabudowy dla hali.', justification: 'Uzasadnienie.', signatoryName: 'Katarzyna Zielińska', signatoryPosition: 'Kierownik' } });
    await call(p.ctx, 'decisions.submit', { id: e.id });
    await signIn(p.ctx, 'kzielinska');
    await call(p.ctx, 'decisions.review', { id: e.id, outcome: 'approved' });
    await signIn(p.ctx, 'mkaminski');
    await call(p.ctx, 'decisions.review', { id: e.id, outcome: 'approved' });
    await signIn(p.ctx, 'kzielinska');
    await signWithP12(p.ctx, [e.id], Buffer.from(pki.rsa.p12).toString('base64'), pki.rsa.password);

    await signIn(p.ctx, 'akowalska');
    const [item] = await call(p.ctx, 'dispatch.awaiting', {});
    if (!item) throw new Error('no item');
    expect(item.electronicAddress).toBe('AE:PL-12345-67890-ABCDE-12');
    const sent = await call(p.ctx, 'dispatch.send', { itemId: item.id, channel: 'edoreczenia', dispatchedOn: '2026-11-20' });
    expect(sent.label).toBe('WYCH/2/2026');
    // Only electronic letters go into the package.
    const first = (await call(p.ctx, 'outgoing.list', { from: '2026-11-20', to: '2026-11-20' }))[0];
    expect((await callError(p.ctx, 'dispatch.package', { outgoingIds: [first?.id ?? ''] })).message).toBe('Pismo WYCH/1/2026 nie jest wysyłane przez ePUAP ani e-Doręczenia; do paczki dla bramki trafiają tylko takie pisma.');

    const pkg = (await call(p.ctx, 'dispatch.package', { outgoingIds: [sent.id] }));
    expect([pkg.fileName, pkg.mime]).toEqual(['paczka-wysylka-elektroniczna-2026-11-20.zip', 'application/zip']);
    const dir = mkdtempSync(join(tmpdir(), 'paczka-'));
    writeFileSync(join(dir, 'p.zip'), pkg.bytes);
    execFileSync('unzip', ['-q', 'p.zip'], { cwd: dir });
    const envelope = readFileSync(join(dir, '001_WYCH-2-2026', 'koperta.xml'), 'utf8');
    expect(envelope).toContain('<AdresElektroniczny>AE:PL-12345-67890-ABCDE-12</AdresElektroniczny>');
    expect(envelope).toContain('<Nazwa>Łódzkie Młyny sp. z o.o.</Nazwa>');
    expect(envelope).toContain('<NumerWRejestrze>WYCH/2/2026</NumerWRejestrze>');
    const pdfPath = join(dir, '001_WYCH-2-2026', 'WYCH-2-2026.pdf');
    const sha = execFileSync('sha256sum', [pdfPath]).toString().split(' ')[0];
    expect(envelope).toContain(`<SHA256>${sha ?? ''}</SHA256>`);
    // The file in the package is the signed decision, and its signature still holds.
    expect(execFileSync('pdfsig', ['-nssdir', pki.nssDir, pdfPath]).toString()).toContain('Signature Validation: Signature is Valid.');
    const list = readFileSync(join(dir, 'spis.csv'), 'utf8');
    expect(list.startsWith('\uFEFFLp.;Numer;Kanał')).toBe(true);
    expect(list).toContain('1;WYCH/2/2026;e-Doręczenia;Łódzkie Młyny sp. z o.o.;AE:PL-12345-67890-ABCDE-12');
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'paczka-e-doreczenia.zip'), pkg.bytes);
  });
});
