import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { AUTH_POLICY, type AuthPolicy } from './auth/policy.ts';
import { serverNames, type TlsConfig } from './tls.ts';
import type { UploadPolicy } from './sync/blobStore.ts';

/**
 * Files: 4 GiB a day per person is far above a registry's busiest day (a thousand 4 MB scans),
 * and far below what would fill the server's disk before someone notices; an upload untouched
 * for a day is one its workstation gave up on.
 */
export const UPLOAD_POLICY: UploadPolicy = { quotaBytesPerDay: 4096 * 1024 * 1024, expireAfterHours: 24 };

/** The password every demo user gets (printed at start when the demo office is seeded). */
export const DEMO_PASSWORD = 'demo1234';

export const DEFAULT_PORT = 8417;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = 'dane-serwera';
export const DEFAULT_BACKUP_DIR = 'kopie-serwera';
export const DEFAULT_BACKUP_KEY = 'klucz-kopii-serwera.bin';
export const DEFAULT_TLS_DIR = 'tls-serwera';
export const DEFAULT_AUDIT_KEY = 'klucz-audytu.pem';
export const DEFAULT_AUDIT_CHECKPOINTS = 'punkty-kontrolne-audytu.jsonl';

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
  /**
   * The schema owner's URL (KANCELARIA_SERVER_MIGRATION_URL), used only to migrate and grant:
   * with it, the server works as DATABASE_URL's role, which has rows but no DDL.
   */
  migrationUrl: string | undefined;
  /** The key that signs the audit log's checkpoints, and the file they are kept in (outside the database). */
  audit: { keyFile: string; checkpointsFile: string };
  dataDir: string;
  host: string;
  port: number;
  /**
   * Seed the demo office (every account's password `demo1234`) into an empty database: only
   * when asked (KANCELARIA_SERVER_DEMO=1) — a real office is created with the admin CLI, and a
   * server nobody meant as a demo must not open with known passwords.
   */
  demo: boolean;
  /**
   * Which reverse proxies / load balancers are believed about the client's address
   * (X-Forwarded-For): a number of hops, or their addresses (IP or CIDR, each named); without
   * it the rate limit and the login slowdown count the proxy's address.
   */
  trustProxy: number | string[] | undefined;
  auth: AuthPolicy;
  /** Files: bytes one person may send in 24 hours, and when an unfinished upload expires. */
  uploads: UploadPolicy;
  backup: ServerBackupConfig;
  /**
   * HTTPS: the office's own CA and server certificate (made in a folder), or PEM files IT
   * gives; null only behind a TLS-terminating proxy on this machine (loopback address only).
   */
  tls: TlsConfig | null;
};

/**
 * KANCELARIA_SERVER_TRUST_PROXY read strictly: `1` is one proxy in front (not the address
 * 0.0.0.1, as a bare string would be taken), otherwise a comma-separated list of IP addresses
 * or CIDR ranges. Names of whole ranges ("uniquelocal", "loopback") are refused: a private range
 * lets anyone on it forge their address, so it is trusted only when spelt out.
 */
export function trustProxyOf(raw: string | undefined): number | string[] | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) throw new Error(`KANCELARIA_SERVER_TRUST_PROXY=${value}: liczba pośredników przed serwerem musi być od 1 do 10.`);
    return hops;
  }
  const items = value.split(',').map((item) => item.trim());
  for (const item of items) {
    const [address = '', prefix, extra] = item.split('/');
    const family = isIP(address);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (family === 0 || !prefixOk || extra !== undefined) {
      throw new Error(
        `KANCELARIA_SERVER_TRUST_PROXY: „${item}” nie jest adresem IP ani zakresem CIDR. Podaj liczbę pośredników (np. 1) albo ich adresy po przecinku (np. 10.0.0.5,10.0.0.6 albo 10.0.0.0/24).`,
      );
    }
  }
  return items;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function tlsOf(env: NodeJS.ProcessEnv, host: string): TlsConfig | null {
  if (env.KANCELARIA_SERVER_TLS?.trim() === 'off') {
    if (!LOOPBACK.has(host)) {
      throw new Error(
        `KANCELARIA_SERVER_TLS=off jest dozwolone tylko, gdy serwer słucha na adresie tego komputera (127.0.0.1), za pośrednikiem HTTPS; teraz KANCELARIA_SERVER_HOST=${host}. Usuń KANCELARIA_SERVER_TLS albo ustaw KANCELARIA_SERVER_HOST=127.0.0.1.`,
      );
    }
    return null;
  }
  const certFile = env.KANCELARIA_SERVER_TLS_CERT?.trim();
  const keyFile = env.KANCELARIA_SERVER_TLS_KEY?.trim();
  if (certFile || keyFile) {
    if (!certFile || !keyFile) throw new Error('Podaj oba pliki: KANCELARIA_SERVER_TLS_CERT (certyfikat serwera, PEM) i KANCELARIA_SERVER_TLS_KEY (jego klucz, PEM).');
    return { kind: 'given', certFile: resolve(certFile), keyFile: resolve(keyFile), caFile: env.KANCELARIA_SERVER_TLS_CA?.trim() ? resolve(env.KANCELARIA_SERVER_TLS_CA.trim()) : undefined };
  }
  const given = (env.KANCELARIA_SERVER_NAMES ?? '').split(',');
  return { kind: 'own', dir: resolve(env.KANCELARIA_SERVER_TLS_DIR?.trim() || DEFAULT_TLS_DIR), names: serverNames(given, host, hostname()) };
}

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
  const demoFlag = env.KANCELARIA_SERVER_DEMO?.trim();
  const host = env.KANCELARIA_SERVER_HOST?.trim() || DEFAULT_HOST;
  const auditKey = resolve(env.KANCELARIA_SERVER_AUDIT_KEY?.trim() || DEFAULT_AUDIT_KEY);
  return {
    databaseUrl,
    migrationUrl: env.KANCELARIA_SERVER_MIGRATION_URL?.trim() || undefined,
    audit: { keyFile: auditKey, checkpointsFile: resolve(env.KANCELARIA_SERVER_AUDIT_CHECKPOINTS?.trim() || join(dirname(auditKey), DEFAULT_AUDIT_CHECKPOINTS)) },
    dataDir: resolve(env.KANCELARIA_SERVER_DATA?.trim() || DEFAULT_DATA_DIR),
    host,
    tls: tlsOf(env, host),
    port: positiveInt('KANCELARIA_SERVER_PORT', env.KANCELARIA_SERVER_PORT, DEFAULT_PORT, 0),
    demo: demoFlag === '1',
    trustProxy: trustProxyOf(env.KANCELARIA_SERVER_TRUST_PROXY),
    backup: {
      dir: resolve(env.KANCELARIA_SERVER_BACKUP_DIR?.trim() || DEFAULT_BACKUP_DIR),
      keyFile: resolve(env.KANCELARIA_SERVER_BACKUP_KEY?.trim() || DEFAULT_BACKUP_KEY),
      // A schedule only when IT asked for one: the place of the copies is theirs to choose.
      hour: env.KANCELARIA_SERVER_BACKUP_DIR?.trim() ? hourOf(env.KANCELARIA_SERVER_BACKUP_HOUR) : null,
      keepDaily: positiveInt('KANCELARIA_SERVER_BACKUP_KEEP_DAILY', env.KANCELARIA_SERVER_BACKUP_KEEP_DAILY, 7),
      keepMonthly: positiveInt('KANCELARIA_SERVER_BACKUP_KEEP_MONTHLY', env.KANCELARIA_SERVER_BACKUP_KEEP_MONTHLY, 12),
    },
    uploads: {
      quotaBytesPerDay: positiveInt('KANCELARIA_SERVER_UPLOAD_QUOTA_MB', env.KANCELARIA_SERVER_UPLOAD_QUOTA_MB, UPLOAD_POLICY.quotaBytesPerDay / 1024 / 1024) * 1024 * 1024,
      expireAfterHours: positiveInt('KANCELARIA_SERVER_UPLOAD_EXPIRY_H', env.KANCELARIA_SERVER_UPLOAD_EXPIRY_H, UPLOAD_POLICY.expireAfterHours),
    },
    auth: {
      ...AUTH_POLICY,
      accessTtlSeconds: positiveInt('KANCELARIA_SERVER_ACCESS_TTL_S', env.KANCELARIA_SERVER_ACCESS_TTL_S, AUTH_POLICY.accessTtlSeconds),
      refreshTtlSeconds: positiveInt('KANCELARIA_SERVER_REFRESH_TTL_S', env.KANCELARIA_SERVER_REFRESH_TTL_S, AUTH_POLICY.refreshTtlSeconds),
    },
  };
}
