import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionDetail, Party } from '#core/contract';
import { s10CheckDigit } from '#core/tracking';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { approvedDecision } from '#tests/support/decisions';
import { pdfText } from '#tests/support/pdfs';

const ARTIFACTS = join(process.cwd(), 'artifacts', 'pdf');
import { call, callError, createSender, letterInput, openDemoProfile, signIn, signWithP12, unitId, type TestProfile } from '#tests/support/profile';

// A decision to two parties, delivered on different days (one by a return receipt, one by an
// awizo nobody collected), and the head's questions: when does each appeal period end, when
// is the decision final, and does the appeal that came by post count as on time?

const tracking = (serial: string) => `RR${serial}${String(s10CheckDigit(serial))}PL`;

describe('a decision delivered to two parties on different days becomes final, unless an appeal on time stops it', () => {
  let now = new Date('2026-10-30T09:00:00Z');
  let p: TestProfile;
  let pki: TestPki;
  let anna: Party;
  let jan: Party;
  let gk: string;
  let caseId: string;
  let d: DecisionDetail;
  const outgoing = new Map<string, string>();

  const at = (iso: string) => {
    now = new Date(iso);
  };
  const finality = async () => {
    const f = (await call(p.ctx, 'decisions.get', { id: d.id })).finality;
    if (!f) throw new Error('no finality');
    return f;
  };
  const party = async (name: string) => (await finality()).parties.find((x) => x.name.includes(name));

  beforeAll(async () => {
    pki = makeTestPki(now);
    p = openDemoProfile({ clock: () => now });
    await signIn(p.ctx, 'akowalska');
    anna = await createSender(p.ctx, 'Kowalczyk');
    jan = await createSender(p.ctx, 'Wróbel');
    gk = await unitId(p.ctx, 'GK');
    await signIn(p.ctx, 'tlukasik');
    caseId = (await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — Lipowa 3', deadlineKind: 'kpa35-standard', partyIds: [anna.id, jan.id] })).id;
    d = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla garażu.');
    const [signed] = await signWithP12(p.ctx, [d.id], Buffer.from(pki.rsa.p12).toString('base64'), pki.rsa.password);
    expect(signed?.ok).toBe(true);
    await signIn(p.ctx, 'akowalska');
    const items = await call(p.ctx, 'dispatch.awaiting', {});
    expect(items).toHaveLength(2);
    for (const [n, item] of items.entries()) {
      const sent = await call(p.ctx, 'dispatch.send', { itemId: item.id, channel: 'registered', trackingNumber: tracking(`1234567${String(n)}`), dispatchedOn: '2026-10-30' });
      outgoing.set(item.addresseeName, sent.id);
    }
  });
  afterAll(() => p.close());

  const sentTo = (name: string) => {
    const id = [...outgoing].find(([n]) => n.includes(name))?.[1];
    if (!id) throw new Error(name);
    return id;
  };

  it('sent but with nothing back, the decision awaits delivery and shows no final date', async () => {
    d = await call(p.ctx, 'decisions.get', { id: d.id });
    const f = await finality();
    expect(f.status).toBe('awaiting-delivery');
    expect(f.finalOn).toBeNull();
    expect(f.parties.map((x) => [x.outgoingLabel !== null, x.deliveredOn, x.appealEnd])).toEqual([
      [true, null, null],
      [true, null, null],
    ]);
    // The case view's list carries the same answer.
    expect((await call(p.ctx, 'decisions.forCase', { caseId }))[0]?.finality?.status).toBe('awaiting-delivery');
  });

  it('a receipt for one party and an awizo for the other: each period counted from its own day, holidays moving the end', async () => {
    at('2026-11-11T09:00:00Z');
    await call(p.ctx, 'outgoing.recordDelivery', { id: sentTo('Kowalczyk'), record: { kind: 'delivered', on: '2026-11-02', to: 'addressee' } });
    await call(p.ctx, 'outgoing.recordDelivery', { id: sentTo('Wróbel'), record: { kind: 'awizo', firstNoticeOn: '2026-11-03', secondNoticeOn: '2026-11-10', collectedOn: null } });
    // 2 November + 14 days = 16 November (a Monday). The awizo's 14 days are not over yet.
    expect(await party('Kowalczyk')).toMatchObject({ deliveredOn: '2026-11-02', deemed: false, appealEnd: '2026-11-16' });
    expect(await party('Wróbel')).toMatchObject({ deliveredOn: null, appealEnd: null });
    expect((await finality()).status).toBe('awaiting-delivery');

    // The awizo's 14th day (17 November) over: deemed delivered that day; 17 + 14 = 1 December.
    at('2026-11-18T08:00:00Z');
    expect(await party('Wróbel')).toMatchObject({ deliveredOn: '2026-11-17', deemed: true, basis: 'art. 44 § 4 k.p.a.', appealEnd: '2026-12-01' });
    const f = await finality();
    expect([f.status, f.finalOn]).toEqual(['appeal-running', '2026-12-02']);

    // "Terminy" lists it for the clerk's unit, and not for a unit that does not see the case.
    await signIn(p.ctx, 'tlukasik');
    const early = await callError(p.ctx, 'decisions.finalityCopy', { id: d.id });
    expect(early.message).toBe(`Decyzja nr ${d.number ?? ''} nie jest jeszcze ostateczna (biegnie termin na odwołanie). Klauzulę drukuje się, gdy minie termin na odwołanie wszystkich stron albo wszystkie strony zrzekną się odwołania.`);
    const terms = await call(p.ctx, 'decisions.terms', {});
    expect(terms.map((t) => [t.decisionId, t.finality.status, t.finality.finalOn])).toEqual([[d.id, 'appeal-running', '2026-12-02']]);
    expect(terms[0]?.caseTitle).toBe('Warunki zabudowy — Lipowa 3');
  });

  it('a postmark is kept only for a letter that came by post, and not after the day it arrived', async () => {
    await signIn(p.ctx, 'akowalska');
    const late = await callError(p.ctx, 'intake.register', letterInput(jan.id, gk, { receivedAt: '2026-11-18T07:00:00Z', postmarkedOn: '2026-11-19', postmarkOperator: 'designated' }));
    expect(late.message).toBe('Data nadania jest późniejsza niż data wpływu. Sprawdź datę stempla pocztowego na kopercie.');
    expect(late.fields?.postmarkedOn).toBeTruthy();
    const epuap = await callError(p.ctx, 'intake.register', letterInput(jan.id, gk, { channel: 'epuap', postmarkedOn: '2026-11-17', postmarkOperator: 'designated' }));
    expect(epuap.message).toMatch(/tylko dla pisma, które przyszło pocztą/);
  });

  it('an appeal posted at Poczta Polska on the last day is on time though it arrived later, and stops finality', async () => {
    at('2026-12-03T09:00:00Z');
    await signIn(p.ctx, 'akowalska');
    const appeal = await call(p.ctx, 'intake.register', letterInput(jan.id, gk, { subject: 'Odwołanie od decyzji o warunkach zabudowy', receivedAt: '2026-12-03T08:30:00Z', letterDate: '2026-11-30', postmarkedOn: '2026-12-01', postmarkOperator: 'designated' }));
    expect([appeal.postmarkedOn, appeal.postmarkOperator]).toEqual(['2026-12-01', 'designated']);
    // Unmarked it is just a letter: on 3 December the decision is final (the day after 1 December's end).
    expect([(await finality()).status, (await finality()).finalOn]).toEqual(['final', '2026-12-02']);

    // The registry finds the decision from the letter's sender and marks it.
    const choices = await call(p.ctx, 'decisions.appealable', { letterId: appeal.id });
    expect(choices.map((c) => [c.decisionId, c.parties.map((x) => x.name).sort()])).toEqual([[d.id, [anna.name, jan.name].sort()]]);
    await call(p.ctx, 'decisions.markAppeal', { letterId: appeal.id, mark: { decisionId: d.id, kind: 'appeal', partyId: jan.id } });

    const f = await finality();
    expect(f.status).toBe('appealed');
    expect(f.finalOn).toBeNull();
    expect((await party('Wróbel'))?.appeal).toMatchObject({ letterId: appeal.id, onTime: true, daysLate: 0, filedOn: '2026-12-01', countedFrom: 'postmark' });
    // The appeal joined the case's file, and the metryka of both says what happened.
    const c = await call(p.ctx, 'cases.get', { id: caseId });
    expect(c.items.map((i) => i.id)).toContain(appeal.id);
    expect(c.metryka.map((e) => e.summary)).toContain(`W sprawie ${c.label} wpłynęło odwołanie ${jan.name} od decyzji ${d.number ?? ''} (pismo ${appeal.label})`);
    const again = await callError(p.ctx, 'decisions.markAppeal', { letterId: appeal.id, mark: { decisionId: d.id, kind: 'appeal', partyId: jan.id } });
    expect(again.code).toBe('APPEAL_ALREADY_MARKED');
  });

  it('a courier’s postmark does not count: the same appeal by a courier is late, and a late appeal does not stop finality', async () => {
    await signIn(p.ctx, 'akowalska');
    const appeal = (await party('Wróbel'))?.appeal?.letterId ?? '';
    // Taking the mark off a wrongly marked letter: the decision is final again.
    await call(p.ctx, 'decisions.markAppeal', { letterId: appeal, mark: null });
    expect((await finality()).status).toBe('final');

    const courier = await call(p.ctx, 'intake.register', letterInput(anna.id, gk, { subject: 'Odwołanie', receivedAt: '2026-12-03T08:40:00Z', postmarkedOn: '2026-11-16', postmarkOperator: 'other' }));
    await call(p.ctx, 'decisions.markAppeal', { letterId: courier.id, mark: { decisionId: d.id, kind: 'appeal', partyId: anna.id } });
    const f = await finality();
    expect([f.status, f.finalOn]).toEqual(['final', '2026-12-02']);
    expect((await party('Kowalczyk'))?.lateAppeals).toEqual([expect.objectContaining({ letterId: courier.id, onTime: false, daysLate: 17, countedFrom: 'receipt', filedOn: '2026-12-03' })]);
  });

  it('the clerk prints a copy with the finality clause: the signed pages marked, the clause on its own page, the original untouched', async () => {
    await signIn(p.ctx, 'tlukasik');
    const signedBefore = (await call(p.ctx, 'decisions.pdf', { id: d.id })) as { bytes: Uint8Array };
    const copy = (await call(p.ctx, 'decisions.finalityCopy', { id: d.id })) as { fileName: string; bytes: Uint8Array };
    expect(copy.fileName).toBe(`decyzja-${(d.number ?? '').replace('/', '-')}-klauzula-ostatecznosci.pdf`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'klauzula-ostatecznosci.pdf');
    writeFileSync(file, copy.bytes);
    execFileSync('qpdf', ['--check', file]);
    const signedPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: Buffer.from(signedBefore.bytes) }).toString())?.[1]);
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1])).toBe(signedPages + 1);
    const text = pdfText(copy.bytes).replace(/\s+/g, ' ');
    expect(text).toContain(`Kopia — decyzja nr ${d.number ?? ''} ostateczna z dniem 02.12.2026`);
    expect(text).toContain('KLAUZULA OSTATECZNOŚCI');
    expect(text).toContain(`Decyzja nr ${d.number ?? ''} (Decyzja o warunkach zabudowy), znak sprawy ${d.caseSign}, stała się ostateczna z dniem 02.12.2026 r. (art. 16 § 1 k.p.a.).`);
    expect(text).toContain(`${jan.name}: doręczenie uznane 17.11.2026 r. (art. 44 § 4 k.p.a.); termin na odwołanie upłynął 01.12.2026 r.`);
    expect(text).toContain('Tomasz Łukasik');
    // The signed original is what it was.
    expect(Buffer.from(((await call(p.ctx, 'decisions.pdf', { id: d.id })) as { bytes: Uint8Array }).bytes).equals(Buffer.from(signedBefore.bytes))).toBe(true);
    // Issuing the clause is recorded in the case's metryka, with who issued it.
    const c = await call(p.ctx, 'cases.get', { id: caseId });
    const issued = c.metryka.find((e) => e.summary.startsWith(`W sprawie ${c.label} wydano kopię decyzji`));
    expect(issued?.summary).toBe(`W sprawie ${c.label} wydano kopię decyzji ${d.number ?? ''} z klauzulą ostateczności (ostateczna z dniem 02.12.2026 r.)`);
    expect(issued?.actorName).toBe('Tomasz Łukasik');
  });

  it('refuses a party the decision was not sent to, an outgoing letter, and a clerk of another unit, in Polish', async () => {
    await signIn(p.ctx, 'akowalska');
    const stranger = await createSender(p.ctx, 'Obcy');
    const letter = await call(p.ctx, 'intake.register', letterInput(stranger.id, gk, { subject: 'Odwołanie', receivedAt: '2026-12-03T08:50:00Z' }));
    const notAddressee = await callError(p.ctx, 'decisions.markAppeal', { letterId: letter.id, mark: { decisionId: d.id, kind: 'appeal', partyId: stranger.id } });
    expect(notAddressee.message).toBe(`Ta osoba nie jest adresatem decyzji ${d.number ?? ''}. Wybierz stronę, której decyzję doręczano.`);
    const out = await callError(p.ctx, 'decisions.markAppeal', { letterId: sentTo('Kowalczyk'), mark: { decisionId: d.id, kind: 'waiver', partyId: anna.id } });
    expect(out.code).toBe('APPEAL_NOT_INCOMING');
    // A clerk of another unit sees neither the letter's decision nor its terms.
    await signIn(p.ctx, 'edabrowska');
    expect((await callError(p.ctx, 'decisions.markAppeal', { letterId: letter.id, mark: { decisionId: d.id, kind: 'appeal', partyId: anna.id } })).code).toBe('CORRESPONDENCE_NOT_FOUND');
    expect(await call(p.ctx, 'decisions.terms', {})).toEqual([]);
    await signIn(p.ctx, 'akowalska');
    // Nothing half-saved: the refused letter is in no case and marks nothing.
    expect((await call(p.ctx, 'cases.get', { id: caseId })).items.map((i) => i.id)).not.toContain(letter.id);
  });
});
