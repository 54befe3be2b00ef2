import { defineConfig } from 'drizzle-kit';

// The central server's PostgreSQL schema (PGlite runs the same migrations). The workstation's
// SQLite schema has its own config, drizzle.config.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema/index.ts',
  out: './server/db/migrations',
  casing: 'snake_case',
});
