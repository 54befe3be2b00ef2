import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { ServerDb } from './open.ts';

/**
 * What this server process hears PostgreSQL say changed, so that it can answer from memory what
 * otherwise costs a round trip on every request: whose access token is whose, the directory's
 * digest, a person's units today.
 *
 * Triggers (migration 0015) send `pg_notify('kancelaria_zmiany', …)` when a session is refreshed
 * or ended and when units, people, zastępstwa or the settings change; PostgreSQL delivers it to
 * every process listening, this one included, once the writer commits. A process that changes
 * these itself tells its own caches at once (`heard`), before it answers: its notification
 * arrives a little later, and the person who just logged out must not get one more answer.
 *
 * A cache answers only while the feed is live (the listening connection is up); while it is
 * down every request reads the database, as it did before the caches. `epoch` moves on every
 * change and on every loss or return of the connection: an answer read from the database is kept
 * only when the epoch has not moved since before it was read, so a change that commits while a
 * read runs can never leave the older answer in the cache.
 */
export type Change = { readonly what: 'session'; readonly id: string } | { readonly what: 'directory' } | { readonly what: 'everything' };

export const CHANGE_CHANNEL = 'kancelaria_zmiany';

/** A listener's check that its notifications arrive (`listenPostgres`): no change. */
const PROBE = 'probe:';
const PROBE_WAIT_MS = 5000;

/** A notification's payload ('session:<id>', 'directory') as a change; a probe is none; anything else forgets everything. */
export function changeOf(payload: string): Change | null {
  if (payload.startsWith(PROBE)) return null;
  if (payload.startsWith('session:')) return { what: 'session', id: payload.slice('session:'.length) };
  if (payload === 'directory') return { what: 'directory' };
  return { what: 'everything' };
}

export class ChangeFeed {
  private epochNo = 0;
  private listening = false;
  private readonly listeners = new Set<(c: Change) => void>();

  /** Moves on every change heard or made here, and when listening stops or starts again. */
  get epoch(): number {
    return this.epochNo;
  }

  /** Whether changes are being heard: caches answer only then. */
  get live(): boolean {
    return this.listening;
  }

  subscribe(listener: (c: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A change committed by this process or heard from PostgreSQL. */
  heard(change: Change): void {
    this.epochNo += 1;
    for (const l of this.listeners) l(change);
  }

  /** Listening began (or began again): what was cached before may have missed changes. */
  started(): void {
    this.heard({ what: 'everything' });
    this.listening = true;
  }

  /** Listening stopped: nothing cached is trusted until it starts again. */
  stopped(): void {
    this.listening = false;
    this.heard({ what: 'everything' });
  }
}

const feeds = new WeakMap<ServerDb, ChangeFeed>();

/** The feed of the database `db` opened with, if it listens (a transaction has none). */
export function changeFeedOf(db: ServerDb): ChangeFeed | undefined {
  return feeds.get(db);
}

export function attachChangeFeed(db: ServerDb, feed: ChangeFeed): void {
  feeds.set(db, feed);
}

const caches = new WeakMap<ServerDb, Map<string, unknown>>();

/** The cache named `name` of the database `db` (one per process and database, made on first use). */
export function feedCache<K, V>(db: ServerDb, name: string, opts: FeedCacheOptions<V>): FeedCache<K, V> {
  let byName = caches.get(db);
  if (!byName) caches.set(db, (byName = new Map<string, unknown>()));
  let cache = byName.get(name) as FeedCache<K, V> | undefined;
  if (!cache) byName.set(name, (cache = new FeedCache<K, V>(changeFeedOf(db), opts)));
  return cache;
}

export type FeedCacheOptions<V> = {
  maxAgeMs: number;
  maxEntries: number;
  /** Whether `change` makes a remembered `value` stale ('everything' always does). */
  forgets: (change: Change, value: V) => boolean;
};

/**
 * Remembers answers while nothing they depend on changed: `forgets` says which entries a change
 * makes stale. Bounded in number, and in age (`maxAgeMs`) as a last guard should a notification
 * ever be lost without the connection dropping.
 */
export class FeedCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();

  constructor(
    private readonly feed: ChangeFeed | undefined,
    private readonly opts: FeedCacheOptions<V>,
  ) {
    feed?.subscribe((change) => {
      if (change.what === 'everything') this.entries.clear();
      else for (const [k, e] of this.entries) if (opts.forgets(change, e.value)) this.entries.delete(k);
    });
  }

  /** The remembered answer, if the feed is live and the entry still fresh. */
  get(key: K): V | undefined {
    if (!this.feed?.live) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until > Date.now()) return e.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Where the feed stands now: give it to `through` when the read's snapshot was taken before the call. */
  mark(): number | undefined {
    return this.feed?.epoch;
  }

  /**
   * The remembered answer, or `read()`'s (kept for at most `ttlMs` of it, never longer than
   * `maxAgeMs`) — kept only when no change was heard since `since` (by default: since this call).
   */
  async through(key: K, read: () => Promise<{ value: V; ttlMs?: number }>, since?: number): Promise<V> {
    const had = this.get(key);
    if (had !== undefined) return had;
    const epoch = since ?? this.feed?.epoch;
    const { value, ttlMs } = await read();
    if (this.feed?.live && this.feed.epoch === epoch) {
      if (this.entries.size >= this.opts.maxEntries) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
      this.entries.set(key, { value, until: Date.now() + Math.min(this.opts.maxAgeMs, ttlMs ?? Infinity) });
    }
    return value;
  }
}

/**
 * Listens on PostgreSQL with a connection of its own (a pooled one would be handed to a query),
 * and connects again after a loss, every `retryMs`. Returns the function that stops it.
 */
export function listenPostgres(url: string, feed: ChangeFeed, retryMs = 1000): () => Promise<void> {
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  // Said once an outage, and once when it is over: IT sees why requests got slower, not a line a second.
  let down = false;
  const again = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: 'kancelaria-zmiany', keepAlive: true });
    client = c;
    const lost = (e?: unknown) => {
      if (client !== c) return;
      client = null;
      feed.stopped();
      c.end().catch(() => undefined);
      if (!down && !closed) {
        down = true;
        process.stderr.write(`Kancelaria (serwer): nasłuch zmian w PostgreSQL przerwany${e instanceof Error ? ` (${e.message})` : ''}; do jego powrotu każde żądanie czyta bazę, próba co ${String(retryMs / 1000)} s.\n`);
      }
      again();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    // Live only once a notification of its own came back: through a transaction-mode pooler
    // LISTEN succeeds and nothing ever arrives, and a cache nobody tells would answer stale.
    const probe = `${PROBE}${randomUUID()}`;
    let probed: () => void = () => undefined;
    const cameBack = new Promise<boolean>((resolve) => {
      probed = () => resolve(true);
      setTimeout(() => resolve(false), PROBE_WAIT_MS).unref();
    });
    c.on('notification', (n) => {
      if (n.channel !== CHANGE_CHANNEL) return;
      if (n.payload === probe) probed();
      const change = changeOf(n.payload ?? '');
      if (change) feed.heard(change);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
      await c.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, probe]);
      const works = await cameBack;
      if (closed || client !== c) return;
      if (works) {
        feed.started();
        if (down) process.stderr.write('Kancelaria (serwer): nasłuch zmian w PostgreSQL znów działa.\n');
        down = false;
        return;
      }
      // Not a loss to retry: the way to the database does not carry notifications. The server
      // works on, every request reading the database as before the caches.
      client = null;
      closed = true;
      await c.end().catch(() => undefined);
      process.stderr.write(
        `Kancelaria (serwer): powiadomienia PostgreSQL (LISTEN/NOTIFY) nie docierają w ${String(PROBE_WAIT_MS / 1000)} s — czy DATABASE_URL prowadzi przez pośrednika w trybie transakcji (np. PgBouncer, pool_mode = transaction)? Serwer działa dalej bez pamięci sesji i katalogu: każde żądanie czyta bazę. Wskaż PostgreSQL bezpośrednio albo pośrednika w trybie sesji.\n`,
      );
    } catch (e) {
      lost(e);
    }
  };
  void connect();
  return async () => {
    closed = true;
    if (timer) clearTimeout(timer);
    const c = client;
    client = null;
    feed.stopped();
    await c?.end().catch(() => undefined);
  };
}

/** The same on the embedded PGlite, which delivers its own notifications. */
export async function listenPglite(db: PGlite, feed: ChangeFeed): Promise<() => Promise<void>> {
  const unlisten = await db.listen(CHANGE_CHANNEL, (payload) => {
    const change = changeOf(payload);
    if (change) feed.heard(change);
  });
  feed.started();
  return async () => {
    feed.stopped();
    await unlisten();
  };
}
