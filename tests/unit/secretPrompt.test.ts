import { describe, expect, it } from 'vitest';
import { SECRET_PAGE_POLICY, secretPageHtml, secretPageUrl, secretRequest, secretWindowOptions } from '../../electron/secretPromptPage';

// The desktop shell's own PIN window (Electron cannot run here: what it shows and how it is
// boxed in are checked as data).

describe("the shell's PIN and password window", () => {
  it('takes only a known kind and a short plain text about what is signed', () => {
    expect(secretRequest({ kind: 'pin', about: 'Podpisujesz 3 dokumenty\u0007 kluczem:\r\n Katarzyna \u202eZielińska' })).toEqual({ kind: 'pin', about: 'Podpisujesz 3 dokumenty kluczem: Katarzyna Zielińska' });
    expect(secretRequest({ kind: 'password', about: 'x'.repeat(1000) })?.about).toHaveLength(300);
    expect(secretRequest({ kind: 'script', about: 'x' })).toBeNull();
    expect(secretRequest({ kind: 'pin', about: 7 })).toBeNull();
    expect(secretRequest('pin')).toBeNull();
  });

  it('is a page without any script, loading nothing, its text escaped', () => {
    const html = secretPageHtml({ kind: 'pin', about: 'Podpis: <img src=x onerror="alert(1)"> & "cudzysłów"' });
    expect(html).not.toMatch(/<script|<img|javascript:/i);
    expect(html).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62; &#38; &#34;cudzysłów&#34;');
    expect(html).toContain(`content="${SECRET_PAGE_POLICY}"`);
    expect(SECRET_PAGE_POLICY).toMatch(/default-src 'none'/);
    expect(SECRET_PAGE_POLICY).not.toMatch(/script-src/);
    expect(html).toMatch(/<input id="value" type="password" maxlength="200"/);
    expect(html).toContain('PIN karty');
    expect(secretPageHtml({ kind: 'password', about: '' })).toContain('Hasło do pliku z certyfikatem');
    expect(decodeURIComponent(secretPageUrl({ kind: 'pin', about: 'a' }).replace(/^data:text\/html;charset=utf-8,/, ''))).toBe(secretPageHtml({ kind: 'pin', about: 'a' }));
  });

  it('is a modal window boxed in like the main one: sandbox, isolation, no Node, no devtools', () => {
    const o = secretWindowOptions('/app/secretPreload.cjs', 'Kancelaria — PIN karty');
    expect(o).toMatchObject({ modal: true, show: false, resizable: false });
    expect(o.webPreferences).toEqual(
      expect.objectContaining({ preload: '/app/secretPreload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, devTools: false, webviewTag: false }),
    );
  });
});
