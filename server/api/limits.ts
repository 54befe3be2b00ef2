/**
 * How many bytes of a request body each route reads (Fastify stops reading past it: 413).
 * The body of a route that needs a session is read only after the session is checked
 * (server/api/route.ts), so a stranger gets no further than the login's few bytes.
 */

/** Any route that does not say otherwise: JSON of a form's size. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
/** Login and refresh, read before anyone is known: a login, a password, a token. */
export const ANONYMOUS_BODY_LIMIT_BYTES = 8 * 1024;
/** A push: up to 100 commands, decision texts and templates included. */
export const PUSH_BODY_LIMIT_BYTES = 1024 * 1024;
/** One piece of a file upload (the workstation sends 4 MiB). */
export const BLOB_CHUNK_LIMIT_BYTES = 8 * 1024 * 1024;
