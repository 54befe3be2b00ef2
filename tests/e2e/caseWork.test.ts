import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, newOfficePage, seriousA11yViolations, shotAtDeskSizes, startApp, type RunningApp } from './app';
import { makeTestPki } from '#tests/support/certificates';
import { tabTo } from './pages/keyboard';
import { onePagePdf } from '#tests/support/pdfs';

describe('a head assigns letters and forwards one; the clerk opens a case, links a letter, prints the metryka', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let label = '';
  let second = '';
  let misrouted = '';
  let plan = '';
  const year = new Date().getFullYear();
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp();
    // The registry has routed a letter to GK (set-up through the API, tested elsewhere).
    const users = await app.call<{ id: string; login: string }[]>('session.demoUsers', {});
    await app.call('session.signIn', { userId: users.find((u) => u.login === 'akowalska')?.id });
    const units = await app.call<{ id: string; symbol: string }[]>('office.units', {});
    const sender = (await app.call<{ id: string }[]>('parties.search', { q: 'Żółkiewski', limit: 1 }))[0];
    const register = (subject: string) =>
      app.call<{ label: string }>('intake.register', {
        channel: 'paper',
        receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
        senderId: sender?.id,
        senderReference: null,
        letterDate: null,
        subject,
        attachmentsCount: 1,
        trackingNumber: null,
        remarks: null,
        unitId: units.find((u) => u.symbol === 'GK')?.id,
        scans: [],
      });
    label = (await register('Wniosek o ustalenie warunków zabudowy — działka 7/2, obręb Łąka')).label;
    second = (await register('Uzupełnienie wniosku: mapa zasadnicza działki 7/2')).label;
    misrouted = (await register('Deklaracja na podatek od nieruchomości za 2026 r.')).label;
    plan = (await register('Wniosek o wypis i wyrys z miejscowego planu — działka 7/2')).label;
    await app.call('session.signOut', {});
    browser = await launchBrowser();
    page = await newOfficePage(browser);
    await page.goto(`${app.url}#token=${app.token}`);
  });

  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
  });

  it('the head sees the letter in "Do dekretacji" and assigns it to a clerk', async () => {
    await page.locator('[data-login="kzielinska"]').click();
    await page.getByRole('heading', { name: 'Skrzynka' }).waitFor();
    await page.getByRole('checkbox', { name: `Zaznacz ${label}` }).check();
    await page.getByRole('checkbox', { name: `Zaznacz ${second}` }).check();
    await page.getByLabel('Komu').selectOption({ label: 'Tomasz Łukasik (GK)' });
    await expect.poll(() => page.getByRole('button', { name: /^Dekretuj/ }).isEnabled()).toBe(true);
    await shot('10-dekretacja');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Dekretuj/ }).click();
    await page.getByText(`${label}: zadekretowano. ${second}: zadekretowano.`).waitFor();
    await expect.poll(() => page.getByRole('tab', { name: /Do dekretacji/ }).textContent()).toContain('(2)');
  });

  it('the head opens a letter from the register with Enter and assigns it from the letter window, keyboard only', async () => {
    await page.getByRole('button', { name: 'Rejestr wpływów' }).focus();
    await page.keyboard.press('Enter');
    const row = page.getByRole('row').filter({ hasText: plan });
    await row.waitFor();
    await row.focus();
    await page.keyboard.press('Enter');
    const letter = page.getByRole('dialog', { name: `Przesyłka ${plan}` });
    await letter.waitFor();
    expect(await letter.textContent()).toContain('zarejestrowana, czeka na dekretację');
    await tabTo(page, letter.getByRole('button', { name: 'Dekretuj', exact: true }));
    await page.keyboard.press('Enter');
    const komu = letter.getByLabel('Komu');
    // The button gave way to the form: the focus is on its first field, not lost on the page.
    await expect.poll(() => komu.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Tomasz');
    await expect.poll(() => komu.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Tomasz Łukasik (GK)');
    await tabTo(page, letter.getByLabel('Uwagi do dekretacji'));
    await page.keyboard.type('Proszę sprawdzić, czy działka jest objęta planem.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Wypis wydać w 7 dni.');
    await tabTo(page, letter.getByRole('button', { name: 'Dekretuj (1)' }));
    await shot('10a-dekretacja-z-okna-pisma');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await letter.getByText(`${plan}: zadekretowano.`).waitFor();
    await expect.poll(() => letter.textContent()).toContain('zadekretowana: Tomasz Łukasik');
    await page.keyboard.press('Escape');
    await letter.waitFor({ state: 'hidden' });
    // The register behind says where the letter went, without being reopened.
    await expect.poll(() => row.textContent()).toContain('zadekretowana: Tomasz Łukasik');
    expect(await page.getByRole('row').filter({ hasText: misrouted }).textContent()).toContain('czeka na dekretację');
    await shot('10c-rejestr-gdzie-jest');
    await page.getByRole('button', { name: 'Skrzynka' }).click();
    await expect.poll(() => page.getByRole('tab', { name: /Do dekretacji/ }).textContent()).toContain('(1)');
  });

  it('the head forwards the misrouted tax declaration to the finance unit with a reason', async () => {
    await page.getByRole('button', { name: 'Rejestr wpływów' }).click();
    await page.getByRole('row').filter({ hasText: misrouted }).click();
    const letter = page.getByRole('dialog', { name: new RegExp(`Przesyłka ${misrouted.replace(/\//g, '\\/')}`) });
    await letter.getByRole('button', { name: 'Przekaż do innej komórki…' }).click();
    await letter.getByLabel('Komórka').selectOption({ label: 'FN — Referat Finansowy' });
    await letter.getByLabel(/Powód/).fill('Podatki prowadzi Referat Finansowy');
    await letter.getByRole('button', { name: 'Przekaż', exact: true }).click();
    await letter.getByText(`Przekazano ${misrouted} do komórki FN: Podatki prowadzi Referat Finansowy`).waitFor();
    await shot('10b-przekazanie');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await letter.getByRole('button', { name: 'Zamknij' }).click();
    await letter.waitFor({ state: 'hidden' });
  });

  it('the clerk opens a case from it under a leaf JRWA class and sees the metryka', async () => {
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.locator('[data-login="tlukasik"]').click();
    await page.getByRole('heading', { name: 'Skrzynka' }).waitFor();
    // The head's instruction is on the item, both lines of it.
    const planned = page.getByRole('listitem').filter({ hasText: plan });
    expect(await planned.innerText()).toContain('Proszę sprawdzić, czy działka jest objęta planem.\nWypis wydać w 7 dni.');
    await page.getByRole('listitem').filter({ hasText: label }).getByRole('button', { name: 'Załóż sprawę…' }).click();
    await page.getByRole('combobox', { name: 'Szukaj klasy (symbol lub nazwa)' }).fill('zabud');
    // Only the branch leading to the matching leaf class remains; the leaf shows its categories.
    const option = page.getByRole('option', { name: /6730 Ustalanie warunków zabudowy/ });
    expect(await option.textContent()).toContain('kat. A (inne komórki: Bc)');
    await page.keyboard.press('Enter');
    await expect.poll(() => option.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByRole('button', { name: 'Załóż sprawę', exact: true }).isEnabled()).toBe(true);
    await page.waitForTimeout(300); // let the dialog finish fading in for the screenshot
    await shot('11-nowa-sprawa');
    await page.getByRole('button', { name: 'Załóż sprawę', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Sprawa GK\\.6730\\.1\\.${String(year)}`) });
    await dialog.waitFor();
    const metryka = dialog.getByRole('region', { name: 'Metryka sprawy' });
    await expect.poll(() => metryka.textContent()).toContain(`Dekretacja ${label}: Tomasz Łukasik — do załatwienia`);
    expect(await dialog.textContent()).toContain(`Założono sprawę GK.6730.1.${String(year)}`);
    expect(await dialog.textContent()).toContain('Katarzyna Zielińska');
    // A clerk is offered what a clerk may do: cancelling is for the head.
    expect(await dialog.getByRole('button', { name: 'Anuluj sprawę…' }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Rozpocznij' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('the clerk links the second letter to the case and prints the metryka', async () => {
    await page.getByRole('listitem').filter({ hasText: second }).getByRole('button', { name: 'Dołącz do sprawy…' }).click();
    await page.getByRole('button', { name: 'Dołącz', exact: true }).click();
    await page.getByText(`Pismo ${second} dołączono do sprawy GK.6730.1.${String(year)}.`).waitFor();
    await page.getByRole('tab', { name: /Moje sprawy/ }).click();
    await page.getByRole('button', { name: `GK.6730.1.${String(year)}` }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Sprawa GK\\.6730\\.1\\.${String(year)}`) });
    await dialog.getByRole('region', { name: 'Metryka sprawy' }).getByText(`Przesyłkę ${second} dołączono do akt sprawy GK.6730.1.${String(year)}`).waitFor();
    // A notatka służbowa goes into the file's metryka at once.
    await dialog.getByRole('tab', { name: /^Notatki i opinie/ }).click();
    const notes = dialog.getByRole('group', { name: 'Notatka lub opinia do akt' });
    await notes.getByLabel('Treść').fill('Rozmowa telefoniczna z wnioskodawcą: mapa zostanie doniesiona do piątku.');
    await notes.getByRole('button', { name: 'Dodaj do akt' }).click();
    await dialog.getByRole('region', { name: 'Metryka sprawy' }).getByText('Notatka służbowa: Rozmowa telefoniczna z wnioskodawcą: mapa zostanie doniesiona do piątku.').waitFor();
    expect(await notes.getByLabel('Treść').inputValue()).toBe('');
    const popup = page.waitForEvent('popup');
    await dialog.getByRole('button', { name: 'Metryka (PDF)' }).click();
    const pdfTab = await popup;
    const base64 = await page.evaluate(async (u) => {
      const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
      let out = '';
      for (const b of bytes) out += String.fromCharCode(b);
      return btoa(out);
    }, pdfTab.url());
    await pdfTab.close();
    const file = join(ARTIFACTS, 'metryka.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Metryka sprawy');
    expect(text).toContain(`GK.6730.1.${String(year)}`);
    for (const name of ['Anna Kowalska', 'Katarzyna Zielińska', 'Tomasz Łukasik']) expect(text).toContain(name);
    expect(text.replace(/\s+/g, ' ')).toContain('Notatka służbowa: Rozmowa telefoniczna');
    expect(text).toContain(second);
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1); // the form's dialog has closed
    await shot('12-sprawa');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the clerk drafts a decision from the case; an incomplete draft names what is missing; then submits it', async () => {
    const caseDialog = page.getByRole('dialog', { name: new RegExp(`Sprawa GK\\.6730\\.1\\.${String(year)}`) });
    await caseDialog.getByRole('tab', { name: /^Decyzje i pisma/ }).click();
    await caseDialog.getByLabel('Rodzaj', { exact: true }).selectOption({ label: 'Decyzja o warunkach zabudowy' });
    await caseDialog.getByRole('button', { name: 'Nowy projekt' }).click();
    const editor = page.getByRole('dialog', { name: /Decyzja o warunkach zabudowy — GK\.6730\.1/ });
    await editor.getByText('Brakuje elementów decyzji (art. 107 § 1 KPA):').waitFor();
    expect(await editor.textContent()).toContain('rozstrzygnięcie');
    expect(await editor.textContent()).toContain('przedmiot sprawy');
    // The application's date comes from the letter that started the case, not typed again.
    expect(await editor.getByLabel('Data wniosku').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await editor.getByLabel('Przedmiot sprawy').fill('budowa budynku mieszkalnego jednorodzinnego na działce nr 7/2, obręb Łąka');
    await editor.getByLabel('Data wydania').fill(`${String(year)}-11-20`);
    const ruling = 'Ustalam warunki zabudowy dla budynku mieszkalnego jednorodzinnego na działce 7/2, obręb Łąka.';
    await editor.getByLabel('Rozstrzygnięcie').fill(ruling);
    // Sent too early: refused, but what was typed is saved as version 2 and stays in the form.
    await editor.getByRole('button', { name: 'Przekaż do akceptacji' }).click();
    await editor.getByRole('alert').filter({ hasText: 'uzasadnienie' }).waitFor();
    await expect.poll(() => editor.getByRole('heading').first().textContent()).toContain('wersja 2');
    expect(await editor.getByLabel('Rozstrzygnięcie').inputValue()).toBe(ruling);
    await editor.getByLabel('Uzasadnienie faktyczne i prawne').fill('Wnioskodawca wystąpił z wnioskiem o ustalenie warunków zabudowy. Działka spełnia wymagania art. 61 ust. 1 ustawy.');
    await editor.getByLabel('Podpisuje (imię i nazwisko)').fill('Jan Kowalczyk');
    await editor.getByLabel('Stanowisko').fill('Wójt Gminy Przykładowa');
    await editor.getByRole('button', { name: 'Przekaż do akceptacji' }).click();
    await expect.poll(() => editor.getByRole('heading').first().textContent()).toContain('w akceptacji');
    await shot('13-projekt-decyzji');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await editor.getByRole('button', { name: 'Zamknij' }).click();

    // The letters of the procedure are chosen the same way: a wezwanie asks for the deficiencies.
    await caseDialog.getByRole('tab', { name: /^Decyzje i pisma/ }).click();
    await caseDialog.getByLabel('Rodzaj', { exact: true }).selectOption({ label: 'Wezwanie do usunięcia braków wniosku' });
    await caseDialog.getByRole('button', { name: 'Nowy projekt' }).click();
    const letter = page.getByRole('dialog', { name: /Wezwanie do usunięcia braków wniosku — GK\.6730\.1/ });
    await letter.getByText('Brakuje elementów pisma:').waitFor();
    expect(await letter.getByLabel('Rozstrzygnięcie').count()).toBe(0);
    await letter.getByLabel('Braki do usunięcia').fill('1. dołączenie mapy zasadniczej,\n2. podpisanie wniosku.');
    await letter.getByRole('button', { name: 'Zapisz wersję' }).click();
    await expect.poll(() => letter.textContent()).not.toContain('braki do usunięcia,');
    await shot('13b-projekt-wezwania');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await letter.getByRole('button', { name: 'Zamknij' }).click();
    await caseDialog.getByRole('button', { name: 'Zamknij' }).click();
  });

  it('the head returns the draft with remarks; the clerk fixes it; the head approves', async () => {
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.locator('[data-login="kzielinska"]').click();
    await page.getByRole('tab', { name: /Do akceptacji \(1\)/ }).click();
    await page.getByRole('button', { name: 'Otwórz' }).click();
    let editor = page.getByRole('dialog', { name: /Decyzja o warunkach zabudowy/ });
    await editor.getByLabel('Uwagi do projektu').fill('Proszę powołać w uzasadnieniu analizę funkcji i cech zabudowy.');
    await editor.getByRole('button', { name: 'Zwróć do poprawy' }).click();
    await expect.poll(() => editor.getByRole('heading').first().textContent()).toContain('zwrócony do poprawy');
    // The head who returned it does not correct and resubmit it herself (four eyes).
    expect(await editor.getByRole('button', { name: 'Przekaż do akceptacji' }).count()).toBe(0);
    await editor.getByRole('button', { name: 'Zamknij' }).click();

    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.locator('[data-login="tlukasik"]').click();
    // The clerk's inbox says what came back, and the head's remarks come first in the draft.
    await page.getByRole('tab', { name: /Zwrócone do poprawy/ }).click();
    await shot('13b-zwrocone-do-poprawy');
    await page.getByRole('list', { name: 'Zwrócone do poprawy' }).getByRole('button', { name: 'Otwórz' }).click();
    editor = page.getByRole('dialog', { name: /Decyzja o warunkach zabudowy/ });
    expect(await editor.getByTestId('returned-remarks').textContent()).toContain('Proszę powołać w uzasadnieniu analizę funkcji i cech zabudowy.');
    expect(await editor.getByTestId('returned-remarks').textContent()).toContain('Katarzyna Zielińska');
    await page.waitForTimeout(300);
    await shot('13c-projekt-zwrocony');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const justification = editor.getByLabel('Uzasadnienie faktyczne i prawne');
    await justification.fill(`${await justification.inputValue()} Analiza funkcji i cech zabudowy wykazała zgodność z zabudową sąsiednią.`);
    await editor.getByRole('button', { name: 'Przekaż do akceptacji' }).click();
    await expect.poll(() => editor.getByRole('heading').first().textContent()).toContain('w akceptacji');
    await editor.getByRole('button', { name: 'Zamknij' }).click();
    // Sent again: nothing waits in "Zwrócone do poprawy" any more.
    await expect.poll(() => page.getByRole('tab', { name: /Zwrócone do poprawy/ }).count()).toBe(0);

    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.locator('[data-login="kzielinska"]').click();
    await page.getByRole('tab', { name: /Do akceptacji \(1\)/ }).click();
    await page.getByRole('button', { name: 'Otwórz' }).click();
    editor = page.getByRole('dialog', { name: /Decyzja o warunkach zabudowy/ });
    // The head sees where the draft waits, and what the clerk changed since the return.
    expect(await editor.getByRole('region', { name: 'Ścieżka akceptacji' }).textContent()).toContain('Katarzyna Zielińska (Kierownik Referatu Gospodarki Komunalnej i Przestrzennej) — czeka na akceptację');
    await editor.getByRole('button', { name: /^Wersja 4 — Tomasz Łukasik/ }).click();
    const version = page.getByRole('dialog', { name: 'Wersja 4 projektu (tylko do odczytu)' });
    await version.getByText('Zmieniono względem poprzedniej wersji: uzasadnienie.').waitFor();
    await page.waitForTimeout(400); // the dialog's opening animation, so the screenshot shows it settled
    await shot('14a-wersja-projektu');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await version.getByRole('button', { name: 'Zamknij' }).click();
    await editor.getByRole('button', { name: 'Akceptuj' }).click();
    await expect.poll(() => editor.getByRole('heading').first().textContent()).toContain('zaakceptowany');
    expect(await editor.textContent()).toMatch(/wersja 3 — zwrócony do poprawy \(Katarzyna Zielińska\).*wersja 4 — zaakceptowany \(Katarzyna Zielińska\)/);
    await shot('14-akceptacja');
  });

  it('the head signs the approved decision with a certificate file; pdfsig finds it valid and trusted', async () => {
    const pki = makeTestPki();
    await page.getByRole('dialog', { name: /Decyzja o warunkach zabudowy/ }).getByRole('button', { name: 'Zamknij' }).click();
    // The tab counts what waits for her signature.
    await page.getByRole('tab', { name: 'Do podpisu (1)' }).click();
    // What is signed can be read first: the approved text as it prints.
    const preview = page.waitForEvent('popup');
    await page.getByRole('button', { name: /^Podgląd PDF: Decyzja o warunkach zabudowy GK\.6730\.1/ }).click();
    await (await preview).close();
    await page.getByRole('checkbox', { name: /Zaznacz Decyzja o warunkach zabudowy GK\.6730\.1/ }).check();
    const p12 = join(pki.dir, 'podpis.p12');
    writeFileSync(p12, pki.rsa.p12);
    await page.getByLabel('Plik z certyfikatem (.p12, .pfx)').setInputFiles(p12);
    // A mistyped password: refused, and the decision stays ticked for the next attempt.
    await page.getByLabel('Hasło do klucza (nie jest zapisywane)').fill('zle-haslo');
    await page.getByRole('button', { name: 'Podpisz zaznaczone (1)' }).click();
    await page.getByText('Hasło do pliku z certyfikatem jest nieprawidłowe.', { exact: false }).first().waitFor();
    expect(await page.getByRole('checkbox', { name: /Zaznacz Decyzja o warunkach zabudowy GK\.6730\.1/ }).isChecked()).toBe(true);
    await page.getByLabel('Hasło do klucza (nie jest zapisywane)').fill(pki.rsa.password);
    await page.getByRole('button', { name: 'Podpisz zaznaczone (1)' }).click();
    await page.getByText(`Podpisano decyzję nr 1/${String(year)}.`).waitFor();
    await shot('15-podpisano');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The decision's PDF is now the signed file: pdfsig (NSS trusting the test root) agrees.
    const found = await app.call<{ cases: { id: string; label: string }[] }>('search.all', { q: `GK.6730.1.${String(year)}`, limit: 5 });
    const caseId = found.cases.find((c) => c.label === `GK.6730.1.${String(year)}`)?.id ?? '';
    const decision = (await app.call<{ id: string; status: string }[]>('decisions.forCase', { caseId }))[0];
    expect(decision?.status).toBe('signed');
    const res = await fetch(`${app.url}api/decisions.pdf`, { method: 'POST', headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ id: decision?.id }) });
    const file = join(ARTIFACTS, 'decyzja-podpisana-w-interfejsie.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const out = execFileSync('pdfsig', ['-nssdir', pki.nssDir, file]).toString();
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Certificate Validation: Certificate is Trusted.');
  });

  it('signing handed the decision to the registry, which sends it by registered post and prints the dispatch book', async () => {
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.locator('[data-login="akowalska"]').click();
    await page.getByRole('button', { name: 'Wysyłka' }).click();
    await page.getByRole('heading', { name: 'Do wysyłki (1)' }).waitFor();
    await page.getByRole('button', { name: /^Wyślij pismo do: / }).click();
    const dialog = page.getByRole('dialog', { name: /^Wysyłka do: / });
    await dialog.getByLabel('Sposób wysyłki').selectOption('registered_priority');
    await dialog.getByLabel('Numer nadawczy (list polecony)').fill('RR473124829PL');
    await dialog.getByLabel('Opłata (zł)').fill('15,20');
    await page.waitForTimeout(400);
    await shot('16-wysylka-decyzji');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Wyślij i wpisz do rejestru' }).click();
    await page.getByText(`Wpisano WYCH/1/${String(year)} (list polecony priorytetowy).`).waitFor();
    await page.getByRole('heading', { name: 'Do wysyłki (0)' }).waitFor();
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Książka nadawcza (PDF)' }).click();
    const tab = await popup;
    const base64 = await page.evaluate(async (u) => {
      const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    }, tab.url());
    await tab.close();
    const file = join(ARTIFACTS, 'ksiazka-nadawcza-decyzja.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('RR473124829PL');
    // A decision goes with a return receipt unless the registry unticks it.
    expect(text).toContain(`priorytet, ZPO, GK.6730.1.${String(year)}`);
  });
  it('the clerk works a second case\'s file: a party off and back in another role, a protocol into the akta, the head asked for an opinion answers from her tray', async () => {
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.locator('[data-login="tlukasik"]').click();
    await page.getByRole('listitem').filter({ hasText: plan }).getByRole('button', { name: 'Załóż sprawę…' }).click();
    await page.getByRole('combobox', { name: 'Szukaj klasy (symbol lub nazwa)' }).fill('zabud');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Załóż sprawę', exact: true }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Załóż sprawę', exact: true }).click();
    const sign = `GK.6730.2.${String(year)}`;
    const dialog = page.getByRole('dialog', { name: new RegExp(`Sprawa ${sign.replace(/\./g, '\\.')}`) });
    await dialog.waitFor();
    const parties = dialog.getByRole('region', { name: 'Strony' });
    const metryka = dialog.getByRole('region', { name: 'Metryka sprawy' });
    // The applicant is taken off with a reason, then comes back as a pełnomocnik.
    await parties.getByRole('button', { name: /^Usuń .* ze stron sprawy$/ }).click();
    await parties.getByLabel('Powód usunięcia (do metryki)').fill('wniosek złożył w imieniu matki');
    await parties.getByRole('button', { name: 'Usuń stronę' }).click();
    await parties.getByText('Sprawa nie ma stron.').waitFor();
    await metryka.getByText(/Usunięto stronę: .*Żółkiewski.* \(wnioskodawca\)\. Powód: wniosek złożył w imieniu matki/).waitFor();
    const add = parties.getByRole('group', { name: 'Dodaj stronę' });
    await add.getByRole('combobox', { name: 'Strona (z rejestru stron)' }).fill('Żółkiewski');
    await page.getByRole('option', { name: /Żółkiewski/ }).first().click();
    await add.getByLabel('Rola w sprawie').selectOption({ label: 'pełnomocnik' });
    await add.getByRole('button', { name: 'Dodaj stronę' }).click();
    await parties.getByText('(pełnomocnik)').waitFor();
    // A protocol of the site visit goes into the akta and opens again.
    const documents = dialog.getByRole('region', { name: 'Akta sprawy (pisma)' });
    const attach = documents.getByRole('group', { name: 'Dołącz dokument do akt' });
    await attach.getByLabel('Tytuł dokumentu').fill('Protokół oględzin działki 7/2');
    await attach.getByLabel('Wybierz plik…', { exact: true }).setInputFiles({ name: 'protokol-ogledzin.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await onePagePdf('Protokol ogledzin dzialki 7/2')) });
    await attach.getByText('protokol-ogledzin.pdf').waitFor();
    await attach.getByRole('button', { name: 'Dołącz do akt' }).click();
    await documents.getByText('Dokument „Protokół oględzin działki 7/2” jest w aktach sprawy.').waitFor();
    await metryka.getByText('Do akt sprawy dołączono dokument „Protokół oględzin działki 7/2” (plik protokol-ogledzin.pdf)').waitFor();
    const popup = page.waitForEvent('popup');
    await documents.getByRole('button', { name: 'Otwórz dokument „Protokół oględzin działki 7/2”' }).click();
    const tab = await popup;
    const opened = await page.evaluate(async (u) => new TextDecoder().decode((await (await fetch(u)).arrayBuffer()).slice(0, 5)), tab.url());
    await tab.close();
    expect(opened).toBe('%PDF-');
    // The head is asked for an opinion, with a date.
    await dialog.getByRole('tab', { name: 'Notatki i opinie' }).click();
    const ask = dialog.getByRole('group', { name: 'Prośba o opinię' });
    await ask.getByLabel('Kogo poprosić').selectOption({ label: 'Katarzyna Zielińska' });
    await ask.getByLabel('O co prosisz').fill('Czy działka 7/2 jest objęta planem miejscowym?');
    await ask.getByRole('button', { name: 'Poproś o opinię' }).click();
    await dialog.getByText('Katarzyna Zielińska — czeka na opinię').waitFor();
    await dialog.getByRole('tab', { name: 'Notatki i opinie · czeka na opinię: 1' }).waitFor();
    await page.waitForTimeout(300);
    await shot('17-akta-sprawy');
    await shotAtDeskSizes(page, '17-akta-sprawy');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.locator('[data-login="kzielinska"]').click();
    await page.getByRole('tab', { name: 'Do zaopiniowania (1)' }).click();
    const tray = page.getByRole('list', { name: 'Do zaopiniowania' });
    expect(await tray.innerText()).toContain('Czy działka 7/2 jest objęta planem miejscowym?');
    expect(await tray.innerText()).toContain('prosi Tomasz Łukasik');
    await shot('18-do-zaopiniowania');
    await shotAtDeskSizes(page, '18-do-zaopiniowania');
    await tray.getByRole('button', { name: sign }).click();
    await dialog.waitFor();
    // Asked for an opinion, she lands on the notes and opinions, the kind chosen for her.
    const notes = dialog.getByRole('group', { name: 'Notatka lub opinia do akt' });
    expect(await notes.getByLabel('Rodzaj wpisu').inputValue()).toBe('opinion');
    await notes.getByLabel('Treść').fill('Działka nie jest objęta planem; wypis negatywny.');
    await notes.getByRole('button', { name: 'Dodaj do akt' }).click();
    await dialog.getByText(/^Katarzyna Zielińska — opinia wydana /).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('tab', { name: /^Do zaopiniowania/ }).count()).toBe(0);
  });
});
