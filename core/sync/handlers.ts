import { localLogin } from '#core/session/localAccounts';
import type { Handlers } from '#core/services/handlers';
import type { Ctx, SyncPort } from '#core/services/context';
import { requireUser } from '#core/services/access';
import { fail } from '#core/errors';
import { getUser } from '#db/directory';
import { clearSyncState, readSyncState, unsettledCommands, writeSyncState } from '#db/syncApply';
import { dropAllRecords } from '#db/replica';
import { discardCommand, outboxEntry, type OutboxEntry } from '#db/outboxRepo';
import { registerIncoming } from '#core/commands/intake';
import { getParty } from '#db/partyRepo';
import { getBlob } from '#db/correspondenceRepo';
import { toParty } from '#core/parties/handlers';
import { stageScan } from '#core/scans/handlers';
import { rebase } from '#core/services/execute';

/** Whose replica this workstation's records are (sync_state). */
const REPLICA_OWNER = 'replicaOwner';

function syncOf(ctx: Ctx): SyncPort {
  if (!ctx.sync) throw fail('SYNC_NO_SERVER');
  return ctx.sync;
}

/** How long signing in waits for its sync round before letting the person in while it goes on. */
const LOGIN_WAIT_MS = 5_000;

const delay = (ms: number): Promise<undefined> => new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());

export const syncHandlers = {
  /**
   * Signs in against the central server, then brings the office's directory and records so
   * the person works on current data (offline, the last copy is used).
   */
  'session.login': async (ctx, { login, password }) => {
    // A standalone workstation checks the password it keeps itself.
    if (!ctx.sync) return localLogin(ctx, login, password);
    const sync = syncOf(ctx);
    const who = await sync.login(login, password);
    // Each person's replica is their own: on a shared desk, the records the last person could
    // see leave before this person's are pulled (their waiting commands stay in the outbox).
    if (readSyncState(ctx.store, REPLICA_OWNER) !== who.id) {
      rebase(ctx, null, () => {
        dropAllRecords(ctx.store);
        clearSyncState(ctx.store, 'cursor');
        clearSyncState(ctx.store, 'scope');
        writeSyncState(ctx.store, REPLICA_OWNER, who.id);
      });
    }
    const running = sync.syncNow();
    // A first sync of a large office (or a resync) goes on in the background once the person's
    // own directory entry has arrived: they work on what is here, the header shows how far it
    // is. A round that ends within the wait is waited for, as every small one is.
    let round = await Promise.race([running, delay(LOGIN_WAIT_MS)]);
    while (round === undefined && !getUser(ctx.store, who.id)) round = await Promise.race([running, sync.windowApplied().then(() => undefined)]);
    // Without a pull (the server went away meanwhile) the person's waiting commands are put
    // back on top all the same: what they did here stays in view.
    if (round?.lastError) rebase(ctx, who.id);
    const user = getUser(ctx.store, who.id);
    if (!user) throw fail('USER_NOT_FOUND');
    ctx.session.user = user;
    ctx.log(`signed in (server): ${user.login}`);
    return user;
  },
  'sync.status': (ctx) => ctx.sync?.status() ?? null,
  'sync.now': async (ctx) => {
    requireUser(ctx);
    return syncOf(ctx).syncNow();
  },
  // Only the signed-in person's own: on a shared desk one person's waiting work is not another's to read.
  'sync.commands': (ctx) => {
    const user = requireUser(ctx);
    return unsettledCommands(ctx.store, user.id, 200).map((r) => {
      const result = r.result ? (JSON.parse(r.result) as { error?: { message?: string } | null }) : null;
      const status = r.status === 'rejected' ? 'rejected' : 'pending';
      return { mutationId: r.mutationId, label: r.label ?? r.name, status, createdAt: r.createdAt, reason: result?.error?.message ?? null, reopenable: status === 'rejected' && r.name === registerIncoming.name };
    });
  },
  'sync.discard': (ctx, { mutationId }) => {
    ctx.store.tx(() => discardCommand(ctx.store, refusedOf(ctx, mutationId).mutationId));
    return { ok: true as const };
  },
  'sync.reopen': async (ctx, { mutationId }) => {
    const row = refusedOf(ctx, mutationId);
    if (row.name !== registerIncoming.name) throw fail('SYNC_COMMAND_NOT_REOPENABLE');
    // What the person typed goes back as it was; ids, codes and the label are drawn anew.
    const { id: _id, provisionalLabel: _label, statusCode: _code, acknowledgeDuplicates: _ack, senderId, scans: refs, ...typed } = registerIncoming.args.parse(JSON.parse(row.args));
    const sender = getParty(ctx.store, senderId);
    const scans = [];
    for (const s of refs) {
      const blob = getBlob(ctx.store, s.sha256);
      // A scan whose file is gone from this workstation is attached again by hand.
      if (!blob || !ctx.blobs.has(s.sha256)) continue;
      scans.push(await stageScan(ctx, s.fileName, { size: blob.size, bytes: () => ctx.blobs.read(s.sha256) }));
    }
    return { ...typed, mutationId: row.mutationId, sender: sender ? toParty(sender) : null, scans };
  },
} satisfies Handlers<'session.login' | 'sync.status' | 'sync.now' | 'sync.commands' | 'sync.discard' | 'sync.reopen'>;

/** The signed-in person's command the server refused, or a refusal. */
export function refusedOf(ctx: Ctx, mutationId: number): OutboxEntry {
  const user = requireUser(ctx);
  const row = outboxEntry(ctx.store, mutationId);
  if (!row || row.userId !== user.id || row.status !== 'rejected') throw fail('SYNC_COMMAND_NOT_REJECTED');
  return row;
}
