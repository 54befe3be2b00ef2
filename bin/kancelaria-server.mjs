#!/usr/bin/env node
// The `kancelaria-server` command (the central server's admin CLI). The project ships
// TypeScript, so this shim registers tsx's ESM loader and then loads server/cliMain.ts.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`Kancelaria wymaga Node.js 22 lub nowszego; uruchomiono ${process.version}. Zainstaluj Node 22 (zob. README).\n`);
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
await import('../server/cliMain.ts');
