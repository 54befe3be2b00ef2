/**
 * Vite config for the renderer when Electron Forge builds or serves it ("main_window").
 *
 * The renderer's own config (renderer/vite.config.ts) is the one browser mode uses; this wraps
 * it with the two things only the desktop build needs:
 * - the output folder the main process loads from (.vite/renderer/main_window): the renderer's
 *   config sets its own outDir (renderer/dist), which would otherwise win over Forge's, and
 *   the packaged app contains only .vite/;
 * - the CSP as a <meta> tag, because the page is a file:// document and Chromium may not apply
 *   response headers to file:// loads (the main process sets the header too).
 */
import { defineConfig, mergeConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import rendererConfig from '../renderer/vite.config.ts';
import { CONTENT_SECURITY_POLICY } from '#core/security/csp';

/** Must equal the renderer's `name` in forge.config.ts (it becomes MAIN_WINDOW_VITE_NAME). */
const RENDERER_NAME = 'main_window';

function cspMetaTag(): Plugin {
  // frame-ancestors is ignored (with a console warning) when delivered by <meta>.
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'kancelaria:csp-meta',
    // Only the built page: the dev server needs an inline script and a WebSocket, and gets a
    // development policy from the main process instead.
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig(
  mergeConfig(rendererConfig, {
    build: {
      outDir: fileURLToPath(new URL(`../.vite/renderer/${RENDERER_NAME}`, import.meta.url)),
      emptyOutDir: true,
    },
    plugins: [cspMetaTag()],
  }),
);
