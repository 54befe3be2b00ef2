import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { edoreczeniaEvidenceXml, signEpuap } from '#tests/support/epuap';
import { officePageAs, seriousA11yViolations, shotAtDeskSizes, startApp, type RunningApp } from './app';

// The registry drops the e-Doręczenia "dowód otrzymania" the gateway saved onto the Wysyłka
// screen: the letter it names is found, the provider's seal checked, the delivery recorded.

describe('the registry records an electronic delivery from the provider’s evidence file', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let label: string;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    pki = makeTestPki();
    app = await startApp();
    const users = await app.call<{ id: string; login: string }[]>('session.demoUsers', {});
    await app.call('session.signIn', { userId: users.find((u) => u.login === 'gszymanski')?.id });
    await app.call('admin.updateSettings', { ...(await app.call<Record<string, unknown>>('admin.settings', {})), trustedRootsPem: [pki.root.pem] });
    await app.call('session.signIn', { userId: users.find((u) => u.login === 'akowalska')?.id });
    const party = await app.call<{ id: string }>('parties.create', { kind: 'company', name: 'Spółdzielnia Mieszkaniowa „Łąka”', city: 'Łąka', electronicAddress: 'AE:PL-12345-67890-ABCDE-12' });
    const letter = await app.call<{ label: string }>('outgoing.register', { addresseeId: party.id, subject: 'Wezwanie do uzupełnienia wniosku', channel: 'edoreczenia', dispatchedOn: today });
    label = letter.label;
    await app.call('session.signOut', {});
    ({ browser, page } = await officePageAs(app, 'akowalska'));
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
  });

  it('the dowód otrzymania finds its letter by the number it was sent under and records the day', async () => {
    await page.getByRole('button', { name: 'Wysyłka' }).click();
    await page.getByRole('heading', { name: 'Dowód doręczenia elektronicznego' }).waitFor();
    const evidence = await signEpuap(edoreczeniaEvidenceXml({ event: 'ContentConsignment', at: new Date(Date.now() - 60_000).toISOString(), messageId: 'ADE-2026-000777', senderMessageId: label, recipient: 'AE:PL-12345-67890-ABCDE-12' }), pki, pki.rsa);
    await page.locator('input[type=file][accept*="xml"]').setInputFiles({ name: 'dowod-otrzymania.xml', mimeType: 'application/xml', buffer: Buffer.from(evidence) });
    await page.getByText(new RegExp(`^Zapisano: Dowód otrzymania \\(e-Doręczenia\\) z .* — pismo ${label.replace(/\//g, '\\/')} do Spółdzielnia Mieszkaniowa „Łąka”\\. Podpis XAdES złożył`)).waitFor();
    const row = page.getByRole('row').filter({ hasText: label });
    await row.getByRole('button', { name: `Dowód doręczenia pisma ${label} (PDF)` }).waitFor();
    expect(await row.textContent()).toMatch(/Dowód doręczenia elektronicznego|doręczono/i);
    await shotAtDeskSizes(page, '32-dowod-doreczenia');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
