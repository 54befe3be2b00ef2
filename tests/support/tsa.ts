import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestPki } from '#tests/support/certificates';
import { startLoopbackService, type LoopbackService } from '#tests/support/loopbackService';

const run = promisify(execFile);

/** How the TSA answers: properly, with bytes that are no time-stamp reply, or not at all. */
export type TsaMode = 'reply' | 'garbage' | 'silent';

export type TestTsa = LoopbackService & { mode: TsaMode };

/**
 * A time-stamping authority on loopback (RFC 3161 over HTTP): each request is answered by
 * `openssl ts -reply` with the test PKI's TSA key — a real TSA implementation, not ours.
 */
export async function startTsa(pki: TestPki): Promise<TestTsa> {
  // The service's handler reads the mode of the object it returns (set later by the tests).
  const holder: { tsa?: TestTsa } = {};
  const service = await startLoopbackService('/tsa', 'application/timestamp-reply', async ({ body, n, work }) => {
    const mode = holder.tsa?.mode ?? 'reply';
    if (mode === 'silent') return null; // the connection stays open, unanswered
    if (mode === 'garbage') return Buffer.from('to nie jest znacznik czasu');
    const query = join(work, `${n}.tsq`);
    const reply = join(work, `${n}.tsr`);
    writeFileSync(query, body);
    await run('openssl', ['ts', '-reply', '-config', pki.tsa.config, '-queryfile', query, '-out', reply]);
    return readFileSync(reply);
  });
  const tsa: TestTsa = Object.assign(service, { mode: 'reply' as const satisfies TsaMode });
  holder.tsa = tsa;
  return tsa;
}
