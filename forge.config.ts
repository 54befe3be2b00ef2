/**
 * Electron Forge 8: how the desktop app is bundled (Vite), packaged and turned into a Windows
 * installer (NSIS). `npm start` runs it where Electron is installed; `npm run make` builds
 * the installer. See docs/electron.md.
 */
import type { ForgeConfig } from '@electron-forge/shared-types';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { APP_ID, PRODUCT_NAME } from './electron/appIdentity.ts';
import { copyBetterSqlite3, copyPackagesWithDependencies } from './electron/forge/copyNativeModules.ts';
import { RUNTIME_FILE_PACKAGES } from './electron/build/nodeBundle.ts';
import { flipSecurityFuses } from './electron/forge/fuses.ts';
import { MakerNsis } from './electron/forge/makerNsis.ts';

const EXECUTABLE = 'kancelaria';

const config: ForgeConfig = {
  packagerConfig: {
    name: PRODUCT_NAME,
    executableName: EXECUTABLE,
    appCopyright: 'Kancelaria',
    // Native addons cannot be loaded from inside an asar archive: keep them beside it.
    asar: { unpack: '**/*.node' },
    win32metadata: {
      CompanyName: PRODUCT_NAME,
      FileDescription: 'Kancelaria — elektroniczne zarządzanie dokumentacją',
      ProductName: PRODUCT_NAME,
    },
  },
  // better-sqlite3's prebuilt addon uses Node-API, which Electron supports without a rebuild;
  // rebuilding would need a C++ compiler and Electron's headers (downloaded) for nothing.
  rebuildConfig: { ignoreModules: ['better-sqlite3'] },
  hooks: {
    // The Vite plugin packages only .vite/: put the one external native module in beside it.
    packageAfterCopy: async (_config, buildPath, _electronVersion, platform, arch) => {
      await copyBetterSqlite3(buildPath, platform, arch);
      await copyPackagesWithDependencies(buildPath, RUNTIME_FILE_PACKAGES);
    },
    // Before any maker runs, so the installer carries the hardened executable.
    postPackage: async (_config, { platform, outputPaths }) => {
      await flipSecurityFuses(outputPaths, platform, EXECUTABLE);
    },
  },
  makers: [
    new MakerNsis(
      {
        appId: APP_ID,
        productName: PRODUCT_NAME,
        nsis: {
          // An assisted installer: the office's IT chooses the folder; per user, so no admin
          // rights are needed (a clerk's account usually has none).
          oneClick: false,
          perMachine: false,
          allowToChangeInstallationDirectory: true,
          language: '1045',
          installerLanguages: ['pl_PL'],
          multiLanguageInstaller: false,
          shortcutName: PRODUCT_NAME,
          createDesktopShortcut: true,
          createStartMenuShortcut: true,
          // The profile holds the office's registers: never delete it with the program.
          deleteAppDataOnUninstall: false,
          artifactName: '${productName}-instalator-${version}.${ext}',
        },
      },
      ['win32'],
    ),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'electron/vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'electron/vite.preload.config.ts', target: 'preload' },
        // The shell's own PIN and password window (electron/secretPrompt.ts): secretPreload.cjs.
        { entry: 'electron/secretPreload.ts', config: 'electron/vite.preload.config.ts', target: 'preload' },
        // The backend process (utilityProcess); the object key names the output: backend.cjs.
        { entry: { backend: 'backend/main.ts' }, config: 'electron/vite.backend.config.ts', target: 'main' },
        // PDF signatures are verified on a worker thread (signing/verifyOffThread.ts): verifyWorker.cjs beside backend.cjs.
        { entry: { verifyWorker: 'signing/verifyWorker.ts' }, config: 'electron/vite.backend.config.ts', target: 'main' },
      ],
      // The renderer's own Vite config, wrapped: see electron/vite.renderer.config.ts.
      renderer: [{ name: 'main_window', config: 'electron/vite.renderer.config.ts' }],
    }),
  ],
};

export default config;
