import { resolve } from 'node:path';
import { AUTH_POLICY, type AuthPolicy } from './auth/policy.ts';

/** The password every demo user gets (printed at start when the demo office is seeded). */
export const DEMO_PASSWORD = 'demo1234';

export const DEFAULT_PORT = 8417;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = 'dane-serwera';

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
};

function positiveInt(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} musi być liczbą całkowitą nie mniejszą niż ${min} (jest „${raw}”).`);
  return n;
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
    auth: {
      ...AUTH_POLICY,
      accessTtlSeconds: positiveInt('KANCELARIA_SERVER_ACCESS_TTL_S', env.KANCELARIA_SERVER_ACCESS_TTL_S, AUTH_POLICY.accessTtlSeconds),
      refreshTtlSeconds: positiveInt('KANCELARIA_SERVER_REFRESH_TTL_S', env.KANCELARIA_SERVER_REFRESH_TTL_S, AUTH_POLICY.refreshTtlSeconds),
    },
  };
}
