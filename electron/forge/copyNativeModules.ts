/**
 * Puts better-sqlite3 into the packaged app (Forge `packageAfterCopy` hook).
 *
 * @electron-forge/plugin-vite packages only the `.vite` folder: everything the bundles import
 * is inside them, except externals, and better-sqlite3 must be external because its native
 * addon cannot be bundled (electron/forge#3738). So it is copied here, trimmed to what runs:
 * `lib/`, `package.json`, the licence, and the one addon for the target platform.
 *
 * better-sqlite3 13 has no run-time dependencies (no `bindings`, no `file-uri-to-path`;
 * `node-addon-api` is only headers for compiling). Its prebuilt addons use Node-API, whose ABI
 * Electron keeps stable, so the prebuilt file runs under Electron without a rebuild; the
 * `rebuildConfig` in forge.config.ts therefore skips it.
 */
import { copyFile, cp, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Copies better-sqlite3 into `<buildPath>/node_modules`, with the addon for platform+arch. */
export async function copyBetterSqlite3(buildPath: string, platform: string, arch: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const target = join(buildPath, 'node_modules', 'better-sqlite3');
  await mkdir(target, { recursive: true });
  await copyFile(join(source, 'package.json'), join(target, 'package.json'));
  await copyFile(join(source, 'LICENSE'), join(target, 'LICENSE'));
  await cp(join(source, 'lib'), join(target, 'lib'), { recursive: true });

  // Same order as better-sqlite3's lib/binding.js: a locally compiled addon wins, but only
  // when it was compiled for the platform we are packaging for.
  const compiled = join(source, 'build', 'Release', 'better_sqlite3.node');
  if (platform === process.platform && arch === process.arch && existsSync(compiled)) {
    await mkdir(join(target, 'build', 'Release'), { recursive: true });
    await copyFile(compiled, join(target, 'build', 'Release', 'better_sqlite3.node'));
    return;
  }
  const prebuilt = join(source, 'prebuilds', `${platform}-${arch}.node`);
  if (!existsSync(prebuilt)) {
    throw new Error(`better-sqlite3 has no prebuilt addon for ${platform}-${arch} (${prebuilt}); build it from source for that target first.`);
  }
  await mkdir(join(target, 'prebuilds'), { recursive: true });
  await copyFile(prebuilt, join(target, 'prebuilds', `${platform}-${arch}.node`));
}
