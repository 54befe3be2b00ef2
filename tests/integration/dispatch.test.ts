import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Party } from '#core/contract';
import { call, callError, createSender, openDemoProfile, signIn, stageScan, type TestProfile } from '#tests/support/profile';
import { onePagePdf } from '#tests/support/pdfs';

const ARTIFACTS = join(process.cwd(), 'artifacts', 'pdf');

describe('the registry dispatches outgoing mail and prints the książka nadawcza', () => {
  const now = new Date('2026-06-10T09:00:00Z');
  let p: TestProfile;
  let addressee: Party;
  let caseId: string;
  let caseSign: string;

  beforeAll(async () => {
    p = openDemoProfile({ clock: () => now });
    await signIn(p.ctx, 'akowalska');
    addressee = await createSender(p.ctx, 'Ślęzak');
    await signIn(p.ctx, 'tlukasik');
    const c = await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — Łąka 7/2', deadlineKind: 'kpa35-standard', partyIds: [addressee.id] });
    caseId = c.id;
    caseSign = c.label;
    await signIn(p.ctx, 'akowalska');
  });
  afterAll(() => p.close());

  it('registers outgoing letters in the outgoing register, numbered per year', async () => {
    const a = await call(p.ctx, 'outgoing.register', { caseId, addresseeId: addressee.id, subject: 'Decyzja o warunkach zabudowy', channel: 'registered', trackingNumber: 'RR123456785PL', postageGrosze: 1150, massGrams: 40, dispatchedOn: '2026-06-10' });
    expect([a.label, a.caseSign, a.channel]).toEqual(['WYCH/1/2026', caseSign, 'registered']);
    const b = await call(p.ctx, 'outgoing.register', { addresseeId: addressee.id, subject: 'Wezwanie do uzupełnienia braków', channel: 'registered_priority', trackingNumber: 'RR473124829PL', postageGrosze: 1520, massGrams: 20, dispatchedOn: '2026-06-10' });
    expect(b.label).toBe('WYCH/2/2026');
    await call(p.ctx, 'outgoing.register', { addresseeId: addressee.id, subject: 'Informacja', channel: 'ordinary', dispatchedOn: '2026-06-10', postageGrosze: 700 });
    const list = await call(p.ctx, 'outgoing.list', { from: '2026-06-10', to: '2026-06-10' });
    expect(list.map((r) => r.label)).toEqual(['WYCH/1/2026', 'WYCH/2/2026', 'WYCH/3/2026']);
    // The case's metryka shows the letter sent in it.
    await signIn(p.ctx, 'tlukasik');
    expect((await call(p.ctx, 'cases.get', { id: caseId })).metryka.at(-1)?.summary).toBe(`W sprawie ${caseSign} wysłano pismo WYCH/1/2026 do ${addressee.name} (list polecony RR123456785PL)`);
    await signIn(p.ctx, 'akowalska');
  });

  it('an outgoing letter found by search opens like any letter, with its channel and addressee', async () => {
    const hits = await call(p.ctx, 'search.all', { q: 'Wezwanie do uzupełnienia braków', limit: 10 });
    const hit = hits.letters.find((l) => l.label === 'WYCH/2/2026');
    expect(hit).toBeDefined();
    const opened = await call(p.ctx, 'intake.get', { id: hit?.id ?? '' });
    expect([opened.label, opened.direction, opened.channel, opened.sender.name]).toEqual(['WYCH/2/2026', 'out', 'registered_priority', addressee.name]);
  });

  it('a scan is not added to an outgoing letter: its content is what the office sent', async () => {
    const hit = (await call(p.ctx, 'search.all', { q: 'Wezwanie do uzupełnienia braków', limit: 10 })).letters.find((l) => l.label === 'WYCH/2/2026');
    const scan = await stageScan(p.ctx, 'potwierdzenie.pdf', await onePagePdf('Potwierdzenie odbioru'));
    const refused = await callError(p.ctx, 'intake.attachScans', { id: hit?.id ?? '', scans: [{ sha256: scan.sha256, fileName: scan.fileName }] });
    expect(refused.code).toBe('SCAN_ONLY_INCOMING');
    expect(refused.message).toMatch(/^WYCH\/2\/2026 to pismo wychodzące/);
    expect((await call(p.ctx, 'intake.get', { id: hit?.id ?? '' })).scans).toHaveLength(0);
  });

  it('refuses registered post without a tracking number and a dispatch date in the future, leaving no number used', async () => {
    const noTracking = await callError(p.ctx, 'outgoing.register', { addresseeId: addressee.id, subject: 'X', channel: 'registered', dispatchedOn: '2026-06-10' });
    expect(noTracking).toMatchObject({ code: 'OUTGOING_TRACKING_REQUIRED' });
    expect(noTracking.message).toContain('numerem nadawczym');
    const future = await callError(p.ctx, 'outgoing.register', { addresseeId: addressee.id, subject: 'X', channel: 'ordinary', dispatchedOn: '2026-06-11' });
    expect(future).toMatchObject({ code: 'OUTGOING_IN_FUTURE', message: 'Data nadania 11.06.2026 jest w przyszłości. Wpisz dzień, w którym pismo faktycznie wysłano.' });
    const next = await call(p.ctx, 'outgoing.register', { addresseeId: addressee.id, subject: 'Po odmowach', channel: 'in_person', dispatchedOn: '2026-06-10' });
    expect(next.label).toBe('WYCH/4/2026');
  });

  it('the dispatch book lists the day’s registered letters with tracking numbers and the total postage', async () => {
    const file = (await call(p.ctx, 'outgoing.dispatchBook', { date: '2026-06-10' })) as { bytes: Uint8Array };
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'ksiazka-nadawcza.pdf');
    writeFileSync(path, file.bytes);
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
    expect(text).toContain('Książka nadawcza przesyłek poleconych');
    expect(text).toContain('RR123456785PL');
    expect(text).toContain('RR473124829PL');
    expect(text).toContain('Ślęzak');
    expect(text).toContain('Razem przesyłek: 2 · łączna opłata: 26,70 zł');
    expect(text).not.toContain('Informacja'); // ordinary letters are not on the book
    // Its own folder: this file may run alone, before any other test made it.
    mkdirSync(join(process.cwd(), 'artifacts', 'png'), { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', path, join(process.cwd(), 'artifacts', 'png', 'ksiazka-nadawcza')]);
  });
});

describe('what came back of a letter sent: the return receipt, an awizo, a correction', () => {
  let today = new Date('2026-10-22T08:00:00Z');
  let p: TestProfile;
  let addressee: Party;
  let caseSign: string;
  let caseOpened: string;
  let letterId: string;

  beforeAll(async () => {
    p = openDemoProfile({ clock: () => today });
    await signIn(p.ctx, 'akowalska');
    addressee = await createSender(p.ctx, 'Awizowany');
    await signIn(p.ctx, 'tlukasik');
    const c = await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — Polna 3', deadlineKind: 'kpa35-standard', partyIds: [addressee.id] });
    caseSign = c.label;
    caseOpened = c.id;
    await signIn(p.ctx, 'akowalska');
    const sent = await call(p.ctx, 'outgoing.register', { caseId: c.id, addresseeId: addressee.id, subject: 'Decyzja o warunkach zabudowy', channel: 'registered', trackingNumber: 'RR123456785PL', dispatchedOn: '2026-10-13', returnReceipt: true });
    letterId = sent.id;
    expect([sent.delivery, sent.delivered, sent.returnReceipt]).toEqual([null, null, true]);
  });
  afterAll(() => p.close());

  it('sent with a return receipt: the ZPO card prints with the tracking number as a barcode a reader decodes; the dispatch book says ZPO', async () => {
    const card = (await call(p.ctx, 'outgoing.returnReceiptPdf', { id: letterId })) as { fileName: string; bytes: Uint8Array };
    expect(card.fileName).toBe('zpo-RR123456785PL.pdf');
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'zpo.pdf');
    writeFileSync(file, card.bytes);
    execFileSync('qpdf', ['--check', file]);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    for (const words of ['POTWIERDZENIE ODBIORU', 'Urząd Gminy Przykładowa', addressee.name, 'WYCH/1/2026', caseSign, 'pełnoletni domownik', 'awizo I dnia']) expect(text).toContain(words);
    execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', file, join(ARTIFACTS, 'zpo')]);
    expect(execFileSync('zbarimg', ['-q', '--raw', join(ARTIFACTS, 'zpo.png')]).toString().trim()).toBe('RR123456785PL');
    const book = (await call(p.ctx, 'outgoing.dispatchBook', { date: '2026-10-13' })) as { bytes: Uint8Array };
    writeFileSync(join(ARTIFACTS, 'ksiazka-zpo.pdf'), book.bytes);
    expect(execFileSync('pdftotext', ['-layout', join(ARTIFACTS, 'ksiazka-zpo.pdf'), '-']).toString()).toContain('ZPO');
    // Ordinary post has no return card, and no ZPO is printed for a letter sent without one.
    const ordinary = await call(p.ctx, 'outgoing.register', { caseId: null, addresseeId: addressee.id, subject: 'Zawiadomienie', channel: 'ordinary', dispatchedOn: '2026-10-13' });
    expect((await callError(p.ctx, 'outgoing.returnReceiptPdf', { id: ordinary.id })).message).toBe(`Pismo ${ordinary.label} nie było wysłane za potwierdzeniem odbioru: nie ma do niego formularza ZPO.`);
    expect((await callError(p.ctx, 'outgoing.register', { caseId: null, addresseeId: addressee.id, subject: 'x', channel: 'ordinary', dispatchedOn: '2026-10-13', returnReceipt: true })).code).toBe('OUTGOING_ZPO_NOT_REGISTERED');
  });

  it('an awizo not collected counts as delivered on the 14th day, once that day is over', async () => {
    const awizo = { kind: 'awizo', firstNoticeOn: '2026-10-14', secondNoticeOn: '2026-10-21', collectedOn: null } as const;
    const recorded = await call(p.ctx, 'outgoing.recordDelivery', { id: letterId, record: awizo });
    expect(recorded.delivery).toEqual(awizo);
    expect(recorded.delivered).toBeNull();
    today = new Date('2026-10-29T08:00:00Z');
    const [row] = await call(p.ctx, 'outgoing.list', { from: '2026-10-13', to: '2026-10-13' });
    expect(row?.delivered).toEqual({ on: '2026-10-28', deemed: true, basis: 'art. 44 § 4 k.p.a.' });
    await signIn(p.ctx, 'tlukasik');
    const metryka = (await call(p.ctx, 'cases.get', { id: caseOpened })).metryka;
    expect(metryka.at(-1)?.summary).toBe(`W sprawie ${caseSign} potwierdzono doręczenie ${row?.label ?? ''} do ${addressee.name}: awizowano 14.10.2026, powtórnie 21.10.2026; nie odebrano`);
    await signIn(p.ctx, 'akowalska');
  });

  it('a date after today or before the letter left is refused in Polish, nothing changed', async () => {
    const future = await callError(p.ctx, 'outgoing.recordDelivery', { id: letterId, record: { kind: 'delivered', on: '2026-10-30', to: 'addressee' } });
    expect(future.message).toBe('Data 30.10.2026 jest w przyszłości. Wpisz datę z potwierdzenia odbioru.');
    const early = await callError(p.ctx, 'outgoing.recordDelivery', { id: letterId, record: { kind: 'refused', on: '2026-10-12' } });
    expect(early.message).toBe('Data 12.10.2026 jest wcześniejsza niż wysłanie pisma (13.10.2026). Sprawdź datę na potwierdzeniu odbioru.');
    const [row] = await call(p.ctx, 'outgoing.list', { from: '2026-10-13', to: '2026-10-13' });
    expect(row?.delivery?.kind).toBe('awizo');
  });

  it('the returned card’s barcode finds the letter; a misread number is said, a clerk does not look', async () => {
    const found = await call(p.ctx, 'outgoing.byTracking', { trackingNumber: 'rr 123 456 785 pl' });
    expect(found.map((r) => r.id)).toEqual([letterId]);
    expect(await call(p.ctx, 'outgoing.byTracking', { trackingNumber: 'RR987654326PL' })).toEqual([]);
    expect((await callError(p.ctx, 'outgoing.byTracking', { trackingNumber: 'RR123456784PL' })).message).toContain('błędną cyfrę kontrolną');
    await signIn(p.ctx, 'tlukasik');
    expect((await callError(p.ctx, 'outgoing.byTracking', { trackingNumber: 'RR123456785PL' })).code).toBe('FORBIDDEN');
    await signIn(p.ctx, 'akowalska');
  });

  it('the return receipt found later replaces the awizo: delivered in fact, to a household member', async () => {
    const fixed = await call(p.ctx, 'outgoing.recordDelivery', { id: letterId, record: { kind: 'delivered', on: '2026-10-20', to: 'household' } });
    expect(fixed.delivered).toEqual({ on: '2026-10-20', deemed: false, basis: 'art. 43 k.p.a.' });
  });
});
