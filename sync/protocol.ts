/**
 * The wire protocol between a workstation and the central server: one versioned module, shared
 * by both sides (STYLE.md rule 9). Every request and answer body of the server's HTTP API that
 * a workstation sends or reads is a zod schema here; the server validates against them and
 * describes them in its OpenAPI document (`/openapi.json`).
 *
 * So far: accounts (login, refresh, logout, who am I, the office directory). Sync (push, pull,
 * blobs) is added here, under the same PROTOCOL_VERSION rules.
 *
 * Pure: zod only, no Node and no DOM, so the renderer's sync client and the server can both
 * load it.
 */
import { z } from 'zod';
import type { Role } from '#core/contract';

/**
 * The protocol's version. Raise it when a change would break a workstation of the previous
 * version; additions that old clients can ignore (a new optional field, a new route) keep it.
 */
export const PROTOCOL_VERSION = 3;

/** Response header with the server's PROTOCOL_VERSION, on every answer. */
export const PROTOCOL_HEADER = 'x-kancelaria-protocol';

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * An opaque bearer token: 32 random bytes, base64url without padding (43 characters). The
 * server stores only its SHA-256.
 */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Token sesji ma 43 znaki (base64url).');

/** Every refusal: a stable code for programs and a Polish message for people. */
export const errorResponseSchema = z.object({
  code: z.string().describe('Stały kod błędu (core/i18n/errors.pl.ts)'),
  message: z.string().describe('Komunikat po polsku: co jest nie tak i co zrobić'),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const wireRoleSchema = z.enum(['registry', 'clerk', 'head', 'admin'] as const satisfies readonly Role[]);

/** The signed-in person as the server knows them. */
export const sessionUserSchema = z.object({
  id: z.uuid(),
  login: z.string(),
  fullName: z.string(),
  position: z.string(),
  role: wireRoleSchema,
  unitId: z.uuid(),
  unitSymbol: z.string(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

// --- POST /auth/login ------------------------------------------------------------------------

export const loginRequestSchema = z.object({
  login: z.string().trim().min(1, 'Podaj login.').max(64),
  password: z.string().min(1, 'Podaj hasło.').max(1024),
  /** What the workstation calls itself, shown in the admin's list of sessions. */
  clientName: z.string().trim().min(1, 'Podaj nazwę stanowiska.').max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** A new or rotated pair of tokens, and whose they are. */
export const sessionTokensSchema = z.object({
  accessToken: tokenSchema,
  accessExpiresAt: isoDateTime,
  refreshToken: tokenSchema,
  /** Fixed at login: refreshing does not move it (a session lasts one working day at most). */
  refreshExpiresAt: isoDateTime,
  user: sessionUserSchema,
});
export type SessionTokens = z.infer<typeof sessionTokensSchema>;

export const loginResponseSchema = sessionTokensSchema;
export type LoginResponse = SessionTokens;

// --- POST /auth/refresh ----------------------------------------------------------------------

export const refreshRequestSchema = z.object({ refreshToken: tokenSchema });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** Both tokens are new; the refresh token sent is no longer valid (using it again ends the session). */
export const refreshResponseSchema = sessionTokensSchema;
export type RefreshResponse = SessionTokens;

// --- POST /auth/logout -----------------------------------------------------------------------

export const logoutResponseSchema = z.object({ ok: z.literal(true) });
export type LogoutResponse = z.infer<typeof logoutResponseSchema>;

// --- GET /me ---------------------------------------------------------------------------------

export const meResponseSchema = z.object({
  user: sessionUserSchema,
  session: z.object({
    id: z.uuid(),
    clientName: z.string(),
    accessExpiresAt: isoDateTime,
    refreshExpiresAt: isoDateTime,
  }),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

// --- GET /directory --------------------------------------------------------------------------

/** The office's units and active people: what a workstation needs to show names and route letters. */
export const directoryResponseSchema = z.object({
  units: z.array(z.object({ id: z.uuid(), symbol: z.string(), name: z.string(), parentId: z.uuid().nullable() })),
  users: z.array(
    z.object({ id: z.uuid(), login: z.string(), fullName: z.string(), position: z.string(), role: wireRoleSchema, unitId: z.uuid() }),
  ),
});
export type DirectoryResponse = z.infer<typeof directoryResponseSchema>;

/**
 * The server's copies as a workstation's header shows them (`GET /office/backup`): where and
 * what went wrong only to an administrator.
 */
export const serverBackupStatusSchema = z.object({
  /** The server makes the day's copy itself (KANCELARIA_SERVER_BACKUP_DIR set). */
  scheduled: z.boolean(),
  lastGoodAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  problem: z.string().nullable(),
  folder: z.string().nullable(),
  phraseShown: z.boolean(),
});
export type ServerBackupStatus = z.infer<typeof serverBackupStatusSchema>;
