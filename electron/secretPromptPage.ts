/**
 * The shell's own PIN and password window: what it shows and how it is boxed in. Pure (no
 * Electron import), so its safety is tested in Node; electron/secretPrompt.ts opens it.
 *
 * A card's PIN and a key file's password are typed here, never in the renderer: a flaw in the
 * page (which shows residents' letters) then cannot read them. The page has no script at all —
 * its own preload (secretPreload.ts) reads the field and hands the value to the main process —
 * and a policy that loads nothing from anywhere.
 */
import { boxedWebPreferences } from './webPreferences';

export type SecretRequest = {
  /** A card's PIN, or the password of a .p12/.pfx file. */
  kind: 'pin' | 'password';
  /** What will be signed with it, as the page says it ("3 decyzje — Jan Kowalski, Certum"). */
  about: string;
};

const ABOUT_MAX = 300;
/** The longest PIN or password accepted back (the services take 200 characters). */
export const SECRET_MAX = 200;

/**
 * The request as the page sent it, or null: a kind we know and a short plain text (control and
 * direction-override characters removed, cut to a line or two).
 */
export function secretRequest(raw: unknown): SecretRequest | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { kind, about } = raw as Record<string, unknown>;
  if ((kind !== 'pin' && kind !== 'password') || typeof about !== 'string' || about.length > 10 * ABOUT_MAX) return null;
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const plain = about.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  return { kind, about: plain.length > ABOUT_MAX ? `${plain.slice(0, ABOUT_MAX - 1)}…` : plain };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

/** Loads nothing, runs nothing: inline styles only. */
export const SECRET_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export const secretTexts = {
  pin: { title: 'Kancelaria — PIN karty', label: 'PIN karty', hint: 'PIN nie jest zapisywany; po kilku błędnych próbach karta się zablokuje.' },
  password: { title: 'Kancelaria — hasło do klucza', label: 'Hasło do pliku z certyfikatem', hint: 'Hasło nie jest zapisywane.' },
  sign: 'Podpisz',
  cancel: 'Anuluj',
} as const;

/** The window's page: a form with one masked field and two buttons. */
export function secretPageHtml(request: SecretRequest): string {
  const t = secretTexts[request.kind];
  return `<!doctype html>
<html lang="pl"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SECRET_PAGE_POLICY}">
<title>${escape(t.title)}</title>
<style>
body{font:14px "Segoe UI",system-ui,sans-serif;margin:20px;color:#242424}
p{margin:0 0 12px}label{display:block;font-weight:600;margin-bottom:4px}
input{width:100%;box-sizing:border-box;font-size:16px;padding:6px 8px;border:1px solid #8a8a8a;border-radius:4px}
small{display:block;color:#616161;margin-top:6px}
.buttons{display:flex;gap:8px;justify-content:flex-end;margin-top:16px}
button{font:inherit;padding:6px 16px;border-radius:4px;border:1px solid #8a8a8a;background:#fff}
button[type=submit]{background:#0f6cbd;border-color:#0f6cbd;color:#fff}
</style></head>
<body><form id="secret" autocomplete="off">
<p>${escape(request.about)}</p>
<label for="value">${escape(t.label)}</label>
<input id="value" type="password" maxlength="${String(SECRET_MAX)}" autofocus required spellcheck="false">
<small>${escape(t.hint)}</small>
<div class="buttons"><button type="submit">${escape(secretTexts.sign)}</button><button type="button" id="cancel">${escape(secretTexts.cancel)}</button></div>
</form></body></html>`;
}

/** The page as a URL the window loads (no file on disk, nothing to swap). */
export function secretPageUrl(request: SecretRequest): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(secretPageHtml(request))}`;
}

/**
 * The window's settings: a small modal over the main window, sandboxed, isolated, without
 * Node, devtools or a menu, its own preload only. Typed structurally so this file needs no
 * Electron import; electron/secretPrompt.ts passes it to BrowserWindow.
 */
export function secretWindowOptions(preloadPath: string, title: string) {
  return {
    title,
    width: 420,
    height: 250,
    modal: true,
    show: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: { ...boxedWebPreferences(preloadPath, { devTools: false }), spellcheck: false },
  } as const;
}
