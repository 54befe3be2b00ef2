import { inArray } from 'drizzle-orm';
import type { Store } from '#db/store';
import { scanTexts } from '#db/schema/index';
import { foldText } from '#core/text/fold';

export type ScanTextRow = typeof scanTexts.$inferSelect;

/**
 * Stored scans this workstation holds no text for (or only an older engine's), newest first:
 * the one the registry just attached is the one someone is about to look for.
 */
export function scansAwaitingText(store: Store, engine: string, limit: number): { sha256: string; mime: string; fileName: string }[] {
  return store.sqlite
    .prepare(
      `SELECT cs.sha256, b.mime, min(cs.file_name) AS fileName
         FROM correspondence_scans cs
         JOIN blobs b ON b.sha256 = cs.sha256
         LEFT JOIN scan_texts t ON t.sha256 = cs.sha256
        WHERE t.sha256 IS NULL OR (t.engine <> @engine AND t.status <> 'skipped')
        GROUP BY cs.sha256
        ORDER BY max(cs.rowid) DESC
        LIMIT @limit`,
    )
    .all({ engine, limit }) as { sha256: string; mime: string; fileName: string }[];
}

/** Keeps what was read and indexes its folded text (replacing an older engine's reading). */
export function recordScanText(store: Store, row: ScanTextRow): void {
  store.sqlite.transaction(() => {
    const old = store.sqlite.prepare('SELECT rowid FROM scan_texts WHERE sha256 = ?').pluck().get(row.sha256) as number | undefined;
    if (old !== undefined) {
      store.sqlite.prepare('DELETE FROM scan_text_fts WHERE rowid = ?').run(old);
      store.sqlite.prepare('DELETE FROM scan_texts WHERE rowid = ?').run(old);
    }
    store.db.insert(scanTexts).values(row).run();
    const id = store.sqlite.prepare('SELECT rowid FROM scan_texts WHERE sha256 = ?').pluck().get(row.sha256) as number;
    if (row.text.length > 0) store.sqlite.prepare('INSERT INTO scan_text_fts (rowid, text) VALUES (?, ?)').run(id, foldText(row.text));
  })();
}

export function scanTextsOf(store: Store, sha256s: readonly string[]): ScanTextRow[] {
  if (sha256s.length === 0) return [];
  return store.db.select().from(scanTexts).where(inArray(scanTexts.sha256, [...sha256s])).all();
}

/** The name a letter gave this scan (the first, when letters named it differently). */
export function scanFileName(store: Store, sha256: string): string | null {
  return (store.sqlite.prepare('SELECT min(file_name) FROM correspondence_scans WHERE sha256 = ?').pluck().get(sha256) as string | null) ?? null;
}
