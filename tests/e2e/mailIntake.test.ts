import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Party, User } from '#core/contract';
import { simpleMail } from '#tests/support/mail';
import { onePagePdf } from '#tests/support/pdfs';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { edoreczeniaEvidenceXml, epuapXml, signEpuap } from '#tests/support/epuap';
import { scannedPolishPage } from '#tests/support/scannedPage';
import { officePageAs, seriousA11yViolations, shotAtDeskSizes, startApp, type RunningApp } from './app';

// The registry clerk drops an e-mail saved from the office's mail program onto the intake
// form: the form fills itself, the clerk picks the unit and registers; the same message
// dropped again is warned about.

describe('the registry takes in electronic letters: an e-mail, an ePUAP form, a scan read for its text, an e-Doręczenia proof of delivery', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let eml: Buffer;
  let pki: TestPki;

  beforeAll(async () => {
    pki = makeTestPki();
    app = await startApp();
    const users = await app.call<User[]>('session.demoUsers', {});
    // The admin points the workstation at the shared folder and trusts the provider's root (setup).
    await app.call('session.signIn', { userId: users.find((u) => u.login === 'gszymanski')?.id });
    await app.call('admin.updateSettings', { ...(await app.call<Record<string, unknown>>('admin.settings', {})), scanFolder: app.scanDir, trustedRootsPem: [pki.root.pem] });
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

  // A letter registered with a scanned page: the workstation reads its text in the background,
  // the letter window shows it and offers the copy with the text layer, and the search box finds
  // a word of the scan typed without Polish letters.
  it('a scanned page is read for its text in the background: the letter window says so and the search box finds its words', async () => {
    const file = join(app.scanDir, 'wniosek-cwikla.png');
    writeFileSync(file, (await scannedPolishPage()).png);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(file, minuteAgo, minuteAgo);
    const staged = await app.call<{ sha256: string }>('scans.stageFromInbox', { name: 'wniosek-cwikla.png' });
    const sender = (await app.call<{ id: string }[]>('parties.search', { q: 'Żółkiewski', limit: 1 }))[0];
    const units = await app.call<{ id: string; symbol: string }[]>('office.units', {});
    const { label } = await app.call<{ label: string }>('intake.register', {
      channel: 'paper',
      receivedAt: minuteAgo.toISOString(),
      senderId: sender?.id,
      senderReference: null,
      letterDate: null,
      subject: 'Wniosek o zaświadczenie o niezaleganiu',
      attachmentsCount: 0,
      trackingNumber: null,
      remarks: null,
      unitId: units.find((u) => u.symbol === 'FN')?.id,
      scans: [{ sha256: staged.sha256, fileName: 'wniosek-cwikla.png' }],
    });
    await page.getByRole('button', { name: 'Rejestr wpływów' }).click();
    await page.getByRole('row').filter({ hasText: label }).click();
    const letter = page.getByRole('dialog', { name: `Przesyłka ${label}` });
    await letter.waitFor();
    await letter.getByText('Tekst rozpoznany (1 strona) — wyszukiwarka znajduje słowa ze skanu.').waitFor({ timeout: 60_000 });
    await letter.getByRole('button', { name: 'Kopia z warstwą tekstową (PDF)' }).waitFor();
    await shotAtDeskSizes(page, '30-tekst-skanu');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await letter.getByRole('button', { name: 'Zamknij' }).first().click();
    await letter.waitFor({ state: 'hidden' });

    const box = page.getByRole('combobox', { name: 'Szukaj w przesyłkach, sprawach i stronach' });
    await box.fill('leczna gospodarstwo');
    const option = page.getByRole('option').filter({ hasText: label });
    await option.waitFor();
    expect(await option.textContent()).toContain('w treści skanu');
    expect(await option.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['Łęczna']));
    await shotAtDeskSizes(page, '31-wyszukiwanie-w-skanie');
    await box.fill('');
  });

  // The registry drops the e-Doręczenia "dowód otrzymania" the gateway saved onto the Wysyłka
  // screen: the letter it names is found, the provider's seal checked, the delivery recorded.
  it('the dowód otrzymania of e-Doręczenia finds the letter by the number it was sent under and records the day', async () => {
    const party = await app.call<{ id: string }>('parties.create', { kind: 'company', name: 'Spółdzielnia Mieszkaniowa „Łąka”', city: 'Łąka', electronicAddress: 'AE:PL-12345-67890-ABCDE-12' });
    const { label } = await app.call<{ label: string }>('outgoing.register', { addresseeId: party.id, subject: 'Wezwanie do uzupełnienia wniosku', channel: 'edoreczenia', dispatchedOn: new Date().toISOString().slice(0, 10) });
    await page.getByRole('button', { name: 'Wysyłka' }).click();
    await page.getByRole('heading', { name: 'Dowód doręczenia elektronicznego' }).waitFor();
    const evidence = await signEpuap(edoreczeniaEvidenceXml({ event: 'ContentConsignment', at: new Date(Date.now() - 60_000).toISOString(), messageId: 'ADE-2026-000777', senderMessageId: label, recipient: 'AE:PL-12345-67890-ABCDE-12' }), pki, pki.rsa);
    await page.locator('input[type=file][accept*="xml"]').setInputFiles({ name: 'dowod-otrzymania.xml', mimeType: 'application/xml', buffer: Buffer.from(evidence) });
    await page.getByText(new RegExp(`^Zapisano: Dowód otrzymania \\(e-Doręczenia\\) z .* — pismo ${label.replace(/\//g, '\\/')} do Spółdzielnia Mieszkaniowa „Łąka”\\. Podpis XAdES złożył`)).waitFor();
    const row = page.getByRole('row').filter({ hasText: label });
    await row.getByRole('button', { name: `Dowód doręczenia pisma ${label} (PDF)` }).waitFor();
    await shotAtDeskSizes(page, '32-dowod-doreczenia');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
