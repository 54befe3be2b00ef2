import { writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { scannedPolishPage } from '#tests/support/scannedPage';
import { officePageAs, seriousA11yViolations, shotAtDeskSizes, startApp, type RunningApp } from './app';

// A letter registered with a scanned page: the workstation reads its text in the background,
// the letter window shows how far it is and then offers the copy with the text layer, and the
// search box finds a word of the scan typed without Polish letters.

describe('scans are read for their text in the background and found by the search box', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let label: string;

  beforeAll(async () => {
    app = await startApp();
    const users = await app.call<{ id: string; login: string }[]>('session.demoUsers', {});
    await app.call('session.signIn', { userId: users.find((u) => u.login === 'gszymanski')?.id });
    const settings = await app.call<Record<string, unknown>>('admin.settings', {});
    await app.call('admin.updateSettings', { ...settings, scanFolder: app.scanDir });
    await app.call('session.signIn', { userId: users.find((u) => u.login === 'akowalska')?.id });
    const file = join(app.scanDir, 'wniosek-cwikla.png');
    writeFileSync(file, (await scannedPolishPage()).png);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(file, minuteAgo, minuteAgo);
    const staged = await app.call<{ sha256: string }>('scans.stageFromInbox', { name: 'wniosek-cwikla.png' });
    const sender = (await app.call<{ id: string }[]>('parties.search', { q: 'Żółkiewski', limit: 1 }))[0];
    const units = await app.call<{ id: string; symbol: string }[]>('office.units', {});
    const letter = await app.call<{ label: string }>('intake.register', {
      channel: 'paper',
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
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
    label = letter.label;
    await app.call('session.signOut', {});
    ({ browser, page } = await officePageAs(app, 'akowalska'));
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
  });

  it('the letter window says the text was read and opens the copy with the text layer', async () => {
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
  });

  it('the search box finds a word of the scan typed without Polish letters, and says it is from the scan', async () => {
    const box = page.getByRole('combobox', { name: 'Szukaj w przesyłkach, sprawach i stronach' });
    await box.fill('leczna gospodarstwo');
    const option = page.getByRole('option').filter({ hasText: label });
    await option.waitFor();
    expect(await option.textContent()).toContain('w treści skanu');
    expect(await option.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['Łęczna']));
    await shotAtDeskSizes(page, '31-wyszukiwanie-w-skanie');
  });
});
