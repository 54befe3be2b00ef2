// Ad-hoc look at the running browser mode: node --import tsx tests/support/look.ts URL TOKEN
import { chromium } from 'playwright-core';
const [url, token] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newContext({ viewport: { width: 1440, height: 900 } }).then((c) => c.newPage());
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(`${url}#token=${token}`);
await page.waitForTimeout(1500);
await page.screenshot({ path: 'artifacts/look/01-signin.png' });
await page.click('[data-login="akowalska"]');
await page.waitForTimeout(1500);
await page.screenshot({ path: 'artifacts/look/02-intake.png' });
await page.getByRole('button', { name: 'Rejestr wpływów' }).click();
await page.waitForTimeout(1500);
await page.screenshot({ path: 'artifacts/look/03-register.png' });
await browser.close();
