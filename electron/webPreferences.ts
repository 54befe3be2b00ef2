/**
 * The settings every window of the shell shares: sandboxed, isolated, without Node anywhere,
 * no webview, no navigation by a dropped file — the main window and the PIN window alike (see
 * docs/electron.md). Pure data, no Electron import, so it is checked in Node.
 */
export function boxedWebPreferences(preload: string, opts: { devTools: boolean }) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    devTools: opts.devTools,
  } as const;
}
