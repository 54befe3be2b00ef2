/**
 * The admin CLI for the office's IT staff: `kancelaria jrwa import`, `kancelaria db check`.
 *
 * Started by bin/kancelaria.mjs (which brings the TypeScript loader); the exit code is set, not
 * forced with process.exit, so a long report piped to a file is written out in full.
 */
import { runCli } from './run.ts';

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
} catch (e) {
  process.stderr.write(`Kancelaria: nieoczekiwany błąd: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
}
