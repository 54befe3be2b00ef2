import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, resolveAppRequest } from '../../electron/appProtocol';
import { isRendererUrl, rendererUrl, type RendererLocation } from '../../electron/rendererLocation';
import { flipSecurityFuses } from '../../electron/forge/fuses';

// The desktop shell cannot run here (no Electron binary): what it serves as app://kancelaria,
// which pages it treats as its own, and the fuses it flips in the packaged executable are
// checked as data and on a file shaped like Electron's fuse wire.

const root = mkdtempSync(join(tmpdir(), 'kancelaria-app-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app://kancelaria serves the build and nothing else', () => {
  it('the page and its assets, with their types', () => {
    expect(resolveAppRequest(APP_INDEX_URL, root)).toEqual({ path: join(root, 'index.html'), type: 'text/html; charset=utf-8' });
    expect(resolveAppRequest('app://kancelaria/', root)?.path).toBe(join(root, 'index.html'));
    expect(resolveAppRequest('app://kancelaria/assets/index-abc.js?v=1', root)).toEqual({ path: join(root, 'assets', 'index-abc.js'), type: 'text/javascript; charset=utf-8' });
  });

  it('no way out of the folder, no other host, no file types the build does not make', () => {
    const refused = [
      'app://kancelaria/%2e%2e/%2e%2e/etc/passwd',
      'app://kancelaria/assets/..%2f..%2fsecret.js',
      'app://kancelaria/assets%5c..%5c..%5csecret.js',
      'app://kancelaria/index.html%00.js',
      'app://kancelaria/%E0%A4%A',
      'app://inny/index.html',
      'app://x:y@kancelaria/index.html',
      'file:///etc/passwd',
      'app://kancelaria/profil/kancelaria.sqlite',
      'app://kancelaria/skan.pdf',
      'not a url',
    ];
    for (const url of refused) expect(resolveAppRequest(url, root), url).toBeNull();
    // URL parsing already folds "/../" away: what remains stays inside the folder.
    const folded = resolveAppRequest('app://kancelaria/assets/../../../etc/x.js', root);
    expect(folded?.path).toBe(join(root, 'etc', 'x.js'));
  });
});

describe('which page is ours (the IPC caller check and the navigation guard)', () => {
  const built: RendererLocation = { kind: 'app', rootDir: root };
  it('the built renderer is app://kancelaria/index.html, with any # or ?', () => {
    expect(rendererUrl(built)).toBe('app://kancelaria/index.html');
    expect(isRendererUrl('app://kancelaria/index.html#/pisma', built)).toBe(true);
    expect(isRendererUrl('app://kancelaria/index.html?x=1', built)).toBe(true);
  });
  it('a file:// page, another app:// host or path, or the dev server is not', () => {
    for (const url of [`file://${root}/index.html`, 'app://inny/index.html', 'app://kancelaria/assets/index-abc.js', 'app://u@kancelaria/index.html', 'http://localhost:5173/', 'javascript:alert(1)']) {
      expect(isRendererUrl(url, built), url).toBe(false);
    }
  });
  it('in development, only the dev server’s origin', () => {
    const dev: RendererLocation = { kind: 'devServer', url: 'http://localhost:5173/' };
    expect(isRendererUrl('http://localhost:5173/#/sprawy', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl('app://kancelaria/index.html', dev)).toBe(false);
  });
});

describe('the fuses flipped in the packaged executable', () => {
  it('no run-as-node, NODE_OPTIONS or --inspect; the asar only, its integrity checked; no file:// privileges; cookies encrypted', async () => {
    // Electron's fuse wire: a sentinel, version 1, its length, one byte per fuse ('0' off, '1' on),
    // here with Electron's defaults.
    const dir = mkdtempSync(join(tmpdir(), 'kancelaria-fuses-'));
    const defaults = '101100011';
    writeFileSync(join(dir, 'kancelaria'), Buffer.concat([Buffer.alloc(4096, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, defaults.length]), Buffer.from(defaults), Buffer.alloc(4096, 7)]));
    await flipSecurityFuses([dir], 'linux', 'kancelaria');
    const bytes = readFileSync(join(dir, 'kancelaria'));
    const at = bytes.indexOf('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX') + 32 + 2;
    const wire = bytes.subarray(at, at + defaults.length).toString('latin1');
    rmSync(dir, { recursive: true, force: true });
    const names = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges', 'WasmTrapHandlers'];
    expect(Object.fromEntries(names.map((n, i) => [n, wire[i] === '1']))).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      WasmTrapHandlers: true,
    });
  });
});
