/**
 * The renderer's own origin, `app://kancelaria/`: the built files served by the main process
 * from one folder, instead of `file://` pages.
 *
 * Why: a `file://` page's `'self'` is every local file, so `script-src 'self'` would let a page
 * run any script on the disk — a scan or a synced file included — and Electron's "file://
 * extra privileges" fuse has to stay on for it. Under `app://kancelaria` the page's origin holds
 * only the files of the build, the fuse goes off, and `file:` requests from the page are refused.
 *
 * Pure: no Electron here, so what the handler serves is tested in Node
 * (tests/unit/appProtocol.test.ts); electron/appProtocolHandler.ts registers it.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kancelaria';
/** The renderer's page. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Types of what the build holds; anything else is not served. */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

/** What to serve for a request: a file inside `rootDir` and its type, or null (404). */
export function resolveAppRequest(url: string, rootDir: string): { path: string; type: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username !== '' || u.password !== '') return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null; // malformed %-escapes
  }
  // An escaped separator, a backslash or a NUL is never in a name the build made.
  if (path.includes('\\') || path.includes('\0') || /%2f|%5c/i.test(u.pathname) || path.split('/').includes('..')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  const type = TYPES[extname(file).toLowerCase()];
  return type === undefined ? null : { path: file, type };
}
