/**
 * Wire schemas the workstation does not use: the server's own endpoints (health, admin). What a
 * workstation sends or reads lives in sync/protocol.ts.
 */
import { z } from 'zod';
import { wireRoleSchema } from '#sync/protocol';

export const healthResponseSchema = z.object({
  ok: z.literal(true),
  /** The server program's version (package.json). */
  version: z.string(),
  protocolVersion: z.number().int(),
  database: z.enum(['postgresql', 'pglite']),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const adminUsersResponseSchema = z.object({
  users: z.array(
    z.object({
      id: z.uuid(),
      login: z.string(),
      fullName: z.string(),
      position: z.string(),
      role: wireRoleSchema,
      unitId: z.uuid(),
      unitSymbol: z.string(),
      active: z.boolean(),
      hasPassword: z.boolean(),
      failedLogins: z.number().int(),
      /** Set while the account is locked after failed logins. */
      lockedUntil: z.iso.datetime({ offset: true }).nullable(),
    }),
  ),
});
export type AdminUsersResponse = z.infer<typeof adminUsersResponseSchema>;

/** The OpenAPI document itself: an object (its shape is OpenAPI 3.1's, not ours). */
export const openApiResponseSchema = z.record(z.string(), z.unknown());
