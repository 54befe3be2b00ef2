/**
 * The backend process under the desktop shell: an Electron utilityProcess running the bundled
 * backend (backend/main.ts without `--browser`), and the relay of calls to it.
 *
 * SQLite and signing live there, never in this process: a slow query must not freeze the
 * window, and the main process only matches answers to questions by id.
 */
import { utilityProcess } from 'electron';
import type { CallResult } from './bridgeTypes';

/** One relayed call, as backend/utility.ts expects it (minus the id, which is added here). */
export type RelayedCall = {
  method: string;
  input: unknown;
  upload?: { fileName: string; bytes: Uint8Array };
};

export type BackendProcess = {
  /** Resolves true once the backend posted `{ ready: true }`, false if it died first. */
  readonly ready: Promise<boolean>;
  /** Sends one call and resolves with the backend's answer (or a Polish error if it is gone). */
  call(message: RelayedCall): Promise<CallResult<unknown>>;
  /** Leaves a secret the shell's own window took (a PIN) with the backend, under a one-time handle. */
  giveSecret(handle: string, value: string): void;
  /** Stops the backend on purpose: its exit is then not reported as unexpected. */
  stop(): void;
};

export type BackendOptions = {
  modulePath: string;
  /** The data key unsealed from the OS keychain: the backend's first message, before it opens anything. */
  dataKey: Uint8Array;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Called when the backend exits without having been asked to. */
  onUnexpectedExit: (code: number) => void;
  /** The central server's refresh token to keep (null: forget it); see sessionVault.ts. */
  onSessionToken?: (token: string | null) => void;
  /** The token kept from the last run, handed to the backend once it is ready (null: none). */
  sessionToken?: Promise<string | null>;
  log: (message: string) => void;
};

// Not from the core catalogue on purpose: this is the one error the services cannot report
// themselves, because they are the ones that stopped.
const STOPPED: CallResult<never> = {
  ok: false,
  error: { code: 'BACKEND_STOPPED', message: 'Usługi programu nie działają. Zamknij Kancelarię i uruchom ją ponownie.' },
};

type Answer = { id: number; result: CallResult<unknown> };

function isAnswer(message: unknown): message is Answer {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  const result = m.result as Record<string, unknown> | null | undefined;
  return typeof m.id === 'number' && typeof result === 'object' && result !== null && typeof result.ok === 'boolean';
}

function sessionTokenOf(message: unknown): { token: string | null } | null {
  if (typeof message !== 'object' || message === null || !('sessionToken' in message)) return null;
  const token = message.sessionToken;
  return typeof token === 'string' || token === null ? { token } : null;
}

function isReady(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as Record<string, unknown>).ready === true;
}

/** Forks the backend and relays calls to it over the utility process's message port. */
export function startBackend(opts: BackendOptions): BackendProcess {
  const child = utilityProcess.fork(opts.modulePath, opts.args, {
    serviceName: 'Kancelaria — usługi',
    env: opts.env,
    stdio: 'inherit',
  });
  // Over the port, not argv or the environment: another account's `ps` or a crash dump's
  // environment block never shows it. The backend waits for it before opening the profile.
  child.postMessage({ dataKey: opts.dataKey });
  const pending = new Map<number, (result: CallResult<unknown>) => void>();
  let nextId = 1;
  let running = true;
  let stopping = false;

  let markReady: (ready: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => {
    markReady = resolve;
  });

  child.on('message', (message: unknown) => {
    if (isReady(message)) {
      // The backend waits for this answer before it says who is signed in (session.current).
      void (opts.sessionToken ?? Promise.resolve(null)).then((token) => child.postMessage({ resumeSession: token }));
      markReady(true);
      return;
    }
    const kept = sessionTokenOf(message);
    if (kept) {
      opts.onSessionToken?.(kept.token);
      return;
    }
    if (!isAnswer(message)) {
      opts.log(`backend: unexpected message ignored`);
      return;
    }
    const done = pending.get(message.id);
    pending.delete(message.id);
    done?.(message.result);
  });

  child.on('error', (type, location) => opts.log(`backend: ${type} at ${location}`));

  child.once('exit', (code) => {
    running = false;
    markReady(false);
    for (const done of pending.values()) done(STOPPED);
    pending.clear();
    if (!stopping) opts.onUnexpectedExit(code);
  });

  return {
    ready,
    async call(message) {
      if (!(await ready) || !running) return STOPPED;
      const id = nextId++;
      return new Promise<CallResult<unknown>>((resolve) => {
        pending.set(id, resolve);
        child.postMessage({ id, ...message });
      });
    },
    giveSecret(handle, value) {
      if (running) child.postMessage({ secret: { handle, value } });
    },
    stop() {
      stopping = true;
      // SQLite in WAL mode survives a kill: every committed transaction is in the WAL file,
      // and the next start replays it. Nothing is lost that the user saw saved.
      if (running) child.kill();
    },
  };
}
