import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { SEALED_HEADER_BYTES, SealedFileError, isSealed, seal, sealedReader, unseal } from '#db/fileCipher';
import { dirname, join } from 'node:path';

/**
 * Content-addressed files under the profile: `blobs/ab/abcdef…` named by the SHA-256 of their
 * plain bytes, sealed with the workstation's files key (db/fileCipher.ts) so that a copied
 * profile folder or a stolen disk shows no scan. A file from before sealing (plain) is still
 * read; `sealPlainFiles` seals those once.
 *
 * Written to a temp file, fsynced, then renamed into place, so a crash never leaves a blob
 * whose name does not match its bytes. Storing the same bytes twice is a no-op.
 */
export type BlobStore = {
  readonly dir: string;
  putBytes(bytes: Uint8Array): { sha256: string; size: number };
  has(sha256: string): boolean;
  /** The plain bytes (throws when a sealed file does not authenticate). */
  read(sha256: string): Uint8Array;
  /** The plain bytes by position, for copying a large file without holding it. */
  source(sha256: string): BlobSource;
  pathOf(sha256: string): string;
  /** Re-hashes the stored bytes: true when they still match the name (and a sealed file authenticates). */
  verify(sha256: string): Promise<boolean>;
  tempPath(): string;
  /** Seals every file still stored plain (a profile from before sealing, a restored copy): how many. */
  sealPlainFiles(): Promise<number>;
};

/** A stored file's plain bytes by position; `close` releases the file. */
export type BlobSource = { size: number; read(position: number, into: Buffer): number; close(): void };

/** Written beside the files' folder when a pass found no plain file left. */
const ALL_SEALED = 'pliki-zaszyfrowane';

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Opens the profile's stored files; `key` null only for a throwaway copy (a backup's check), kept plain. */
export function openBlobStore(dir: string, key: Buffer | null): BlobStore {
  const tmpDir = join(dir, 'tmp');
  // Scans are personal data: the folders are this account's only (0700), the files 0600.
  mkdirSync(tmpDir, { recursive: true, mode: 0o700 });
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  const source = (sha256: string): BlobSource => {
    const fd = openSync(pathOf(sha256), 'r');
    try {
      const fileSize = fstatSync(fd).size;
      const head = Buffer.alloc(SEALED_HEADER_BYTES);
      readSync(fd, head, 0, head.length, 0);
      const readAt = (position: number, length: number) => {
        const into = Buffer.alloc(length);
        return into.subarray(0, readSync(fd, into, 0, length, position));
      };
      if (isSealed(head)) {
        if (!key) throw new SealedFileError('a sealed file in a store opened without a key');
        return { ...sealedReader(readAt, fileSize, key), close: () => closeSync(fd) };
      }
      return { size: fileSize, read: (position, into) => readSync(fd, into, 0, into.length, position), close: () => closeSync(fd) };
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  };
  const read = (sha256: string): Uint8Array => {
    const stored = readFileSync(pathOf(sha256));
    if (!isSealed(stored)) return stored;
    if (!key) throw new SealedFileError('a sealed file in a store opened without a key');
    return unseal(stored, key);
  };
  const write = (sha256: string, bytes: Uint8Array) => {
    mkdirSync(join(dir, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    const tmp = join(tmpDir, randomUUID());
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, key ? seal(bytes, key) : bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(tmp, pathOf(sha256));
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  };
  const intact = (sha256: string): boolean => {
    try {
      return sha256Of(read(sha256)) === sha256;
    } catch {
      return false;
    }
  };
  return {
    dir,
    pathOf,
    tempPath: () => join(tmpDir, randomUUID()),
    has: (sha256) => existsSync(pathOf(sha256)),
    read,
    source,
    putBytes(bytes) {
      const sha256 = sha256Of(bytes);
      // An existing file is trusted only if its bytes still hash to its name; a damaged one is replaced.
      if (existsSync(pathOf(sha256)) && intact(sha256)) return { sha256, size: bytes.byteLength };
      write(sha256, bytes);
      return { sha256, size: bytes.byteLength };
    },
    verify(sha256) {
      return new Promise((resolve) => {
        // A segment at a time: a 100 MB scan is checked without holding it.
        let from: BlobSource;
        try {
          from = source(sha256);
        } catch {
          resolve(false);
          return;
        }
        try {
          const hash = createHash('sha256');
          const chunk = Buffer.alloc(1024 * 1024);
          for (let at = 0; at < from.size; ) {
            const n = from.read(at, chunk);
            if (n === 0) break;
            hash.update(chunk.subarray(0, n));
            at += n;
          }
          resolve(hash.digest('hex') === sha256);
        } catch {
          resolve(false);
        } finally {
          from.close();
        }
      });
    },
    async sealPlainFiles() {
      // Once a pass found every file sealed, later starts skip the walk: since then every file
      // was written sealed (a restore seals its own).
      if (!key || existsSync(join(dirname(dir), ALL_SEALED))) return 0;
      let sealed = 0;
      let looked = 0;
      for (const sub of readdirSync(dir)) {
        if (!/^[0-9a-f]{2}$/.test(sub)) continue;
        for (const name of readdirSync(join(dir, sub))) {
          if (!/^[0-9a-f]{64}$/.test(name)) continue;
          if (++looked % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
          const head = Buffer.alloc(SEALED_HEADER_BYTES);
          const fd = openSync(pathOf(name), 'r');
          try {
            readSync(fd, head, 0, head.length, 0);
          } finally {
            closeSync(fd);
          }
          if (isSealed(head)) continue;
          const plain = readFileSync(pathOf(name));
          // A plain file that does not match its name is left as found for the profile check to report.
          if (sha256Of(plain) !== name) continue;
          write(name, plain);
          sealed++;
          // One file at a time, yielding between: the workstation stays responsive on a large profile.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      writeFileSync(join(dirname(dir), ALL_SEALED), `${new Date().toISOString()}\n`, { mode: 0o600 });
      return sealed;
    },
  };
}
