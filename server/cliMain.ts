/**
 * Entry of `kancelaria-server` (bin/kancelaria-server.mjs brings the TypeScript loader). The exit
 * code is set, not forced, so long output piped to a file is written out in full.
 */
import { createInterface } from 'node:readline';
import { fail } from '#core/errors';
import { runServerCli } from './cli.ts';

/** First line of standard input (for `--password-stdin`). */
async function firstLineOfStdin(): Promise<string> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

/** Reads a line at the terminal without echoing it. */
function hiddenPrompt(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const done = (err: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done(null);
          return;
        }
        if (ch === '\u0003') {
          done(new Error('Przerwano (Ctrl+C).'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

try {
  process.exitCode = await runServerCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdinLine: firstLineOfStdin,
    async readPassword({ login, fromStdin }) {
      if (fromStdin) return (await firstLineOfStdin()).replace(/\r$/, '');
      if (!process.stdin.isTTY) {
        throw fail('INVALID_INPUT', { detail: 'hasło podaje się w terminalu albo przez wejście standardowe z opcją --password-stdin.' });
      }
      const first = await hiddenPrompt(`Nowe hasło dla ${login}: `);
      const second = await hiddenPrompt('Powtórz hasło: ');
      if (first !== second) throw fail('AUTH_PASSWORD_MISMATCH');
      return first;
    },
  });
} catch (e) {
  process.stderr.write(`Kancelaria (serwer): nieoczekiwany błąd: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
}
