import { defineRoute, type RouteDefinition } from '#server/api/route';
import { openApiDocument } from '#server/api/openapi';
import { openApiResponseSchema } from '#server/api/schemas';
import { authRoutes } from './auth.ts';
import { officeRoutes } from './office.ts';
import { syncRoutes } from '#server/sync/routes';
import { blobRoutes } from '#server/sync/blobRoutes';

/**
 * Every route the server serves, `/openapi.json` included (it describes this very list).
 *
 * A new group of routes (sync: push, pull, blobs) is one more spread here, or `extra` from a
 * test; app.ts refuses to start if anything reaches Fastify some other way.
 */
export function serverRoutes(extra: readonly RouteDefinition[] = []): RouteDefinition[] {
  let document: Record<string, unknown> | null = null;
  const openApi = defineRoute({
    method: 'GET',
    url: '/openapi.json',
    tag: 'serwer',
    summary: 'Opis API (OpenAPI 3.1)',
    description: 'Wygenerowany ze schematów zod, którymi serwer sprawdza każde żądanie i odpowiedź.',
    access: 'signedIn',
    response: openApiResponseSchema,
    handler: ({ deps }) => {
      document ??= openApiDocument(all, deps.version);
      return Promise.resolve(document);
    },
  });
  const all: RouteDefinition[] = [...authRoutes, ...officeRoutes, ...syncRoutes, ...blobRoutes, ...extra, openApi];
  return all;
}
