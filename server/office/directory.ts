import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { asc, eq, sql } from 'drizzle-orm';
import type { Role } from '#core/contract';
import { fail } from '#core/errors';
import { LOGIN_SHAPE, loginProblem, normalLogin, unitSymbolProblem } from '#core/commands/directory';
import type { ServerDb, ServerTx } from '#server/db/open';
import { feedCache, type FeedCache } from '#server/db/changeFeed';
import { units, users } from '#server/db/schema/index';
import { noteChange, type WriteTx } from '#server/db/tx';
import { appendAudit } from '#server/db/audit';
import { revokeSessionsOf, userColumns } from '#server/auth/sessions';

// The office's units and people on the server: reads for the API, and the writes the admin CLI
// makes — each in the caller's write transaction, each with its audit row.

export type UnitRow = { id: string; symbol: string; name: string; parentId: string | null; active: boolean };
export type UserRow = {
  id: string;
  login: string;
  fullName: string;
  position: string;
  role: Role;
  unitId: string;
  unitSymbol: string;
  active: boolean;
  hasPassword: boolean;
};

/** An account as the administrator sees it: with how its sign-ins stand. */
export type AccountRow = UserRow & { failedLogins: number; lockedUntil: Date | null };

export async function listUnits(db: ServerDb): Promise<UnitRow[]> {
  return db.select().from(units).orderBy(asc(units.symbol));
}

const person = {
  ...userColumns,
  active: users.active,
  hasPassword: sql<boolean>`${users.passwordHash} IS NOT NULL`,
};

/** The office's people, by login (every workstation's directory: nothing about their sign-ins). */
export async function listUsers(db: ServerDb, opts: { activeOnly: boolean }): Promise<UserRow[]> {
  return db
    .select(person)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(opts.activeOnly ? eq(users.active, true) : undefined)
    .orderBy(asc(users.login));
}

/**
 * Every account with its failed sign-ins and lock (the administrator's list). The failures are
 * counted per person from the attempts log: only here, not in the directory every workstation
 * asks for (bench/RESULTS.md: counted there for each of thousands of people, it was most of what
 * PostgreSQL did under load).
 */
export async function listAccounts(db: ServerDb): Promise<AccountRow[]> {
  return db
    .select({
      ...person,
      // Failed logins in a row this past hour (what slows the next try down), from the attempts log.
      failedLogins: sql<number>`(SELECT count(*) FROM login_attempts a WHERE a.login = ${users.login} AND NOT a.succeeded AND a.at > greatest(now() - interval '1 hour', coalesce((SELECT max(s.at) FROM login_attempts s WHERE s.login = ${users.login} AND s.succeeded), '-infinity'::timestamptz)))::int`,
      lockedUntil: sql<Date | null>`CASE WHEN ${users.lockedUntil} > now() THEN ${users.lockedUntil} END`.mapWith(users.lockedUntil),
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .orderBy(asc(users.login));
}

export async function findUnit(db: ServerDb, symbol: string): Promise<UnitRow | null> {
  const [row] = await db.select().from(units).where(eq(units.symbol, symbol));
  return row ?? null;
}

export async function findUser(db: ServerDb, login: string): Promise<{ id: string; login: string; fullName: string } | null> {
  const [row] = await db.select({ id: users.id, login: users.login, fullName: users.fullName }).from(users).where(eq(users.login, login));
  return row ?? null;
}

/** Adds a unit (komórka); its symbol follows the workstation's rule (core/cases/caseSign.ts). */
export async function addUnit(w: WriteTx, actor: string, input: { symbol: string; name: string; parentSymbol?: string | undefined }): Promise<UnitRow> {
  // The same checks as the administrator's screen (core/commands/directory.ts).
  const symbol = input.symbol.normalize('NFC');
  const existing = await findUnit(w.tx, symbol);
  const symbolProblem = unitSymbolProblem(symbol, existing ? [existing] : []);
  if (symbolProblem) throw symbolProblem;
  const name = input.name.trim();
  if (name === '') throw fail('INVALID_INPUT', { detail: 'podaj nazwę komórki, np. "Referat Finansowy".' });
  let parentId: string | null = null;
  if (input.parentSymbol !== undefined) {
    const parent = await findUnit(w.tx, input.parentSymbol);
    if (!parent) throw fail('SERVER_UNIT_UNKNOWN', { symbol: input.parentSymbol });
    parentId = parent.id;
  }
  const row: UnitRow = { id: crypto.randomUUID(), symbol, name, parentId, active: true };
  await w.tx.insert(units).values(row);
  noteChange(w, { what: 'directory' });
  await appendAudit(w, {
    actor,
    action: 'unit.added',
    entityType: 'unit',
    entityId: row.id,
    summary: `Dodano komórkę ${symbol} — ${name}${input.parentSymbol ? ` (podległa ${input.parentSymbol})` : ''}`,
    data: { symbol, name, parentSymbol: input.parentSymbol ?? null },
  });
  return row;
}

export type NewUser = { login: string; fullName: string; position: string; role: Role; unitSymbol: string; passwordHash: string };

/**
 * Checks a new user's login, name and unit; returns the normalised login and the unit. The CLI
 * calls it before asking for the password (nobody should type a password for a refused login),
 * and addUser again inside its transaction.
 */
export async function checkNewUser(db: ServerDb, input: Pick<NewUser, 'login' | 'fullName' | 'unitSymbol'>): Promise<{ login: string; fullName: string; unit: UnitRow }> {
  const login = normalLogin(input.login);
  const existing = LOGIN_SHAPE.test(login) ? await findUser(db, login) : null;
  const loginRefused = loginProblem(login, existing ? [existing] : []);
  if (loginRefused) throw loginRefused;
  const fullName = input.fullName.trim();
  if (fullName === '') throw fail('INVALID_INPUT', { detail: 'podaj imię i nazwisko, np. "Anna Kowalska".' });
  const unit = await findUnit(db, input.unitSymbol);
  if (!unit) throw fail('SERVER_UNIT_UNKNOWN', { symbol: input.unitSymbol });
  return { login, fullName, unit };
}

/** Adds a user with a password already hashed (hash outside the transaction: it is slow). */
export async function addUser(w: WriteTx, actor: string, input: NewUser): Promise<{ id: string }> {
  const { login, fullName, unit } = await checkNewUser(w.tx, input);
  const id = crypto.randomUUID();
  await w.tx.insert(users).values({ id, login, fullName, position: input.position.trim(), role: input.role, unitId: unit.id, passwordHash: input.passwordHash });
  noteChange(w, { what: 'directory' });
  await appendAudit(w, {
    actor,
    action: 'user.added',
    entityType: 'user',
    entityId: id,
    summary: `Dodano użytkownika ${login} (${fullName}), rola ${input.role}, komórka ${unit.symbol}`,
    data: { login, fullName, position: input.position.trim(), role: input.role, unit: unit.symbol },
  });
  return { id };
}

/** Changes a user's row and ends every open session of theirs, with one audit row saying so. */
async function changeEndingSessions(
  w: WriteTx,
  actor: string,
  login: string,
  set: PgUpdateSetSource<typeof users>,
  audit: (user: { login: string; fullName: string }, sessionsEnded: number) => { action: string; summary: string },
): Promise<{ sessionsEnded: number }> {
  const user = await findUser(w.tx, login);
  if (!user) throw fail('SERVER_USER_UNKNOWN', { login });
  await w.tx.update(users).set(set).where(eq(users.id, user.id));
  // The directory's change makes every process forget every session it remembers, these included.
  noteChange(w, { what: 'directory' });
  const sessionsEnded = await revokeSessionsOf(w.tx, user.id);
  await appendAudit(w, { actor, entityType: 'user', entityId: user.id, ...audit(user, sessionsEnded), data: { sessionsEnded } });
  return { sessionsEnded };
}

/** Sets a new password; every open session of the user ends (an administrator's lock stays). */
export function setPassword(w: WriteTx, actor: string, login: string, passwordHash: string): Promise<{ sessionsEnded: number }> {
  return changeEndingSessions(w, actor, login, { passwordHash }, (user, ended) => ({
    action: 'user.password-reset',
    summary: `Nowe hasło dla ${user.login} (${user.fullName}); zakończono sesje: ${ended}`,
  }));
}

/**
 * An administrator locks an account (someone left, a password leaked): no login until unlocked,
 * and every open session ends now. Failed logins never lock an account (server/auth/policy.ts).
 */
export function lockUser(w: WriteTx, actor: string, login: string): Promise<{ sessionsEnded: number }> {
  return changeEndingSessions(w, actor, login, { lockedUntil: sql`now() + interval '100 years'` }, (user, ended) => ({
    action: 'user.locked',
    summary: `Zablokowano konto ${user.login} (${user.fullName}); zakończono sesje: ${ended}`,
  }));
}

/** Lifts an administrator's lock. */
export async function unlockUser(w: WriteTx, actor: string, login: string): Promise<{ wasLocked: boolean }> {
  const [row] = await w.tx
    .select({ id: users.id, login: users.login, fullName: users.fullName, locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)` })
    .from(users)
    .where(eq(users.login, login));
  if (!row) throw fail('SERVER_USER_UNKNOWN', { login });
  await w.tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, row.id));
  noteChange(w, { what: 'directory' });
  await appendAudit(w, {
    actor,
    action: 'user.unlocked',
    entityType: 'user',
    entityId: row.id,
    summary: `Odblokowano konto ${row.login} (${row.fullName})${row.locked ? '' : ' — nie było zablokowane'}`,
    data: { wasLocked: row.locked },
  });
  return { wasLocked: row.locked };
}

/**
 * What identifies the directory's state: the rows as sent (units, people, zastępstwa) and the
 * settings, in a fixed order, hashed by PostgreSQL in the pull's snapshot. Only when it differs
 * from the one the workstation holds are the rows read and sent: every pull read the whole people
 * table and hashed it here, which at thousands of people is most of an empty pull.
 */
async function directoryDigestIn(tx: ServerTx): Promise<string> {
  const result = await tx.execute(sql`
    SELECT rtrim(translate(encode(sha256(convert_to(concat_ws('#',
      coalesce((SELECT string_agg(u::text, '|' ORDER BY u.id) FROM units u), ''),
      coalesce((SELECT string_agg(row(p.id, p.login, p.full_name, p.position, p.role, p.unit_id, p.active)::text, '|' ORDER BY p.id) FROM users p), ''),
      coalesce((SELECT string_agg(s::text, '|' ORDER BY s.id) FROM substitutions s), ''),
      coalesce((SELECT value::text FROM settings WHERE key = 'office-settings'), '')
    ), 'UTF8')), 'base64'), '+/', '-_'), '=') AS digest`);
  const row = (result as { rows: { digest: string }[] }).rows[0];
  if (!row) throw new Error('the directory digest came back empty');
  return row.digest;
}

/**
 * The directory's digest, remembered by this process until a unit, person, zastępstwo or the
 * settings change (server/db/changeFeed.ts): an empty pull then reads no directory at all.
 */
export function directoryDigests(db: ServerDb): FeedCache<'digest', string> {
  return feedCache(db, 'directory-digest', { maxAgeMs: 60_000, maxEntries: 1, forgets: (change) => change.what !== 'session' });
}

/**
 * The directory's digest: from memory when this process remembers it, else computed in `tx`'s
 * snapshot (and remembered unless a change was heard since `since`, taken before the snapshot).
 * Good for deciding that a workstation holds the directory already. Rows sent must be labelled
 * with `digestIn(tx)` of their own snapshot instead (see `labelFor`).
 */
export async function directoryDigest(db: ServerDb, tx: ServerTx, since: number | undefined): Promise<{ digest: string; remembered: boolean }> {
  const known = directoryDigests(db).get('digest');
  if (known !== undefined) return { digest: known, remembered: true };
  return { digest: await directoryDigests(db).through('digest', async () => ({ value: await directoryDigestIn(tx) }), since), remembered: false };
}

/**
 * The digest to send with directory rows read in `tx`: a remembered digest may already name a
 * change this snapshot does not see (its notification on the way), and a workstation holding the
 * older rows under the newer digest would never be sent them again. The other way round — rows
 * newer than their digest — only costs one more sending.
 */
export async function labelFor(tx: ServerTx, digest: { digest: string; remembered: boolean }): Promise<string> {
  return digest.remembered ? directoryDigestIn(tx) : digest.digest;
}
