/**
 * Where the renderer is loaded from, and whether a URL is that place.
 *
 * The IPC sender check and the navigation guard both ask this question; an answer of "yes"
 * lets a page call every service, so it is strict: the exact built index.html, or the exact
 * origin of the Vite dev server in development. Pure: no Electron, testable in Node.
 */
import { pathToFileURL } from 'node:url';

export type RendererLocation =
  | { kind: 'file'; indexPath: string }
  | { kind: 'devServer'; url: string };

/** The URL to load the renderer from. */
export function rendererUrl(location: RendererLocation): string {
  return location.kind === 'file' ? pathToFileURL(location.indexPath).href : location.url;
}

/** Whether `url` (a frame's URL or a navigation target) is our renderer, ignoring `#` and `?`. */
export function isRendererUrl(url: string, location: RendererLocation, platform: NodeJS.Platform = process.platform): boolean {
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
  if (target.protocol !== 'file:' || target.host !== '') return false;
  const expected = new URL(rendererUrl(location));
  let a: string;
  let b: string;
  try {
    a = decodeURIComponent(target.pathname);
    b = decodeURIComponent(expected.pathname);
  } catch {
    return false; // malformed %-escapes: not a URL we produced
  }
  // NTFS paths are case-insensitive, and Chromium may report the drive letter in either case.
  return platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}
