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
import { copyFile, cp, mkdir, readFile } from 'node:fs/promises';
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

/**
 * Copies packages and every package they depend on at run time into `<buildPath>/node_modules`
 * (the external ones that read their own files: RUNTIME_FILE_PACKAGES). Each is copied whole
 * from where Node resolves it here, so the packaged app loads the same files as development.
 */
export async function copyPackagesWithDependencies(buildPath: string, names: readonly string[]): Promise<string[]> {
  const copied = new Set<string>();
  const queue = names.map((name) => ({ name, from: import.meta.url }));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    // Resolved from the package that needs it, as Node will: a copy nested in its own
    // node_modules came along with it; a hoisted one is copied to the top.
    const source = dirname(createRequire(next.from).resolve(`${next.name}/package.json`));
    if (copied.has(source)) continue;
    copied.add(source);
    const nested = [...copied].some((dir) => dir !== source && source.startsWith(`${dir}/node_modules/`));
    if (!nested) await cp(source, join(buildPath, 'node_modules', next.name), { recursive: true });
    const manifest = JSON.parse(await readFile(join(source, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    queue.push(...Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, from: join(source, 'package.json') })));
  }
  return [...copied].sort();
}
