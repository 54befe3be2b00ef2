// The central server's PostgreSQL schema, one file per aggregate (migrations: server/db/migrations,
// generated with `npm run server:db:generate`).
export * from './units.ts';
export * from './users.ts';
export * from './sessions.ts';
export * from './loginAttempts.ts';
export * from './settings.ts';
export * from './jrwa.ts';
export * from './counters.ts';
export * from './auditLog.ts';
export * from './serverIdentity.ts';
export * from './clients.ts';
export * from './records.ts';
