import type { Store } from '#db/store';
import type { BlobStore } from '#db/blobStore';
import type { SyncStatus, User } from '#core/contract';
import type { SecretDrop, SignerSessions } from '#core/decisions/signerSessions';

/** The watched folder where the office's network scanner saves (a port: backend/ implements it). */
export type ScanFolder = {
  readonly path: string | null;
  list(): { files: { name: string; size: number; modifiedAt: string; settling: boolean }[]; problem: string | null };
  read(name: string): { size: number; bytes: () => Uint8Array };
  /** Moves a registered file aside (to `zarejestrowane/`) so it leaves the to-do list. */
  markRegistered(name: string): void;
  /** What keeps `path` from serving as the scan folder (read and write), in Polish; null when it can. */
  probe(path: string): string | null;
};

/**
 * Text recognition (OCR) of stored scans, running in the background on this workstation
 * (backend/textRecognition.ts implements it); what it read is in `scan_texts`.
 */
export type TextRecognitionPort = {
  /** The scan being read now: its page and how far the whole scan is (0–1). */
  current(): { sha256: string; page: number; pages: number; fraction: number } | null;
  /** Look for scans to read now rather than at the next round (a letter was just registered). */
  wake(): void;
  /** Finishes the page being read and lets the engine go (the process is closing). */
  stop(): Promise<void>;
};

/**
 * The central server's side as a handler sees it (sync/ implements it). Present when this
 * workstation works with a server: then numbers are provisional until the server gives them,
 * and every command waits in the outbox until the server has applied it.
 */
export type SyncPort = {
  /** A command was recorded: push soon. */
  commandRecorded(): void;
  /** The client id this person's commands go under (their metryka ids derive from it). */
  clientFor(userId: string): string;
  status(): SyncStatus;
  syncNow(): Promise<SyncStatus>;
  /** Resolves when the running round has written its next pull window, or at once without one. */
  windowApplied(): Promise<void>;
  /** Checks the password with the server; the session's user id. */
  login(login: string, password: string): Promise<{ id: string }>;
  logout(): Promise<void>;
  /**
   * Hands the refresh token to whoever keeps it between runs (the desktop shell's safeStorage);
   * null when the session ended. Browser mode keeps it in memory only.
   */
  keepSessionWith(save: (token: string | null) => void): void;
  /** The shell will say whether a session was kept: until resume() is called, whenResumed waits. */
  expectResume(): void;
  /** Resumes the session from a kept refresh token, or records that there is none. */
  resume(refreshToken: string | null): void;
  /** The user of a resumed session once resuming finished (null: sign in with the password). */
  whenResumed(): Promise<{ id: string } | null>;
  /** The decision-register number the server reserves for an approved decision (online only). */
  reserveDecisionNumber(id: string): Promise<{ number: string; year: number; seq: number }>;
  /** A blob this workstation does not hold, from the server (only what the user may see). */
  fetchBlob(sha256: string): Promise<Uint8Array>;
};

/** Everything a handler may touch; built once per backend process. */
export type Ctx = {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly session: { user: User | null };
  readonly mode: 'electron' | 'browser';
  /**
   * Started as the demo office (`--demo`, asked for explicitly): only then may a person sign in
   * by picking a name from the list, the demo accounts' passwords being public anyway.
   */
  readonly demo: boolean;
  readonly clock: () => Date;
  readonly randomBytes: (n: number) => Uint8Array;
  readonly log: (msg: string) => void;
  scanFolder: ScanFolder;
  /** Null where it does not run (KANCELARIA_OCR=off, the CLI, tests that do not ask for it). */
  textRecognition: TextRecognitionPort | null;
  /** Null in a one-workstation office: the local store is the numbering authority. */
  sync: SyncPort | null;
  /** This workstation's own copies (a one-workstation office); null where the server keeps the records. */
  backups: BackupPort | null;
  /** Keys for signing: the card drivers this machine may load, open signing sessions, the shell's secrets. */
  readonly signing: { readonly modules: readonly string[]; readonly sessions: SignerSessions; readonly secrets: SecretDrop };
};

/** What the header says of the copies: when the last good one was made, and any problem. */
export type BackupView = { kind: 'workstation' | 'server'; lastGoodAt: string | null; lastAttemptAt: string | null; problem: string | null; folder: string | null; phraseShown: boolean };
/** A workstation's own copies (without a server), or the server's (asked of it, with one). */
export type BackupPort = { status(): BackupView | Promise<BackupView | null> };
