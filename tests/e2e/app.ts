import { mkdtempSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startBrowserBackend } from '#tests/support/processes';

export const ARTIFACTS = join(process.cwd(), 'artifacts', 'e2e');

/** The real browser-mode backend process on loopback, with a fresh demo profile. */
export type RunningApp = {
  url: string;
  token: string;
  /** The one-time code the launcher opens the browser with (`#launch=`), instead of the token. */
  launchCode: string;
  profileDir: string;
  scanDir: string;
  /** Calls the contract over HTTP as the UI does (for test setup only). */
  call<T = unknown>(method: string, input: unknown): Promise<T>;
  stop(): Promise<void>;
};

export async function startApp(opts: { demo?: boolean; demoLetters?: boolean; profileDir?: string } = {}): Promise<RunningApp> {
  const base = mkdtempSync(join(tmpdir(), 'kancelaria-e2e-'));
  const profileDir = opts.profileDir ?? join(base, 'profil');
  const scanDir = join(base, 'skany');
  mkdirSync(scanDir, { recursive: true });
  const backend = await startBrowserBackend(profileDir, { demo: opts.demo ?? true, demoLetters: opts.demoLetters ?? false });
  return {
    url: backend.url,
    token: backend.token,
    launchCode: backend.launchCode,
    profileDir,
    scanDir,
    async call<T>(method: string, input: unknown): Promise<T> {
      const { body } = await backend.api(method, input);
      if (!body.ok) throw new Error(`${method}: ${body.error?.message ?? '?'}`);
      return body.value as T;
    },
    async stop() {
      await backend.stop();
    },
  };
}

export function chromiumPath(): string {
  for (const p of ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  throw new Error('Chromium not found: apt-get install chromium');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Date and time inputs follow the browser's own locale, as on a Polish Windows desk.
    env: { ...process.env, LANG: 'pl_PL.UTF-8', LANGUAGE: 'pl' },
    args: ['--lang=pl', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/**
 * The screen as it stands, at the two desk sizes the office has (1366×768 laptops, 1920×1080
 * monitors) as `<name>-1366.png` and `<name>-1920.png`; the page's own size is put back after.
 */
export async function shotAtDeskSizes(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(200); // let the layout settle at the new size
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${String(width)}.png`) });
  }
  if (before) await page.setViewportSize(before);
}

/** A page in a Polish-speaking Warsaw context, as at an office desk. */
export async function newOfficePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'pl-PL', timezoneId: 'Europe/Warsaw', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  return page;
}

/** axe on the current screen: the serious and critical violations, described for the failure message. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Tabster (Fluent's focus manager) places aria-hidden <i tabindex=0> sentinels around focus
  // groups; they hand focus on and are never announced. Everything else is checked.
  const result = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Chromium with a page of the running app, signed in as `login` from the demo office's name picker. */
export async function officePageAs(app: RunningApp, login: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser();
  const page = await newOfficePage(browser);
  await page.goto(`${app.url}#token=${app.token}`);
  await page.locator(`[data-login="${login}"]`).click();
  return { browser, page };
}
