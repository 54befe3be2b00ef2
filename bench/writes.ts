/**
 * Writes side by side (issue 13, "no global lock"): how many write transactions a second the
 * server's write path takes with 1, 4 and 16 writers on one PostgreSQL database, against the
 * same transactions each first taking one row lock every writer shares (what `server_version`
 * was until 2026-12-07: `UPDATE … SET v = v + 1` held to commit).
 *
 * A transaction here is shaped as a push of one command is: a dozen statements (round trips
 * inside the transaction, as the command engine's reads are), a record with its version, a
 * number from a register counter of the writer's own unit, an audit entry. The database is made
 * and dropped by this script; `npx tsx bench/writes.ts`. Prints the table and, last, one JSON
 * line; bench/RESULTS.md "Writes side by side" keeps the table.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { openServerDb } from '#server/db/open';
import { writeTx } from '#server/db/tx';
import { nextNumber } from '#server/db/counters';
import { appendAudit, sealAudit, startAuditSequencer } from '#server/db/audit';
import { settings } from '#server/db/schema/index';
import { createServerDatabase } from '#tests/support/server';
import { writeResultsSection } from './results.ts';

const PER_LEVEL_MS = 6_000;
const LEVELS = [1, 4, 16];
const READS = 12;

type Row = { writers: number; mode: 'shared' | 'none'; perSecond: number; p50: number; p95: number };

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

async function main(): Promise<void> {
  const database = await createServerDatabase('postgres');
  const opened = await openServerDb({ databaseUrl: database.env.DATABASE_URL });
  const { db } = opened;
  const sequencer = startAuditSequencer(db, (line) => console.error(line));
  await db.execute(sql`CREATE TABLE bench_lock (id int PRIMARY KEY, v bigint NOT NULL)`);
  await db.execute(sql`INSERT INTO bench_lock VALUES (1, 0)`);
  const rows: Row[] = [];
  try {
    for (const writers of LEVELS) {
      for (const mode of ['shared', 'none'] as const) {
        const latencies: number[] = [];
        const until = performance.now() + PER_LEVEL_MS;
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            for (let i = 0; performance.now() < until; i++) {
              const t = performance.now();
              await writeTx(db, async (tx) => {
                if (mode === 'shared') await tx.tx.execute(sql`UPDATE bench_lock SET v = v + 1 WHERE id = 1`);
                for (let r = 0; r < READS; r++) await tx.tx.execute(sql`SELECT ${r}::int AS r`);
                const n = await nextNumber(tx, `BENCH/${mode}/${String(writers)}/${String(w)}`);
                await tx.tx.insert(settings).values({ key: `bench-${mode}-${String(writers)}-${String(w)}-${String(i)}`, value: { n, v: tx.version } });
                await appendAudit(tx, { actor: 'bench', action: 'bench.write', entityType: 'bench', entityId: String(w), summary: `zapis ${String(i)}` });
              });
              latencies.push(performance.now() - t);
            }
          }),
        );
        const row: Row = { writers, mode, perSecond: latencies.length / (PER_LEVEL_MS / 1000), p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) };
        rows.push(row);
        console.log(`${String(writers).padStart(2)} piszących, ${mode === 'shared' ? 'wspólna blokada' : 'bez blokady   '}: ${row.perSecond.toFixed(0)} transakcji/s, p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms`);
      }
    }
    await sealAudit(db);
  } finally {
    await sequencer.stop();
    await opened.close();
    await database.drop();
  }

  const at = (writers: number, mode: Row['mode']) => rows.find((r) => r.writers === writers && r.mode === mode);
  const top = LEVELS.at(-1) ?? 16;
  const ratio = (at(top, 'none')?.perSecond ?? 0) / Math.max(1, at(top, 'shared')?.perSecond ?? 0);
  const load = os.loadavg()[0] ?? 0;
  const table = rows.map((r) => `| ${String(r.writers)} | ${r.mode === 'shared' ? 'one row every writer locks (as before)' : '**none** (transaction id + horizon)'} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`).join('\n');
  writeResultsSection(
    `## Writes side by side — ${new Date().toISOString().slice(0, 10)}`,
    `## Writes side by side — ${new Date().toISOString().slice(0, 10)}

Machine: ${String(os.cpus().length)} cores, Node ${process.version}, PostgreSQL on the same machine; load average (1 min) ${load.toFixed(1)} at the end. \`npx tsx bench/writes.ts\`: writers in this process on one node-postgres pool (10 connections), ${String(PER_LEVEL_MS / 1000)} s per row; each transaction ${String(READS)} reads, a number from its writer's own register counter, a record and an audit entry (the shape of one pushed command); the audit sequencer running as in the server.

| writers | lock every writer takes | transactions/s | p50 ms | p95 ms |
|---|---|---|---|---|
${table}

With ${String(top)} writers, ${ratio.toFixed(2)}× the transactions a second without the shared row. On two cores the database and this process share the CPU, so the gain is what the waiting for one another cost — the round trips a writer made while every other writer queued behind its lock — not more CPU.
`,
  );
  console.log(JSON.stringify({ bench: 'writes', writers: top, perSecondShared: Math.round(at(top, 'shared')?.perSecond ?? 0), perSecondNone: Math.round(at(top, 'none')?.perSecond ?? 0), ratio: Number(ratio.toFixed(2)), p95None: Number((at(top, 'none')?.p95 ?? 0).toFixed(1)), load: Number(load.toFixed(2)) }));
}

await main();
