/**
 * The administrator sets the scanner's folder: a path this workstation cannot use is refused
 * when saved, under the field, in Polish, and nothing is saved; a usable one is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, callError, openDemoProfile, removeDir, signIn, tempDir, type TestProfile } from '#tests/support/profile';

describe('the scan folder is tried when saved', () => {
  let p: TestProfile;
  let dir: string;

  beforeAll(async () => {
    p = openDemoProfile();
    dir = tempDir('skaner');
    await signIn(p.ctx, 'gszymanski');
  });
  afterAll(() => {
    p.close();
    removeDir(dir);
  });

  it('a folder that does not exist is refused under its field; the settings stay as they were', async () => {
    const before = await call(p.ctx, 'admin.settings', {});
    const missing = join(dir, 'nie-ma');
    const e = await callError(p.ctx, 'admin.updateSettings', { ...before, scanFolder: missing, maxScanMb: before.maxScanMb + 1 });
    expect(e.code).toBe('SCAN_FOLDER_UNUSABLE');
    expect(e.message).toBe(`Nie zapisano ustawień: folder „${missing}” nie istnieje albo ten komputer nie ma do niego dostępu (sprawdź ścieżkę i połączenie z udziałem sieciowym).`);
    expect(e.fields?.scanFolder).toBe(e.message);
    expect(await call(p.ctx, 'admin.settings', {})).toEqual(before);
  });

  it('a file is not a folder', async () => {
    const file = join(dir, 'skan.pdf');
    writeFileSync(file, '%PDF-1.4');
    const e = await callError(p.ctx, 'admin.updateSettings', { ...(await call(p.ctx, 'admin.settings', {})), scanFolder: file });
    expect(e.fields?.scanFolder).toContain('to plik, a nie folder');
  });

  it('a usable folder is saved, and the registry sees it; a clerk cannot probe paths', async () => {
    const share = join(dir, 'udzial');
    mkdirSync(share);
    writeFileSync(join(share, 'wniosek.pdf'), '%PDF-1.4');
    const saved = await call(p.ctx, 'admin.updateSettings', { ...(await call(p.ctx, 'admin.settings', {})), scanFolder: share });
    expect(saved.scanFolder).toBe(share);
    await signIn(p.ctx, 'akowalska');
    expect((await call(p.ctx, 'scans.inbox', {})).files.map((f) => f.name)).toEqual(['wniosek.pdf']);
    await signIn(p.ctx, 'tlukasik');
    const refused = await callError(p.ctx, 'admin.updateSettings', { ...saved, scanFolder: join(dir, 'nie-ma') });
    expect(refused.code).toBe('FORBIDDEN');
  });
});
