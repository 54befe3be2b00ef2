import { describe, expect, it } from 'vitest';
import { ChangeFeed, changeOf, FeedCache } from '#server/db/changeFeed';

// The rules of what a server process may answer from memory (server/db/changeFeed.ts): only while
// it hears changes, never an answer read while a change came, forgotten by the changes that make
// it stale, and never longer than asked.

type Held = { session: string };
const bySession = (feed: ChangeFeed | undefined, maxAgeMs = 60_000, maxEntries = 100) =>
  new FeedCache<string, Held>(feed, { maxAgeMs, maxEntries, forgets: (c, v) => c.what !== 'session' || c.id === v.session });

/** A read whose answer arrives when `release` is called. */
function slowRead(value: Held) {
  let release: (() => void) | null = null;
  const read = () =>
    new Promise<{ value: Held }>((resolve) => {
      release = () => resolve({ value });
    });
  return { read, release: () => release?.() };
}

describe('what a server process remembers between requests', () => {
  it('remembers nothing while the feed is not heard (before it starts, after it stops)', async () => {
    const feed = new ChangeFeed();
    const cache = bySession(feed);
    await cache.through('t', () => Promise.resolve({ value: { session: 's1' } }));
    expect(cache.get('t')).toBeUndefined();
    feed.started();
    await cache.through('t', () => Promise.resolve({ value: { session: 's1' } }));
    expect(cache.get('t')).toEqual({ session: 's1' });
    feed.stopped();
    expect(cache.get('t')).toBeUndefined();
    feed.started();
    expect(cache.get('t')).toBeUndefined();
    expect(bySession(undefined).get('t')).toBeUndefined();
  });

  it('does not keep an answer read while a change was heard, nor one read before `since`', async () => {
    const feed = new ChangeFeed();
    feed.started();
    const cache = bySession(feed);
    const slow = slowRead({ session: 's1' });
    const reading = cache.through('t', slow.read);
    feed.heard({ what: 'session', id: 'other' });
    slow.release();
    expect(await reading).toEqual({ session: 's1' });
    expect(cache.get('t')).toBeUndefined();

    const since = cache.mark();
    feed.heard({ what: 'directory' });
    await cache.through('t', () => Promise.resolve({ value: { session: 's1' } }), since);
    expect(cache.get('t')).toBeUndefined();
    await cache.through('t', () => Promise.resolve({ value: { session: 's1' } }));
    expect(cache.get('t')).toEqual({ session: 's1' });
  });

  it('forgets what a change makes stale and keeps the rest; "everything" forgets all', async () => {
    const feed = new ChangeFeed();
    feed.started();
    const cache = bySession(feed);
    for (const [k, s] of [['a', 's1'], ['b', 's2']] as const) await cache.through(k, () => Promise.resolve({ value: { session: s } }));
    feed.heard({ what: 'session', id: 's1' });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toEqual({ session: 's2' });
    feed.heard({ what: 'directory' });
    expect(cache.get('b')).toBeUndefined();
    await cache.through('b', () => Promise.resolve({ value: { session: 's2' } }));
    feed.heard({ what: 'everything' });
    expect(cache.get('b')).toBeUndefined();
  });

  it('keeps an answer no longer than its own time or the cache’s, and no more entries than allowed', async () => {
    const feed = new ChangeFeed();
    feed.started();
    const cache = bySession(feed, 60_000, 2);
    await cache.through('expired', () => Promise.resolve({ value: { session: 's0' }, ttlMs: -1 }));
    expect(cache.get('expired')).toBeUndefined();
    const short = bySession(feed, -1);
    await short.through('t', () => Promise.resolve({ value: { session: 's1' } }));
    expect(short.get('t')).toBeUndefined();
    for (const k of ['a', 'b', 'c']) await cache.through(k, () => Promise.resolve({ value: { session: k } }));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toEqual({ session: 'c' });
  });

  it('reads the triggers’ payloads; a listener’s own probe is no change, anything unknown forgets everything', () => {
    expect(changeOf('session:3f2a')).toEqual({ what: 'session', id: '3f2a' });
    expect(changeOf('directory')).toEqual({ what: 'directory' });
    expect(changeOf('probe:1234')).toBeNull();
    expect(changeOf('what-is-this')).toEqual({ what: 'everything' });
  });

  it('a refused read is not remembered', async () => {
    const feed = new ChangeFeed();
    feed.started();
    const cache = bySession(feed);
    await expect(cache.through('t', () => Promise.reject(new Error('AUTH_SESSION_EXPIRED')))).rejects.toThrow('AUTH_SESSION_EXPIRED');
    let reads = 0;
    await cache.through('t', () => Promise.resolve({ value: { session: String(++reads) } }));
    await cache.through('t', () => Promise.resolve({ value: { session: String(++reads) } }));
    expect(reads).toBe(1);
  });
});
