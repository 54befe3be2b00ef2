import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, newOfficePage, seriousA11yViolations, startApp, type RunningApp } from './app';
import { TemplatesPage } from './pages/TemplatesPage';

// Issue 4 through the UI: the administrator edits the wording of the WZ decision, is told in
// Polish what is wrong with a misspelt placeholder, looks at the page before saving, saves with
// Ctrl+S and finds the new version in the history.
const CLAUSE = 'Niniejsza decyzja nie rodzi praw do terenu oraz nie narusza prawa własności i uprawnień osób trzecich.';

describe('the administrator edits a template in Administracja → Szablony pism', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let templates: TemplatesPage;
  let edited = '';
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp();
    browser = await launchBrowser();
    page = await newOfficePage(browser);
    await page.goto(`${app.url}#token=${app.token}`);
    await page.locator('[data-login="gszymanski"]').click();
    templates = new TemplatesPage(page);
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
  });

  it('opens the WZ template with its placeholders and history', async () => {
    await templates.open();
    await templates.heading('Decyzja o warunkach zabudowy').waitFor();
    await expect.poll(() => templates.field('Treść').inputValue()).toContain('{{pouczenie}}');
    await templates.history.getByRole('cell', { name: 'treść wbudowana w program' }).waitFor();
    expect(await page.getByRole('complementary', { name: 'Pola do wstawienia' }).getByText('wymagane').count()).toBe(10);
  });

  it('types a clause and inserts a placeholder at the cursor from the list', async () => {
    const body = templates.field('Treść');
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(`\n\n${CLAUSE} Wniosek złożono dnia `);
    await templates.placeholder('data_wniosku').click();
    // The field has the focus back, the caret after the inserted placeholder.
    await page.keyboard.type('.');
    edited = await body.inputValue();
    expect(edited.endsWith(`${CLAUSE} Wniosek złożono dnia {{data_wniosku}}.`)).toBe(true);
    await page.getByText('Niezapisane zmiany').waitFor();
  });

  it('a misspelt placeholder is refused in Polish with a suggestion', async () => {
    await templates.field('Treść').fill(edited.replace('{{podstawa_prawna}}', '{{podstawa}}'));
    await templates.save.click();
    await expect.poll(() => templates.message.textContent()).toContain('{{podstawa}} w wierszu 1 (czy chodziło o {{podstawa_prawna}}?)');
    await shot('30-szablon-blad');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await templates.field('Treść').fill(edited);
  });

  it('previews the edited wording as a PDF before saving', async () => {
    const popup = page.waitForEvent('popup');
    await templates.preview.click();
    const tab = await popup;
    const base64 = await page.evaluate(async (u) => {
      const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
      let out = '';
      for (const b of bytes) out += String.fromCharCode(b);
      return btoa(out);
    }, tab.url());
    await tab.close();
    const file = join(ARTIFACTS, 'szablon-podglad.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain(`${CLAUSE} Wniosek złożono dnia 2 marca 2026 r.`);
    expect(text).toContain('DECYZJA nr 15/2026');
    // Nothing is saved by a preview.
    await templates.history.getByRole('cell', { name: 'treść wbudowana w program' }).waitFor();
    expect(await templates.history.getByRole('row').count()).toBe(2);
  });

  it('saves with Ctrl+S and shows version 1 in the list and the history', async () => {
    await templates.field('Tytuł').click();
    await page.keyboard.press('Control+S');
    await expect.poll(() => templates.message.textContent()).toBe('Zapisano wersję 1 szablonu.');
    const newest = templates.history.getByRole('row').nth(1);
    await expect.poll(() => newest.textContent()).toMatch(/^1 · obowiązuje.*Grzegorz Szymański$/);
    await expect.poll(() => templates.template('Decyzja o warunkach zabudowy').textContent()).toContain('wersja 1 · zmieniony');
    expect(await page.getByText('Niezapisane zmiany').count()).toBe(0);
    // The whole editor in one picture: a tall window, scrolled to the top.
    await page.setViewportSize({ width: 1440, height: 1800 });
    await page.locator('#tresc').evaluate((el) => el.scrollTo(0, 0));
    await shot('31-szablony-pism');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
