import type { ApiError, MethodInput, MethodName, MethodOutput, MethodsOfKind, StagedScan } from '#core/contract';
import type { KancelariaBridge } from '#electron/bridgeTypes';

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- merging with the global Window needs an interface
  interface Window {
    kancelaria?: KancelariaBridge;
  }
}

/** A refusal from the services, carrying the Polish message and the stable code. */
export class ApiCallError extends Error {
  readonly code: string;
  readonly fields: Record<string, string>;
  constructor(e: ApiError) {
    super(e.message);
    this.code = e.code;
    this.fields = e.fields ?? {};
  }
}

type Result = ({ ok: true; value: unknown } | { ok: false; error: ApiError }) & { revision?: number };

let revisionSeen: ((revision: number) => void) | null = null;
/** Who hears that the backend's data moved (the query cache, which then refreshes the open screens). */
export function onRevision(listener: (revision: number) => void): void {
  revisionSeen = listener;
}

/**
 * The bearer token of browser mode, kept per tab: from `#token=` in the URL (the address the
 * launcher prints), or exchanged once for the one-time `#launch=` code the launcher hands the
 * system's browser opener (so the token is never on a command line).
 */
async function browserToken(): Promise<string> {
  const hash = window.location.hash;
  const given = /token=([\w-]+)/.exec(hash)?.[1];
  const launch = /launch=([\w-]+)/.exec(hash)?.[1];
  if (given || launch) history.replaceState(null, '', window.location.pathname);
  if (given) sessionStorage.setItem('kancelaria-token', given);
  else if (launch) {
    const res = await fetch('/launch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: launch }) }).catch(() => null);
    const answer = (await res?.json().catch(() => null)) as { ok?: boolean; value?: { token?: string } } | null;
    if (answer?.ok && answer.value?.token) sessionStorage.setItem('kancelaria-token', answer.value.token);
  }
  return sessionStorage.getItem('kancelaria-token') ?? '';
}

const token: Promise<string> = window.kancelaria ? Promise.resolve('') : browserToken();

async function httpPost(path: string, body: BodyInit, contentType: string): Promise<Response> {
  return fetch(path, { method: 'POST', headers: { Authorization: `Bearer ${await token}`, 'Content-Type': contentType }, body });
}

function unwrap(r: Result): unknown {
  if (r.revision !== undefined) revisionSeen?.(r.revision);
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value;
}

const networkError = () => new ApiCallError({ code: 'OFFLINE', message: 'Brak połączenia z usługami Kancelarii. Sprawdź, czy program działa, i spróbuj ponownie.' });

/** Calls a contract method and returns its typed output, or throws ApiCallError. */
export async function call<M extends Exclude<MethodName, MethodsOfKind<'file'> | MethodsOfKind<'upload'>>>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  if (window.kancelaria) return unwrap((await window.kancelaria.call(method, input))) as MethodOutput<M>;
  let res: Response;
  try {
    res = await httpPost(`/api/${method}`, JSON.stringify(input), 'application/json');
  } catch {
    throw networkError();
  }
  return unwrap((await res.json()) as Result) as MethodOutput<M>;
}

/** Fetches a generated file (PDF, CSV, scan) as a Blob. */
export async function fetchFile<M extends MethodsOfKind<'file'>>(method: M, input: MethodInput<M>): Promise<{ blob: Blob; fileName: string }> {
  if (window.kancelaria) {
    const v = unwrap((await window.kancelaria.call(method, input))) as { fileName: string; mime: string; bytes: Uint8Array };
    return { blob: new Blob([v.bytes as Uint8Array<ArrayBuffer>], { type: v.mime }), fileName: v.fileName };
  }
  let res: Response;
  try {
    res = await httpPost(`/api/${method}`, JSON.stringify(input), 'application/json');
  } catch {
    throw networkError();
  }
  if ((res.headers.get('Content-Type') ?? '').startsWith('application/json')) unwrap((await res.json()) as Result);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const fileName = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? 'plik');
  return { blob: await res.blob(), fileName };
}

/** Sends a scan to the blob store; returns what the services made of it. */
/** Stages a file through an upload method: a scan for the registry, a document for a case's akta. */
export async function uploadFile<M extends MethodsOfKind<'upload'>>(file: File, method: M): Promise<MethodOutput<M>> {
  if (window.kancelaria) return unwrap(await window.kancelaria.upload(file, method)) as MethodOutput<M>;
  let res: Response;
  try {
    res = await httpPost(`/api/upload?method=${encodeURIComponent(method)}&fileName=${encodeURIComponent(file.name)}`, file, 'application/octet-stream');
  } catch {
    throw networkError();
  }
  return unwrap((await res.json()) as Result) as MethodOutput<M>;
}

export const uploadScan = (file: File): Promise<StagedScan> => uploadFile(file, 'scans.upload');

/** Opens a PDF for reading and printing: the system viewer under Electron, a new tab otherwise. */
export async function openDocument<M extends MethodsOfKind<'file'>>(method: M, input: MethodInput<M>): Promise<void> {
  const { blob, fileName } = await fetchFile(method, input);
  if (window.kancelaria) {
    unwrap((await window.kancelaria.openDocument(fileName, new Uint8Array(await blob.arrayBuffer()))));
    return;
  }
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves a file to disk through the browser's download (CSV export). */
export async function saveFile<M extends MethodsOfKind<'file'>>(method: M, input: MethodInput<M>): Promise<void> {
  const { blob, fileName } = await fetchFile(method, input);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const mode: 'electron' | 'browser' = window.kancelaria ? 'electron' : 'browser';

/**
 * The PIN or password for signing. In the desktop shell it is typed in the shell's own window
 * and the page gets only a one-time handle (`{ secret }`); null when the person cancelled.
 * In browser mode there is no such window: `{ password }`, as typed in the page's own field.
 */
export async function signingSecret(kind: 'pin' | 'password', about: string, typed: string): Promise<{ secret: string } | { password: string } | null> {
  if (!window.kancelaria) return { password: typed };
  return unwrap(await window.kancelaria.askSecret({ kind, about })) as { secret: string } | null;
}
