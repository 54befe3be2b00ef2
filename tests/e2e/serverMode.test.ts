import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, newOfficePage, seriousA11yViolations, shotAtDeskSizes } from './app';
import { IntakePage } from './pages/IntakePage';
import { startBrowserBackend, type BackendProcess } from '#tests/support/processes';
import { startFaultProxy, type FaultProxy } from '#tests/support/faultProxy';
import { startServer, type ApiRefusal, type ServerProcess } from '#tests/support/server';
import type { PushResponse } from '#sync/protocol/commands';

// The workstation against a real central server, as a registry clerk meets it: the login form
// naming the server, a wrong password refused in Polish, a letter registered with a provisional
// label that becomes its final number once synced, an outage (the server stopped, the network
// cut by the fault proxy between them) with the indicator counting what waits, the server back
// on the same database at another port, and a command the server refuses shown "do wyjaśnienia"
// with its reason in the sync panel.

const YEAR = new Date().getFullYear();
const PESEL = '44051401359';

describe('a registry clerk works against the central server, through an outage', () => {
  let server: ServerProcess;
  let proxy: FaultProxy;
  let backend: BackendProcess;
  let browser: Browser;
  let page: Page;
  let base = '';
  let first = '';
  let second = '';
  let third = '';
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const indicator = () => page.getByTestId('sync-state');
  const year = String(YEAR);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer({ engine: 'pglite' });
    // The workstation knows the proxy's address; the proxy is retargeted when the server
    // comes back on another port, as a DNS name or a load balancer would be.
    proxy = await startFaultProxy(server.url);
    base = mkdtempSync(join(tmpdir(), 'kancelaria-e2e-serwer-'));
    backend = await startBrowserBackend(join(base, 'profil'), { extraArgs: ['--server', proxy.url, '--sync-interval', '1000'] });
    browser = await launchBrowser();
    page = await newOfficePage(browser);
    await page.goto(`${backend.url}#token=${backend.token}`);
  });

  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (backend as BackendProcess | undefined)?.stop();
    await (proxy as FaultProxy | undefined)?.close();
    if (server as ServerProcess | undefined) {
      await server.stop({ keepDatabase: true });
      await server.database.drop(); // a restarted server does not own its database
    }
    if (base) rmSync(base, { recursive: true, force: true });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    // What the screen showed when a step failed, and what the workstation logged.
    await shot(`serwer-blad-${ctx.task.name.slice(0, 30).replace(/[^\p{L}\d]+/gu, '-')}`);
    console.error(JSON.stringify((await backend.api('sync.status', {})).body), backend.stderr().slice(-3000), server.stderr().slice(-3000));
  });

  /** Opens Rejestracja with an empty form. */
  async function openIntake() {
    await page.getByRole('button', { name: 'Rejestracja', exact: true }).click();
    const intake = new IntakePage(page);
    const next = page.getByRole('button', { name: 'Następne pismo' });
    await intake.heading.or(next).waitFor();
    if (await next.isVisible()) await next.click();
    await intake.heading.waitFor();
    return intake;
  }

  /** Fills and sends the form; returns the label shown at once. */
  async function registerLetter(subject: string, sender: { newPerson: { firstName: string; lastName: string; pesel?: string } } | { pick: string }): Promise<string> {
    const intake = await openIntake();
    if ('newPerson' in sender) {
      await page.getByRole('button', { name: 'Dodaj nadawcę' }).click();
      const dialog = page.getByRole('dialog', { name: 'Nowy nadawca' });
      await dialog.getByLabel('Imię').fill(sender.newPerson.firstName);
      await dialog.getByLabel('Nazwisko').fill(sender.newPerson.lastName);
      if (sender.newPerson.pesel) await dialog.getByLabel('PESEL').fill(sender.newPerson.pesel);
      await dialog.getByRole('button', { name: 'Zapisz nadawcę' }).click();
      await dialog.waitFor({ state: 'hidden' });
    } else {
      await intake.sender.fill(sender.pick);
      await page.getByRole('option').filter({ hasText: sender.pick }).first().click();
    }
    await expect.poll(() => intake.sender.inputValue(), { timeout: 5_000 }).not.toBe('');
    await intake.subject.fill(subject);
    await intake.unit.selectOption({ label: 'GK — Referat Gospodarki Komunalnej i Przestrzennej' });
    await page.getByRole('button', { name: 'Zarejestruj (Ctrl+Enter)' }).click();
    await intake.registeredNumber.waitFor();
    return (await intake.registeredNumber.textContent()) ?? '';
  }

  /** The row of a subject on the screen as it stands (nothing clicked: the screen refreshes itself). */
  async function rowOnScreen(subject: string): Promise<string> {
    const row = page.getByRole('row').filter({ hasText: subject });
    return (await row.count()) === 0 ? '' : ((await row.first().textContent()) ?? '');
  }

  /** The register's row for a subject, as the clerk sees it after opening the register again. */
  async function registerRow(subject: string): Promise<string> {
    await page.getByRole('button', { name: 'Rejestracja', exact: true }).click();
    await page.getByRole('button', { name: 'Rejestr wpływów' }).click();
    const row = page.getByRole('row').filter({ hasText: subject });
    await row.waitFor();
    return (await row.textContent()) ?? '';
  }

  it('shows the login form naming the server (no demo picker) and refuses a wrong password in Polish', async () => {
    await page.getByRole('heading', { name: 'Logowanie' }).waitFor();
    expect(await page.locator('[data-login]').count()).toBe(0);
    await page.getByText(`Stanowisko pracuje z serwerem urzędu (${proxy.url})`).waitFor();
    await shot('30-serwer-logowanie');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // No server, no sign-in: said so in words for the sign-in screen, not the sync's "offline".
    proxy.mode = 'down';
    await page.getByLabel('Login').fill('akowalska');
    await page.getByLabel('Hasło').fill('demo1234');
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      `Nie można połączyć się z serwerem urzędu (${proxy.url}), a bez niego nie można się zalogować. Sprawdź połączenie sieciowe i spróbuj ponownie; jeśli to nie pomoże, zgłoś to informatykowi.`,
    );
    proxy.mode = 'pass';

    await page.getByLabel('Hasło').fill('nie-to-haslo');
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    await expect
      .poll(() => alert.textContent())
      .toBe('Nieprawidłowy login lub hasło. Sprawdź, czy nie jest włączony Caps Lock, i wpisz je ponownie. Po kilku nieudanych próbach z rzędu każda następna jest możliwa dopiero po chwili.');
    // The password is cleared and focused for the next try; the login stays.
    expect(await page.getByLabel('Hasło').inputValue()).toBe('');
    expect(await page.getByLabel('Login').inputValue()).toBe('akowalska');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    await shot('31-serwer-zle-haslo');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('signs in with the demo password; the header shows the link to the server', async () => {
    await page.getByLabel('Hasło').fill('demo1234');
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 }).toContain('Anna Kowalska');
    await new IntakePage(page).heading.waitFor();
    // At once, not after the indicator's first 3-second poll: the sign-in itself synced, and
    // brought the office's name. (Under 3 s: a loaded machine may still show the sync it started.)
    await expect.poll(() => indicator().textContent(), { timeout: 2_900 }).toBe('połączono z serwerem');
    await expect.poll(() => page.getByRole('banner').textContent(), { timeout: 2_000 }).toContain('Urząd Gminy Przykładowa');
    await shot('32-serwer-polaczono');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('registers a letter: a provisional label at once, the server’s number after the sync', async () => {
    first = 'Wniosek o warunki zabudowy — działka 7/2, obręb Łąka';
    const label = await registerLetter(first, { newPerson: { firstName: 'Zofia', lastName: 'Żurawska' } });
    expect(label).toMatch(/^RPW\/tymcz\.\/[0-9A-Z]{4}$/);
    await shot('33-serwer-numer-tymczasowy');
    // The success screen stays open and takes the server's number by itself.
    await expect.poll(() => new IntakePage(page).registeredNumber.textContent(), { timeout: 10_000 }).toBe(`RPW/1/${year}`);
    await shot('33a-serwer-numer-nadany');
    expect(await registerRow(first)).toContain(`RPW/1/${year}`);
    expect(await registerRow(first)).not.toContain('tymczasowy');
    // The indicator asks every 3 s: it catches up with the sync that brought the number.
    await expect.poll(() => indicator().textContent(), { timeout: 10_000 }).toBe('połączono z serwerem');
  });

  it('the head, on a workstation of her own, assigns the letter to a clerk picked from the office’s people', async () => {
    // The people list comes from the directory the server's pull brought (office.people): in
    // server mode there is no demo picker to take it from.
    // Straight to the server over HTTPS, trusting only the office CA the server made (as IT sets it up).
    const headDesk = await startBrowserBackend(join(base, 'profil-kierownik'), { extraArgs: ['--server', server.url, '--server-ca', join(server.database.env.KANCELARIA_SERVER_TLS_DIR ?? '', 'ca.pem'), '--sync-interval', '1000'] });
    const head = await newOfficePage(browser);
    try {
      await head.goto(`${headDesk.url}#token=${headDesk.token}`);
      await head.getByLabel('Login').fill('kzielinska');
      await head.getByLabel('Hasło').fill('demo1234');
      await head.getByRole('button', { name: 'Zaloguj' }).click();
      await head.getByRole('heading', { name: 'Skrzynka' }).waitFor({ timeout: 15_000 });
      const box = head.getByRole('checkbox', { name: `Zaznacz RPW/1/${year}` });
      await box.waitFor({ timeout: 15_000 });
      await box.check();
      const options = await head.getByLabel('Komu').locator('option').allTextContents();
      expect(options).toContain('Tomasz Łukasik (GK)');
      await head.getByLabel('Komu').selectOption({ label: 'Tomasz Łukasik (GK)' });
      await head.screenshot({ path: join(ARTIFACTS, '33b-serwer-dekretacja.png'), fullPage: true });
      expect(await seriousA11yViolations(head)).toEqual([]);
      await head.getByRole('button', { name: /^Dekretuj/ }).click();
      await head.getByText(`RPW/1/${year}: zadekretowano.`).waitFor();
      await expect.poll(async () => (await headDesk.api('sync.status', {})).body, { timeout: 15_000 }).toMatchObject({ value: { pending: 0, rejected: 0 } });

      // Her tray stays open while the registry registers the next letter on its own desk: the
      // count rises and the letter is listed within seconds, without her clicking anything.
      const tab = head.getByRole('tab', { name: /^Do dekretacji/ });
      await expect.poll(() => tab.textContent(), { timeout: 5_000 }).toBe('Do dekretacji (0)');
      const complaint = 'Skarga na hałas z budowy przy ul. Polnej';
      await registerLetter(complaint, { pick: 'Żurawska' });
      const registeredAt = Date.now();
      await expect.poll(() => tab.textContent(), { timeout: 10_000, interval: 250 }).toBe('Do dekretacji (1)');
      await head.getByRole('list', { name: 'Do dekretacji' }).getByText(complaint).waitFor({ timeout: 3_000 });
      // …and says so whatever screen is open: a notification with the letter.
      const toasts = head.locator('.fui-Toast');
      await toasts.filter({ hasText: 'Nowe pismo do dekretacji' }).waitFor({ timeout: 3_000 });
      // One, for the new letter: what was already there when she signed in is no news.
      expect(await toasts.allTextContents()).toEqual([`Nowe pismo do dekretacjiRPW/2/${year} — ${complaint}`]);
      await head.waitForTimeout(600); // the toast's entrance, for the screenshot
      await head.screenshot({ path: join(ARTIFACTS, '33d-serwer-powiadomienie.png') });
      expect(Date.now() - registeredAt).toBeLessThan(10_000);
      await head.screenshot({ path: join(ARTIFACTS, '33c-serwer-licznik-sam-rosnie.png'), fullPage: true });
    } finally {
      await head.close();
      await headDesk.stop();
    }
  });

  it('offline: letters keep their provisional labels and the indicator counts what waits', async () => {
    proxy.mode = 'down';
    await server.stop({ keepDatabase: true });
    second = 'Uzupełnienie wniosku: mapa zasadnicza działki 7/2';
    expect(await registerLetter(second, { pick: 'Żurawska' })).toMatch(/^RPW\/tymcz\.\//);
    await expect.poll(() => indicator().textContent(), { timeout: 15_000 }).toBe('bez połączenia · do wysłania: 1');
    // A new sender with a PESEL, and a letter from them, both only on this workstation.
    third = 'Wniosek o wypis z miejscowego planu';
    expect(await registerLetter(third, { newPerson: { firstName: 'Jan', lastName: 'Kowalski', pesel: PESEL } })).toMatch(/^RPW\/tymcz\.\//);
    await expect.poll(() => indicator().textContent(), { timeout: 15_000 }).toBe('bez połączenia · do wysłania: 3');
    expect(await registerRow(second)).toContain('tymczasowy');
    await shot('34-serwer-bez-polaczenia');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await indicator().click();
    const panel = page.getByRole('dialog', { name: 'Synchronizacja z serwerem urzędu' });
    await panel.waitFor();
    await expect.poll(() => panel.getByRole('row').count(), { timeout: 5_000 }).toBe(4);
    expect(await panel.getByRole('cell', { name: 'czeka na wysłanie' }).count()).toBe(3);
    expect(await panel.textContent()).toContain('Nie można połączyć się z serwerem urzędu');
    await page.waitForTimeout(300); // the dialog's fade-in, for the screenshot
    await shot('35-serwer-panel-czeka');
    await shotAtDeskSizes(page, '35-serwer-panel-czeka');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Zamknij' }).click();
    await panel.waitFor({ state: 'hidden' });
  });

  it('back online on the same database: what waited gets its number; the clash with another workstation waits “do wyjaśnienia”', async () => {
    server = await startServer({ database: server.database });
    // Meanwhile the other registry clerk adds the same person (same PESEL) on the server.
    const other = await server.login('pwisniewski');
    const pushed = await server.call<PushResponse & ApiRefusal>('POST', '/sync/push', {
      token: other.accessToken,
      body: {
        clientId: crypto.randomUUID(),
        mutations: [{ id: 1, name: 'createParty', args: { id: crypto.randomUUID(), party: { kind: 'person', firstName: 'Jan', lastName: 'Kowalski', pesel: PESEL } }, eventIds: [], createdAt: new Date().toISOString() }],
      },
    });
    expect(pushed.body.results[0]?.status).toBe('applied');
    proxy.target = server.url;
    proxy.mode = 'pass';

    // The register left open offline shows the number once it comes, without being reopened.
    await expect.poll(() => rowOnScreen(second), { timeout: 20_000, interval: 500 }).toContain(`RPW/3/${year}`);
    expect(await rowOnScreen(second)).not.toContain('tymczasowy');
    await expect.poll(() => indicator().textContent(), { timeout: 20_000 }).toBe('połączono z serwerem · do wyjaśnienia: 2');
    // The refused registration is taken back here: no letter under a label the office never gave.
    expect(await page.getByRole('row').filter({ hasText: third }).count()).toBe(0);

    await indicator().click();
    const panel = page.getByRole('dialog', { name: 'Synchronizacja z serwerem urzędu' });
    await panel.waitFor();
    await expect.poll(() => panel.getByRole('row').count(), { timeout: 5_000 }).toBe(3);
    const rows = await panel.getByRole('row').allTextContents();
    expect(rows.slice(1).every((r) => r.includes('do wyjaśnienia'))).toBe(true);
    expect(rows.join('\n')).toContain('Nie znaleziono wybranego nadawcy. Wyszukaj go ponownie albo dodaj.');
    expect(rows.join('\n')).toContain('Taka strona jest już w bazie: Jan Kowalski. Wyszukaj ją zamiast dodawać drugi raz.');
    expect(await panel.textContent()).toContain('Serwer urzędu nie przyjął tych czynności');
    await page.waitForTimeout(300);
    await shot('36-serwer-do-wyjasnienia');
    await shotAtDeskSizes(page, '36-serwer-do-wyjasnienia');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Nothing typed is lost: the registration opens again, is corrected (the office's Jan
    // Kowalski, who came with the pull) and goes out; the refused sender is dropped.
    await panel.getByRole('button', { name: 'Popraw i wyślij ponownie' }).click();
    await panel.waitFor({ state: 'hidden' });
    const intake = new IntakePage(page);
    await intake.heading.waitFor();
    expect(await page.getByTestId('reopened').textContent()).toContain('Nie znaleziono wybranego nadawcy');
    expect([await intake.subject.inputValue(), await intake.sender.inputValue()]).toEqual([third, '']);
    await shot('36b-serwer-poprawa-rejestracji');
    await shotAtDeskSizes(page, '36b-serwer-poprawa-rejestracji');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await intake.sender.fill('Kowalski');
    await page.getByRole('option').filter({ hasText: 'Kowalski' }).first().click();
    await page.getByRole('button', { name: 'Zarejestruj (Ctrl+Enter)' }).click();
    await intake.registeredNumber.waitFor();
    expect(await intake.registeredNumber.textContent()).toMatch(/^RPW\/tymcz\.\//);
    // The counts are what matters here; a background round may be running when the header is read.
    await expect.poll(() => indicator().textContent(), { timeout: 20_000 }).toMatch(/^(połączono z serwerem|synchronizacja…) · do wyjaśnienia: 1$/);
    await indicator().click();
    await panel.waitFor();
    // Only the refused party is left (the corrected registration's original went with it).
    await expect.poll(() => panel.getByRole('button', { name: 'Usuń z listy' }).count(), { timeout: 10_000 }).toBe(1);
    await panel.getByRole('button', { name: 'Usuń z listy' }).click();
    await panel.getByRole('button', { name: 'Tak, usuń' }).click();
    await expect.poll(() => panel.textContent(), { timeout: 5_000 }).toContain('Wszystkie czynności są zapisane na serwerze.');
    await panel.getByRole('button', { name: 'Zamknij' }).click();
    await expect.poll(() => indicator().textContent(), { timeout: 20_000 }).toMatch(/^(połączono z serwerem|synchronizacja…)$/);
    await expect.poll(() => registerRow(third), { timeout: 10_000, interval: 1_000 }).toContain(`RPW/4/${year}`);
  });

  it('the header warns everyone while the server makes no copies, and says “Kopia: dziś” once it has made one', async () => {
    const badge = page.getByRole('status').filter({ hasText: /^(Kopia|Brak kopii)/ });
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe('Kopia: jeszcze nie zrobiona');
    await badge.hover();
    await expect.poll(() => page.getByRole('tooltip').textContent(), { timeout: 5_000 }).toContain('Serwer urzędu nie ma jeszcze dobrej kopii zapasowej.');
    await shotAtDeskSizes(page, '37-serwer-bez-kopii');
    // IT sets the daily copy and restarts the server: a copy due today is made a few seconds after start.
    await server.stop({ keepDatabase: true });
    server = await startServer({ database: server.database, env: { KANCELARIA_SERVER_BACKUP_DIR: join(base, 'kopie-serwera'), KANCELARIA_SERVER_BACKUP_HOUR: '0', KANCELARIA_SERVER_BACKUP_KEY: join(base, 'klucz-kopii-serwera.bin') } });
    proxy.target = server.url;
    await expect.poll(() => server.stdout(), { timeout: 90_000, interval: 500 }).toMatch(/Kopia serwera: .*sprawdzona próbnym odtworzeniem/);
    // A new session asks the server again (the header does not ask it on every refresh).
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    // The office's IT administrator at this desk: the warning is gone, the copy's age is shown.
    await page.getByLabel('Login').fill('gszymanski');
    await page.getByLabel('Hasło').fill('demo1234');
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 }).toContain('Grzegorz Szymański');
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe('Kopia: dziś');
    await badge.hover();
    await expect.poll(() => page.getByRole('tooltip').textContent(), { timeout: 5_000 }).toMatch(/Ostatnia dobra kopia zapasowa serwera urzędu: .* Kopie serwera trafiają do \(na serwerze\): .*kopie-serwera\./);
    // The workstation's own backup settings are not offered: the server's copies are set on the server.
    await page.getByText('Kopie zapasowe: dane urzędu przechowuje serwer').waitFor();
    await page.getByText('Kopie zapasowe: dane urzędu przechowuje serwer').scrollIntoViewIfNeeded();
    await shot('38b-serwer-ustawienia-bez-kopii-stanowiska');
    expect(await page.getByLabel('Kopia codziennie od godziny').count()).toBe(0);
    await shotAtDeskSizes(page, '38-serwer-kopia-dzis');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

