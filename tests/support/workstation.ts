import type { Ctx } from '#core/services/context';
import { openBackend } from '#backend/context';
import { call, removeDir, tempDir } from '#tests/support/profile';
import { DEMO_PASSWORD, serverCaFor } from '#tests/support/server';

/** A workstation profile of its own, synced with a central server (rounds only when a test asks). */
export type Workstation = { ctx: Ctx; dir: string; close(): void };

export function workstation(url: string, o: { clock?: () => Date; pullLimit?: number } = {}): Workstation {
  const dir = tempDir('stanowisko');
  const ctx = openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true, serverUrl: url, serverCa: serverCaFor(url), syncIntervalMs: 0, ...(o.clock ? { clock: o.clock } : {}), ...(o.pullLimit ? { syncPullLimit: o.pullLimit } : {}) });
  return {
    ctx,
    dir,
    close: () => {
      ctx.store.close();
      removeDir(dir);
    },
  };
}

/** Signs a demo person in at the workstation with the demo password. */
export async function login(w: Workstation, who: string) {
  return call(w.ctx, 'session.login', { login: who, password: DEMO_PASSWORD });
}

/** The id of a unit of the office's directory (as this workstation holds it) by its symbol. */
export async function unitOf(w: Workstation, symbol: string): Promise<string> {
  const id = (await call(w.ctx, 'office.units', {})).find((u) => u.symbol === symbol)?.id;
  if (!id) throw new Error(`no unit ${symbol}`);
  return id;
}
