import type { Ctx } from '#core/services/context';
import { dispatch } from '#core/services/dispatch';

/** What the Electron main process relays: one call, with an id to match the answer. */
type Relayed = { id: number; method: string; input: unknown; upload?: { fileName: string; bytes: Uint8Array } };

type ParentPort = {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  off(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
};

function parentPort(): ParentPort {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (!port) throw new Error('backend started without --browser outside Electron');
  return port;
}

/** The data key the shell sends first (electron/dataKeyVault.ts): 32 bytes. */
export function dataKeyFromShell(): Promise<Uint8Array> {
  const port = parentPort();
  return new Promise((resolve) => {
    const listener = (e: { data: unknown }) => {
      const key = typeof e.data === 'object' && e.data !== null && 'dataKey' in e.data ? e.data.dataKey : undefined;
      if (!(key instanceof Uint8Array) || key.byteLength !== 32) return;
      port.off('message', listener);
      resolve(new Uint8Array(key));
    };
    port.on('message', listener);
  });
}

/**
 * Serves calls relayed by the Electron main process over the utilityProcess parent port.
 * The main process already checked the sender; the input is validated here, by dispatch.
 */
export function serveUtilityProcess(ctx: Ctx) {
  const port = parentPort();
  // The central server's session: the shell keeps the refresh token (safeStorage) between runs.
  ctx.sync?.keepSessionWith((token) => port.postMessage({ sessionToken: token }));
  ctx.sync?.expectResume();
  port.on('message', (e) => {
    if (typeof e.data === 'object' && e.data !== null && 'resumeSession' in e.data) {
      const token = e.data.resumeSession;
      ctx.sync?.resume(typeof token === 'string' ? token : null);
      return;
    }
    // A PIN or password the shell's own window took: kept for one signing.begin under its handle.
    if (typeof e.data === 'object' && e.data !== null && 'secret' in e.data) {
      const { handle, value } = (e.data.secret ?? {}) as { handle?: unknown; value?: unknown };
      if (typeof handle === 'string' && typeof value === 'string') ctx.signing.secrets.put(handle, value);
      return;
    }
    const msg = e.data as Relayed;
    const upload = msg.upload ? { size: msg.upload.bytes.byteLength, bytes: () => msg.upload?.bytes ?? new Uint8Array() } : undefined;
    void dispatch(ctx, msg.method, msg.input, upload).then((result) => port.postMessage({ id: msg.id, result }));
  });
  port.postMessage({ ready: true });
}
