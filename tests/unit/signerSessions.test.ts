import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { secretDrop, signerSessions, SIGNING_IDLE_MS } from '#core/decisions/signerSessions';
import type { CmsSigner } from '#signing/cms';
import { thrown } from '#tests/support/thrown';

const signer = { keyType: 'rsa' } as unknown as CmsSigner;

describe('a signing session', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('logs the card out after five idle minutes; each signature starts the five minutes again', () => {
    const sessions = signerSessions();
    const close = vi.fn();
    const id = sessions.open('head-1', signer, close);
    vi.advanceTimersByTime(SIGNING_IDLE_MS - 1000);
    expect(sessions.use(id, 'head-1')).toBe(signer);
    vi.advanceTimersByTime(SIGNING_IDLE_MS - 1000);
    expect(close).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2000);
    expect(close).toHaveBeenCalledOnce();
    expect(thrown(() => sessions.use(id, 'head-1')).code).toBe('SIGN_SESSION_ENDED');
  });

  it("is its opener's only, and signing out ends all of them once", () => {
    const sessions = signerSessions();
    const closes = [vi.fn(), vi.fn()];
    const a = sessions.open('head-1', signer, closes[0]);
    sessions.open('head-2', signer, closes[1]);
    expect(thrown(() => sessions.use(a, 'head-2')).code).toBe('SIGN_SESSION_ENDED');
    // Nor can another head end it.
    sessions.end(a, 'head-2');
    expect(closes[0]).not.toHaveBeenCalled();
    sessions.endAll('head-1');
    expect(closes[0]).toHaveBeenCalledOnce();
    expect(closes[1]).not.toHaveBeenCalled();
    sessions.endAll();
    sessions.end(a);
    expect(closes[0]).toHaveBeenCalledOnce();
    expect(closes[1]).toHaveBeenCalledOnce();
  });
});

describe("the desktop shell's secrets", () => {
  it('are taken once, and not at all after two minutes', () => {
    let now = new Date('2026-12-06T10:00:00Z');
    const drop = secretDrop(() => now);
    drop.put('a', '1234');
    drop.put('b', '5678');
    expect(drop.take('a')).toBe('1234');
    expect(drop.take('a')).toBeNull();
    expect(drop.take('nieznany')).toBeNull();
    now = new Date(now.getTime() + 2 * 60_000);
    expect(drop.take('b')).toBeNull();
  });
});
