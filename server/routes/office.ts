import { sql } from 'drizzle-orm';
import { directoryResponseSchema, serverBackupStatusSchema } from '#sync/protocol';
import { serverBackupView } from '#server/backup/serverBackups';
import { defineRoute, holdsAlready, NOT_MODIFIED } from '#server/api/route';
import { snapshotTx } from '#server/db/tx';
import { adminUsersResponseSchema, healthResponseSchema } from '#server/api/schemas';
import { PROTOCOL_VERSION } from '#sync/protocol';
import { fail } from '#core/errors';
import { directoryDigest, directoryDigests, labelFor, listAccounts, listUnits, listUsers } from '#server/office/directory';

/** The server's health, the office directory, and the admin's list of accounts. */
export const officeRoutes = [
  defineRoute({
    method: 'GET',
    url: '/health',
    tag: 'serwer',
    summary: 'Czy serwer działa i odpowiada jego baza danych',
    description: 'Dla monitoringu i równoważenia obciążenia: 200, gdy baza odpowiada, 503 w przeciwnym razie.',
    access: 'anonymous',
    response: healthResponseSchema,
    handler: async ({ deps }) => {
      try {
        await deps.db.execute(sql`SELECT 1`);
      } catch {
        throw fail('SERVER_DATABASE_UNAVAILABLE');
      }
      return { ok: true as const, version: deps.version, protocolVersion: PROTOCOL_VERSION, database: deps.engine };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/directory',
    tag: 'urząd',
    summary: 'Komórki urzędu i aktywni pracownicy',
    access: 'signedIn',
    response: directoryResponseSchema,
    description: 'Z nagłówkiem ETag (skrót katalogu): kto poda go w If-None-Match, a katalog się nie zmienił, dostaje 304 bez treści.',
    handler: async ({ request, reply, deps }) => {
      // The digest every process remembers until the directory changes: a workstation that holds
      // the directory already costs no database work at all.
      const known = directoryDigests(deps.db).get('digest');
      if (known !== undefined && holdsAlready(request, `"${known}"`)) {
        reply.header('etag', `"${known}"`);
        return NOT_MODIFIED;
      }
      const since = directoryDigests(deps.db).mark();
      return snapshotTx(deps.db, async (tx) => {
        const digest = await directoryDigest(deps.db, tx, since);
        if (holdsAlready(request, `"${digest.digest}"`)) {
          reply.header('etag', `"${digest.digest}"`);
          return NOT_MODIFIED;
        }
        const unitRows = await listUnits(tx);
        const userRows = await listUsers(tx, { activeOnly: true });
        // The tag of what is sent, from the same snapshot (labelFor says why).
        reply.header('etag', `"${await labelFor(tx, digest)}"`);
        return {
          units: unitRows.filter((u) => u.active).map(({ active: _a, ...u }) => u),
          users: userRows.map((u) => ({ id: u.id, login: u.login, fullName: u.fullName, position: u.position, role: u.role, unitId: u.unitId })),
        };
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/admin/users',
    tag: 'administracja',
    summary: 'Wszystkie konta użytkowników ze stanem blokady',
    access: ['admin'],
    response: adminUsersResponseSchema,
    handler: async ({ deps }) => {
      const rows = await listAccounts(deps.db);
      return { users: rows.map((u) => ({ ...u, lockedUntil: u.lockedUntil ? u.lockedUntil.toISOString() : null })) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/office/backup',
    tag: 'serwer',
    summary: 'Kopie zapasowe serwera: ostatnia dobra, ostatnia próba',
    description: 'Dla nagłówka stanowiska: każdy widzi, że kopii brak; miejsce i treść problemu tylko administrator.',
    access: 'signedIn',
    response: serverBackupStatusSchema,
    handler: ({ user, deps }) => Promise.resolve(serverBackupView(deps.config.backup, user.role === 'admin')),
  }),
];
