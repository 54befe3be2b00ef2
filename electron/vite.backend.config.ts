/**
 * Vite config for the backend process bundle (.vite/build/backend.cjs), forked by the main
 * process as an Electron utilityProcess.
 *
 * Built as a second "main" target by @electron-forge/plugin-vite (CommonJS, Node built-ins
 * and `electron` external). better-sqlite3 stays external: its native addon cannot be
 * bundled, and forge.config.ts copies the package into the app (electron/forge#3738).
 * Files the services read at run time next to their source (fonts, migrations) are copied
 * beside the bundle, where their `new URL('./…', import.meta.url)` then points.
 */
import { defineConfig } from 'vite';
import { copyBesideBundle, nodeBundle } from './build/nodeBundle.ts';

const base = nodeBundle();

export default defineConfig({
  ...base,
  plugins: [
    ...(base.plugins ?? []),
    copyBesideBundle([
      { from: 'documents/fonts', to: 'fonts' },
      { from: 'db/migrations', to: 'migrations' },
    ]),
  ],
});
