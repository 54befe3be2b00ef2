import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { signPdf } from '#signing/pades';
import { appendUpdate, openRevision } from '#signing/pdfIncremental';
import { loadPkcs12 } from '#signing/pkcs12';
import { issueSigner, makeTestPki, type TestPki } from '#tests/support/certificates';
import { makeTrustedList } from '#tests/support/trustedList';
import { onePagePdf } from '#tests/support/pdfs';
import { ARTIFACTS, launchBrowser, newOfficePage, seriousA11yViolations, shotAtDeskSizes, startApp, type RunningApp } from './app';
import { IntakePage } from './pages/IntakePage';

// A registry clerk picks signed PDFs from the scanner folder and reads the verdicts: a
// resident's genuine signature from a CA the office has not configured is "nierozstrzygnięty"
// (not "NIEWAŻNY"), and a document whose page was changed after signing is "NIEWAŻNY" with the
// change and the page named.

const application = (text: string) => onePagePdf(text, { objectStreams: false });

describe('a registry clerk reads the verdicts on signed PDFs', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    pki = makeTestPki();
    app = await startApp();
    const users = await app.call<{ id: string; login: string }[]>('session.demoUsers', {});
    await app.call('session.signIn', { userId: users.find((u) => u.login === 'gszymanski')?.id });
    const settings = await app.call<Record<string, unknown>>('admin.settings', {});
    // The stray CA's root by hand; the office's own CA only through the trusted list (below).
    await app.call('admin.updateSettings', { ...settings, scanFolder: app.scanDir, trustedRootsPem: [pki.root.pem] });
    await app.call('session.signOut', {});

    // A resident signed with a certificate from a CA the office does not know.
    const stranger = loadPkcs12(pki.untrusted.p12, pki.untrusted.password);
    const resident = await signPdf(await application('Wniosek o dowod osobisty'), stranger, { name: stranger.certificate.label, signingTime: new Date() });
    // A decision signed by the office, then drawn over by an update nobody signed.
    const head = loadPkcs12(pki.rsa.p12, pki.rsa.password);
    const signed = await signPdf(await application('Decyzja: kwota 100 PLN'), head, { name: head.certificate.label, signingTime: new Date() });
    const revision = await openRevision(signed);
    const first = revision.doc.getPages()[0];
    if (first === undefined) throw new Error('no page');
    first.drawText('000', { x: 300, y: 760, size: 16 });
    const forged = appendUpdate(revision, [first.ref], []).bytes;
    // A resident's qualified signature (a qualified certificate under the list's CA/QC service).
    const qesSigner = issueSigner(pki, 'qes', 'Bożena Kwalifikowana', { qualified: true });
    const qes = loadPkcs12(qesSigner.p12, qesSigner.password);
    const qualifiedLetter = await signPdf(await application('Wniosek o zasilek'), qes, { name: qes.certificate.label, signingTime: new Date() });
    writeFileSync(join(ARTIFACTS, 'lista-zaufanych-test.xml'), makeTrustedList(pki, [
      { type: 'CA/QC', name: 'Test CA Kwalifikowane Łódź', certificatePem: pki.intermediate.pem, history: [{ status: 'granted', since: '2020-01-01T00:00:00Z' }] },
    ]));
    const minuteAgo = new Date(Date.now() - 60_000);
    for (const [name, bytes] of [['wniosek-podpisany.pdf', resident], ['decyzja-zmieniona.pdf', forged], ['wniosek-kwalifikowany.pdf', qualifiedLetter]] as const) {
      const file = join(app.scanDir, name);
      writeFileSync(file, bytes);
      utimesSync(file, minuteAgo, minuteAgo);
    }
    browser = await launchBrowser();
    page = await newOfficePage(browser);
  });

  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (app as RunningApp | undefined)?.stop();
    const dir = (pki as TestPki | undefined)?.dir;
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('the administrator imports the trusted list: its signature checked and its signer shown first', async () => {
    await page.goto(`${app.url}#token=${app.token}`);
    await page.locator('[data-login="gszymanski"]').click();
    await page.getByRole('button', { name: 'Administracja' }).click();
    await page.getByText('Nie zaimportowano jeszcze listy zaufanych usług.').waitFor();
    await page.getByLabel('Wybierz plik listy zaufanych usług (XML)…').setInputFiles(join(ARTIFACTS, 'lista-zaufanych-test.xml'));
    await page.getByText('Podpis listy się zgadza').waitFor();
    expect(await page.getByText(/Lista PL nr 77, wydana .*: usług 1, w tym kwalifikowanych urzędów certyfikacji 1/).count()).toBe(1);
    await page.getByRole('button', { name: 'Importuj tę listę' }).click();
    await page.getByText('Zaimportowano listę zaufanych usług').waitFor();
    await page.getByText(/Obecna lista: PL, nr 77/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByText('Zaimportowano listę zaufanych usług').scrollIntoViewIfNeeded();
    await shotAtDeskSizes(page, '40-lista-zaufanych-uslug');
    await page.getByRole('button', { name: 'Wyloguj' }).click();
  });

  it('shows "nierozstrzygnięty" for an unknown issuer and "NIEWAŻNY" with the changed page, each check on request', async () => {
    await page.locator('[data-login="akowalska"]').click();
    const intake = new IntakePage(page);
    await intake.heading.waitFor();

    await expect.poll(() => intake.inboxButton('wniosek-podpisany.pdf').isEnabled(), { timeout: 10_000 }).toBe(true);
    await intake.inboxButton('wniosek-podpisany.pdf').click();
    const open = page.locator('[data-signature-verdict="INDETERMINATE"]');
    await open.waitFor();
    expect(await open.textContent()).toMatch(/nie można potwierdzić ważności: podpis nienaruszony, ale wystawca certyfikatu nieznany/);
    expect(await open.textContent()).not.toMatch(/NIEWAŻNY/);

    await intake.inboxButton('decyzja-zmieniona.pdf').click();
    const failed = page.locator('[data-signature-verdict="TOTAL_FAILED"]');
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(/NIEWAŻNY: dokument zmieniono po podpisaniu w sposób niedozwolony: zmieniono treść strony 1/);
    expect(await failed.getByRole('list', { name: 'Zmiany w pliku po złożeniu podpisu' }).textContent()).toMatch(/niedozwolone: zmieniono treść strony 1/);

    await failed.getByRole('button', { name: 'Pokaż szczegóły sprawdzenia' }).click();
    const steps = failed.getByRole('list', { name: 'Sprawdzenia podpisu' });
    expect(await steps.textContent()).toMatch(/✓ Nienaruszalność podpisanej treści: podpisane bajty są takie jak w chwili podpisu/);
    expect(await steps.textContent()).toMatch(/✗ Zmiany po podpisaniu: dokument zmieniono po podpisaniu w sposób niedozwolony/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await failed.scrollIntoViewIfNeeded();
    await shotAtDeskSizes(page, '39-werdykty-podpisow');

    // With the trusted list imported, a qualified certificate under its CA: a qualified signature.
    await intake.inboxButton('wniosek-kwalifikowany.pdf').click();
    const passed = page.locator('[data-signature-verdict="TOTAL_PASSED"]');
    await passed.waitFor();
    expect(await passed.textContent()).toMatch(/Bożena Kwalifikowana.* — ważny \(podpis kwalifikowany\).*ważny podpis kwalifikowany: dokument nie był zmieniany po podpisaniu/);
  });
});
