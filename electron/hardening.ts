/**
 * The shell's defences around the renderer (Electron's security checklist, applied).
 *
 * The renderer shows letters from citizens: a scan's file name or a party's address is data
 * we do not control. If a flaw ever let such data run as script, these measures keep it inside
 * the window: it cannot navigate elsewhere, open windows, embed pages, use devices, load code
 * from anywhere but our bundle, or reach the network.
 */
import { app, session, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, developmentContentSecurityPolicy } from '#core/security/csp';
import { isRendererUrl, type RendererLocation } from './rendererLocation';
import { APP_HOST, APP_SCHEME } from './appProtocol';

/** Session-wide measures: CSP header, no permissions, no network beyond our own files. */
export function hardenSession(location: RendererLocation, ses: Session = session.defaultSession): void {
  const csp = location.kind === 'devServer' ? developmentContentSecurityPolicy(location.url) : CONTENT_SECURITY_POLICY;
  const devOrigin = location.kind === 'devServer' ? new URL(location.url) : null;

  // The header is the CSP's primary delivery (app:// answers carry it too, electron/appProtocolHandler.ts);
  // the built index.html also has it in a <meta> tag.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });

  // Nothing the renderer needs lives on the network: the services run in the backend process
  // and the central server is reached from there. Only our files (and, in development, the
  // Vite dev server) may be requested.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !mayRequest(details.url, devOrigin) });
  });

  // Camera, microphone, geolocation, notifications, HID, serial, USB …: none is needed.
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function mayRequest(raw: string, devOrigin: URL | null): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // Our own origin (app://kancelaria); never file:, so no file on the disk is the page's to load.
  if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST;
  if (['data:', 'blob:', 'devtools:'].includes(url.protocol)) return true;
  // The dev server: its pages over http, its hot-reload socket over ws, on the same host:port.
  return devOrigin !== null && url.hostname === devOrigin.hostname && url.port === devOrigin.port;
}

/**
 * Per-page measures, applied to every WebContents as it is created (the main window, and
 * anything a flaw might manage to create).
 */
export function hardenWebContents(location: RendererLocation): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // Navigation: only a reload of our own page (same URL); a dropped file or a link would
    // otherwise replace the application with a document that has the bridge.
    contents.on('will-navigate', (event) => {
      if (!isRendererUrl(event.url, location)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isRendererUrl(event.url, location)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
