import { randomUUID } from 'node:crypto';
import { fail } from '#core/errors';
import type { CmsSigner } from '#signing/cms';

/**
 * Signing sessions: the key a head opened once (a .p12 file with its password, or a card with
 * its PIN), held in the backend for a batch of decisions. The PIN is entered once for the
 * batch; the card is logged out when the batch ends, after `IDLE_MS` without a signature, or
 * when the head signs out. A session belongs to the person who opened it.
 */
export const SIGNING_IDLE_MS = 5 * 60_000;

type Held = { userId: string; signer: CmsSigner; close: () => void; timer: ReturnType<typeof setTimeout> };

export type SignerSessions = {
  open(userId: string, signer: CmsSigner, close?: () => void): string;
  /** The signer of a session this person opened, its idle time started again; refuses an ended one. */
  use(id: string, userId: string): CmsSigner;
  /** Ends a session; with `userId`, only if that person opened it. */
  end(id: string, userId?: string): void;
  /** Every session of this person (signing out), or all of them (the backend stopping). */
  endAll(userId?: string): void;
};

export function signerSessions(idleMs = SIGNING_IDLE_MS): SignerSessions {
  const held = new Map<string, Held>();
  const end = (id: string, userId?: string) => {
    const h = held.get(id);
    if (!h || (userId !== undefined && h.userId !== userId)) return;
    held.delete(id);
    clearTimeout(h.timer);
    h.close();
  };
  // The timer must not keep a stopping backend alive.
  const idle = (id: string) => {
    const timer = setTimeout(() => end(id), idleMs);
    timer.unref();
    return timer;
  };
  return {
    open(userId, signer, close = () => undefined) {
      const id = randomUUID();
      held.set(id, { userId, signer, close, timer: idle(id) });
      return id;
    },
    use(id, userId) {
      const h = held.get(id);
      if (!h || h.userId !== userId) throw fail('SIGN_SESSION_ENDED');
      clearTimeout(h.timer);
      h.timer = idle(id);
      return h.signer;
    },
    end,
    endAll(userId) {
      for (const [id, h] of [...held]) if (userId === undefined || h.userId === userId) end(id);
    },
  };
}

/**
 * Secrets the desktop shell took in its own dialog (a card's PIN, a .p12 password), left here
 * under a one-time handle: the page only ever holds the handle. Unclaimed ones are forgotten.
 */
export type SecretDrop = {
  put(handle: string, value: string): void;
  /** The secret under this handle, once; null when unknown, already taken or too old. */
  take(handle: string): string | null;
};

export const SECRET_TTL_MS = 2 * 60_000;

export function secretDrop(clock: () => Date, ttlMs = SECRET_TTL_MS): SecretDrop {
  const kept = new Map<string, { value: string; until: number }>();
  return {
    put(handle, value) {
      const now = clock().getTime();
      for (const [h, s] of [...kept]) if (s.until <= now) kept.delete(h);
      kept.set(handle, { value, until: now + ttlMs });
    },
    take(handle) {
      const s = kept.get(handle);
      kept.delete(handle);
      return s && s.until > clock().getTime() ? s.value : null;
    },
  };
}
