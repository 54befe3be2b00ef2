/**
 * The Electron main process: one window, the Polish menu, and the relay to the backend.
 *
 * Thin on purpose. The services, the database and the files live in the backend process
 * (electron/backendProcess.ts); this process checks who is calling, relays, and keeps the
 * renderer boxed in (electron/hardening.ts). Built by @electron-forge/plugin-vite into
 * `.vite/build/main.cjs`, next to `preload.cjs` and `backend.cjs`.
 */
import { app, BrowserWindow, dialog, ipcMain, Notification, safeStorage, screen, session, type IpcMainInvokeEvent } from 'electron';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { contract, isMethodName } from '#core/contract';
import { fail } from '#core/errors';
import { APP_ID, PRODUCT_NAME } from './appIdentity';
import { buildAppMenu } from './appMenu';
import { startBackend, type BackendProcess } from './backendProcess';
import { sessionVault } from './sessionVault';
import { loadDataKey } from './dataKeyVault';
import type { CallResult } from './bridgeTypes';
import { documentViewer, type DocumentViewer } from './documentViewer';
import { desktopNotice, noticeLimiter } from './desktopNotice';
import { hardenSession, hardenWebContents } from './hardening';
import { boxedWebPreferences } from './webPreferences';
import { askSecretInWindow } from './secretPrompt';
import { secretRequest } from './secretPromptPage';
import { isRendererUrl, rendererUrl, type RendererLocation } from './rendererLocation';
import { registerAppScheme, serveApp } from './appProtocolHandler';

// Replaced at build time by @electron-forge/plugin-vite, from the renderer named
// "main_window" in forge.config.ts: the dev server's URL under `electron-forge start`
// (undefined in a packaged build) and the renderer's output folder name.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

// The bundle is CommonJS (.vite/build/main.cjs), so __dirname is the build folder.
const buildDir = __dirname;

function locateRenderer(): RendererLocation {
  // A packaged build never loads a URL from the environment: that would hand the bridge,
  // and with it every service, to whatever page the variable names.
  if (!app.isPackaged) {
    const devServer = MAIN_WINDOW_VITE_DEV_SERVER_URL ?? process.env.VITE_DEV_SERVER_URL;
    if (devServer) return { kind: 'devServer', url: devServer };
  }
  return { kind: 'app', rootDir: join(buildDir, '..', 'renderer', MAIN_WINDOW_VITE_NAME) };
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

function main(): void {
  // A second copy would open the same SQLite profile and print with the same counters:
  // hand the focus to the first one instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.setAppUserModelId(APP_ID);
  app.enableSandbox();
  // Before the app is ready, as Electron requires: the renderer's own origin, app://kancelaria.
  registerAppScheme();

  const location = locateRenderer();
  const profileDir = join(app.getPath('userData'), 'profil');
  mkdirSync(profileDir, { recursive: true });
  const shellLog = join(profileDir, 'shell.log');
  const log = (message: string) => {
    const line = `${new Date().toISOString()} ${message}\n`;
    process.stderr.write(line);
    try {
      appendFileSync(shellLog, line);
    } catch {
      // The log is a help, never a reason to stop.
    }
  };

  let mainWindow: BrowserWindow | null = null;
  let backend: BackendProcess | null = null;
  let viewer: DocumentViewer | null = null;

  hardenWebContents(location);

  /**
   * The caller check (STYLE rule 3): only our window's own main frame, showing our own
   * renderer. An iframe, a second window or a page that navigated elsewhere gets nothing.
   */
  const isOurRenderer = (event: IpcMainInvokeEvent): boolean => {
    const win = mainWindow;
    if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
    const frame = event.senderFrame;
    const top = win.webContents.mainFrame;
    if (!frame || frame.parent !== null || frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
    return isRendererUrl(frame.url, location);
  };
  const assertOurRenderer = (event: IpcMainInvokeEvent, channel: string) => {
    if (isOurRenderer(event)) return;
    log(`refused ${channel} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
    throw new Error('Odrzucono wywołanie spoza okna Kancelarii.');
  };
  const services = (): BackendProcess => {
    if (!backend) throw new Error('Usługi programu nie zostały uruchomione.');
    return backend;
  };

  ipcMain.handle('kancelaria:call', async (event, method: unknown, input: unknown): Promise<CallResult<unknown>> => {
    assertOurRenderer(event, 'kancelaria:call');
    if (typeof method !== 'string' || !isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: fail('UNKNOWN_METHOD', { method: String(method) }).message } };
    }
    if (contract[method].kind === 'upload') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Pliki wysyła się przez kancelaria.upload, nie przez call.' } };
    }
    // The input is validated against the contract in the backend (core/services/dispatch).
    return services().call({ method, input });
  });

  ipcMain.handle('kancelaria:upload', async (event, fileName: unknown, bytes: unknown, method: unknown): Promise<CallResult<unknown>> => {
    assertOurRenderer(event, 'kancelaria:upload');
    // Only a method that takes a file: the upload channel is no way around `call`'s checks.
    if (typeof fileName !== 'string' || !(bytes instanceof Uint8Array) || typeof method !== 'string' || !isMethodName(method) || contract[method].kind !== 'upload') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Nieprawidłowy plik do wysłania.' } };
    }
    return services().call({ method, input: { fileName }, upload: { fileName, bytes } });
  });

  // A notice for whoever is at another program: only while the window is not in front.
  const mayNotify = noticeLimiter();
  ipcMain.handle('kancelaria:notify', (event, title: unknown, body: unknown): void => {
    assertOurRenderer(event, 'kancelaria:notify');
    const notice = desktopNotice(title, body);
    const win = mainWindow;
    if (!notice || !win || win.isFocused() || !Notification.isSupported() || !mayNotify()) return;
    const shown = new Notification({ title: notice.title, body: notice.body });
    shown.on('click', () => {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    });
    shown.show();
  });

  ipcMain.handle('kancelaria:openDocument', async (event, fileName: unknown, bytes: unknown): Promise<CallResult<null>> => {
    assertOurRenderer(event, 'kancelaria:openDocument');
    if (typeof fileName !== 'string' || !(bytes instanceof Uint8Array) || !viewer) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Nieprawidłowy dokument do otwarcia.' } };
    }
    return viewer.open(fileName, bytes);
  });

  // A card's PIN or a key file's password: typed in the shell's own window, handed to the
  // backend; the renderer gets only a one-time handle to name it by.
  ipcMain.handle('kancelaria:askSecret', async (event, raw: unknown): Promise<CallResult<{ secret: string } | null>> => {
    assertOurRenderer(event, 'kancelaria:askSecret');
    const request = secretRequest(raw);
    const win = mainWindow;
    if (!request || !win) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Nieprawidłowe zapytanie o PIN lub hasło.' } };
    const value = await askSecretInWindow(win, request, join(buildDir, 'secretPreload.cjs'));
    if (value === null) return { ok: true, value: null };
    const handle = randomUUID();
    services().giveSecret(handle, value);
    return { ok: true, value: { secret: handle } };
  });

  const showAbout = () => {
    const options = {
      type: 'info' as const,
      title: 'O programie',
      message: `${PRODUCT_NAME} ${app.getVersion()}`,
      detail: [
        'Elektroniczne zarządzanie dokumentacją urzędu gminy.',
        '',
        `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node.js ${process.versions.node}`,
        `Profil: ${profileDir}`,
      ].join('\n'),
      buttons: ['OK'],
    };
    const shown = mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
    shown.catch((e: unknown) => log(`about dialog: ${errorMessage(e)}`));
  };

  const createWindow = (): BrowserWindow => {
    const work = screen.getPrimaryDisplay().workAreaSize;
    const win = new BrowserWindow({
      title: PRODUCT_NAME,
      width: Math.min(1440, work.width),
      height: Math.min(900, work.height),
      minWidth: 1100,
      minHeight: 700,
      show: false,
      backgroundColor: '#ffffff',
      webPreferences: { ...boxedWebPreferences(join(buildDir, 'preload.cjs'), { devTools: !app.isPackaged }), safeDialogs: true },
    });
    win.once('ready-to-show', () => win.show());
    win.webContents.on('render-process-gone', (_event, details) => log(`renderer gone: ${details.reason} (${details.exitCode})`));
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    win.loadURL(rendererUrl(location)).catch((e: unknown) => log(`loading the renderer failed: ${errorMessage(e)}`));
    return win;
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    backend?.stop();
    viewer?.cleanUp();
  });

  const start = async () => {
    // The data key first: without the OS keychain the office's data would lie unprotected, and
    // the program does not start (the catch below shows the Polish reason).
    const dataKey = await loadDataKey(profileDir, safeStorage);
    hardenSession(location);
    if (location.kind === 'app') serveApp(session.defaultSession, location.rootDir);
    app.applicationMenu = buildAppMenu({ isPackaged: app.isPackaged, onAbout: showAbout });
    viewer = documentViewer(app.getPath('temp'));

    // The demo office only when asked for (KANCELARIA_DEMO=1, set by `npm start -- --demo`).
    const demo = process.env.KANCELARIA_DEMO === '1';
    const vault = sessionVault(profileDir, log);
    backend = startBackend({
      dataKey,
      sessionToken: vault.load(),
      onSessionToken: (token) => void vault.save(token),
      modulePath: join(buildDir, 'backend.cjs'),
      args: demo ? ['--demo'] : [],
      env: { ...process.env, KANCELARIA_PROFILE: profileDir },
      log,
      onUnexpectedExit: (code) => {
        log(`backend exited unexpectedly with code ${code}`);
        dialog.showErrorBox(
          'Kancelaria — błąd',
          [
            `Usługi programu zatrzymały się nieoczekiwanie (kod ${code}).`,
            'Kancelaria zostanie zamknięta. Dane zapisane wcześniej są bezpieczne; uruchom program ponownie.',
            '',
            `Szczegóły dla administratora: ${join(profileDir, 'kancelaria.log')}`,
          ].join('\n'),
        );
        app.quit();
      },
    });
    backend.ready
      .then((ready) => log(ready ? 'backend ready' : 'backend stopped before it was ready'))
      .catch((e: unknown) => log(`backend: ${errorMessage(e)}`));

    // The window opens while the backend starts; calls made meanwhile wait for it to be ready.
    mainWindow = createWindow();
  };

  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      log(`start-up failed: ${errorMessage(e)}`);
      dialog.showErrorBox('Kancelaria — błąd', `Nie udało się uruchomić programu.\n\n${e instanceof Error ? e.message : String(e)}`);
      app.exit(1);
    });
}

main();
