/**
 * Vite config for the main process bundle (.vite/build/main.cjs).
 *
 * @electron-forge/plugin-vite merges this into its own main-process config, which already
 * makes `electron` and the Node built-ins external and emits CommonJS. `#core/*` imports
 * resolve through package.json "imports", which Vite reads itself.
 */
import { defineConfig } from 'vite';
import { nodeBundle } from './build/nodeBundle.ts';

export default defineConfig(nodeBundle());
