import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, existsSync, openSync, writeSync, fsyncSync, closeSync, renameSync, rmSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Content-addressed files under the profile: `blobs/ab/abcdef…` named by their SHA-256.
 *
 * Written to a temp file, fsynced, then renamed into place, so a crash never leaves a blob
 * whose name does not match its bytes. Storing the same bytes twice is a no-op.
 */
export type BlobStore = {
  readonly dir: string;
  putBytes(bytes: Uint8Array): { sha256: string; size: number };
  has(sha256: string): boolean;
  read(sha256: string): Uint8Array;
  pathOf(sha256: string): string;
  /** Re-hashes the stored bytes: true when they still match the name. */
  verify(sha256: string): Promise<boolean>;
  tempPath(): string;
};

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function openBlobStore(dir: string): BlobStore {
  const tmpDir = join(dir, 'tmp');
  // Scans are personal data: the folders are this account's only (0700), the files 0600.
  mkdirSync(tmpDir, { recursive: true, mode: 0o700 });
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  return {
    dir,
    pathOf,
    tempPath: () => join(tmpDir, randomUUID()),
    has: (sha256) => existsSync(pathOf(sha256)),
    read: (sha256) => readFileSync(pathOf(sha256)),
    putBytes(bytes) {
      const sha256 = sha256Of(bytes);
      const target = pathOf(sha256);
      // An existing file is trusted only if its bytes still hash to its name; a damaged one of
      // the same size is replaced.
      if (existsSync(target) && statSync(target).size === bytes.byteLength && sha256Of(readFileSync(target)) === sha256) return { sha256, size: bytes.byteLength };
      mkdirSync(join(dir, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
      const tmp = join(tmpDir, randomUUID());
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      try {
        renameSync(tmp, target);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
      return { sha256, size: bytes.byteLength };
    },
    verify(sha256) {
      return new Promise((resolve) => {
        const hash = createHash('sha256');
        createReadStream(pathOf(sha256))
          .on('data', (chunk) => hash.update(chunk))
          .on('error', () => resolve(false))
          .on('end', () => resolve(hash.digest('hex') === sha256));
      });
    },
  };
}
