/**
 * The renderer's Content Security Policy: only our own code.
 *
 * One definition for both shells. Fluent UI inserts style elements at run time, hence
 * `'unsafe-inline'` for styles only; scripts never. Images, fonts and workers may come from
 * blob:/data: because previews of scans and PDFs (pdf.js) are built in memory.
 *
 * This module must stay free of Electron and Node imports: the renderer's Vite config imports
 * it, and it is meant to move to a shared place (core/security/csp.ts) so that the browser-mode
 * bridge (backend/bridge.ts) serves the same policy; the lint boundaries forbid backend/ to
 * import electron/.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  // blob: lets the page read back a PDF it generated (print preview, saving).
  "connect-src 'self' blob:",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy while developing against Vite's dev server.
 *
 * The dev server injects an inline module script (React Refresh's preamble) and keeps a
 * WebSocket open for hot reload; neither exists in a built renderer, so production never
 * gets these relaxations.
 */
export function developmentContentSecurityPolicy(devServerUrl: string): string {
  const origin = new URL(devServerUrl);
  const ws = `${origin.protocol === 'https:' ? 'wss' : 'ws'}://${origin.host}`;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", `script-src 'self' 'unsafe-inline' ${origin.origin}`)
    .replace("connect-src 'self'", `connect-src 'self' ${origin.origin} ${ws}`)
    .replace("default-src 'self'", `default-src 'self' ${origin.origin}`);
}
