/**
 * Where the renderer is loaded from, and whether a URL is that place.
 *
 * The IPC sender check and the navigation guard both ask this question; an answer of "yes"
 * lets a page call every service, so it is strict: the exact built index.html, or the exact
 * origin of the Vite dev server in development. Pure: no Electron, testable in Node.
 */
import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from './appProtocol';

/** The built renderer served as `app://kancelaria/` from `rootDir` (electron/appProtocol.ts), or the Vite dev server. */
export type RendererLocation =
  | { kind: 'app'; rootDir: string }
  | { kind: 'devServer'; url: string };

/** The URL to load the renderer from. */
export function rendererUrl(location: RendererLocation): string {
  return location.kind === 'app' ? APP_INDEX_URL : location.url;
}

/** Whether `url` (a frame's URL or a navigation target) is our renderer, ignoring `#` and `?`. */
export function isRendererUrl(url: string, location: RendererLocation): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'devServer') {
    const dev = new URL(location.url);
    return (target.protocol === 'http:' || target.protocol === 'https:') && target.origin === dev.origin;
  }
  // Our page, and only the page: index.html on our own scheme and host.
  return target.protocol === `${APP_SCHEME}:` && target.host === APP_HOST && target.username === '' && target.password === '' && (target.pathname === '/index.html' || target.pathname === '/');
}
