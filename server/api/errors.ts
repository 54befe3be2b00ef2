import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { fail, isDomainError, type DomainError } from '#core/errors';
import type { ErrorCode } from '#core/i18n/errors.pl';
import type { ErrorResponse } from '#sync/protocol';

/**
 * The HTTP status of a refusal, by its code. Anything not listed is a domain rule the request
 * broke (422); add a code here when it means something else.
 */
const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  SERVER_BAD_JSON: 400,
  AUTH_LOGIN_FAILED: 401,
  AUTH_ACCOUNT_LOCKED: 401,
  AUTH_ACCOUNT_INACTIVE: 401,
  AUTH_TOKEN_MISSING: 401,
  AUTH_SESSION_EXPIRED: 401,
  AUTH_SESSION_REVOKED: 401,
  AUTH_REFRESH_INVALID: 401,
  AUTH_REFRESH_EXPIRED: 401,
  AUTH_REFRESH_REUSED: 401,
  NOT_SIGNED_IN: 401,
  FORBIDDEN: 403,
  SERVER_OUT_OF_UNIT_SCOPE: 403,
  SERVER_ROUTE_NOT_FOUND: 404,
  SERVER_USER_UNKNOWN: 404,
  SERVER_UNIT_UNKNOWN: 404,
  SERVER_LOGIN_TAKEN: 409,
  SYNC_MUTATION_GAP: 409,
  SYNC_CLIENT_OTHER_USER: 403,
  BLOB_OFFSET_MISMATCH: 409,
  BLOB_NOT_FOUND: 404,
  BLOB_TOO_LARGE: 413,
  BLOB_QUOTA_EXCEEDED: 429,
  SERVER_UNIT_SYMBOL_TAKEN: 409,
  SERVER_OFFICE_EXISTS: 409,
  SERVER_REQUEST_TOO_LARGE: 413,
  SERVER_BAD_URL: 400,
  SERVER_UNSUPPORTED_MEDIA: 415,
  AUTH_RATE_LIMITED: 429,
  AUTH_SLOW_DOWN: 429,
  INTERNAL: 500,
  SERVER_DATABASE_UNAVAILABLE: 503,
};

export function httpStatusOf(code: ErrorCode): number {
  return STATUS_BY_CODE[code] ?? 422;
}

/** zod's issues (already Polish, z.locales.pl) as one line: `login: Podaj login.; hasło: …`. */
export function describeZodError(e: ZodError): string {
  return e.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

// PostgreSQL and socket errors that mean "the database cannot be reached", not "a bug".
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);

function databaseUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
    if (cur instanceof Error && /Connection terminated|connection timeout|Cannot use a pool after calling end/i.test(cur.message)) return true;
  }
  return false;
}

/** A body limit as a person reads it: `8 KB`, `1 MB`. */
function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${String(Math.floor(bytes / 1024 / 1024))} MB` : `${String(Math.max(1, Math.floor(bytes / 1024)))} KB`;
}

/** Turns anything thrown while answering into the DomainError a person gets to read. */
export function toDomainError(e: unknown, contentType?: string, bodyLimit?: number): DomainError {
  if (isDomainError(e)) return e;
  if (e instanceof ZodError) return fail('INVALID_INPUT', { detail: describeZodError(e) });
  const fe = e as Partial<FastifyError>;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return fail('SERVER_BAD_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return fail('SERVER_REQUEST_TOO_LARGE', { limit: sizeText(bodyLimit ?? 1024 * 1024) });
    // Raised by the router before any route is chosen (Fastify's frameworkErrors, server/app.ts).
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return fail('SERVER_BAD_URL');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return fail('SERVER_UNSUPPORTED_MEDIA', { type: contentType ?? '(brak)' });
    default:
      break;
  }
  // Fastify's JSON parser reports a syntax error as a 400 with this name.
  if (e instanceof SyntaxError || (typeof fe.statusCode === 'number' && fe.statusCode === 400 && /JSON/i.test(fe.message ?? ''))) return fail('SERVER_BAD_JSON');
  if (databaseUnavailable(e)) return fail('SERVER_DATABASE_UNAVAILABLE');
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return fail('INVALID_INPUT', { detail: fe.message ?? String(e) });
  }
  return fail('INTERNAL');
}

/** Sends `{ code, message }` with the code's status (and the headers some statuses call for). */
export function sendError(request: FastifyRequest, reply: FastifyReply, raw: unknown): FastifyReply {
  const err = toDomainError(raw, request.headers['content-type'], request.routeOptions.bodyLimit);
  const status = httpStatusOf(err.code);
  if (status >= 500) {
    // The person gets the catalogue's message; the log gets the detail.
    const detail = raw instanceof Error ? (raw.stack ?? raw.message) : String(raw);
    process.stderr.write(`Kancelaria (serwer): ${request.method} ${request.url} → ${status} ${err.code}: ${detail}\n`);
  }
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="kancelaria"');
  if (err.code === 'AUTH_RATE_LIMITED' || err.code === 'AUTH_SLOW_DOWN') {
    const seconds = (err.details as { seconds?: unknown } | undefined)?.seconds;
    if (typeof seconds === 'number') reply.header('retry-after', String(seconds));
  }
  const body: ErrorResponse = { code: err.code, message: err.message };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}
