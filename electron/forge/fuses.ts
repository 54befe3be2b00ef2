/**
 * Switches off Electron features the app does not use, in the packaged executable itself
 * (Electron "fuses", flipped at package time; Forge `postPackage` hook).
 *
 * Each one closes a way to run code with the app's identity and access to the office's data
 * without touching the app: `ELECTRON_RUN_AS_NODE=1 kancelaria.exe evil.js`, NODE_OPTIONS
 * preloading a script, `--inspect` attaching a debugger, or loading app code from a loose
 * folder next to the archive, or from an archive changed after packaging (its integrity is
 * checked against the hash Forge embeds). Cookie encryption protects what Chromium keeps on
 * disk. The renderer is served as app://kancelaria (electron/appProtocol.ts), so file:// pages
 * get no extra privileges.
 */
import { join } from 'node:path';

/** Flips the fuses of the packaged executable in each output folder (Windows and Linux). */
export async function flipSecurityFuses(outputPaths: string[], platform: string, executableName: string): Promise<void> {
  const { flipFuses, FuseV1Options, FuseVersion } = await import('@electron/fuses');
  const binary = platform === 'win32' ? `${executableName}.exe` : platform === 'linux' ? executableName : null;
  if (binary === null) return; // macOS would need re-signing after the change; not a target.
  for (const dir of outputPaths) {
    await flipFuses(join(dir, binary), {
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
    });
  }
}
