/**
 * The preload script: exposes `window.kancelaria`, and nothing else, to the renderer.
 *
 * Runs sandboxed with context isolation, so it can use only `contextBridge` and `ipcRenderer`.
 * Each function forwards to one fixed channel; the renderer never sees `ipcRenderer` itself,
 * so it cannot send on any other channel. The main process checks the caller on every call.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { KancelariaBridge } from './bridgeTypes';

// ipcRenderer.invoke answers `any`; the main process's handlers fix the real shape, and the
// renderer's client types it from the contract.
function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  return ipcRenderer.invoke(channel, ...args) as Promise<T>;
}

const bridge = {
  call: (method, input) => invoke('kancelaria:call', method, input),
  upload: async (file, method) => {
    // Read here, not in the main process: the File object lives only in this renderer.
    const bytes = new Uint8Array(await file.arrayBuffer());
    return invoke('kancelaria:upload', file.name, bytes, method);
  },
  openDocument: (fileName, bytes) => invoke('kancelaria:openDocument', fileName, bytes),
  notify: (title, body) => invoke('kancelaria:notify', title, body),
  askSecret: (request) => invoke('kancelaria:askSecret', request),
  mode: 'electron',
} satisfies KancelariaBridge;

contextBridge.exposeInMainWorld('kancelaria', bridge);
