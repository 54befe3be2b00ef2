import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, seriousA11yViolations, startApp } from '#tests/e2e/app';

const OUT = join(process.cwd(), 'artifacts', 'shots');
mkdirSync(OUT, { recursive: true });
const app = await startApp({ demoLetters: true });
const users = await app.call<{ id: string; login: string }[]>('session.demoUsers', {});
const as = (login: string) => app.call('session.signIn', { userId: users.find((u) => u.login === login)?.id });
await as('tlukasik');
const units = await app.call<{ id: string; symbol: string }[]>('office.units', {});
const party = (await app.call<{ id: string }[]>('parties.search', { q: 'Żółkiewski', limit: 1 }))[0];
const c = await app.call<{ id: string; label: string; opinionColleagues: { id: string }[] }>('cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — budynek gospodarczy, dz. 44/1', deadlineKind: 'kpa35-standard', partyIds: party ? [party.id] : [] });
await app.call('cases.addNote', { caseId: c.id, kind: 'note', text: 'Rozmowa telefoniczna z wnioskodawcą: dostarczy mapę.' });
await app.call('cases.requestOpinion', { caseId: c.id, askedOf: c.opinionColleagues[0]?.id, question: 'Czy linia zabudowy jest zgodna z sąsiedztwem?' });
void units;
await app.call('session.signOut', {});
const browser = await launchBrowser();
for (const [w, h] of [[1366, 768], [1920, 1080]] as const) {
  const context = await browser.newContext({ viewport: { width: w, height: h }, locale: 'pl-PL', timezoneId: 'Europe/Warsaw' });
  const page = await context.newPage();
  await page.goto(`${app.url}#token=${app.token}`);
  await page.locator('[data-login="tlukasik"]').click();
  await page.getByRole('tab', { name: /^Moje sprawy/ }).click();
  await page.getByRole('button', { name: c.label }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(OUT, `case-${w}.png`) });
  for (const tab of process.argv.slice(2)) {
    await dialog.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, `case-${tab.replace(/\W+/g, '_')}-${w}.png`) });
  }
  console.log(w, await seriousA11yViolations(page));
  await page.getByRole('button', { name: 'Zamknij' }).last().click();
  await page.getByRole('button', { name: 'Wyloguj' }).click();
  await context.close();
}
await browser.close();
await app.stop();
