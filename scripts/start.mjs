// `npm start`: the Electron window where its binary is installed, browser mode otherwise —
// and it says which.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function electronInstalled() {
  return existsSync(join(root, 'node_modules', 'electron', 'path.txt'));
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

if (electronInstalled() && process.env.KANCELARIA_BROWSER !== '1') {
  console.log('Kancelaria: tryb aplikacji (Electron).');
  // The demo office only when asked for (`--demo`): a window nobody meant as a demo must not open with known accounts.
  const demo = process.argv.includes('--demo') ? { KANCELARIA_DEMO: '1' } : {};
  const child = spawn(bin('electron-forge'), ['start'], { stdio: 'inherit', cwd: root, env: { ...process.env, ...demo }, shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Kancelaria: Electron nie jest zainstalowany — tryb przeglądarki (usługi lokalne na 127.0.0.1).');
  const index = join(root, 'renderer', 'dist', 'index.html');
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'core', 'i18n')));
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    console.log('Kancelaria: buduję interfejs …');
    const r = spawnSync(bin('vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  // `--demo` and the rest are passed as given: the demo office only when asked for.
  const args = ['backend/main.ts', '--browser', ...process.argv.slice(2)];
  const backend = spawn(bin('tsx'), args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: backend.stdout }).on('line', (line) => {
    try {
      const msg = JSON.parse(line);
      if (msg.ready) {
        const url = `${msg.url}#token=${msg.token}`;
        console.log(`\nKancelaria działa. Otwórz w przeglądarce:\n\n  ${url}\n\nProfil (dane): ${msg.profileDir}\nZatrzymanie: Ctrl+C\n`);
        if (process.env.KANCELARIA_NO_OPEN !== '1' && process.env.CI !== 'true') {
          const opener = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
          // A one-time launch code, not the token: the opener's command line is visible to everyone on the machine (ps).
          spawn(opener, [`${msg.url}#launch=${msg.launchCode}`], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
        }
      }
    } catch {
      console.log(line);
    }
  });
  const stop = () => backend.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  backend.on('exit', (code) => process.exit(code ?? 0));
}
