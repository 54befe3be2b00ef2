/**
 * Shared Vite settings for the two Node-side bundles (main process, backend process).
 *
 * Only what @electron-forge/plugin-vite does not already set: it makes `electron` and the
 * Node built-ins external, emits CommonJS into .vite/build and names the file after the entry.
 */
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin, UserConfig } from 'vite';

/** Packages that must be `require`d from node_modules at run time, never bundled. */
export const NATIVE_EXTERNALS = ['better-sqlite3', 'pkcs11js'];
/**
 * Packages that find their own files at run time (tesseract.js starts its worker script by path,
 * loads the wasm core and the Polish model from node_modules): bundled they would not find them,
 * so they stay external and forge.config.ts copies them with their dependencies.
 */
export const RUNTIME_FILE_PACKAGES = ['tesseract.js', '@tesseract.js-data/pol'];

export function nodeBundle(): UserConfig {
  return {
    build: {
      // Stack traces in the logs should name real functions; size does not matter here.
      minify: false,
      rollupOptions: { external: [...NATIVE_EXTERNALS, ...RUNTIME_FILE_PACKAGES] },
    },
    plugins: [commonJsImportMetaUrl()],
  };
}

/**
 * Gives `import.meta.url` its Node meaning in a CommonJS bundle: the bundle file's own URL.
 *
 * Without it the bundler leaves `{}.url` (undefined) in CommonJS output, and Vite's asset
 * handling turns `new URL('./fonts/x.ttf', import.meta.url)` into a base64 `data:` URL that
 * `fs.readFile` cannot read. Rewritten before Vite's own plugins see the pattern, the URL is
 * resolved at run time against the bundle, next to which copyBesideBundle puts the files.
 */
export function commonJsImportMetaUrl(): Plugin {
  return {
    name: 'kancelaria:commonjs-import-meta-url',
    enforce: 'pre',
    transform(code, id) {
      if (!code.includes('import.meta.url') || id.includes('/node_modules/')) return null;
      return {
        code: code.replaceAll('import.meta.url', 'require("node:url").pathToFileURL(__filename).href'),
        map: null,
      };
    },
  };
}

/**
 * Copies folders the bundled code reads at run time (via `new URL('./x', import.meta.url)`)
 * into the build output, so the same relative URL finds them next to the bundle.
 */
export function copyBesideBundle(folders: { from: string; to: string }[]): Plugin {
  let root = process.cwd();
  let outDir = '.vite/build';
  return {
    name: 'kancelaria:copy-beside-bundle',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = config.build.outDir;
    },
    writeBundle() {
      for (const { from, to } of folders) {
        cpSync(resolve(root, from), resolve(root, outDir, to), { recursive: true });
      }
    },
  };
}
