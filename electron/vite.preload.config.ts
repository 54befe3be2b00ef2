/**
 * Vite config for the preload script (.vite/build/preload.cjs).
 *
 * A sandboxed preload can `require` only `electron` (and a few web-safe modules), so the
 * script must be one self-contained file: plugin-vite's preload config already emits a single
 * CommonJS chunk with `electron` external. The preload imports nothing but types besides.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    // Readable in the devtools of a development build; it is a few dozen lines either way.
    minify: false,
  },
});
