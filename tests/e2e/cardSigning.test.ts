import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { issueSigner, makeTestPki, type TestPki } from '#tests/support/certificates';
import { makeSoftToken, SOFTHSM_MODULE, type SoftToken } from '#tests/support/softhsm';
import { ARTIFACTS, launchBrowser, newOfficePage, seriousA11yViolations, shotAtDeskSizes, startApp, type RunningApp } from './app';

// A head signs two approved decisions with the qualified certificate on her card (SoftHSM2 as
// the card, its driver allowed for the workstation as IT allows it: KANCELARIA_PKCS11). Browser
// mode has no shell window, so the PIN is typed in the tray's own field here.

const run = promisify(execFile);

describe('a head signs decisions with her card', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let token: SoftToken;
  let ids: string[] = [];
  const year = new Date().getFullYear();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    pki = makeTestPki();
    const card = issueSigner(pki, 'karta', 'Katarzyna Zielińska', { qualified: true });
    token = makeSoftToken([{ id: '01', signer: card, keyFile: join(pki.dir, 'karta.key') }], pki.intermediate.der);
    // The backend process inherits both: where SoftHSM keeps the token, and the allowed driver.
    process.env.KANCELARIA_PKCS11 = SOFTHSM_MODULE;
    app = await startApp();
    const users = await app.call<{ id: string; login: string }[]>('session.demoUsers', {});
    const as = (login: string) => app.call('session.signIn', { userId: users.find((u) => u.login === login)?.id });
    await as('tlukasik');
    const party = (await app.call<{ id: string }[]>('parties.search', { q: 'Żółkiewski', limit: 1 }))[0];
    const caseId = (await app.call<{ id: string }>('cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — Polna 5', deadlineKind: 'kpa35-standard', partyIds: [party?.id] })).id;
    for (const ruling of ['Ustalam warunki zabudowy dla garażu.', 'Ustalam warunki zabudowy dla altany.']) {
      await as('tlukasik');
      const d = await app.call<{ id: string; currentVersion: number; content: Record<string, unknown> }>('decisions.create', { caseId, typeCode: 'WZ' });
      await app.call('decisions.save', { id: d.id, expectedVersion: d.currentVersion, content: { ...d.content, subject: 'budowa garażu na działce nr 7/2', applicationDate: '2026-10-02', ruling, justification: 'Teren spełnia warunki art. 61 ust. 1 ustawy.', date: new Date().toISOString().slice(0, 10), signatoryName: 'Katarzyna Zielińska', signatoryPosition: 'z up. Wójta — Kierownik Referatu' } });
      await app.call('decisions.submit', { id: d.id });
      await as('kzielinska');
      await app.call('decisions.review', { id: d.id, outcome: 'approved' });
      ids.push(d.id);
    }
    await app.call('session.signOut', {});
    browser = await launchBrowser();
    page = await newOfficePage(browser);
  });

  afterAll(async () => {
    delete process.env.KANCELARIA_PKCS11;
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
    (token as SoftToken | undefined)?.remove();
    const dir = (pki as TestPki | undefined)?.dir;
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('the tray offers the card in the reader first; a wrong PIN is refused and nothing is signed', async () => {
    // Opened as the launcher opens the browser: with the one-time code, the token never on a command line.
    await page.goto(`${app.url}#launch=${app.launchCode}`);
    await page.locator('[data-login="kzielinska"]').click();
    expect(page.url()).not.toContain('launch=');
    await page.getByRole('tab', { name: 'Do podpisu (2)' }).click();
    // The card is chosen by itself: its qualified certificate, named as the head knows it.
    const certificate = page.getByRole('combobox', { name: 'Certyfikat na karcie' });
    await certificate.waitFor();
    expect(await page.getByRole('radio', { name: 'Karta kryptograficzna' }).isChecked()).toBe(true);
    expect(await certificate.locator('option:checked').textContent()).toMatch(/^Katarzyna Zielińska — kwalifikowany, Test CA Kwalifikowane Łódź, ważny do \d{2}\.\d{2}\.\d{4} \(Karta testowa\)$/);
    for (const box of await page.getByRole('checkbox', { name: /^Zaznacz Decyzja o warunkach zabudowy/ }).all()) await box.check();
    await shotAtDeskSizes(page, '41a-podpis-karta-wybor');
    await page.getByLabel('PIN karty (nie jest zapisywany)').fill('0000');
    await page.getByRole('button', { name: 'Podpisz zaznaczone (2)' }).click();
    await page.getByText('PIN karty jest nieprawidłowy.', { exact: false }).waitFor();
    // Nothing half-done: both still wait, still ticked.
    expect(await page.getByRole('tab', { name: 'Do podpisu (2)' }).count()).toBe(1);
    expect(await page.getByLabel('PIN karty (nie jest zapisywany)').inputValue()).toBe('');
  });

  it('one PIN signs both; the files are valid qualified signatures for pdfsig', async () => {
    await page.getByLabel('PIN karty (nie jest zapisywany)').fill(token.pin);
    await page.getByRole('button', { name: 'Podpisz zaznaczone (2)' }).click();
    await page.getByText(`Podpisano decyzję nr 2/${String(year)}.`).waitFor();
    await page.getByText(`Podpisano decyzję nr 1/${String(year)}.`).waitFor();
    await page.getByText('Klucz: Katarzyna Zielińska (Test CA Kwalifikowane Łódź) — podpis kwalifikowany.').waitFor();
    await shotAtDeskSizes(page, '41-podpis-karta');
    expect(await seriousA11yViolations(page)).toEqual([]);
    for (const [i, id] of ids.entries()) {
      const res = await fetch(`${app.url}api/decisions.pdf`, { method: 'POST', headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ id }) });
      const file = join(ARTIFACTS, `decyzja-karta-${String(i + 1)}.pdf`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const out = (await run('pdfsig', ['-nssdir', pki.nssDir, file], { encoding: 'utf8' })).stdout;
      expect(out).toContain('Signature Validation: Signature is Valid.');
      expect(out).toContain('Signer Certificate Common Name: Katarzyna Zielińska');
    }
    ids = [];
  });
});
