import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { dataKeysOf, openProfileStore } from '#backend/dataKey';
import type { Ctx } from '#core/services/context';
import type { ApiError, MethodInput, MethodName, MethodOutput, Party, RegisterIncomingInput, StagedScan, User } from '#core/contract';
import type { UploadSource } from '#core/services/handlers';
import { dispatch } from '#core/services/dispatch';
import { openBackend } from '#backend/context';

// Real profiles for integration tests: a temp directory with the SQLite file and blob store,
// the demo office seeded through the real commands, and calls made through `dispatch`, exactly
// as both transports make them.

export const DATABASE_FILE = 'kancelaria.sqlite';

/** A fresh empty directory under the system temp dir. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `kancelaria-${prefix}-`));
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

export type TestProfile = { ctx: Ctx; dir: string; close(): void };

/**
 * Opens (creating and seeding if new) a demo profile. Without demo letters by default, so the
 * register starts empty and tests can count numbers from 1.
 */
export function openDemoProfile(opts: { dir?: string; demoLetters?: boolean; clock?: () => Date; cardModules?: string[] } = {}): TestProfile {
  const dir = opts.dir ?? tempDir('profil');
  const ctx = openBackend({ profileDir: dir, mode: 'browser', demo: true, demoLetters: opts.demoLetters ?? false, quiet: true, cardModules: opts.cardModules ?? [], ...(opts.clock ? { clock: opts.clock } : {}) });
  return {
    ctx,
    dir,
    close: () => {
      ctx.signing.sessions.endAll();
      ctx.store.close();
    },
  };
}

/** The admin makes the office trust these roots (as from Administracja); then `then` is signed in. */
export async function trustRoots(ctx: Ctx, pems: string[], then = 'akowalska'): Promise<void> {
  await signIn(ctx, 'gszymanski');
  await call(ctx, 'admin.updateSettings', { ...(await call(ctx, 'admin.settings', {})), trustedRootsPem: pems });
  await signIn(ctx, then);
}

/** Calls a method through dispatch and returns its value; a refusal fails with code and message. */
export async function call<M extends MethodName>(ctx: Ctx, method: M, input: MethodInput<M>, upload?: UploadSource): Promise<MethodOutput<M>> {
  const r = await dispatch(ctx, method, input, upload);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.code}: ${r.error.message}`);
  return r.value as MethodOutput<M>;
}

/** Calls a method that must be refused and returns the error it gave. */
export async function callError<M extends MethodName>(ctx: Ctx, method: M, input: MethodInput<M>, upload?: UploadSource): Promise<ApiError> {
  const r = await dispatch(ctx, method, input, upload);
  if (r.ok) throw new Error(`${method} was expected to be refused but returned ${JSON.stringify(r.value).slice(0, 300)}`);
  return r.error;
}

/** A head signs as the signing tray does: the .p12 key opened once, the decisions signed, the key closed. */
export async function signWithP12(ctx: Ctx, ids: string[], p12Base64: string, password: string, opts: { visibleStamp?: boolean } = {}): Promise<MethodOutput<'decisions.sign'>> {
  const { session } = await call(ctx, 'signing.begin', { means: { kind: 'pkcs12', p12Base64 }, password });
  try {
    return await call(ctx, 'decisions.sign', { ids, session, ...opts });
  } finally {
    await call(ctx, 'signing.end', { session });
  }
}

/** Signs in a demo user by login (akowalska: registry, tlukasik: clerk, gszymanski: admin). */
export async function signIn(ctx: Ctx, login: string): Promise<User> {
  const users = await call(ctx, 'session.demoUsers', {});
  const user = users.find((u) => u.login === login);
  if (!user) throw new Error(`no demo user ${login}`);
  return call(ctx, 'session.signIn', { userId: user.id });
}

export async function unitId(ctx: Ctx, symbol: string): Promise<string> {
  const unit = (await call(ctx, 'office.units', {})).find((u) => u.symbol === symbol);
  if (!unit) throw new Error(`no unit ${symbol}`);
  return unit.id;
}

/** A new private sender with a unique name. */
export async function createSender(ctx: Ctx, lastName = `Nadawca-${crypto.randomUUID().slice(0, 8)}`): Promise<Party> {
  return call(ctx, 'parties.create', { kind: 'person', firstName: 'Zofia', lastName, street: 'ul. Łąkowa 5', postalCode: '99-999', city: 'Przykładowo' });
}

/** An upload source over bytes in memory. */
export function uploadOf(bytes: Uint8Array): UploadSource {
  return { size: bytes.byteLength, bytes: () => bytes };
}

export async function stageScan(ctx: Ctx, fileName: string, bytes: Uint8Array): Promise<StagedScan> {
  return call(ctx, 'scans.upload', { fileName }, uploadOf(bytes));
}

/** The input of a valid registration; `over` replaces fields. */
export function letterInput(senderId: string, unit: string, over: Partial<RegisterIncomingInput> = {}): RegisterIncomingInput {
  return {
    channel: 'paper',
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    senderId,
    senderReference: null,
    letterDate: null,
    subject: 'Wniosek o wydanie zaświadczenia',
    attachmentsCount: 0,
    trackingNumber: null,
    remarks: null,
    unitId: unit,
    scans: [],
    ...over,
  };
}

/** Every file under a directory, recursively (blob files, temp files). */
export function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** What a command may leave behind: rows of the tables it writes and files in the blob store. */
export type ProfileCounts = {
  correspondence: number;
  correspondenceScans: number;
  events: number;
  outbox: number;
  blobs: number;
  parties: number;
  counters: number;
  blobFiles: number;
};

const COUNTED_TABLES = {
  correspondence: 'correspondence',
  correspondenceScans: 'correspondence_scans',
  events: 'events',
  outbox: 'outbox',
  blobs: 'blobs',
  parties: 'parties',
} as const;

/**
 * The profile's database opened with its data key, for a test to look at rows directly
 * (read-only unless `write`); the test closes it.
 */
export function profileDatabase(dir: string, o: { write?: boolean } = {}): Database.Database {
  return openProfileStore(join(dir, DATABASE_FILE), dataKeysOf(dir), { readOnly: !o.write }).sqlite;
}

/**
 * Counts rows and blob files of a profile through a separate read-only connection, so it
 * works while the profile is open here or in another process, and sees only committed data.
 */
export function countProfile(dir: string): ProfileCounts {
  const db = profileDatabase(dir);
  try {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const counts = Object.fromEntries(Object.entries(COUNTED_TABLES).map(([k, table]) => [k, count(table)])) as Omit<ProfileCounts, 'blobFiles' | 'counters'>;
    const counters = db.prepare('SELECT coalesce(sum(last), 0) FROM counters').pluck().get() as number;
    return { ...counts, counters, blobFiles: filesUnder(join(dir, 'blobs')).length };
  } finally {
    db.close();
  }
}
