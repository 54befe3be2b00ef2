/**
 * Files through the central server (not a test: it prints figures and writes bench/RESULTS.md).
 *
 *   npm run bench:blobs                  — 8, 32 and 96 MB on PostgreSQL
 *   npm run bench:blobs -- --sizes 8,32  — other sizes (MB)
 *
 * The real server process on a fresh PostgreSQL database; one person uploads each file in
 * 4 MiB pieces (as a workstation does) and downloads it back. Reported: MB/s each way, the
 * server process's peak memory growth (VmHWM) during the round trip — bounded by a few pieces
 * when uploads and downloads stream, the file's size several times over when they do not — and
 * SHA-256 of the same bytes in this process as the raw limit of the server's own work.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { serverFetch, startServer, type ServerProcess } from '#tests/support/server';
import { writeResultsSection } from './results.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '8,32,96' } } });
const SIZES = values.sizes.split(',').map(Number);
const MB = 1024 * 1024;

function peak(server: ServerProcess): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(server.proc.pid)}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

async function roundTrip(server: ServerProcess, token: string, bytes: Buffer) {
  const sha = createHash('sha256').update(bytes).digest('hex');
  const started = performance.now();
  for (let offset = 0; offset < bytes.length; offset += 4 * MB) {
    const res = await serverFetch(new URL(`/blobs/${sha}`, server.url), {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'upload-length': String(bytes.length) },
      body: bytes.subarray(offset, offset + 4 * MB),
    });
    if (res.status !== 200) throw new Error(`upload: ${String(res.status)} ${await res.text()}`);
    await res.arrayBuffer();
  }
  const uploaded = performance.now();
  const res = await serverFetch(new URL(`/blobs/${sha}`, server.url), { headers: { authorization: `Bearer ${token}` } });
  const back = Buffer.from(await res.arrayBuffer());
  const downloaded = performance.now();
  if (createHash('sha256').update(back).digest('hex') !== sha) throw new Error('the file came back different');
  return { upMs: uploaded - started, downMs: downloaded - uploaded };
}

async function main() {
  const load = loadavg()[0] ?? 0;
  const server = await startServer({ engine: 'postgres', env: { KANCELARIA_SERVER_UPLOAD_QUOTA_MB: String(SIZES.reduce((a, b) => a + b, 0) * 2 + 64) } });
  const rows: string[] = [];
  const figures: Record<string, number> = {};
  try {
    const { accessToken } = await server.login('akowalska');
    // Warm-up: a file of two pieces, so the peak counts what moving pieces costs, not start-up.
    await roundTrip(server, accessToken, randomBytes(8 * MB));
    for (const size of SIZES) {
      const bytes = randomBytes(size * MB);
      const before = peak(server);
      const { upMs, downMs } = await roundTrip(server, accessToken, bytes);
      const growth = (peak(server) - before) / MB;
      const hashStart = performance.now();
      createHash('sha256').update(bytes).digest();
      const hashMs = performance.now() - hashStart;
      rows.push(`| ${String(size)} MB | ${(size / (upMs / 1000)).toFixed(1)} MB/s | ${(size / (downMs / 1000)).toFixed(1)} MB/s | ${growth.toFixed(0)} MB | ${(size / (hashMs / 1000)).toFixed(0)} MB/s | ${(upMs / hashMs).toFixed(0)}× |`);
      figures[`up_${String(size)}mb_mb_s`] = Number((size / (upMs / 1000)).toFixed(1));
      figures[`down_${String(size)}mb_mb_s`] = Number((size / (downMs / 1000)).toFixed(1));
      figures[`peak_growth_${String(size)}mb_mb`] = Number(growth.toFixed(0));
      process.stdout.write(`${rows.at(-1) ?? ''}\n`);
    }
  } finally {
    await server.stop();
  }
  const date = new Date().toISOString().slice(0, 10);
  writeResultsSection(
    `## Files through the server — ${date}`,
    [
      `## Files through the server — ${date}`,
      '',
      `Machine: ${String(cpus().length)} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average (1 min) ${load.toFixed(1)} at the start. \`npm run bench:blobs\` (bench/blobs.ts): the real server process on PostgreSQL over HTTPS (HTTP/2), one person uploading in 4 MiB pieces and downloading back; peak memory is the server process's VmHWM growth during the round trip, after a warm-up file.`,
      '',
      '| file | upload | download | server peak memory growth | SHA-256 in-process (raw) | upload ÷ raw hash time |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      'The growth stays a few pieces large whatever the file (streamed hashing, pieces moved inside PostgreSQL, a streamed download); holding files whole would add at least twice the file.',
    ].join('\n'),
  );
  process.stdout.write(`${JSON.stringify({ bench: 'blobs', date, ...figures })}\n`);
}

await main();
