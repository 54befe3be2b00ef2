import { openSync, writeSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from '#core/errors';

/** The lock file in a PGlite data directory (the process that holds it writes its PID). */
export const DATA_DIR_LOCK_FILE = 'kancelaria-serwer.pid';

/**
 * Takes the PGlite data directory for this process, or throws SERVER_DATA_DIR_BUSY.
 *
 * PGlite is PostgreSQL inside one process: two processes opening one directory corrupt it, so
 * the server and the admin CLI take a PID file first. A file left by a process that no longer
 * runs (kill -9, power loss) is taken over.
 */
export function lockDataDir(dir: string): { release(): void } {
  const file = join(dir, DATA_DIR_LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processRuns(pid)) {
        throw fail('SERVER_DATA_DIR_BUSY', { dir, pid });
      }
      rmSync(file, { force: true });
    }
  }
  throw fail('SERVER_DATA_DIR_BUSY', { dir, pid: 0 });
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs under another user — still running.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
