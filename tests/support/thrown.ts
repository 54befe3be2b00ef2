import { isDomainError } from '#core/errors';

/** Runs `run` and returns the DomainError it threw (code and Polish message); fails otherwise. */
export function thrown(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a DomainError');
}

/** The same for an async `run`: the DomainError its promise rejected with. */
export async function rejected(run: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a DomainError');
}
