import type { Ctx } from '#core/services/context';
import type { User } from '#core/contract';
import { DEMO_LETTERS, DEMO_PARTIES, DEMO_SETTINGS, DEMO_UNITS, DEMO_USERS } from '#core/demo/office';
import { insertUnit, insertUser, unitCount, listUnits, getUser } from '#db/directory';
import { writeSettings } from '#core/admin/settings';
import { importJrwa } from '#core/admin/handlers';
import { partiesHandlers } from '#core/parties/handlers';
import { intakeHandlers } from '#core/intake/handlers';
import demoJrwa from '../jrwa/demo-jrwa.json' with { type: 'json' };

/**
 * Fills an empty profile with the demo office, through the same commands people use (so the
 * demo data has events, numbers and an outbox like real data). Does nothing if units exist.
 */
export function seedDemoOffice(ctx: Ctx, opts: { letters: boolean }): boolean {
  if (unitCount(ctx.store) > 0) return false;
  ctx.store.tx(() => {
    const ids = new Map<string, string>();
    for (const u of DEMO_UNITS) ids.set(u.symbol, crypto.randomUUID());
    for (const u of DEMO_UNITS) {
      insertUnit(ctx.store, { id: ids.get(u.symbol) ?? '', symbol: u.symbol, name: u.name, parentId: u.parent ? (ids.get(u.parent) ?? null) : null });
    }
    for (const u of DEMO_USERS) {
      insertUser(ctx.store, { id: crypto.randomUUID(), login: u.login, fullName: u.fullName, position: u.position, role: u.role, unitId: ids.get(u.unit) ?? '' });
    }
    writeSettings(ctx.store, DEMO_SETTINGS);
  });
  const asUser = (login: string): User => {
    const id = ctx.store.sqlite.prepare('SELECT id FROM users WHERE login = ?').pluck().get(login) as string;
    const u = getUser(ctx.store, id);
    if (!u) throw new Error(`demo user ${login} missing`);
    return u;
  };
  const previous = ctx.session.user;
  try {
    ctx.session.user = asUser('gszymanski');
    importJrwa(ctx, ctx.session.user, { fileName: 'jrwa-demo.json', text: JSON.stringify(demoJrwa), dryRun: false });
    const parties = DEMO_PARTIES.map((p) => partiesHandlers['parties.create'](ctx, { ...p }));
    if (opts.letters) {
      ctx.session.user = asUser('akowalska');
      const units = listUnits(ctx.store);
      const now = ctx.clock().getTime();
      for (const l of DEMO_LETTERS) {
        const sender = parties[l.party];
        const unit = units.find((u) => u.symbol === l.unit);
        if (!sender || !unit) continue;
        intakeHandlers['intake.register'](ctx, {
          channel: l.channel,
          receivedAt: new Date(now - l.hoursAgo * 3_600_000).toISOString(),
          senderId: sender.id,
          senderReference: l.reference,
          letterDate: null,
          postmarkedOn: null,
          postmarkOperator: null,
          externalId: null,
          subject: l.subject,
          attachmentsCount: 0,
          trackingNumber: null,
          remarks: null,
          unitId: unit.id,
          scans: [],
          inboxFiles: [],
          acknowledgeDuplicates: false,
          replaces: null,
        });
      }
    }
  } finally {
    ctx.session.user = previous;
  }
  return true;
}
