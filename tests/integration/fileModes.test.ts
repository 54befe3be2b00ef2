import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDemoProfile, signIn, stageScan } from '#tests/support/profile';
import { onePagePdf } from '#tests/support/pdfs';

// A workstation's profile holds the office's registers and residents' scans: on a shared
// computer another account must not read them. Everything is made this account's only.

const mode = (path: string) => statSync(path).mode & 0o777;

describe("a workstation profile is its account's only", () => {
  it('the folder 0700; the database, its WAL, the log and every scan 0600', async () => {
    const p = openDemoProfile();
    try {
      await signIn(p.ctx, 'akowalska');
      const scan = await stageScan(p.ctx, 'wniosek.pdf', await onePagePdf('Wniosek'));
      expect(mode(p.dir)).toBe(0o700);
      for (const file of ['kancelaria.sqlite', 'kancelaria.sqlite-wal', 'kancelaria.log']) expect([file, mode(join(p.dir, file))]).toEqual([file, 0o600]);
      const blob = p.ctx.blobs.pathOf(scan.sha256);
      expect(mode(blob)).toBe(0o600);
      expect(mode(join(blob, '..'))).toBe(0o700);
      // Nothing anywhere in the profile is readable by others.
      const loose: string[] = [];
      const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const path = join(dir, entry.name);
          if ((mode(path) & 0o077) !== 0) loose.push(path);
          if (entry.isDirectory()) walk(path);
        }
      };
      walk(p.dir);
      expect(loose).toEqual([]);
    } finally {
      p.close();
    }
  });
});
