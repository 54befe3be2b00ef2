import { defineConfig } from 'vitest/config';

// Three suites: unit (pure, fast), integration (real SQLite files, real PDFs and tools),
// e2e (browser mode driven by Chromium). Integration and e2e run one file at a time:
// the machines have two cores and these tests spawn processes of their own.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'core/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // One worker reuses the loaded modules from file to file: importing the application
          // (~2 s of module loading) once instead of once per file. No test mocks modules or
          // changes the environment, and every file opens its own profiles, servers and databases.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
