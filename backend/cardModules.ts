import { existsSync } from 'node:fs';
import { delimiter, isAbsolute } from 'node:path';

/**
 * The card drivers (PKCS#11 modules) this workstation may load, from KANCELARIA_PKCS11: the
 * absolute paths of the vendor's .dll (Windows) or .so, separated as PATH is (`;` on Windows).
 * IT sets it for the machine, where the card software is installed. It is never an office
 * setting nor anything the page sends: loading a module runs its code in the backend, so only
 * whoever administers this machine chooses it. A network path (\\server\share) is refused for
 * the same reason; a path that does not exist is reported, not loaded.
 */
export function cardModules(value: string | undefined, log: (msg: string) => void): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const raw of value.split(delimiter)) {
    const path = raw.trim();
    if (path === '') continue;
    if (!isAbsolute(path) || path.startsWith('\\\\') || path.startsWith('//')) {
      log(`KANCELARIA_PKCS11: ignored ${JSON.stringify(path)} (an absolute path on this machine is required)`);
      continue;
    }
    if (!existsSync(path)) log(`KANCELARIA_PKCS11: ${path} does not exist (is the card software installed?)`);
    if (!out.includes(path)) out.push(path);
  }
  return out;
}
