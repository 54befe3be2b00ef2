import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DecisionDetail, IncomingDetail, OutgoingRow, Party, User } from '#core/contract';
import { addDays, type CalendarDate } from '#core/deadlines/holidays';
import { warsawDate } from '#core/time';
import { s10CheckDigit } from '#core/tracking';
import { makeTestPki } from '#tests/support/certificates';
import { officePageAs, seriousA11yViolations, shotAtDeskSizes, startApp, type RunningApp } from './app';

// After a decision is signed and sent: the registry notes the postmark of the appeal that came
// by post and names it as the appeal against the decision; "Terminy" and the case show where
// each decision stands. The signed, sent decision is made over the API (its own screens are
// tried in caseWork and dispatch); the screens of this work are driven as a person would.

const today = warsawDate(new Date()) as CalendarDate;
const daysAgo = (n: number) => addDays(today, -n);
const plDay = (d: string) => d.split('-').reverse().join('.');

describe('the registry names an appeal, and the head sees where each decision stands', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let d: DecisionDetail;
  let appeal: IncomingDetail;
  let jan: Party;

  beforeAll(async () => {
    app = await startApp();
    const users = await app.call<User[]>('session.demoUsers', {});
    const as = (login: string) => app.call('session.signIn', { userId: users.find((u) => u.login === login)?.id });
    await as('akowalska');
    const party = (lastName: string) => app.call<Party>('parties.create', { kind: 'person', firstName: 'Jan', lastName, street: 'ul. Lipowa 3', postalCode: '99-999', city: 'Przykładowo' });
    const anna = await party('Kowalczyk');
    jan = await party('Wróbel');
    const gk = (await app.call<{ id: string; symbol: string }[]>('office.units', {})).find((u) => u.symbol === 'GK')?.id;
    await as('tlukasik');
    const c = await app.call<{ id: string }>('cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — Lipowa 3', deadlineKind: 'kpa35-standard', partyIds: [anna.id, jan.id] });
    d = await app.call<DecisionDetail>('decisions.create', { caseId: c.id, typeCode: 'WZ' });
    d = await app.call<DecisionDetail>('decisions.save', {
      id: d.id,
      expectedVersion: d.currentVersion,
      content: { ...d.content, subject: 'budowa garażu na działce nr 7/2', applicationDate: daysAgo(60), date: daysAgo(20), ruling: 'Ustalam warunki zabudowy dla garażu.', justification: 'Teren spełnia warunki art. 61 ust. 1 ustawy.', signatoryName: 'Katarzyna Zielińska', signatoryPosition: 'z up. Wójta — Kierownik Referatu' },
    });
    await app.call('decisions.submit', { id: d.id });
    await as('kzielinska');
    await app.call('decisions.review', { id: d.id, outcome: 'approved' });
    const pki = makeTestPki();
    const { session } = await app.call<{ session: string }>('signing.begin', { means: { kind: 'pkcs12', p12Base64: Buffer.from(pki.rsa.p12).toString('base64') }, password: pki.rsa.password });
    await app.call('decisions.sign', { ids: [d.id], session });
    await app.call('signing.end', { session });
    d = await app.call<DecisionDetail>('decisions.get', { id: d.id });
    await as('akowalska');
    const sent: OutgoingRow[] = [];
    for (const [n, item] of (await app.call<{ id: string }[]>('dispatch.awaiting', {})).entries()) {
      const serial = `7654321${String(n)}`;
      sent.push(await app.call<OutgoingRow>('dispatch.send', { itemId: item.id, channel: 'registered', trackingNumber: `RR${serial}${String(s10CheckDigit(serial))}PL`, dispatchedOn: daysAgo(20) }));
    }
    // Both received in person from the postman 18 days ago: the appeal period ended 4 days ago at the latest.
    for (const s of sent) await app.call('outgoing.recordDelivery', { id: s.id, record: { kind: 'delivered', on: daysAgo(18), to: 'addressee' } });
    appeal = await app.call<IncomingDetail>('intake.register', {
      channel: 'paper',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      senderId: jan.id,
      senderReference: null,
      letterDate: daysAgo(6),
      postmarkedOn: daysAgo(5),
      postmarkOperator: 'designated',
      subject: 'Odwołanie od decyzji o warunkach zabudowy',
      attachmentsCount: 0,
      trackingNumber: null,
      remarks: null,
      unitId: gk,
      scans: [],
    });
    await app.call('session.signOut', {});
    ({ browser, page } = await officePageAs(app, 'akowalska'));
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
  });

  it('the intake form asks for the postmark only for a letter that came by post', async () => {
    await page.getByRole('button', { name: 'Rejestracja' }).click();
    const postmark = page.getByLabel('Data nadania', { exact: true });
    await postmark.waitFor();
    await postmark.fill(daysAgo(1));
    await page.getByText('Ze stempla na kopercie. O terminie odwołania lub odpowiedzi decyduje data nadania w Poczcie Polskiej (art. 57 § 5 k.p.a.).').waitFor();
    await shotAtDeskSizes(page, '23-data-nadania');
    await page.getByLabel('Kanał wpływu').selectOption({ label: 'ePUAP' });
    await postmark.waitFor({ state: 'detached' });
  });

  it('the registry names the letter as Jan Wróbel’s appeal from the letter’s window; posted on time, it stops finality', async () => {
    await page.getByRole('button', { name: 'Rejestr wpływów' }).click();
    await page.getByRole('row').filter({ hasText: appeal.label }).click();
    const letter = page.getByRole('dialog', { name: new RegExp(`Przesyłka ${appeal.label.replace(/\//g, '\\/')}`) });
    await letter.getByText(`${plDay(daysAgo(5))}, w Poczcie Polskiej`).waitFor();
    await letter.getByRole('button', { name: 'Odwołanie od decyzji…' }).click();
    await expect.poll(() => letter.getByLabel('Decyzja').locator('option').allTextContents()).toEqual([expect.stringContaining(`${d.number ?? ''} — Decyzja o warunkach zabudowy`)]);
    // The letter's sender is the party offered first.
    expect(await letter.getByLabel('Strona').inputValue()).toBe(jan.id);
    await shotAtDeskSizes(page, '24-wskazanie-odwolania');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await letter.getByRole('button', { name: 'Zapisz wskazanie' }).click();
    await letter.getByText('Zapisano. Pismo jest w aktach sprawy decyzji.').waitFor();
    await letter.getByText(`odwołanie ${jan.name} od decyzji ${d.number ?? ''}`, { exact: true }).waitFor();
    await letter.getByRole('button', { name: 'Zamknij' }).click();
    await letter.waitFor({ state: 'hidden' });
  });

  it('"Terminy" shows the decision under the appeal lodged, with each party’s delivery and period', async () => {
    await page.getByRole('button', { name: 'Terminy' }).click();
    await page.getByRole('heading', { name: 'Terminy decyzji' }).waitFor();
    const appealed = page.getByRole('table', { name: 'Wniesiono odwołanie' });
    await appealed.getByText(`${jan.name}:`).waitFor();
    const text = await appealed.textContent();
    expect(text).toContain(`doręczono ${plDay(daysAgo(18))}`);
    expect(text).toContain(`odwołanie ${appeal.label} wniesione w terminie (data nadania ${plDay(daysAgo(5))})`);
    await shotAtDeskSizes(page, '25-terminy');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the head opens the case from "Terminy" and reads the same in its decisions', async () => {
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.locator('[data-login="kzielinska"]').click();
    await page.getByRole('button', { name: 'Terminy' }).click();
    await page.getByRole('button', { name: new RegExp(`Otwórz sprawę ${d.caseSign.replace(/\./g, '\\.')}`) }).click();
    const caseWindow = page.getByRole('dialog').filter({ hasText: 'Warunki zabudowy — Lipowa 3' });
    await caseWindow.getByRole('tab', { name: /Decyzje/ }).click();
    await caseWindow.getByText('wniesiono odwołanie').waitFor();
    await shotAtDeskSizes(page, '26-sprawa-ostatecznosc');
  });
});
