import type { FastifyRequest } from 'fastify';
import type { Role } from '#core/contract';
import { fail } from '#core/errors';
import type { ServerDb } from '#server/db/open';
import { userForAccessToken, type SignedInUser } from './sessions.ts';

declare module 'fastify' {
  // Declaration merging is the only way to type a request decoration, and it needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    /**
     * Who is asking: set by `authenticate` before the handler of every route that is not
     * anonymous (`access: 'anonymous'` routes never read it).
     */
    user: SignedInUser;
  }
}

/** The bearer token of a request, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

/**
 * The `authenticate` preHandler: Bearer token → session → user (role, unit) on `request.user`.
 * A missing token is AUTH_TOKEN_MISSING; expired, ended or unknown sessions are refused by
 * userForAccessToken. All 401 with a Polish message.
 */
export function authenticate(db: ServerDb) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    if (!token) throw fail('AUTH_TOKEN_MISSING');
    request.user = await userForAccessToken(db, token);
  };
}

const ROLE_NAMES: Record<Role, string> = { registry: 'kancelaria', clerk: 'referent', head: 'kierownik', admin: 'administrator' };

/**
 * The signed-in user when their role is one of `roles`; FORBIDDEN (403) otherwise. `action`
 * names the refused thing in the message ("lista kont użytkowników").
 */
export function requireRole(request: FastifyRequest, roles: readonly Role[], action: string): SignedInUser {
  const user = request.user;
  if (!roles.includes(user.role)) {
    throw fail('FORBIDDEN', { action: `${action} — dostępne dla ról: ${roles.map((r) => ROLE_NAMES[r]).join(', ')}` });
  }
  return user;
}
