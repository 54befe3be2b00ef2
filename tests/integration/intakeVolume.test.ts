import { afterAll, describe, expect, it } from 'vitest';
import { openBackend } from '#backend/context';
import { warsawYear } from '#core/time';
import { sha256Of } from '#db/blobStore';
import { allBlobHashes } from '#db/correspondenceRepo';
import { numberedRows } from '#db/counters';
import { numbersByScope } from '#core/register/numberingCheck';
import { allCounters } from '#db/counters';
import { verifyEventChain } from '#db/eventLog';
import { jpegImage, onePagePdf, pngImage } from '#tests/support/pdfs';
import { call, countProfile, createSender, letterInput, openDemoProfile, removeDir, signIn, stageScan, tempDir, unitId } from '#tests/support/profile';

// A busy year's first weeks in one sitting: 1,000 letters, each with its own scan, registered
// through the real service into a real SQLite file; then the store is closed and the profile
// reopened, as after a restart, and everything is checked against what was sent in.

const N = 1000;
const dir = tempDir('wolumen');
afterAll(() => removeDir(dir));

type Sent = { i: number; label: string; sha256: string; fileName: string };

/** Scan i: mostly one-page PDFs, every 10th a JPEG, every 10th (offset 5) a PNG. */
async function scanFor(i: number): Promise<{ fileName: string; bytes: Uint8Array; mime: string }> {
  if (i % 10 === 0) return { fileName: `skan-${i}.jpg`, bytes: jpegImage(`Skan nr ${i}`, 40 + (i % 180)), mime: 'image/jpeg' };
  if (i % 10 === 5) return { fileName: `skan-${i}.png`, bytes: pngImage(i), mime: 'image/png' };
  return { fileName: `skan-${i}.pdf`, bytes: await onePagePdf(`Skan nr ${i}`), mime: 'application/pdf' };
}

describe('registering 1,000 letters with scans', () => {
  it('keeps all of them, numbered 1..1000 in order, with intact files and event chain, after reopening', async () => {
    const year = warsawYear(new Date());
    const p = openDemoProfile({ dir });
    await signIn(p.ctx, 'akowalska');
    const senders = await Promise.all(['Adamczyk', 'Bąk', 'Cieślak', 'Dudek', 'Żak'].map((n) => createSender(p.ctx, n)));
    const units = await Promise.all(['GK', 'GK-I', 'FN', 'USC'].map((s) => unitId(p.ctx, s)));
    const before = countProfile(dir);

    const sent: Sent[] = [];
    const mimes = new Map<string, string>();
    let makingMs = 0;
    const started = performance.now();
    for (let i = 1; i <= N; i++) {
      const t = performance.now();
      const scan = await scanFor(i);
      makingMs += performance.now() - t;
      const staged = await stageScan(p.ctx, scan.fileName, scan.bytes);
      expect(staged.sha256).toBe(sha256Of(scan.bytes));
      mimes.set(staged.sha256, scan.mime);
      const sender = senders[i % senders.length];
      const unit = units[i % units.length];
      if (!sender || !unit) throw new Error('fixture');
      const letter = await call(
        p.ctx,
        'intake.register',
        letterInput(sender.id, unit, {
          subject: `Pismo nr ${i} — wniosek o wydanie zaświadczenia`,
          senderReference: `ZN.${i}.${year}`,
          attachmentsCount: i % 3,
          scans: [{ sha256: staged.sha256, fileName: scan.fileName }],
        }),
      );
      sent.push({ i, label: letter.label, sha256: staged.sha256, fileName: scan.fileName });
    }
    const totalMs = performance.now() - started;
    const registerMs = totalMs - makingMs;
    console.log(
      `intakeVolume: ${N} letters with scans registered in ${(registerMs / 1000).toFixed(1)} s ` +
        `(${((N * 1000) / registerMs).toFixed(0)} letters/s; making the sample files took another ${(makingMs / 1000).toFixed(1)} s)`,
    );
    // Numbers as given at registration: 1..N in the order of the calls.
    expect(sent.map((s) => s.label)).toEqual(Array.from({ length: N }, (_, k) => `RPW/${k + 1}/${year}`));
    p.close();

    // Reopen the profile as the app does after a restart.
    const ctx = openBackend({ profileDir: dir, mode: 'browser', demo: true, demoLetters: false, quiet: true });
    try {
      await signIn(ctx, 'akowalska');
      const numbers = numbersByScope(numberedRows(ctx.store));
      expect([...numbers.keys()]).toEqual([`RPW/${year}`]);
      expect(numbers.get(`RPW/${year}`)).toEqual(Array.from({ length: N }, (_, k) => k + 1));
      expect(allCounters(ctx.store)).toEqual([{ scope: `RPW/${year}`, last: N }]);

      // The register, sorted by number, pages through the letters in registration order.
      const rows = [];
      for (let offset = 0; offset < N; offset += 500) {
        const page = await call(ctx, 'register.list', { filter: {}, sort: { by: 'number', dir: 'asc' }, offset, limit: 500 });
        expect(page.total).toBe(N);
        rows.push(...page.rows);
      }
      expect(rows.map((r) => r.label)).toEqual(sent.map((s) => s.label));
      expect(rows.map((r) => r.subject)).toEqual(sent.map((s) => `Pismo nr ${s.i} — wniosek o wydanie zaświadczenia`));
      expect(rows.every((r) => r.scanCount === 1 && r.status === 'registered' && !r.provisional)).toBe(true);

      // Spot checks through the full detail: the scan is the very file sent in, with its type.
      for (const k of [1, 5, 10, 500, 999, 1000]) {
        const s = sent[k - 1];
        const row = rows[k - 1];
        if (!s || !row) throw new Error('missing');
        const detail = await call(ctx, 'intake.get', { id: row.id });
        expect(detail.scans).toEqual([expect.objectContaining({ sha256: s.sha256, fileName: s.fileName, mime: mimes.get(s.sha256), pageCount: 1 })]);
        expect(detail.events.map((e) => e.action)).toEqual(['correspondence.registered']);
      }

      // Every stored file still hashes to its name, and they are exactly the files sent.
      const hashes = allBlobHashes(ctx.store);
      expect(new Set(hashes)).toEqual(new Set(sent.map((s) => s.sha256)));
      const verified = [];
      for (let k = 0; k < hashes.length; k += 50) verified.push(...(await Promise.all(hashes.slice(k, k + 50).map((h) => ctx.blobs.verify(h)))));
      expect(verified.filter((ok) => !ok)).toEqual([]);
      expect(verified.length).toBe(N);

      const chain = verifyEventChain(ctx.store);
      expect(chain.firstBroken).toBeNull();
      expect(chain.count).toBe(before.events + N);
    } finally {
      ctx.store.close();
    }
    const after = countProfile(dir);
    expect(after).toEqual({
      ...before,
      correspondence: before.correspondence + N,
      correspondenceScans: before.correspondenceScans + N,
      events: before.events + N,
      outbox: before.outbox + N,
      blobs: before.blobs + N,
      counters: before.counters + N,
      blobFiles: before.blobFiles + N,
    });
  });
});
