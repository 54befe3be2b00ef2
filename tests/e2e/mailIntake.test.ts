import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Party, User } from '#core/contract';
import { simpleMail } from '#tests/support/mail';
import { onePagePdf } from '#tests/support/pdfs';
import { makeTestPki } from '#tests/support/certificates';
import { epuapXml, signEpuap } from '#tests/support/epuap';
import { officePageAs, seriousA11yViolations, shotAtDeskSizes, startApp, type RunningApp } from './app';

// The registry clerk drops an e-mail saved from the office's mail program onto the intake
// form: the form fills itself, the clerk picks the unit and registers; the same message
// dropped again is warned about.

describe('the registry registers an e-mail from its .eml file', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let eml: Buffer;

  beforeAll(async () => {
    app = await startApp();
    const users = await app.call<User[]>('session.demoUsers', {});
    await app.call('session.signIn', { userId: users.find((u) => u.login === 'akowalska')?.id });
    await app.call<Party>('parties.create', { kind: 'person', firstName: 'Zofia', lastName: 'Łąkowa', city: 'Przykładowo', email: 'zofia.lakowa@example.pl' });
    await app.call('session.signOut', {});
    eml = Buffer.from(
      simpleMail({
        fromName: 'Zofia Łąkowa',
        fromAddress: 'zofia.lakowa@example.pl',
        subject: 'Wniosek o zaświadczenie o przeznaczeniu działki 7/2',
        date: new Date(Date.now() - 3_600_000),
        messageId: 'e2e-wniosek@poczta.example.pl',
        text: 'Dzień dobry, w załączeniu wniosek. Zofia Łąkowa',
        attachments: [
          { fileName: 'wniosek.pdf', mime: 'application/pdf', bytes: await onePagePdf('Wniosek o zaswiadczenie') },
          { fileName: 'opis.doc', mime: 'application/msword', bytes: new TextEncoder().encode('nie skan') },
        ],
      }),
    );
    ({ browser, page } = await officePageAs(app, 'akowalska'));
    await page.getByRole('heading', { name: 'Rejestracja przesyłki wpływającej' }).waitFor();
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
  });

  const pick = () => page.getByLabel('wybierz pliki…', { exact: true }).setInputFiles({ name: 'wniosek-zofii.eml', mimeType: 'message/rfc822', buffer: eml });

  it('the form fills itself from the message: channel, sender found by address, subject, the text and the PDF attached', async () => {
    await pick();
    await page.getByText(/^Wczytano wniosek-zofii\.eml od Zofia Łąkowa <zofia\.lakowa@example\.pl>/).waitFor();
    expect(await page.getByLabel('Kanał wpływu').inputValue()).toBe('email');
    expect(await page.getByRole('combobox', { name: 'Nadawca' }).inputValue()).toBe('Zofia Łąkowa');
    expect(await page.getByLabel('Dotyczy').inputValue()).toBe('Wniosek o zaświadczenie o przeznaczeniu działki 7/2');
    await page.getByRole('button', { name: /wiadomosc-e-mail\.pdf/ }).waitFor();
    await page.getByRole('button', { name: /wniosek\.pdf/ }).waitFor();
    await page.getByText('Pominięto załącznik „opis.doc”', { exact: false }).waitFor();
    await page.getByLabel('Przekaż do komórki').selectOption({ label: 'GK — Referat Gospodarki Komunalnej i Przestrzennej' });
    await shotAtDeskSizes(page, '27-wiadomosc-email');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Zarejestruj (Ctrl+Enter)' }).click();
    await page.getByRole('heading', { name: /^Zarejestrowano przesyłkę RPW\/1\/\d{4}$/ }).waitFor();
  });

  it('the same message dropped again is said to be registered already', async () => {
    await page.getByRole('button', { name: 'Następne pismo' }).click();
    await pick();
    await page.getByText(/Tę samą wiadomość e-mail zarejestrowano już jako RPW\/1\/\d{4}\./).waitFor();
    await shotAtDeskSizes(page, '28-wiadomosc-juz-zarejestrowana');
  });

  it('an ePUAP document: channel ePUAP, the XAdES signature said, the sender the register lacks described for adding', async () => {
    await page.getByRole('button', { name: 'Wyczyść formularz' }).click();
    const pki = makeTestPki();
    const xml = await signEpuap(epuapXml({ title: 'Pismo ogólne do podmiotu publicznego', date: '2026-12-04', firstName: 'Jan', lastName: 'Wróblewski', pesel: '02070803628', email: 'jan.wroblewski@example.pl', city: 'Łąka', text: 'Wnoszę o wydanie zaświadczenia.', attachments: [{ fileName: 'wniosek.pdf', mime: 'application/pdf', bytes: await onePagePdf('Wniosek z ePUAP') }] }), pki, pki.rsa);
    await page.getByLabel('wybierz pliki…', { exact: true }).setInputFiles({ name: 'pismo-ogolne.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await page.getByText(/^Podpis XAdES złożył Katarzyna Zielińska; dokument nie był zmieniany, ale certyfikatu nie potwierdzono/).waitFor();
    await page.getByText(/^Nadawcy dokumentu nie ma w rejestrze stron: dodaj go \(„Dodaj nadawcę”\) — Jan Wróblewski, PESEL 02070803628, Lipowa 3 99-999 Łąka\.$/).waitFor();
    expect(await page.getByLabel('Kanał wpływu').inputValue()).toBe('epuap');
    expect(await page.getByLabel('Dotyczy').inputValue()).toBe('Pismo ogólne do podmiotu publicznego');
    await page.getByRole('button', { name: /dokument-epuap\.pdf/ }).waitFor();
    await shotAtDeskSizes(page, '29-dokument-epuap');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
