/**
 * The shape of `window.kancelaria`, the one object the preload script exposes.
 *
 * Types only, no Electron import: the renderer's API client imports it with `import type`
 * (`window.kancelaria?: KancelariaBridge`; absent in browser mode, where HTTP is used).
 */
import type { ApiError, MethodInput, MethodName, MethodOutput, MethodsOfKind } from '#core/contract';

/** What every call answers: the same envelope as the browser-mode HTTP bridge's JSON. */
export type CallResult<T> = ({ ok: true; value: T } | { ok: false; error: ApiError }) & {
  /** The backend's data revision after the call: the renderer refreshes what it shows when it moves. */
  revision?: number;
};

/** Methods the renderer may call through `call`; uploads have their own entry point. */
export type CallableMethod = Exclude<MethodName, MethodsOfKind<'upload'>>;

/** The preload's bridge object (Electron shell only). */
export type KancelariaBridge = {
  /**
   * Calls one contract method in the backend process.
   *
   * The main process checks the caller and the method name; the backend validates the input
   * against the contract. `file` methods answer `{ fileName, mime, bytes }` in `value`.
   */
  call<M extends CallableMethod>(method: M, input: MethodInput<M>): Promise<CallResult<MethodOutput<M>>>;
  /**
   * Stages a file through an `upload` method (a scan for the registry, a document for a case's
   * akta); the office's size limit is checked before reading.
   */
  upload<M extends MethodsOfKind<'upload'>>(file: File, method: M): Promise<CallResult<MethodOutput<M>>>;
  /**
   * Opens a generated document (receipt, label sheet, register) in the system's viewer,
   * from which the clerk prints it. Only PDF, CSV and image files are accepted.
   */
  openDocument(fileName: string, bytes: Uint8Array): Promise<CallResult<null>>;
  /** A system notification, shown only while the window is in the background (plain text, bounded). */
  notify(title: string, body: string): Promise<void>;
  /**
   * Asks for a card's PIN or a key file's password in the shell's own window, never in the
   * page. The backend keeps what was typed under the one-time handle answered here (`secret`),
   * for `signing.begin`; null when the person cancelled.
   */
  askSecret(request: { kind: 'pin' | 'password'; about: string }): Promise<CallResult<{ secret: string } | null>>;
  /** Which shell the renderer runs in. */
  readonly mode: 'electron';
};
