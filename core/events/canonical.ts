/**
 * The canonical text of an event that its hash covers: JSON with keys sorted at every level.
 *
 * Sorting makes the hash independent of property order, so a row re-read from the database
 * (or from PostgreSQL on the server) hashes to the same value it had when it was written.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The fields of an event that the chain protects (everything but its own hash). */
export type ChainedEvent = {
  seq: number;
  id: string;
  at: string;
  actorId: string;
  actorName: string;
  actorPosition: string;
  onBehalfOfId: string | null;
  onBehalfOfName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  documentRef: string | null;
  summary: string;
  data: string;
  prevHash: string;
};

/** The genesis link: the prevHash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The text hashed for an event: its predecessor's hash, then its canonical form. */
export function chainInput(e: ChainedEvent): string {
  return `${e.prevHash}\n${canonicalJson(e)}`;
}
