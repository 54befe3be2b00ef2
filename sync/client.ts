/**
 * The workstation's side of the sync (DESIGN.md "Sync"; docs/sync.md): log in, upload the
 * blobs pending commands refer to, push the outbox in order, pull the office's changes.
 *
 * Decisions:
 * - One sync at a time (`syncNow` joins a running one): push then pull. A pull is a rebase:
 *   the replica's guesses (unconfirmed commands) are taken back, the server's rows written,
 *   and the person's unconfirmed commands decided again on top, in one transaction. So a
 *   person with commands waiting still sees everyone else's work.
 * - An outbox row changes state only on the server's answer: `applied` (or duplicate) or
 *   `rejected` with the reason — the quarantine. A push whose answer is lost is sent again;
 *   the server answers "duplicate" for what it already has, by mutation id.
 * - Blobs go up before the command that names them: HEAD for how much the server holds, then
 *   the rest from that offset (an interrupted upload resumes).
 * - Tokens live in memory only here (browser mode); the desktop shell keeps the refresh token
 *   with safeStorage.
 * - Network failures make the status `offline` and are retried on the next round; nothing is
 *   lost, the outbox is in the database.
 */
import type { Store } from '#db/store';
import { beginBulkLoad, endBulkLoad, type BulkLoad } from '#db/bulkLoad';
import type { BlobStore } from '#db/blobStore';
import type { SyncPort } from '#core/services/context';
import { applyAssignedNumber, applyPull, clearSyncState, countOutbox, passedOverBetween, pendingCommands, readSyncState, requeueLostCommands, settleCommand, writeSyncState, type OutboxRow } from '#db/syncApply';
import { confirmThrough } from '#db/outboxRepo';
import { keepOnlyUnits } from '#db/replica';
import { getBlob } from '#db/correspondenceRepo';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, loginResponseSchema, refreshResponseSchema, serverBackupStatusSchema, type ServerBackupStatus, type SessionTokens, type SessionUser } from '#sync/protocol';
import { blobStateSchema, decisionNumberSchema, pullResponseSchema, pushResponseSchema, registerIncomingBlobs, type Mutation, type PullResponse } from '#sync/protocol/commands';
import type { z } from 'zod';
import { createHash } from 'node:crypto';
import { DomainError, fail } from '#core/errors';
import type { Response } from 'undici';
import { serverConnection, untrustedCertificate, type ServerConnection } from '#sync/serverConnection';
import type { ErrorCode } from '#core/i18n/errors.pl';

export type SyncState = 'offline' | 'online' | 'syncing';

export type SyncStatus = {
  state: SyncState;
  serverUrl: string;
  signedIn: boolean;
  pending: number;
  rejected: number;
  lastSyncAt: string | null;
  lastError: string | null;
  progress: { rows: number; percent: number } | null;
};

export type SyncClientOptions = {
  serverUrl: string;
  /** The office CA the server's certificate must chain to (PEM), pinned; null: the public roots. */
  serverCa?: string | null;
  store: Store;
  blobs: BlobStore;
  log: (msg: string) => void;
  clock: () => Date;
  /** What the workstation calls itself in the server's list of sessions. */
  clientName: string;
  /** Applies the office settings a pull brings (validated by the settings schema). */
  writeSettings: (value: unknown) => void;
  /** Background rounds (ms); 0 = only when asked (tests drive rounds themselves). */
  intervalMs?: number;
  /** Rows per pull window; the server's default when unset. */
  pullLimit?: number;
  /**
   * Rebuilds the replica as the server's rows with the person's unconfirmed commands on top,
   * running `between` (a pull written) in the middle, in one transaction (core/services/execute.ts).
   */
  rebase: (userId: string | null, between?: () => void) => void;
};

/**
 * The server refused in words meant for people: its code and Polish message (the catalogue is
 * shared), passed on to the person as any other refusal.
 */
export class SyncRefusal extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly httpStatus: number,
  ) {
    // The server speaks the same catalogue; a code this version does not know still carries its message.
    super(code as ErrorCode, message);
  }
}

/** The server could not be reached (or answered like a proxy that lost it). */
export class SyncOffline extends DomainError {
  constructor(
    url: string,
    readonly detail: string,
    /** Not the network: the server's certificate is not the office's (see serverConnection.ts). */
    untrusted = false,
  ) {
    const e = fail(untrusted ? 'SYNC_SERVER_CERT_UNTRUSTED' : 'SYNC_SERVER_UNREACHABLE', { url });
    super(e.code, e.message);
  }
}

const PUSH_BATCH = 50;
const UPLOAD_CHUNK = 1024 * 1024;

/** How the person's units changed since the last pull (null: never pulled). */
export function scopeChange(held: PullResponse['scope'] | null, now: PullResponse['scope']): 'same' | 'grown' | 'shrunk' {
  if (held === null || held.all) return now.all || held === null ? 'same' : 'shrunk';
  if (now.all) return 'grown';
  const before = new Set(held.unitIds);
  if (now.unitIds.some((u) => !before.has(u))) return 'grown';
  return now.unitIds.length < before.size ? 'shrunk' : 'same';
}

export class SyncClient implements SyncPort {
  private tokens: SessionTokens | null = null;
  private running: Promise<SyncStatus> | null = null;
  /** A pull found accepted commands the (restored) server lost: the round pushes again. */
  private requeued = false;
  private refreshing: Promise<void> | null = null;
  private soon: ReturnType<typeof setTimeout> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private state: SyncState = 'offline';
  private lastError: string | null = null;
  readonly clientId: string;
  private readonly connection: ServerConnection;

  constructor(private readonly o: SyncClientOptions) {
    // A plain http:// address of another computer is refused before anything is sent.
    this.connection = serverConnection(o.serverUrl, o.serverCa ?? null);
    const known = readSyncState(o.store, 'clientId');
    this.clientId = known ?? crypto.randomUUID();
    if (!known) writeSyncState(o.store, 'clientId', this.clientId);
    if (o.intervalMs) this.timer = setInterval(() => void this.syncNow().catch(() => undefined), o.intervalMs);
  }

  get user(): SessionUser | null {
    return this.tokens?.user ?? null;
  }

  close() {
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    void this.connection.close().catch(() => undefined);
  }

  commandRecorded(): void {
    if (!this.o.intervalMs || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.syncNow().catch(() => undefined);
    }, 200);
  }

  status(): SyncStatus {
    const counts = countOutbox(this.o.store);
    return {
      state: this.state,
      serverUrl: this.o.serverUrl,
      signedIn: this.tokens !== null,
      pending: counts.pending,
      rejected: counts.rejected,
      lastSyncAt: readSyncState(this.o.store, 'lastSyncAt'),
      lastError: this.lastError,
      progress: this.progress,
    };
  }

  /** Resolves when the next pull window has been written (or the round ends). */
  windowApplied(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.windowWaiters.push(resolve));
  }

  private progress: SyncStatus['progress'] = null;
  private windowWaiters: (() => void)[] = [];

  private windowDone(): void {
    const waiters = this.windowWaiters;
    this.windowWaiters = [];
    for (const w of waiters) w();
  }

  private keeper: ((token: string | null) => void) | null = null;
  private resuming: Promise<{ id: string } | null> = Promise.resolve(null);

  /** Sets the session's tokens and tells the keeper (the shell's safeStorage) the refresh token. */
  private setTokens(tokens: SessionTokens | null) {
    this.tokens = tokens;
    this.keeper?.(tokens?.refreshToken ?? null);
  }

  keepSessionWith(save: (token: string | null) => void): void {
    this.keeper = save;
  }

  private resumed: (value: { id: string } | null) => void = () => undefined;

  expectResume(): void {
    this.resuming = new Promise((resolve) => {
      this.resumed = resolve;
    });
  }

  resume(refreshToken: string | null): void {
    const done = this.resumed;
    if (refreshToken === null) {
      done(null);
      this.resuming = Promise.resolve(null);
      return;
    }
    this.resuming = (async () => {
      try {
        this.setTokens(await this.http('POST', '/auth/refresh', { refreshToken }, refreshResponseSchema, { anonymous: true }));
        this.state = 'online';
        await this.syncNow();
        return this.tokens ? { id: this.tokens.user.id } : null;
      } catch (e) {
        // Offline, or the session ended on the server: the person signs in with the password.
        if (e instanceof SyncRefusal) this.setTokens(null);
        this.o.log(`sync: session not resumed: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      }
    })();
    void this.resuming.then(done);
  }

  whenResumed(): Promise<{ id: string } | null> {
    return this.resuming;
  }

  async login(login: string, password: string): Promise<SessionUser> {
    const answer = await this.http('POST', '/auth/login', { login, password, clientName: this.o.clientName }, loginResponseSchema, { anonymous: true });
    this.setTokens(answer);
    this.state = 'online';
    return answer.user;
  }

  async logout(): Promise<void> {
    if (!this.tokens) return;
    try {
      await this.http('POST', '/auth/logout', {}, null);
    } catch {
      // Offline: the session simply expires on the server.
    }
    this.setTokens(null);
  }

  /**
   * One round: blobs, push, pull. While one runs (the background's, or a first sync that went
   * on after sign-in), the caller gets one more after it: the running one may have pulled before
   * what the caller just did. Callers meanwhile share that one.
   */
  syncNow(): Promise<SyncStatus> {
    if (this.running) {
      this.next ??= this.running.then(() => {
        this.next = null;
        return this.syncNow();
      });
      return this.next;
    }
    this.running = this.round().finally(() => {
      this.running = null;
      this.progress = null;
      this.windowDone();
    });
    return this.running;
  }

  private next: Promise<SyncStatus> | null = null;

  private async round(): Promise<SyncStatus> {
    if (!this.tokens) return this.status();
    this.state = 'syncing';
    try {
      // A push that is stuck (a refused upload, a server fault) does not keep the person from
      // seeing everyone else's work: the pull is a rebase, their commands stay on top.
      let stuck: Error | null = null;
      try {
        await this.pushAll();
      } catch (e) {
        if (e instanceof SyncOffline || !(e instanceof Error)) throw e;
        stuck = e;
      }
      await this.pullAll();
      // Commands a restored server lost wait again: sent now, not at the next round.
      if (this.requeued) {
        this.requeued = false;
        stuck = null;
        await this.pushAll();
        await this.pullAll();
      }
      if (stuck) throw stuck;
      this.state = 'online';
      this.lastError = null;
      writeSyncState(this.o.store, 'lastSyncAt', this.o.clock().toISOString());
    } catch (e) {
      this.state = e instanceof SyncOffline ? 'offline' : 'online';
      this.lastError = e instanceof Error ? e.message : String(e);
      this.o.log(`sync: ${this.lastError}${e instanceof SyncOffline ? ` (${e.detail})` : ''}${e instanceof Error && !(e instanceof DomainError) ? ` ${e.stack ?? ''}` : ''}`);
    }
    this.progress = null;
    return this.status();
  }

  /**
   * The client the server knows for the signed-in person on this workstation: each person is a
   * client of their own (a UUID derived from the workstation's id and theirs), so the server's
   * last mutation id, and the name every command goes under, are that person's.
   */
  clientFor(userId: string): string {
    const h = createHash('sha256').update(`${this.clientId}:${userId}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  private async pushAll() {
    const user = this.tokens?.user;
    if (!user) return;
    for (;;) {
      // Only this person's commands: another person's wait for them to sign in here again.
      const rows = pendingCommands(this.o.store, user.id, PUSH_BATCH);
      if (rows.length === 0) return;
      // After a restore the server's count of this person's commands may stand below a refused
      // one: it hears of those as passed over first (bounded by what it last said it has).
      const known = Number(readSyncState(this.o.store, `lmid:${user.id}`) ?? NaN);
      const first = rows[0]?.userSeq ?? 0;
      const skipped = Number.isInteger(known) ? passedOverBetween(this.o.store, user.id, known, first) : [];
      const byId = new Map(rows.map((r) => [r.userSeq ?? 0, r.mutationId]));
      const mutation = (r: OutboxRow): Mutation => ({ id: r.userSeq ?? 0, name: r.name, args: JSON.parse(r.args) as unknown, eventIds: r.eventIds ? (JSON.parse(r.eventIds) as string[]) : [], createdAt: r.createdAt });
      const mutations: Mutation[] = [...skipped.map((r) => ({ ...mutation(r), skip: true as const })), ...rows.map(mutation)].slice(0, PUSH_BATCH);
      for (const m of mutations) await this.uploadBlobsOf(m);
      const answer = await this.http('POST', '/sync/push', { clientId: this.clientFor(user.id), mutations }, pushResponseSchema);
      const refused = this.o.store.tx(() => {
        writeSyncState(this.o.store, `lmid:${user.id}`, String(answer.lastMutationId));
        let n = 0;
        for (const r of answer.results) {
          const mutationId = byId.get(r.id);
          if (mutationId === undefined) continue;
          if (r.status === 'rejected') {
            settleCommand(this.o.store, mutationId, 'rejected', { error: r.error });
            n++;
          } else {
            settleCommand(this.o.store, mutationId, 'applied', { status: r.status, assigned: r.assigned });
            for (const a of r.assigned) applyAssignedNumber(this.o.store, a);
          }
        }
        return n;
      });
      if (answer.results.length > 0) this.o.store.changed();
      // A refused command is taken back from the replica at once (the rest replayed without
      // it); it stays in the outbox "do wyjaśnienia" with everything the person typed.
      if (refused > 0) this.o.rebase(user.id);
      // The server stops at the first command it could not take (a gap or an error): the
      // rest stays pending for the next round — unless, after a restore, the gap is a command
      // refused here, which the next batch sends as passed over.
      if (answer.results.length < mutations.length && passedOverBetween(this.o.store, user.id, answer.lastMutationId, answer.lastMutationId + 2).length === 0) return;
    }
  }

  private async uploadBlobsOf(m: Mutation) {
    for (const sha256 of registerIncomingBlobs(m)) {
      const blob = getBlob(this.o.store, sha256);
      if (!blob || !this.o.blobs.has(sha256)) continue; // the server refuses the command by name
      // tus-style: HEAD says how much of it the server holds; an interrupted upload resumes there.
      const head = await this.raw('HEAD', `/blobs/${sha256}`, undefined);
      const state = { received: Number(head.headers.get('upload-offset') ?? 0), complete: head.headers.get('upload-complete') === '?1' };
      if (state.complete) continue;
      const bytes = this.o.blobs.read(sha256);
      for (let offset = state.received; offset < bytes.length || (bytes.length === 0 && offset === 0); ) {
        const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + UPLOAD_CHUNK));
        const next = await this.upload(sha256, bytes.length, offset, chunk, blob.mime);
        if (next.complete) break;
        offset = next.received;
      }
    }
  }

  private async pullAll() {
    // Where this pull started, for the progress of one of many windows.
    let from: number | null = null;
    let rows = 0;
    // The next window, asked for while this one is written: the server builds it meanwhile.
    let ahead: { body: string; answer: Promise<PullResponse> } | null = null;
    let bulk: BulkLoad | null = null;
    try {
      for (;;) {
        const me = this.tokens?.user.id ?? null;
        const cursorText = readSyncState(this.o.store, 'cursor');
        const cursor = cursorText === null ? null : Number(cursorText);
        // The directory the replica holds: while the server's is the same, the pull leaves it out.
        const directoryDigest = cursor === null ? null : readSyncState(this.o.store, 'directory');
        const request = { clientId: me ? this.clientFor(me) : this.clientId, cursor, directoryDigest, ...(this.o.pullLimit ? { limit: this.o.pullLimit } : {}) };
        // Taken only when it is exactly the request this state makes (otherwise dropped unread).
        const asked: Promise<PullResponse> | null = ahead?.body === JSON.stringify(request) ? ahead.answer : null;
        ahead = null;
        const answer: PullResponse = await (asked ?? this.http('POST', '/sync/pull', request, pullResponseSchema));
        if (answer.resyncRequired) {
          if (cursor === null) throw new SyncRefusal('SYNC_RESYNC_LOOP', 'Serwer nie przyjmuje pełnej synchronizacji. Zgłoś to administratorowi.', 409);
          clearSyncState(this.o.store, 'cursor');
          continue;
        }
        // The server was restored from a copy: its history is another one, so the cursor means
        // nothing there. Pull from the start; what is held here is kept.
        const epoch = readSyncState(this.o.store, 'epoch');
        if (epoch !== answer.epoch) {
          writeSyncState(this.o.store, 'epoch', answer.epoch);
          if (epoch !== null && cursor !== null) {
            this.o.log(`sync: the server holds another history (restored from a copy): pulling from the start`);
            clearSyncState(this.o.store, 'cursor');
            continue;
          }
        }
        // This person's accepted commands the restored server no longer has wait again.
        if (me) {
          const mine = readSyncState(this.o.store, `epoch:${me}`);
          if (mine !== answer.epoch) {
            const requeued = mine === null ? 0 : requeueLostCommands(this.o.store, me, answer.lastMutationId);
            writeSyncState(this.o.store, `epoch:${me}`, answer.epoch);
            if (requeued > 0) {
              this.requeued = true;
              this.o.log(`sync: ${String(requeued)} accepted command(s) missing from the restored server: sent again`);
            }
          }
        }
        // The person's units grew (a substitution began): the records of the new ones are older
        // than the cursor, so they come with a pull from the start (what is held is kept).
        const held = readSyncState(this.o.store, 'scope');
        const scope = scopeChange(held === null ? null : (JSON.parse(held) as PullResponse['scope']), answer.scope);
        if (scope === 'grown' && cursor !== null) {
          this.o.rebase(me, () => {
            if (!answer.scope.all) keepOnlyUnits(this.o.store, answer.scope.unitIds, me);
            clearSyncState(this.o.store, 'cursor');
            writeSyncState(this.o.store, 'scope', JSON.stringify(answer.scope));
          });
          this.o.store.changed();
          continue;
        }
        // Many windows to come: written in bulk (db/bulkLoad.ts); from the start, indexes after.
        if (answer.hasMore && !bulk) bulk = beginBulkLoad(this.o.store, cursor === null);
        if (answer.hasMore) {
          const following: typeof request = { ...request, cursor: answer.cursor, directoryDigest: answer.directoryDigest };
          const next = this.http('POST', '/sync/pull', following, pullResponseSchema);
          // A window not taken (this one failed to apply, or the state moved) is never read.
          next.catch(() => undefined);
          ahead = { body: JSON.stringify(following), answer: next };
          // fetch writes the request on a later turn of the event loop, which the window's
          // writing below would hold up: let it go out first.
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        // The rebase: the server's rows, then this person's unconfirmed commands on top. Only
        // the last window has everything up to the person's last mutation id the server holds.
        this.o.rebase(me, () => {
          applyPull(this.o.store, answer, this.o.writeSettings, me);
          if (scope !== 'same' && !answer.scope.all) keepOnlyUnits(this.o.store, answer.scope.unitIds, me);
          writeSyncState(this.o.store, 'scope', JSON.stringify(answer.scope));
          writeSyncState(this.o.store, 'cursor', String(answer.cursor));
          // Applied just now, or held already: either way the replica's directory is this one.
          if (answer.directoryDigest !== null) writeSyncState(this.o.store, 'directory', answer.directoryDigest);
          else clearSyncState(this.o.store, 'directory');
          if (me && !answer.hasMore) confirmThrough(this.o.store, me, answer.confirmedThrough ?? answer.lastMutationId);
          if (me) writeSyncState(this.o.store, `lmid:${me}`, String(answer.lastMutationId));
        });
        // A window that brought nothing leaves the open screens alone.
        if (answer.cursor !== cursor || scope !== 'same') this.o.store.changed();
        rows += answer.parties.length + answer.letters.length + answer.cases.length + answer.events.length + answer.decisions.length + answer.dispatchItems.length;
        from ??= cursor ?? 0;
        this.progress = answer.hasMore ? { rows, percent: percentOf(from, answer.cursor, answer.horizon) } : null;
        this.windowDone();
        if (!answer.hasMore) return;
      }
    } finally {
      // A profile closed meanwhile (signed out, the app quitting) builds what waits when it opens.
      if (bulk && this.o.store.sqlite.open) {
        const started = performance.now();
        endBulkLoad(this.o.store, bulk);
        if (bulk.deferred) this.o.log(`sync: indexes built after the pull from the start in ${(performance.now() - started).toFixed(0)} ms`);
      }
    }
  }

  /**
   * The decision-register number for an approved decision, reserved by the server. The
   * decision's own commands go first, so the server knows it is approved.
   */
  async reserveDecisionNumber(id: string): Promise<{ number: string; year: number; seq: number }> {
    if (!this.tokens) throw fail('SYNC_NOT_SIGNED_IN');
    await this.syncNow();
    if (countOutbox(this.o.store, this.tokens.user.id).pending > 0) throw fail(this.state === 'offline' ? 'DECISION_SIGNING_NEEDS_SERVER' : 'DECISION_NOT_SYNCED');
    try {
      return await this.http('POST', `/decisions/${id}/number`, {}, decisionNumberSchema);
    } catch (e) {
      if (e instanceof SyncOffline) throw fail('DECISION_SIGNING_NEEDS_SERVER');
      throw e;
    }
  }

  /** The server's copies, for the header (asked only while signed in). */
  async serverBackupStatus(): Promise<ServerBackupStatus> {
    if (!this.tokens) throw fail('SYNC_NOT_SIGNED_IN');
    return this.http('GET', '/office/backup', undefined, serverBackupStatusSchema);
  }

  /** Fetches a blob the workstation does not hold (a scan registered elsewhere). */
  async fetchBlob(sha256: string): Promise<Uint8Array> {
    const res = await this.raw('GET', `/blobs/${sha256}`, undefined);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // Content-addressed: what came must hash to what was asked for, or it is not kept.
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw fail('BLOB_HASH_MISMATCH');
    this.o.blobs.putBytes(bytes);
    return bytes;
  }

  private async upload(sha256: string, size: number, offset: number, chunk: Uint8Array, mime: string) {
    const res = await this.raw('PATCH', `/blobs/${sha256}`, chunk, {
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      'upload-length': String(size),
      'x-blob-mime': mime,
    });
    return blobStateSchema.parse(await res.json());
  }

  private async http<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S, opts?: { anonymous?: boolean }): Promise<z.infer<S>>;
  private async http(method: string, path: string, body: unknown, schema: null, opts?: { anonymous?: boolean }): Promise<unknown>;
  private async http(method: string, path: string, body: unknown, schema: z.ZodType | null, opts: { anonymous?: boolean } = {}): Promise<unknown> {
    const res = await this.raw(method, path, body === undefined ? undefined : JSON.stringify(body), { 'content-type': 'application/json' }, opts);
    const json: unknown = await res.json();
    return schema ? schema.parse(json) : json;
  }

  private async raw(method: string, path: string, body: string | Uint8Array | undefined, headers: Record<string, string> = {}, opts: { anonymous?: boolean } = {}, retried = false): Promise<Response> {
    let res: Response;
    try {
      res = await this.connection.fetch(path, {
        method,
        headers: { ...headers, ...(opts.anonymous || !this.tokens ? {} : { authorization: `Bearer ${this.tokens.accessToken}` }), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : Buffer.from(body),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (e) {
      this.state = 'offline';
      const untrusted = untrustedCertificate(e);
      throw new SyncOffline(this.o.serverUrl, untrusted ?? (e instanceof Error ? e.message : String(e)), untrusted !== null);
    }
    if (res.status === 401 && !opts.anonymous && !retried && this.tokens) {
      await this.refresh();
      return this.raw(method, path, body, headers, opts, true);
    }
    if (res.status === 502 || res.status === 503 || res.status === 504) throw new SyncOffline(this.o.serverUrl, `HTTP ${String(res.status)}`);
    if (!res.ok) {
      const err = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
      throw new SyncRefusal(err.code ?? 'SERVER_ERROR', err.message ?? `Serwer odpowiedział błędem ${String(res.status)}.`, res.status);
    }
    return res;
  }

  /**
   * One refresh at a time: a refresh token is used once (the server rotates it and ends the
   * session when an old one comes back), and a pull window asked ahead can meet an expired
   * access token beside another request.
   */
  private refresh(): Promise<void> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshOnce() {
    const refreshToken = this.tokens?.refreshToken;
    if (!refreshToken) return;
    try {
      this.setTokens(await this.http('POST', '/auth/refresh', { refreshToken }, refreshResponseSchema, { anonymous: true }));
    } catch (e) {
      if (e instanceof SyncRefusal) this.setTokens(null); // the session is over: sign in again
      throw e;
    }
  }
}

/** How far `cursor` is from `from` towards `horizon`, in whole percent (0–99 while there is more). */
export function percentOf(from: number, cursor: number, horizon: number | undefined): number {
  if (horizon === undefined || horizon <= from) return 0;
  return Math.max(0, Math.min(99, Math.floor(((cursor - from) / (horizon - from)) * 100)));
}
