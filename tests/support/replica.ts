import { profileDatabase } from './profile.ts';

/**
 * Every table of a replica that holds the office's records, row for row, as text: what the
 * issue calls "equal to what the server would hand a new workstation of that person". Only
 * what is the workstation's own business is left out: the local integer keys, when the JRWA
 * was imported, the outbox and the sync state.
 */
const REPLICATED: Record<string, { order: string; without?: string[] }> = {
  units: { order: 'id' },
  users: { order: 'id' },
  jrwa_classes: { order: 'symbol', without: ['imported_at'] },
  settings: { order: 'key' },
  parties: { order: 'id' },
  correspondence: { order: 'id', without: ['pk'] },
  correspondence_scans: { order: 'correspondence_id, sha256' },
  assignments: { order: 'id' },
  substitutions: { order: 'id' },
  cases: { order: 'id', without: ['pk'] },
  case_parties: { order: 'case_id, party_id' },
  case_items: { order: 'case_id, correspondence_id' },
  case_suspensions: { order: 'case_id, from_on' },
  decisions: { order: 'id', without: ['pk'] },
  decision_versions: { order: 'decision_id, version' },
  decision_reviews: { order: 'decision_id, version, reviewer_id' },
  dispatch_items: { order: 'id' },
  document_templates: { order: 'code, version' },
  // The metryka with its chain: seq, links and hashes included.
  events: { order: 'seq' },
  pending_events: { order: 'id' },
};

export function wholeReplica(dir: string): Record<string, unknown[]> {
  const db = profileDatabase(dir);
  try {
    return Object.fromEntries(
      Object.entries(REPLICATED).map(([table, { order, without = [] }]) => [
        table,
        (db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !without.includes(k)))),
      ]),
    );
  } finally {
    db.close();
  }
}

/** The replica's schema: its tables, indexes, triggers and views as SQLite holds them. */
export function replicaSchema(dir: string): unknown[] {
  const db = profileDatabase(dir);
  try {
    return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
  } finally {
    db.close();
  }
}
