/**
 * A Forge maker for an NSIS installer, built by electron-builder from the packaged app.
 *
 * electron-forge-maker-nsis (26.x) cannot be used by name with Forge 8: it exports a plain
 * function in the Forge 5 style, so Forge's `new MakerClass(config, platforms)` fails ("is not
 * a constructor"), and it ignores its config anyway (it passes only the output folder to
 * electron-builder). This class is the same call, done as Forge 8 expects, with our options.
 * app-builder-lib is the electron-forge-maker-nsis dependency that does the work.
 */
import { MakerBase, type MakerOptions } from '@electron-forge/maker-base';
import type { ForgePlatform } from '@electron-forge/shared-types';
import type { NsisOptions, WindowsConfiguration } from 'app-builder-lib';
import { join } from 'node:path';

export type MakerNsisConfig = {
  /** Windows AppUserModelID; must match `app.setAppUserModelId` in the main process. */
  appId: string;
  productName: string;
  nsis: NsisOptions;
  win?: WindowsConfiguration;
};

export class MakerNsis extends MakerBase<MakerNsisConfig> {
  name = 'nsis';
  defaultPlatforms: ForgePlatform[] = ['win32'];

  // electron-builder ships makensis for Windows, Linux and macOS; on Linux and macOS it may
  // need Wine to edit the executable's resources.
  override isSupportedOnCurrentPlatform(): boolean {
    return true;
  }

  override async make({ dir, makeDir, targetArch }: MakerOptions): Promise<string[]> {
    const { build, Platform, archFromString } = await import('app-builder-lib');
    const output = join(makeDir, 'nsis', targetArch);
    await this.ensureDirectory(output);
    const artifacts = await build({
      prepackaged: dir,
      targets: Platform.WINDOWS.createTarget(['nsis'], archFromString(targetArch)),
      config: {
        appId: this.config.appId,
        productName: this.config.productName,
        directories: { output },
        // The packaged app already holds the right native addon (see copyNativeModules.ts).
        npmRebuild: false,
        nsis: this.config.nsis,
        ...(this.config.win ? { win: this.config.win } : {}),
      },
      publish: 'never',
    });
    return artifacts.filter((file) => file.endsWith('.exe'));
  }
}
