import { z } from 'zod';
import { errorResponseSchema, PROTOCOL_VERSION } from '#sync/protocol';
import type { RouteDefinition } from './route.ts';

// The OpenAPI 3.1 document, generated from the same route definitions and zod schemas that
// Fastify serves and validates with (zod 4's z.toJSONSchema, draft 2020-12 — the dialect
// OpenAPI 3.1 uses), so it cannot drift from what the server does.

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

/** `/blobs/:sha256` → `/blobs/{sha256}` */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

const ROLE_NAMES: Record<string, string> = { registry: 'kancelaria', clerk: 'referent', head: 'kierownik', admin: 'administrator' };

function accessText(route: RouteDefinition): string {
  if (route.access === 'anonymous') return 'Bez logowania.';
  if (route.access === 'signedIn') return 'Każdy zalogowany użytkownik.';
  return `Tylko role: ${route.access.map((r) => ROLE_NAMES[r] ?? r).join(', ')}.`;
}

/** Builds the document for these routes. */
export function openApiDocument(routes: readonly RouteDefinition[], serverVersion: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = openApiPath(route.url);
    const operation: JsonSchema = {
      operationId: `${route.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: route.summary,
      description: [route.description, accessText(route)].filter(Boolean).join('\n\n'),
      tags: [route.tag],
      security: route.access === 'anonymous' ? [] : [{ bearer: [] }],
      ...(Array.isArray(route.access) ? { 'x-kancelaria-roles': route.access } : {}),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } }
        : {}),
      responses: {
        [String(route.status ?? 200)]: { description: 'Powodzenie', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } },
        '4XX': { description: 'Odmowa: kod i komunikat po polsku', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '5XX': { description: 'Błąd serwera lub niedostępna baza danych', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kancelaria — serwer urzędu',
      version: serverVersion,
      description: `API centralnego serwera Kancelarii (EZD urzędu gminy). Protokół w wersji ${PROTOCOL_VERSION} (nagłówek x-kancelaria-protocol). Każda odmowa to { code, message } z komunikatem po polsku.`,
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Token dostępu z POST /auth/login lub /auth/refresh' } },
      schemas: { Error: jsonSchema(errorResponseSchema, 'output') },
    },
    paths,
  };
}
