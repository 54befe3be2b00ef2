import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, newOfficePage, seriousA11yViolations, startApp, type RunningApp } from './app';

describe('a head assigns a letter; the clerk opens a case from it', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let label = '';
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
    const letter = await app.call<{ label: string }>('intake.register', {
      channel: 'paper',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      senderId: sender?.id,
      senderReference: null,
      letterDate: null,
      subject: 'Wniosek o ustalenie warunków zabudowy — działka 7/2, obręb Łąka',
      attachmentsCount: 1,
      trackingNumber: null,
      remarks: null,
      unitId: units.find((u) => u.symbol === 'GK')?.id,
      scans: [],
    });
    label = letter.label;
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
    await page.getByLabel('Komu').selectOption({ label: 'Tomasz Łukasik (GK)' });
    await expect.poll(() => page.getByRole('button', { name: /^Dekretuj/ }).isEnabled()).toBe(true);
    await shot('10-dekretacja');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Dekretuj/ }).click();
    await page.getByText(`${label}: zadekretowano.`).waitFor();
    await expect.poll(() => page.getByRole('tab', { name: /Do dekretacji/ }).textContent()).toContain('(0)');
  });

  it('the clerk opens a case from it under a leaf JRWA class and sees the metryka', async () => {
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.locator('[data-login="tlukasik"]').click();
    await page.getByRole('heading', { name: 'Skrzynka' }).waitFor();
    await page.getByRole('button', { name: 'Załóż sprawę…' }).click();
    await page.getByLabel('Szukaj klasy (symbol lub nazwa)').fill('zabud');
    await page.getByLabel('Klasa JRWA (tylko klasy końcowe)').selectOption('6730');
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
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1); // the form's dialog has closed
    await shot('12-sprawa');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
