import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, newOfficePage, seriousA11yViolations, shotAtDeskSizes, startApp, type RunningApp } from './app';

describe('the administrator sets a multi-stage approval path for a unit', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp();
    browser = await launchBrowser();
    page = await newOfficePage(browser);
    await page.goto(`${app.url}#token=${app.token}`);
    await page.locator('[data-login="gszymanski"]').click();
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
  });

  it('adds GK’s path (head, then the secretary) and the settings keep it', async () => {
    await page.getByRole('tab', { name: 'Ścieżki akceptacji' }).click();
    await page.getByText('Nie ustalono ścieżek: każdy projekt akceptuje kierownik komórki sprawy.').waitFor();
    const form = page.getByRole('group', { name: 'Nowa ścieżka akceptacji' });
    await form.getByLabel('Komórka').selectOption({ label: 'GK — Referat Gospodarki Komunalnej i Przestrzennej' });
    await form.getByLabel('Etap 1').selectOption({ label: 'Katarzyna Zielińska — Kierownik Referatu Gospodarki Komunalnej i Przestrzennej' });
    await form.getByRole('button', { name: 'Dodaj etap' }).click();
    await form.getByLabel('Etap 2').selectOption({ label: 'Marek Kamiński — Sekretarz Gminy' });
    await form.getByRole('button', { name: 'Zapisz ścieżkę' }).click();
    await page.getByText('Zapisano ścieżki akceptacji.').waitFor();
    const list = page.getByRole('list', { name: 'Ścieżki akceptacji decyzji' });
    expect(await list.textContent()).toContain('GK · wszystkie rodzaje decyzji: Katarzyna Zielińska → Marek Kamiński');
    await page.screenshot({ path: join(ARTIFACTS, '32-sciezki-akceptacji.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    const settings = await app.call<{ approvalPaths: { approverIds: string[] }[] }>('admin.settings', {});
    expect(settings.approvalPaths.map((p) => p.approverIds.length)).toEqual([2]);
  });

  it('saving the other settings afterwards keeps the path; the daily copy’s place and hour are set there, and the header says how old the last copy is', async () => {
    await page.getByRole('tab', { name: 'Ustawienia i wykaz akt' }).click();
    // No copy yet in this fresh office: the administrator sees so in the header.
    await page.getByRole('status').filter({ hasText: 'Kopia: jeszcze nie zrobiona' }).waitFor();
    await page.getByLabel('Kopie zapasowe: folder (udział sieciowy albo dysk USB)').fill('\\\\serwer-plikow\\kopie-kancelarii');
    await page.getByLabel('Kopia codziennie od godziny').selectOption('15');
    await page.getByLabel('Kopie miesięczne').selectOption('24');
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await page.getByText('Zapisano ustawienia.').waitFor();
    const settings = await app.call<{ approvalPaths: unknown[]; backup: unknown }>('admin.settings', {});
    expect(settings.approvalPaths).toHaveLength(1);
    expect(settings.backup).toEqual({ folder: '\\\\serwer-plikow\\kopie-kancelarii', hour: 15, keepDaily: 7, keepMonthly: 24 });
    await shotAtDeskSizes(page, '31-kopie-ustawienia');
  });

  it('a scan folder this workstation cannot use is said under its field; the event log shows who set the path and checks out', async () => {
    await page.getByLabel('Folder skanów (udział sieciowy skanera)').fill('/nie/ma/takiego/udzialu');
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    const message = 'Nie zapisano ustawień: folder „/nie/ma/takiego/udzialu” nie istnieje albo ten komputer nie ma do niego dostępu (sprawdź ścieżkę i połączenie z udziałem sieciowym).';
    await page.getByRole('group', { name: /Folder skanów/ }).or(page.locator('.fui-Field').filter({ hasText: 'Folder skanów' })).getByText(message).first().waitFor();
    await page.getByRole('tab', { name: 'Dziennik zdarzeń' }).click();
    const log = page.getByRole('table', { name: 'Dziennik zdarzeń' });
    await log.getByText('Grzegorz Szymański').first().waitFor();
    await page.getByRole('button', { name: 'Sprawdź ciągłość dziennika' }).click();
    await page.getByText(/^Dziennik jest nienaruszony: sprawdzono \d+ wpisów/).waitFor();
    const people = page.getByRole('form', { name: 'Filtry dziennika' });
    await people.getByLabel('Kto').selectOption({ label: 'Anna Kowalska' });
    await people.getByRole('button', { name: 'Pokaż' }).click();
    await page.getByText('Brak wpisów dla tych filtrów.').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '33-dziennik-zdarzen.png'), fullPage: true });
    await shotAtDeskSizes(page, '33-dziennik-zdarzen');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the administrator adds a unit and a person, who can sign in at once; a change of role is made in the person’s window', async () => {
    await page.getByRole('tab', { name: 'Ludzie i komórki' }).click();
    const newUnit = page.getByRole('form', { name: 'Nowa komórka' });
    await newUnit.getByLabel('Symbol').fill('GK II');
    await newUnit.getByLabel('Nazwa komórki').fill('Stanowisko ds. dróg gminnych');
    await newUnit.getByLabel('Komórka nadrzędna').selectOption({ label: 'GK — Referat Gospodarki Komunalnej i Przestrzennej' });
    await newUnit.getByRole('button', { name: 'Dodaj komórkę' }).click();
    // The symbol's fault is said under the symbol; nothing is added.
    await newUnit.getByText(/GK II/).first().waitFor();
    await newUnit.getByLabel('Symbol').fill('GK-II');
    await newUnit.getByRole('button', { name: 'Dodaj komórkę' }).click();
    await page.getByText('Dodano komórkę GK-II.').waitFor();
    const newPerson = page.getByRole('form', { name: 'Nowy pracownik' });
    await newPerson.getByLabel('Imię i nazwisko').fill('Dariusz Nowy');
    await newPerson.getByLabel('Login').fill('dnowy');
    await newPerson.getByLabel('Stanowisko').fill('Inspektor ds. dróg');
    await newPerson.getByLabel('Komórka').selectOption({ label: 'GK-II — Stanowisko ds. dróg gminnych' });
    await newPerson.getByRole('button', { name: 'Dodaj pracownika' }).click();
    await page.getByText('Dodano: Dariusz Nowy. Może się już zalogować na tym stanowisku.').waitFor();
    await page.getByRole('button', { name: 'Zmień dane: Dariusz Nowy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dariusz Nowy (dnowy)' });
    await dialog.getByLabel('Rola').selectOption({ label: 'kierownik' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, '34-pracownik.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Zapisz' }).click();
    await page.getByText('Zapisano zmiany: Dariusz Nowy.').waitFor();
    const people = page.getByRole('table', { name: 'Pracownicy' });
    expect(await people.getByRole('row').filter({ hasText: 'Dariusz Nowy' }).textContent()).toContain('kierownik');
    // A password for signing in on this workstation: typed twice, long enough.
    await page.getByRole('button', { name: 'Ustaw hasło: Dariusz Nowy' }).click();
    const passwordDialog = page.getByRole('dialog', { name: 'Nowe hasło: Dariusz Nowy (dnowy)' });
    await passwordDialog.getByLabel('Nowe hasło').fill('drogi-gminne-2026');
    await passwordDialog.getByLabel('Powtórz hasło').fill('drogi-gminne-2025');
    await passwordDialog.getByRole('button', { name: 'Zapisz' }).click();
    await passwordDialog.getByText('Hasła różnią się. Wpisz to samo hasło w obu polach.').waitFor();
    await passwordDialog.getByLabel('Powtórz hasło').fill('drogi-gminne-2026');
    await page.waitForTimeout(200);
    await shotAtDeskSizes(page, '34a-haslo-pracownika');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await passwordDialog.getByRole('button', { name: 'Zapisz' }).click();
    await page.getByText('Ustawiono nowe hasło: Dariusz Nowy. Poprzednie przestało działać.').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '35-ludzie-i-komorki.png'), fullPage: true });
    await shotAtDeskSizes(page, '35-ludzie-i-komorki');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.locator('[data-login="dnowy"]').click();
    await page.getByText('Dariusz Nowy').first().waitFor();
  });

  it('the administrator adds a class to the wykaz akt and corrects another’s name; a final class without a category is refused under its field', async () => {
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.locator('[data-login="gszymanski"]').click();
    await page.getByRole('button', { name: 'Administracja' }).click();
    await page.getByRole('tab', { name: 'Ustawienia i wykaz akt' }).click();
    const form = page.getByRole('form', { name: 'Nowa klasa wykazu' });
    await form.getByLabel('Symbol').fill('674');
    await form.getByLabel('Nazwa').fill('Gospodarka nieruchomościami');
    await form.getByRole('button', { name: 'Zapisz klasę' }).click();
    await form.getByText(/musi mieć kategorię archiwalną dla komórki macierzystej/).first().waitFor();
    await form.getByLabel('Kategoria (komórka macierzysta)').fill('b10');
    await form.getByRole('button', { name: 'Zapisz klasę' }).click();
    await page.getByText('Zapisano klasę 674. Trafi na wszystkie stanowiska.').waitFor();
    const list = page.getByRole('region', { name: 'Jednolity rzeczowy wykaz akt (JRWA)' });
    expect(await list.getByRole('row').filter({ hasText: 'Gospodarka nieruchomościami' }).textContent()).toContain('B10');
    await list.getByRole('button', { name: 'Zmień klasę 6730' }).click();
    const edit = page.getByRole('form', { name: 'Poprawka klasy 6730' });
    await edit.getByLabel('Nazwa').fill('Ustalanie warunków zabudowy i zagospodarowania terenu');
    await page.screenshot({ path: join(ARTIFACTS, '36-jrwa-poprawka.png'), fullPage: true });
    await shotAtDeskSizes(page, '36-jrwa-poprawka');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await edit.getByRole('button', { name: 'Zapisz klasę' }).click();
    await page.getByText('Zapisano klasę 6730. Trafi na wszystkie stanowiska.').waitFor();
    await list.getByText('Ustalanie warunków zabudowy i zagospodarowania terenu').waitFor();
  });
});
