#!/usr/bin/env node
// The `kancelaria` command (admin CLI). The project ships TypeScript, so this shim registers
// tsx's ESM loader and then loads cli/main.ts. Node 22 is required before anything else is
// loaded: on older Node better-sqlite3 crashes the process instead of failing with a message.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`Kancelaria wymaga Node.js 22 lub nowszego; uruchomiono ${process.version}. Zainstaluj Node 22 (zob. README).\n`);
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
await import('../cli/main.ts');
