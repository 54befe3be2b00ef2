/**
 * Opens the shell's own PIN and password window (see secretPromptPage.ts) over the main window
 * and answers what was typed, or null when it was cancelled or closed. The value goes from
 * here to the backend only; it is never logged, never sent to the renderer.
 */
import { BrowserWindow, ipcMain, type IpcMainEvent } from 'electron';
import { SECRET_MAX, secretPageUrl, secretTexts, secretWindowOptions, type SecretRequest } from './secretPromptPage';

export function askSecretInWindow(parent: BrowserWindow, request: SecretRequest, preloadPath: string): Promise<string | null> {
  return new Promise((resolve) => {
    const win = new BrowserWindow({ ...secretWindowOptions(preloadPath, secretTexts[request.kind].title), parent });
    win.removeMenu();
    // Screen sharing and recording tools do not see the PIN being typed (Windows, macOS).
    win.setContentProtection(true);
    let done = false;
    const finish = (value: string | null) => {
      if (done) return;
      done = true;
      ipcMain.removeListener('kancelaria:secret', onAnswer);
      if (!win.isDestroyed()) win.destroy();
      resolve(value);
    };
    // Only this window's own page may answer, and only with a bounded string.
    function onAnswer(event: IpcMainEvent, value: unknown) {
      if (event.sender !== win.webContents) return;
      finish(typeof value === 'string' && value !== '' && value.length <= SECRET_MAX ? value : null);
    }
    ipcMain.on('kancelaria:secret', onAnswer);
    win.on('closed', () => finish(null));
    win.once('ready-to-show', () => win.show());
    win.loadURL(secretPageUrl(request)).catch(() => finish(null));
  });
}
