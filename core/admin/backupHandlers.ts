import type { Handlers } from '#core/services/handlers';
import { requireUser } from '#core/services/access';
import { warsawDate } from '#core/time';

/** Whole office days from one `YYYY-MM-DD` to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Two office days without a good copy is worth telling everyone (someone tells IT). */
const OVERDUE_DAYS = 2;

export const backupHandlers = {
  'backup.status': async (ctx) => {
    const user = requireUser(ctx);
    if (!ctx.backups) return null;
    const s = await ctx.backups.status();
    // The server cannot be asked (offline): the header says nothing rather than something stale.
    if (!s) return null;
    const days = s.lastGoodAt === null ? null : daysBetween(warsawDate(s.lastGoodAt), warsawDate(ctx.clock()));
    const admin = user.role === 'admin';
    return {
      kind: s.kind,
      lastGoodAt: s.lastGoodAt,
      daysSinceGood: days,
      // Never made: only a failed attempt is news (a new profile makes its first copy at the set hour).
      overdue: days === null ? s.problem !== null : days >= OVERDUE_DAYS,
      problem: admin ? s.problem : null,
      folder: admin ? s.folder : null,
      phraseShown: s.phraseShown,
    };
  },
} satisfies Handlers<'backup.status'>;
