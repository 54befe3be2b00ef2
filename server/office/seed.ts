import { count } from 'drizzle-orm';
import { settingsSchema } from '#core/contract';
import { DEMO_SETTINGS, DEMO_UNITS, DEMO_USERS } from '#core/demo/office';
import { parseJrwa } from '#core/jrwa/import';
import { fail } from '#core/errors';
import type { ServerDb } from '#server/db/open';
import { jrwaClasses, units, users } from '#server/db/schema/index';
import { noteChange, takeTurns, writeTx } from '#server/db/tx';
import { appendAudit } from '#server/db/audit';
import { hashPassword } from '#core/security/password';
import { DEMO_PASSWORD } from '#server/config';
import demoJrwa from '../../core/jrwa/demo-jrwa.json' with { type: 'json' };
import { readOfficeSettings, writeOfficeSettings } from './settings.ts';

/** True when no office has been created in this database (no settings, no units). */
export async function officeIsEmpty(db: ServerDb): Promise<boolean> {
  const [u] = await db.select({ n: count() }).from(units);
  return (u?.n ?? 0) === 0 && (await readOfficeSettings(db)) === null;
}

/**
 * Fills an empty database with the demo office "Gmina Przykładowa" — the workstation's demo
 * data (core/demo/office.ts, core/jrwa/demo-jrwa.json) — every demo user with the password
 * DEMO_PASSWORD. One write transaction; does nothing and returns false when an office exists.
 * Safe when two server processes start together: the second waits for the first's version
 * lock and then sees its units.
 */
export async function seedDemoOffice(db: ServerDb, actor: string): Promise<boolean> {
  if (!(await officeIsEmpty(db))) return false;
  // Hashing is slow (scrypt): done before the transaction, which must stay short — and once: every
  // demo account has the same published password, so one salt hides nothing a second would.
  const demoHash = await hashPassword(DEMO_PASSWORD);
  const hashes = DEMO_USERS.map(() => demoHash);
  const jrwa = parseJrwa(JSON.stringify(demoJrwa));
  const seeded = await writeTx(db, async (w) => {
    // Again, one process at a time: another may have seeded meanwhile (two starting together
    // on one fresh database). Then roll back (throw) rather than seed a second office.
    await takeTurns(w.tx, 'office-setup');
    if (!(await officeIsEmpty(w.tx))) throw ALREADY_SEEDED;
    const ids = new Map(DEMO_UNITS.map((unit) => [unit.symbol, crypto.randomUUID()]));
    const idOf = (symbol: string) => {
      const id = ids.get(symbol);
      if (!id) throw new Error(`demo unit ${symbol} missing`);
      return id;
    };
    await w.tx.insert(units).values(DEMO_UNITS.map((unit) => ({ id: idOf(unit.symbol), symbol: unit.symbol, name: unit.name, parentId: unit.parent ? idOf(unit.parent) : null })));
    noteChange(w, { what: 'directory' });
    await w.tx.insert(users).values(
      DEMO_USERS.map((user, i) => ({
        id: crypto.randomUUID(),
        login: user.login,
        fullName: user.fullName,
        position: user.position,
        role: user.role,
        unitId: idOf(user.unit),
        passwordHash: hashes[i] ?? null,
      })),
    );
    await writeOfficeSettings(w, DEMO_SETTINGS);
    const importedAt = new Date();
    await w.tx.insert(jrwaClasses).values(jrwa.classes.map((c) => ({ ...c, importedAt })));
    await appendAudit(w, {
      actor,
      action: 'office.demo-seeded',
      entityType: 'office',
      entityId: 'office',
      summary: `Założono urząd demonstracyjny ${DEMO_SETTINGS.office.name}: ${DEMO_UNITS.length} komórek, ${DEMO_USERS.length} użytkowników, ${jrwa.classes.length} klas JRWA`,
      data: { units: DEMO_UNITS.length, users: DEMO_USERS.length, jrwa: jrwa.classes.length },
    });
    return true;
  }).catch((e: unknown) => {
    if (e === ALREADY_SEEDED) return false;
    throw e;
  });
  return seeded;
}

const ALREADY_SEEDED = new Error('the office was seeded by another process meanwhile');

/** Creates a real office: its settings only (units, users and the JRWA come next, by the CLI). */
export async function initOffice(db: ServerDb, actor: string, input: { name: string; city: string; shortName?: string | undefined; organ?: string | undefined }): Promise<void> {
  const name = input.name.trim();
  const city = input.city.trim();
  if (name === '' || city === '') throw fail('INVALID_INPUT', { detail: 'podaj nazwę urzędu (--name) i miejscowość (--city).' });
  const value = settingsSchema.parse({
    office: { name, shortName: input.shortName?.trim() || name, addressLines: [], city },
    incomingPattern: 'RPW/{nr}/{rok}',
    scanFolder: null,
    maxScanMb: 100,
    ...(input.organ?.trim() ? { organ: input.organ.trim() } : {}),
  });
  await writeTx(db, async (w) => {
    await takeTurns(w.tx, 'office-setup');
    const existing = await readOfficeSettings(w.tx);
    if (existing) throw fail('SERVER_OFFICE_EXISTS', { name: existing.office.name });
    await writeOfficeSettings(w, value);
    await appendAudit(w, {
      actor,
      action: 'office.created',
      entityType: 'office',
      entityId: 'office',
      summary: `Założono urząd ${name} (${city})`,
      data: { name, city, organ: value.organ },
    });
  });
}
