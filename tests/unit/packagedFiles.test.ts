import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyPackagesWithDependencies } from '#electron/forge/copyNativeModules';
import { RUNTIME_FILE_PACKAGES } from '#electron/build/nodeBundle';

// The desktop build cannot be packaged here (no Electron binary), so the part of packaging that
// decides whether OCR runs on a desk is checked on its own: the external packages land in the
// app's node_modules with everything they load, resolvable from there alone.
describe('packaging the packages that read their own files at run time', () => {
  const app = mkdtempSync(join(tmpdir(), 'pakiet-'));
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('copies tesseract.js with its wasm core, its worker script and the Polish model, and their dependencies', async () => {
    await copyPackagesWithDependencies(app, RUNTIME_FILE_PACKAGES);
    const inApp = createRequire(join(app, 'index.js'));
    const tesseract = dirname(inApp.resolve('tesseract.js/package.json'));
    expect(tesseract.startsWith(app)).toBe(true);
    expect(existsSync(join(tesseract, 'src', 'worker-script', 'node', 'index.js'))).toBe(true);
    const core = dirname(createRequire(join(tesseract, 'package.json')).resolve('tesseract.js-core/package.json'));
    expect(core.startsWith(app)).toBe(true);
    expect(existsSync(join(core, 'tesseract-core-simd-lstm.wasm'))).toBe(true);
    expect(existsSync(join(dirname(inApp.resolve('@tesseract.js-data/pol/package.json')), '4.0.0_best_int', 'pol.traineddata.gz'))).toBe(true);
    // Every run-time dependency of tesseract.js resolves inside the app.
    for (const dep of ['bmp-js', 'is-url', 'node-fetch', 'regenerator-runtime', 'wasm-feature-detect', 'zlibjs']) {
      expect(dirname(createRequire(join(tesseract, 'package.json')).resolve(`${dep}/package.json`)).startsWith(app), dep).toBe(true);
    }
  }, 60_000);
});
