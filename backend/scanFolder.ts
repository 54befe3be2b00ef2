import { accessSync, constants, readdirSync, statSync, readFileSync, mkdirSync, renameSync, existsSync } from 'node:fs';
import { join, basename, extname } from 'node:path';
import type { ScanFolder } from '#core/services/context';
import { fail } from '#core/errors';

// Scans, and the files the office's mail rule and e-delivery gateway save beside them (e-mail,
// Outlook, ePUAP XML, an e-Doręczenia message's ZIP): one watched folder for the registry.
const SCAN_EXTENSIONS = new Set(['.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff', '.eml', '.msg', '.xml', '.zip']);
export const REGISTERED_SUBFOLDER = 'zarejestrowane';

/**
 * The office scanner's folder, read by listing rather than by OS change notifications: network
 * shares (SMB), where scanners usually save, do not deliver those reliably. A file whose size
 * or time changed since the previous look is still being written and is shown as such.
 */
export function openScanFolder(getPath: () => string | null): ScanFolder {
  const lastSeen = new Map<string, string>();
  const resolve = (name: string) => {
    const dir = getPath();
    if (!dir) throw fail('SCAN_FOLDER_NOT_SET');
    // Only plain names inside the folder: never a path the caller builds to elsewhere.
    if (basename(name) !== name || name.startsWith('.')) throw fail('SCAN_FOLDER_FILE_MISSING', { name });
    return join(dir, name);
  };
  return {
    get path() {
      return getPath();
    },
    list() {
      const dir = getPath();
      if (!dir) return { files: [], problem: null };
      if (!existsSync(dir)) return { files: [], problem: `Folder skanów „${dir}” nie istnieje lub jest niedostępny. Sprawdź połączenie z udziałem sieciowym albo ustawienia.` };
      const files = [];
      for (const name of readdirSync(dir)) {
        if (name.startsWith('.') || !SCAN_EXTENSIONS.has(extname(name).toLowerCase())) continue;
        let st;
        try {
          st = statSync(join(dir, name));
        } catch {
          continue;
        }
        if (!st.isFile()) continue;
        // Still being written: touched in the last two seconds, or changed since the last look.
        const fingerprint = `${st.size}:${st.mtimeMs}`;
        const previous = lastSeen.get(name);
        const settling = Date.now() - st.mtimeMs < 2000 || (previous !== undefined && previous !== fingerprint);
        lastSeen.set(name, fingerprint);
        files.push({ name, size: st.size, modifiedAt: st.mtime.toISOString(), settling });
      }
      files.sort((a, b) => a.modifiedAt.localeCompare(b.modifiedAt));
      return { files, problem: null };
    },
    read(name) {
      const path = resolve(name);
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        throw fail('SCAN_FOLDER_FILE_MISSING', { name });
      }
      return { size, bytes: () => readFileSync(path) };
    },
    probe(path) {
      let st;
      try {
        st = statSync(path);
      } catch {
        return `folder „${path}” nie istnieje albo ten komputer nie ma do niego dostępu (sprawdź ścieżkę i połączenie z udziałem sieciowym)`;
      }
      if (!st.isDirectory()) return `„${path}” to plik, a nie folder`;
      // Registered scans are moved to a subfolder: the workstation must be able to write there.
      try {
        accessSync(path, constants.R_OK | constants.W_OK);
        readdirSync(path);
      } catch {
        return `ten komputer nie może czytać lub zapisywać w folderze „${path}” (potrzebne są oba uprawnienia: skany zarejestrowane trafiają do podfolderu „${REGISTERED_SUBFOLDER}”)`;
      }
      return null;
    },
    markRegistered(name) {
      const path = resolve(name);
      const dir = join(getPath() ?? '', REGISTERED_SUBFOLDER);
      mkdirSync(dir, { recursive: true });
      let target = join(dir, name);
      for (let i = 2; existsSync(target); i++) target = join(dir, `${basename(name, extname(name))} (${i})${extname(name)}`);
      renameSync(path, target);
    },
  };
}
