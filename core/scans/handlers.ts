import { scanFileName, scanTextsOf } from '#db/scanTextRepo';
import type { ScanTextState } from '#core/contract';
import { messageDraft } from '#core/intake/messageIntake';
import type { Handlers, UploadSource } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { StagedScan } from '#core/contract';
import { requireRole, requireUser, REGISTRY_ROLES } from '#core/services/access';
import { inspectScan, sniffMime } from '#core/scans/inspect';
import { checkSignatures } from '#core/scans/signatures';
import { fail } from '#core/errors';
import { readSettings } from '#core/admin/settings';
import { upsertBlob, getBlob, lettersWithFiles } from '#db/correspondenceRepo';
import { sha256Of } from '#db/blobStore';

/** The refusal for a file over the office's limit, decided from its size before it is read. */
export function checkScanSize(ctx: Ctx, fileName: string, size: number) {
  const maxMb = readSettings(ctx.store).maxScanMb;
  if (size === 0) throw fail('SCAN_EMPTY', { fileName });
  if (size > maxMb * 1024 * 1024) throw fail('SCAN_TOO_LARGE', { fileName, sizeMb: (size / 1024 / 1024).toFixed(1).replace('.', ','), maxMb });
}

/**
 * Accepts a scan into the blob store and says whether any letter already carries it.
 *
 * The blob is stored before any command refers to it (as sync will upload it first); a blob
 * no letter refers to is harmless and `db check` lists it.
 */
export async function stageScan(ctx: Ctx, fileName: string, source: UploadSource): Promise<StagedScan> {
  checkScanSize(ctx, fileName, source.size);
  const bytes = source.bytes();
  const sha256 = sha256Of(bytes);
  const known = getBlob(ctx.store, sha256);
  const inspection = known
    ? { mime: known.mime as StagedScan['mime'], pageCount: known.pageCount, warnings: [] }
    : await inspectScan(bytes, fileName);
  if (!known || !ctx.blobs.has(sha256)) ctx.blobs.putBytes(bytes);
  if (!known) {
    upsertBlob(ctx.store, { sha256, size: bytes.byteLength, mime: inspection.mime, pageCount: inspection.pageCount, createdAt: ctx.clock().toISOString() });
  }
  const registeredAs = lettersWithFiles(ctx.store, [sha256]).map((l) => ({ id: l.id, label: l.number ?? l.provisionalLabel ?? '?' }));
  const signatures = inspection.mime === 'application/pdf' ? await checkSignatures(ctx, bytes) : [];
  return { sha256, fileName, mime: inspection.mime, size: bytes.byteLength, pageCount: inspection.pageCount, warnings: inspection.warnings, registeredAs, signatures };
}

/**
 * A stored file (a scan, a case document, a signed decision) as a download: from this
 * workstation's blob store, or from the server the first time it is opened here.
 */
export async function storedFile(ctx: Ctx, sha256: string, fileName: string, mime: string): Promise<{ fileName: string; mime: string; bytes: Uint8Array }> {
  if (ctx.blobs.has(sha256)) return { fileName, mime, bytes: ctx.blobs.read(sha256) };
  if (ctx.sync) return { fileName, mime, bytes: await ctx.sync.fetchBlob(sha256) };
  throw fail('SCAN_NOT_STAGED', { fileName });
}

export const scansHandlers = {
  'scans.inbox': (ctx) => {
    requireUser(ctx);
    const { files, problem } = ctx.scanFolder.list();
    return { folder: ctx.scanFolder.path, files, problem };
  },
  'scans.stageFromInbox': async (ctx, { name }) => {
    requireRole(ctx, REGISTRY_ROLES, 'wczytanie skanu');
    if (!ctx.scanFolder.path) throw fail('SCAN_FOLDER_NOT_SET');
    return stageScan(ctx, name, ctx.scanFolder.read(name));
  },
  'scans.upload': async (ctx, { fileName }, upload) => {
    requireRole(ctx, REGISTRY_ROLES, 'wczytanie skanu');
    if (!upload) throw fail('SCAN_EMPTY', { fileName });
    return stageScan(ctx, fileName, upload);
  },
  'intake.readMessage': async (ctx, { fileName }, upload) => {
    requireRole(ctx, REGISTRY_ROLES, 'wczytanie wiadomości e-mail');
    if (!upload) throw fail('SCAN_EMPTY', { fileName });
    return messageDraft(ctx, fileName, upload.bytes());
  },
  'intake.readMessageFromInbox': async (ctx, { name }) => {
    requireRole(ctx, REGISTRY_ROLES, 'wczytanie wiadomości e-mail');
    if (!ctx.scanFolder.path) throw fail('SCAN_FOLDER_NOT_SET');
    const f = ctx.scanFolder.read(name);
    checkScanSize(ctx, name, f.size);
    return messageDraft(ctx, name, f.bytes());
  },
  'scans.blob': async (ctx, { sha256 }) => {
    requireUser(ctx);
    const blob = getBlob(ctx.store, sha256);
    if (!blob) throw fail('SCAN_NOT_STAGED', { fileName: sha256.slice(0, 12) });
    return { ...(await storedFile(ctx, sha256, sha256.slice(0, 12), blob.mime)), fileName: sha256 };
  },
  'scans.inboxFile': (ctx, { name }) => {
    requireUser(ctx);
    const f = ctx.scanFolder.read(name);
    // A preview reads the whole file: the same limit as for registering it.
    checkScanSize(ctx, name, f.size);
    const bytes = f.bytes();
    return { fileName: name, mime: sniffMime(bytes) ?? 'application/octet-stream', bytes };
  },
  /** The signatures of a stored PDF (a scan or an electronic letter), as the letter view shows them. */
  'scans.verify': async (ctx, { sha256 }) => {
    requireUser(ctx);
    const blob = getBlob(ctx.store, sha256);
    if (!blob || blob.mime !== 'application/pdf' || !ctx.blobs.has(sha256)) return [];
    return checkSignatures(ctx, ctx.blobs.read(sha256));
  },
  /** How far text recognition is with each of these scans on this workstation. */
  'scans.texts': (ctx, { sha256s }) => {
    requireUser(ctx);
    const read = new Map(scanTextsOf(ctx.store, sha256s).map((r) => [r.sha256, r]));
    const now = ctx.textRecognition?.current() ?? null;
    return sha256s.map((sha256): ScanTextState => {
      const r = read.get(sha256);
      const base = { sha256, page: null, pages: null, fraction: null, pagesRead: null, layerSha256: null, reason: null, excerpt: null };
      if (now?.sha256 === sha256) return { ...base, state: 'working', page: now.page, pages: now.pages, fraction: Math.min(1, Math.max(0, now.fraction)) };
      if (!r) return { ...base, state: ctx.textRecognition ? 'waiting' : 'off' };
      const excerpt = r.text.replace(/\s+/g, ' ').trim().slice(0, 160) || null;
      return { ...base, state: r.status, pages: r.pages, pagesRead: r.pagesRead, layerSha256: r.layerSha256, reason: r.reason, excerpt };
    });
  },
  /** The scan's copy with its text layer, named after the scan. */
  'scans.textLayer': (ctx, { sha256 }) => {
    requireUser(ctx);
    const layer = scanTextsOf(ctx.store, [sha256])[0]?.layerSha256;
    if (!layer || !ctx.blobs.has(layer)) throw fail('SCAN_TEXT_NOT_READ');
    const name = (scanFileName(ctx.store, sha256) ?? 'skan').replace(/\.[^.]+$/, '');
    return { fileName: `${name} (tekst rozpoznany).pdf`, mime: 'application/pdf', bytes: ctx.blobs.read(layer) };
  },
} satisfies Handlers<'scans.inbox' | 'scans.stageFromInbox' | 'scans.upload' | 'intake.readMessage' | 'intake.readMessageFromInbox' | 'scans.blob' | 'scans.inboxFile' | 'scans.verify' | 'scans.texts' | 'scans.textLayer'>;
