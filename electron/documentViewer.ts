/**
 * Hands a generated document (receipt, label sheet, register) to the system's viewer, from
 * which the clerk prints it.
 *
 * Files go to a private temp folder, one subfolder per document so two receipts with the same
 * name never collide. They hold personal data (names, PESEL), so the folder is emptied at
 * start and at quit; a file the viewer still holds open is left for the next start.
 */
import { shell } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CallResult } from './bridgeTypes';
import { checkDocumentFile } from './documentFile';

export type DocumentViewer = {
  open(proposedName: string, bytes: Uint8Array): Promise<CallResult<null>>;
  /** Removes what it can of the temp folder (called at quit). */
  cleanUp(): void;
};

/** A viewer writing into `<tempRoot>/Kancelaria-druki`. */
export function documentViewer(tempRoot: string): DocumentViewer {
  const root = join(tempRoot, 'Kancelaria-druki');
  const cleanUp = () => {
    try {
      rmSync(root, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // A viewer still has a file open (Windows locks it): the next start tries again.
    }
  };
  cleanUp();
  mkdirSync(root, { recursive: true });

  return {
    async open(proposedName, bytes) {
      const checked = checkDocumentFile(proposedName, bytes);
      if (!checked.ok) return { ok: false, error: { code: 'DOCUMENT_REFUSED', message: checked.reason } };
      const dir = await mkdtemp(join(root, 'd-'));
      const path = join(dir, checked.fileName);
      // 'wx': never follow or overwrite something already there.
      await writeFile(path, bytes, { flag: 'wx' });
      const problem = await shell.openPath(path);
      if (problem !== '') {
        await rm(dir, { recursive: true, force: true });
        return {
          ok: false,
          error: { code: 'DOCUMENT_NOT_OPENED', message: `Nie udało się otworzyć pliku ${checked.fileName}: ${problem}. Sprawdź, czy w systemie jest program do przeglądania plików PDF.` },
        };
      }
      return { ok: true, value: null };
    },
    cleanUp,
  };
}
