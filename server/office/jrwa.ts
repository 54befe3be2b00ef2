import { inArray, sql } from 'drizzle-orm';
import { parseJrwa, type ImportProblem } from '#core/jrwa/import';
import type { ServerDb } from '#server/db/open';
import { jrwaClasses } from '#server/db/schema/jrwa';
import { writeTx } from '#server/db/tx';
import { appendAudit } from '#server/db/audit';

/** What a JRWA import found and (unless a dry run) stored. */
export type JrwaImportOutcome = {
  dryRun: boolean;
  accepted: number;
  added: number;
  updated: number;
  problems: ImportProblem[];
  notices: string[];
};

/**
 * Reads an import file as text: UTF-8 (with or without BOM), or Windows-1250 when the bytes are
 * not valid UTF-8 — what Polish Excel writes for "CSV (rozdzielany średnikami)". (The same rule
 * as the workstation's CLI.)
 */
export function decodeImportFile(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'Windows-1250' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1250').decode(bytes), encoding: 'Windows-1250' };
  }
}

const BATCH = 500;

/**
 * Imports a JRWA list with the workstation's parser (core/jrwa/import.ts): good rows are stored
 * (new classes added, known ones updated, leaves recomputed over the whole list) in one write
 * transaction with one audit row; a dry run only reads.
 */
export async function importJrwa(db: ServerDb, actor: string, args: { fileName: string; text: string; dryRun: boolean }): Promise<JrwaImportOutcome> {
  const parsed = parseJrwa(args.text);
  const symbols = parsed.classes.map((c) => c.symbol);
  const countExisting = async (exec: ServerDb) => {
    let n = 0;
    for (let i = 0; i < symbols.length; i += BATCH) {
      const rows = await exec.select({ symbol: jrwaClasses.symbol }).from(jrwaClasses).where(inArray(jrwaClasses.symbol, symbols.slice(i, i + BATCH)));
      n += rows.length;
    }
    return n;
  };
  const base = { accepted: parsed.classes.length, problems: parsed.problems, notices: parsed.notices };
  if (args.dryRun) {
    const existing = await countExisting(db);
    return { dryRun: true, ...base, added: parsed.classes.length - existing, updated: existing };
  }
  return writeTx(db, async (w) => {
    const existing = await countExisting(w.tx);
    const importedAt = new Date();
    for (let i = 0; i < parsed.classes.length; i += BATCH) {
      const rows = parsed.classes.slice(i, i + BATCH).map((c) => ({ ...c, importedAt, version: w.version }));
      await w.tx
        .insert(jrwaClasses)
        .values(rows)
        .onConflictDoUpdate({
          target: jrwaClasses.symbol,
          set: {
            name: sql`excluded.name`,
            parentSymbol: sql`excluded.parent_symbol`,
            categoryOwner: sql`excluded.category_owner`,
            categoryOther: sql`excluded.category_other`,
            remarks: sql`excluded.remarks`,
            isLeaf: sql`excluded.is_leaf`,
            importedAt: sql`excluded.imported_at`,
            version: sql`excluded.version`,
          },
        });
    }
    // A leaf is a class with no children, over the whole list (earlier imports included).
    // A class whose leaf flag changes is changed: the next pull carries it.
    await w.tx.execute(sql`UPDATE jrwa_classes j SET is_leaf = NOT j.is_leaf, version = ${w.version}
      WHERE j.is_leaf = EXISTS (SELECT 1 FROM jrwa_classes c WHERE c.parent_symbol = j.symbol)`);
    const added = parsed.classes.length - existing;
    await appendAudit(w, {
      actor,
      action: 'jrwa.imported',
      entityType: 'jrwa',
      entityId: 'jrwa',
      summary: `Import JRWA z pliku ${args.fileName}: przyjęto ${parsed.classes.length} klas (nowe ${added}, zmienione ${existing}), odrzucono ${parsed.problems.length}`,
      data: { fileName: args.fileName, added, updated: existing, rejected: parsed.problems.length },
    });
    return { dryRun: false, ...base, added, updated: existing };
  });
}
