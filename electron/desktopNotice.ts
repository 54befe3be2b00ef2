/**
 * What the shell shows as a system notification when the window is in the background (a new
 * letter in the tray, a returned draft): two short lines of plain text from the renderer.
 *
 * The renderer shows citizens' data, so its text is bounded and stripped of control characters,
 * and a page gone wrong cannot flood the desktop: at most a few notices a minute. The Web
 * Notification permission stays denied (hardening.ts); the main process shows the notice. Pure
 * functions: no Electron, testable in Node.
 */

const MAX_TITLE = 120;
const MAX_BODY = 300;
// Control characters (line breaks included: a notification has its own two lines) and the
// bidirectional overrides a crafted name could use to make the text read otherwise.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

function clean(value: string, max: number): string {
  const flat = value.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The notice to show, or null when the renderer sent something that is not one. */
export function desktopNotice(title: unknown, body: unknown): { title: string; body: string } | null {
  if (typeof title !== 'string' || typeof body !== 'string' || title.length > 10_000 || body.length > 10_000) return null;
  const t = clean(title, MAX_TITLE);
  return t === '' ? null : { title: t, body: clean(body, MAX_BODY) };
}

/** Allows `perMinute` notices in any sliding minute; the rest are dropped (the in-app toasts remain). */
export function noticeLimiter(perMinute = 6, now: () => number = Date.now): () => boolean {
  const shown: number[] = [];
  return () => {
    const t = now();
    while (shown.length > 0 && (shown[0] ?? 0) <= t - 60_000) shown.shift();
    if (shown.length >= perMinute) return false;
    shown.push(t);
    return true;
  };
}
