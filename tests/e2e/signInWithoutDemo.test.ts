import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('konta z hasłami prowadzi serwer');
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
