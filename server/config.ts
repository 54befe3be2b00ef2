import { resolve } from 'node:path';
import { AUTH_POLICY, type AuthPolicy } from './auth/policy.ts';

/** The password every demo user gets (printed at start when the demo office is seeded). */
export const DEMO_PASSWORD = 'demo1234';

export const DEFAULT_PORT = 8417;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = 'dane-serwera';
export const DEFAULT_BACKUP_DIR = 'kopie-serwera';
export const DEFAULT_BACKUP_KEY = 'klucz-kopii-serwera.bin';

/** The server's copies: where they go, the key that seals them, and the daily schedule. */
export type ServerBackupConfig = {
  dir: string;
  /** The key file (0600); kept apart from the copies, so a stolen copy cannot be read. */
  keyFile: string;
  /** The hour (Europe/Warsaw) of the daily copy, or null: the server makes none by itself. */
  hour: number | null;
  keepDaily: number;
  keepMonthly: number;
};

export type ServerConfig = {
  /** PostgreSQL when set; PGlite in `dataDir` otherwise. */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  /**
   * Seed the demo office into an empty database: on by default for PGlite (a first run on a
   * fresh machine), off for PostgreSQL (a real office is created with the admin CLI).
   */
  demo: boolean;
  /**
   * Addresses of trusted reverse proxies / load balancers whose X-Forwarded-For is believed
   * (Fastify's trustProxy); without it the rate limit counts the proxy's address.
   */
  trustProxy: string | undefined;
  auth: AuthPolicy;
  backup: ServerBackupConfig;
};

function positiveInt(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} musi być liczbą całkowitą nie mniejszą niż ${min} (jest „${raw}”).`);
  return n;
}

/** The hour of the daily copy: 21 (after office hours) unless set. */
function hourOf(raw: string | undefined): number {
  const hour = positiveInt('KANCELARIA_SERVER_BACKUP_HOUR', raw, 21, 0);
  if (hour > 23) throw new Error(`KANCELARIA_SERVER_BACKUP_HOUR musi być godziną od 0 do 23 (jest „${raw ?? ''}”).`);
  return hour;
}

/** The server's configuration from the environment (every variable optional). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const demoFlag = env.KANCELARIA_SERVER_DEMO;
  return {
    databaseUrl,
    dataDir: resolve(env.KANCELARIA_SERVER_DATA?.trim() || DEFAULT_DATA_DIR),
    host: env.KANCELARIA_SERVER_HOST?.trim() || DEFAULT_HOST,
    port: positiveInt('KANCELARIA_SERVER_PORT', env.KANCELARIA_SERVER_PORT, DEFAULT_PORT, 0),
    demo: demoFlag === undefined || demoFlag === '' ? databaseUrl === undefined : demoFlag === '1',
    trustProxy: env.KANCELARIA_SERVER_TRUST_PROXY?.trim() || undefined,
    backup: {
      dir: resolve(env.KANCELARIA_SERVER_BACKUP_DIR?.trim() || DEFAULT_BACKUP_DIR),
      keyFile: resolve(env.KANCELARIA_SERVER_BACKUP_KEY?.trim() || DEFAULT_BACKUP_KEY),
      // A schedule only when IT asked for one: the place of the copies is theirs to choose.
      hour: env.KANCELARIA_SERVER_BACKUP_DIR?.trim() ? hourOf(env.KANCELARIA_SERVER_BACKUP_HOUR) : null,
      keepDaily: positiveInt('KANCELARIA_SERVER_BACKUP_KEEP_DAILY', env.KANCELARIA_SERVER_BACKUP_KEEP_DAILY, 7),
      keepMonthly: positiveInt('KANCELARIA_SERVER_BACKUP_KEEP_MONTHLY', env.KANCELARIA_SERVER_BACKUP_KEEP_MONTHLY, 12),
    },
    auth: {
      ...AUTH_POLICY,
      accessTtlSeconds: positiveInt('KANCELARIA_SERVER_ACCESS_TTL_S', env.KANCELARIA_SERVER_ACCESS_TTL_S, AUTH_POLICY.accessTtlSeconds),
      refreshTtlSeconds: positiveInt('KANCELARIA_SERVER_REFRESH_TTL_S', env.KANCELARIA_SERVER_REFRESH_TTL_S, AUTH_POLICY.refreshTtlSeconds),
    },
  };
}
