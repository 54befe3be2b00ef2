import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runKancelaria } from '#tests/support/processes';
import { ARTIFACTS, launchBrowser, newOfficePage, seriousA11yViolations, shotAtDeskSizes, startApp, type RunningApp } from './app';

// The demo office only when asked for: started without `--demo` and without a server, the
// workstation lets nobody in by picking a name, and says what to do instead.

describe('a workstation started without --demo and without a server', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp({ demo: false });
    browser = await launchBrowser();
    page = await newOfficePage(browser);
    await page.goto(`${app.url}#token=${app.token}`);
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
  });

  it('offers no list of accounts and says how to sign in', async () => {
    await page.getByRole('heading', { name: 'Logowanie' }).waitFor();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Nikt nie ma jeszcze hasła na tym stanowisku');
    await page.getByText('bash scripts/run.sh start --demo', { exact: false }).waitFor();
    expect(await page.locator('[data-login]').count()).toBe(0);
    await shotAtDeskSizes(page, '00-logowanie-bez-demo');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the services refuse a pick by id in Polish, and list nobody', async () => {
    expect(await app.call('session.demoUsers', {})).toEqual([]);
    await expect(app.call('session.signIn', { userId: crypto.randomUUID() })).rejects.toThrow(/tylko w urzędzie demonstracyjnym/);
    expect(await app.call<{ demo: boolean; user: unknown }>('session.current', {})).toMatchObject({ demo: false, user: null });
  });
});

describe('a standalone office whose people have passwords on this workstation', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The office's directory (the demo's, seeded once), then IT gives the administrator a
    // password and the workstation is started as a real office: without --demo.
    const seeded = await startApp({ demo: true });
    await seeded.stop();
    const set = runKancelaria(['user', 'password', 'gszymanski', '--password-stdin', '--profile', seeded.profileDir], {}, 'zielony-parasol-7\n');
    expect(set.status).toBe(0);
    app = await startApp({ demo: false, profileDir: seeded.profileDir });
    browser = await launchBrowser();
    page = await newOfficePage(browser);
    await page.goto(`${app.url}#token=${app.token}`);
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
  });

  it('signs in with login and password; a wrong one is refused in Polish with the password cleared', async () => {
    await page.getByText('Hasło nadaje administrator urzędu na tym stanowisku.').waitFor();
    expect(await page.locator('[data-login]').count()).toBe(0);
    await page.getByLabel('Login').fill('gszymanski');
    await page.getByLabel('Hasło').fill('niebieski-parasol');
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    await page.getByRole('alert').getByText(/Nieprawidłowy login lub hasło/).waitFor();
    expect(await page.getByLabel('Hasło').inputValue()).toBe('');
    await shotAtDeskSizes(page, '00-logowanie-haslo-stanowiska');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Hasło').fill('zielony-parasol-7');
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    await page.getByRole('button', { name: 'Wyloguj' }).waitFor();
    await page.getByText('Grzegorz Szymański').first().waitFor();
  });
});
