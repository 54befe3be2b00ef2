import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, newOfficePage, seriousA11yViolations, startApp, type RunningApp } from './app';

describe('a head assigns letters and forwards one; the clerk opens a case, links a letter, prints the metryka', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let label = '';
  let second = '';
  let misrouted = '';
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
    expect(text).toContain(second);
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1); // the form's dialog has closed
    await shot('12-sprawa');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
