// @ts-check
/**
 * ESLint (flat config): typescript-eslint's strict type-checked rules, and the import
 * boundaries between the top-level folders (DESIGN.md "Parts and layout", STYLE.md rule 1).
 *
 * A boundary is a `no-restricted-imports` list per folder. Each forbidden folder is caught in
 * both spellings: the `#folder/…` subpath import and a relative `../…/folder/…` climb. The
 * TypeScript variant of the rule is used because it can allow `import type` selectively
 * (the renderer may know the contract's types without bundling the schemas).
 */
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// ---------------------------------------------------------------------------------------------
// Boundary building blocks

/** @typedef {{ regex: string, caseSensitive: true, message: string, allowTypeImports?: boolean }} Pattern */

/**
 * Forbids importing `folder` (both as `#folder/…` and by a relative climb), except the
 * subpaths matched by `except` (a regex fragment after `folder/`).
 * @param {string} folder
 * @param {string} why
 * @param {{ except?: string, allowTypeImports?: boolean }} [opts]
 * @returns {Pattern[]}
 */
function forbid(folder, why, opts = {}) {
  const rest = opts.except ? `(?!${opts.except})` : '';
  const message = `${folder}/ is off limits here: ${why}`;
  return [
    { regex: `^#${folder}/${rest}`, caseSensitive: true, message, ...(opts.allowTypeImports ? { allowTypeImports: true } : {}) },
    { regex: `^(\\.\\./)+${folder}/${rest}`, caseSensitive: true, message: `${message} (and use #${folder}/… rather than ../ paths)` },
  ];
}

/** Node's built-in modules, with or without the `node:` prefix. */
const nodeBuiltins = {
  regex: `^(node:.*|${builtinModules.map((m) => m.replace(/[/\\^$.*+?()[\]{}|]/g, '\\$&')).join('|')})$`,
  caseSensitive: /** @type {const} */ (true),
  message: 'The renderer runs in a sandboxed page: no Node modules. Ask the services through the API client.',
};

/**
 * The Electron package: only electron/ may use it. Elsewhere it is either wrong (a service
 * must also run in browser mode, where there is no Electron) or impossible (requiring it in
 * plain Node tries to download the binary, TECH-NOTES "Electron here").
 */
const electronPackage = {
  regex: '^electron(/.*)?$',
  caseSensitive: /** @type {const} */ (true),
  message: 'Only electron/ may import electron: services run in browser mode too, and plain Node cannot load it.',
};

// Nothing imports the renderer: it is a leaf that talks to everything through the contract.
const NOT_RENDERER = forbid('renderer', 'nothing depends on the UI; it depends on the contract.');
// Dependencies point from the shell to the services (electron → core), never back.
const NOT_ELECTRON = [electronPackage, ...forbid('electron', 'the shell depends on the services, not the other way round.')];
// The tests, the CLI and the browser-mode backend are composition roots: nothing builds on them.
const NOT_TESTS = forbid('tests', 'production code never depends on test helpers.');
const NOT_CLI = forbid('cli', 'the CLI is an entry point, not a library.');
const NOT_BACKEND = forbid('backend', 'the backend process wires the services together; the services do not know it.');
const NOT_SERVER = forbid('server', 'the central server is a separate program; share code through core/ rules and sync/protocol.');

/**
 * The core modules the central server may import (regex fragments after `core/`): pure rules
 * and data with no database, no services and no I/O — the API contract's zod schemas, the
 * identifier, time, numbering, deadline and case-sign rules, JRWA parsing, text folding, the
 * event-chain encoding, the error and string catalogues, and the demo office's data.
 */
const SERVER_SHARED_CORE = [
  'contract$',
  'identifiers$',
  'tracking$',
  'time$',
  'checkResult$',
  'errors$',
  'numbering/',
  'deadlines/',
  'text/',
  'i18n/',
  'events/canonical$',
  'jrwa/import$',
  'scans/inspect$',
  'jrwa/demo-jrwa\\.json$',
  'cases/(?:caseSign|status|substitution|dekretacja)$',
  'decisions/(?:prefill|approvalPath|templates|defaultTemplates)$',
  'intake/correction$',
  'demo/office$',
  'settings$',
  // The command engine and every command defined on it: the server applies them, never its own.
  'commands/',
  'intake/duplicates$',
  // One backup file format and copy folder for the workstation and the server.
  'backup/',
  'register/numberingCheck$',
  'security/password$',
  'security/loginSlowdown$',
];

/**
 * One `no-restricted-imports` setting for the files of one folder.
 * @param {string} folder
 * @param {Pattern[]} patterns
 */
function boundary(folder, patterns) {
  return {
    name: `kancelaria/boundary/${folder}`,
    files: [`${folder}/**/*.{ts,tsx,js,mjs}`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  };
}

const boundaries = [
  // renderer → core/contract (types only) and core/i18n; electron/bridgeTypes (types only).
  // The UI runs in a sandboxed page: no SQL, no files, no Node, no Electron. Everything goes
  // through the typed API client, so browser mode and the desktop shell behave the same.
  boundary('renderer', [
    nodeBuiltins,
    electronPackage,
    ...forbid('core', 'the UI may use core/contract (types) and core/i18n only; everything else runs in the backend process.', {
      except: 'contract$|i18n/',
    }),
    {
      regex: '^#core/contract$',
      caseSensitive: true,
      allowTypeImports: true,
      message: 'Import the contract with `import type`: its zod schemas are validated by the services, not bundled into the page.',
    },
    ...forbid('electron', 'only its types (import type from #electron/bridgeTypes).', { allowTypeImports: true }),
    ...forbid('db', 'SQL runs in the backend process, never in the window.'),
    ...forbid('documents', 'PDFs are built by the services; ask for them through the API client.'),
    ...forbid('signing', 'private keys never enter the renderer.'),
    ...forbid('sync', 'sync runs in the backend process.'),
    ...NOT_SERVER,
    ...NOT_BACKEND,
    ...NOT_CLI,
    ...NOT_TESTS,
  ]),

  // core → db, documents, signing, sync. The domain and application services run under both
  // transports, so they never know the transport (backend/), the shell (electron), the UI or
  // the central server.
  boundary('core', [...NOT_ELECTRON, ...NOT_RENDERER, ...NOT_BACKEND, ...NOT_SERVER, ...NOT_CLI, ...NOT_TESTS]),

  // db is below core: it stores what the services decide. It may share only core's pure
  // helpers (text folding for search, canonical event encoding), never the services.
  boundary('db', [
    // The command engine's read interface and effects are the contract every store implements.
    ...forbid('core', 'the database layer is below the services; only #core/text/*, #core/events/* and the command engine (#core/commands/*) are shared.', {
      except: 'text/|events/|commands/',
    }),
    ...NOT_ELECTRON,
    ...NOT_RENDERER,
    ...NOT_BACKEND,
    ...NOT_SERVER,
    ...NOT_CLI,
    ...NOT_TESTS,
  ]),

  // documents and signing are pure producers (bytes in, bytes out): the services hand them
  // data, so they never read the database or know the process they run in.
  ...['documents', 'signing'].map((folder) =>
    boundary(folder, [
      ...forbid('db', `${folder}/ gets its data from the services, never from the database.`),
      ...NOT_ELECTRON,
      ...NOT_RENDERER,
      ...NOT_BACKEND,
      ...NOT_SERVER,
      ...NOT_CLI,
      ...NOT_TESTS,
    ]),
  ),

  // sync is the client side of the protocol; sync/protocol is shared with server/.
  boundary('sync', [...NOT_ELECTRON, ...NOT_RENDERER, ...NOT_BACKEND, ...NOT_SERVER, ...NOT_CLI, ...NOT_TESTS]),

  // server → pure core modules and sync/protocol only: the central server shares the domain
  // rules and the wire format, nothing of the workstation (its SQLite, its services, its PDFs,
  // its keys). SERVER_SHARED_CORE names the pure modules; handlers, core/services, core/admin
  // and the demo seeder (all of which reach the workstation's database) stay out.
  boundary('server', [
    ...forbid('core', `the server shares only pure core modules (${SERVER_SHARED_CORE.join(', ')}), never handlers or core/services.`, {
      except: `(?:${SERVER_SHARED_CORE.join('|')})`,
    }),
    ...forbid('sync', 'the server shares only the wire format (#sync/protocol).', { except: 'protocol($|/)' }),
    ...forbid('db', "the workstation's SQLite is not the server's database."),
    ...forbid('documents', 'documents are produced on the workstation.'),
    // It reads what a signed decision's file covers (integrity only, no key involved).
    ...forbid('signing', 'signatures are made on the workstation, with keys that never leave it; the server only reads what a signed file covers (#signing/signedOver).', {
      except: 'signedOver$',
    }),
    ...NOT_ELECTRON,
    ...NOT_RENDERER,
    ...NOT_BACKEND,
    ...NOT_CLI,
    ...NOT_TESTS,
  ]),

  // The backend process composes the services for either transport; it is not the shell.
  boundary('backend', [...NOT_ELECTRON, ...NOT_RENDERER, ...NOT_SERVER, ...NOT_CLI, ...NOT_TESTS]),

  // electron → core. The main process only relays: the database, documents, signing and sync
  // live in the backend process (a slow query must not freeze the window), and a static import
  // here would also pull better-sqlite3 into the main bundle.
  boundary('electron', [
    ...forbid('db', 'the main process only relays; SQLite lives in the backend process.'),
    ...forbid('documents', 'the main process only relays; documents are built in the backend process.'),
    ...forbid('signing', 'the main process only relays; keys stay in the backend process.'),
    ...forbid('sync', 'the main process only relays; sync runs in the backend process.'),
    ...forbid('backend', 'the backend is a separate process, reached by messages, not imports.'),
    ...NOT_RENDERER,
    ...NOT_SERVER,
    ...NOT_CLI,
    ...NOT_TESTS,
  ]),

  boundary('cli', [...NOT_ELECTRON, ...NOT_RENDERER, ...NOT_SERVER, ...NOT_TESTS]),
  // Tests and benchmarks may import anything they test, except Electron (not loadable here).
  boundary('tests', [electronPackage]),
  boundary('bench', [electronPackage, ...NOT_RENDERER]),
];

// ---------------------------------------------------------------------------------------------

export default defineConfig(
  globalIgnores(['node_modules/', '.vite/', 'out/', 'dist/', 'renderer/dist/', 'artifacts/', '.tools/', 'bench/.data/', '.profile-dev/']),

  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    name: 'kancelaria/typescript',
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // STYLE rule 11: no any, no floating promises; a suppression needs a written reason.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      // Counts and sizes go into Polish messages all the time; objects and unknowns must not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `onClick={() => setOpen(true)}` is idiomatic React, not a confusing void.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    name: 'kancelaria/renderer-globals',
    files: ['renderer/**/*.{ts,tsx}', 'electron/preload.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Hooks called conditionally or with missing dependencies are the renderer's usual bugs.
    name: 'kancelaria/react-hooks',
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The office reads dates and times in Europe/Warsaw whatever the workstation's clock says:
    // a bare toLocale…String() follows the machine (a laptop set to UTC shows yesterday near
    // midnight). format.ts names the zone once.
    name: 'kancelaria/renderer-dates',
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/format.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]",
          message: 'Daty i godziny pokazuje renderer/format.ts (strefa Europe/Warsaw).',
        },
      ],
    },
  },
  {
    // Plain JavaScript (this file, scripts/, bin/) is not in tsconfig: no type-aware rules.
    name: 'kancelaria/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },

  ...boundaries,

  {
    // Build configuration runs in Node at build time, in no process of the app: it may read
    // any folder it builds (the Electron renderer config wraps the renderer's own).
    name: 'kancelaria/build-config',
    files: ['*.config.ts', '**/vite.config.ts', '**/vite.*.config.ts', 'electron/build/**', 'electron/forge/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
