import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { warsawDate } from '#core/time';
import { ARTIFACTS, officePageAs, seriousA11yViolations, shotAtDeskSizes, startApp, type RunningApp } from './app';

describe('the registry sends a registered letter and prints the day’s dispatch book', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp();
    ({ browser, page } = await officePageAs(app, 'akowalska'));
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
  });

  it('registers the letter in the outgoing register', async () => {
    await page.getByRole('button', { name: 'Wysyłka' }).click();
    await page.getByRole('heading', { name: 'Wysyłka korespondencji' }).waitFor();
    await page.getByRole('combobox', { name: 'Adresat' }).fill('Łęcka');
    await expect.poll(() => page.getByRole('listbox').getByRole('option').allTextContents()).toEqual([expect.stringContaining('Małgorzata Łęcka')]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByLabel('Dotyczy').fill('Decyzja w sprawie podatku od nieruchomości');
    await page.getByLabel('Numer nadawczy (list polecony)').fill('RR123456785PL');
    await page.getByLabel('Za potwierdzeniem odbioru (ZPO)').check();
    // A fee that is not an amount is said to be wrong, not stored as empty (a book totalling 0,00 zł).
    await page.getByLabel('Opłata (zł)').fill('abc');
    await page.getByRole('button', { name: 'Wpisz do rejestru wychodzącej' }).click();
    await page.getByText('Podaj opłatę w złotych, np. 11,50.').first().waitFor();
    expect(await page.getByRole('cell', { name: 'RR123456785PL' }).count()).toBe(0);
    await page.getByLabel('Opłata (zł)').fill('11,50');
    await page.getByRole('button', { name: 'Wpisz do rejestru wychodzącej' }).click();
    await page.getByText(/Zarejestrowano WYCH\/1\/\d{4}\./).waitFor();
    await page.getByRole('cell', { name: 'RR123456785PL' }).waitFor();
    // Sent with a return receipt: its card can be printed from the row.
    await page.getByRole('button', { name: /^ZPO \(PDF\) — formularz potwierdzenia odbioru pisma WYCH\/1\/\d{4}$/ }).waitFor();
    await shot('20-wysylka');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('prints the książka nadawcza with the letter on it', async () => {
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Książka nadawcza (PDF)' }).click();
    const tab = await popup;
    const base64 = await page.evaluate(async (u) => {
      const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
      let out = '';
      for (const b of bytes) out += String.fromCharCode(b);
      return btoa(out);
    }, tab.url());
    await tab.close();
    const file = join(ARTIFACTS, 'ksiazka-nadawcza.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Książka nadawcza przesyłek poleconych');
    expect(text).toContain('Małgorzata Łęcka');
    expect(text).toContain('RR123456785PL');
    expect(text).toContain('Razem przesyłek: 1 · łączna opłata: 11,50 zł');
  });

  it('the return receipt comes back: its barcode finds the letter, the delivery is recorded and shown', async () => {
    const today = warsawDate(new Date());
    const [y, m, d] = today.split('-');
    const shown = `${d ?? ''}.${m ?? ''}.${y ?? ''}`;
    // A number nobody sent: said so, nothing opened.
    const scan = page.getByLabel('Numer nadawczy ze zwrotki (zeskanuj kod kreskowy)');
    await scan.fill('RR987654326PL');
    await scan.press('Enter');
    await page.getByText('Nie wysłano żadnego pisma z numerem nadawczym RR987654326PL.').waitFor();
    // The reader types the card's number and Enter, as printed (with spaces).
    await scan.fill('RR 123 456 785 PL');
    await scan.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Doręczenie WYCH\/1\/\d{4} — Małgorzata Łęcka$/ });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Co wróciło').locator('option').allTextContents()).toEqual(['Potwierdzenie odbioru (zwrotka)', 'Awizo — nie odebrano od razu', 'Odmowa przyjęcia', 'Zwrot do nadawcy (niedoręczone)']);
    await dialog.getByLabel('Kto odebrał').selectOption('household');
    await dialog.getByLabel('Data doręczenia (ze zwrotki)').fill('2099-01-01');
    await dialog.getByRole('button', { name: 'Zapisz doręczenie' }).click();
    await dialog.getByText('Data 01.01.2099 jest w przyszłości. Wpisz datę z potwierdzenia odbioru.').waitFor();
    await dialog.getByLabel('Data doręczenia (ze zwrotki)').fill(today);
    await shotAtDeskSizes(page, '21-zwrotka');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Zapisz doręczenie' }).click();
    await page.getByText(/Zapisano doręczenie WYCH\/1\/\d{4}\./).waitFor();
    await page.getByRole('cell', { name: `doręczono ${shown}` }).waitFor();
    await shotAtDeskSizes(page, '22-wyslane-z-doreczeniem');
  });
});
