import type { Store } from '#db/store';
import type { BlobStore } from '#db/blobStore';
import type { User } from '#core/contract';

/** The watched folder where the office's network scanner saves (a port: backend/ implements it). */
export type ScanFolder = {
  readonly path: string | null;
  list(): { files: { name: string; size: number; modifiedAt: string; settling: boolean }[]; problem: string | null };
  read(name: string): { size: number; bytes: () => Uint8Array };
  /** Moves a registered file aside (to `zarejestrowane/`) so it leaves the to-do list. */
  markRegistered(name: string): void;
};

/** Everything a handler may touch; built once per backend process. */
export type Ctx = {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly session: { user: User | null };
  readonly mode: 'electron' | 'browser';
  readonly clock: () => Date;
  readonly randomBytes: (n: number) => Uint8Array;
  readonly log: (msg: string) => void;
  scanFolder: ScanFolder;
};
