import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, newOfficePage, seriousA11yViolations, startApp, type RunningApp } from './app';

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

  it('saving the other settings afterwards keeps the path', async () => {
    await page.getByRole('tab', { name: 'Ustawienia i wykaz akt' }).click();
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await page.getByText('Zapisano ustawienia.').waitFor();
    const settings = await app.call<{ approvalPaths: unknown[] }>('admin.settings', {});
    expect(settings.approvalPaths).toHaveLength(1);
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
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
