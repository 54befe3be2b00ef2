import { describe, expect, it } from 'vitest';
import { backupDue, copiesToRemove, type BackupStatus } from '#core/backup/copies';

const at = (iso: string) => new Date(iso);
const status = (o: Partial<BackupStatus>): BackupStatus => ({ lastAttemptAt: '2026-03-10T11:00:00Z', lastGoodAt: null, lastGoodFile: null, problem: null, ...o });

describe('the day’s copy is due', () => {
  it('from the set hour of the office day, once a day', () => {
    // 11:30 UTC in March is 12:30 in Warsaw.
    expect(backupDue(null, at('2026-03-10T10:30:00Z'), 12)).toBe(false);
    expect(backupDue(null, at('2026-03-10T11:30:00Z'), 12)).toBe(true);
    expect(backupDue(status({ lastGoodAt: '2026-03-10T11:05:00Z' }), at('2026-03-10T15:00:00Z'), 12)).toBe(false);
    // Yesterday's copy in the evening (22:30 UTC is already the next day in Warsaw) counts for that day.
    expect(backupDue(status({ lastGoodAt: '2026-03-09T23:30:00Z' }), at('2026-03-10T11:30:00Z'), 12)).toBe(false);
    expect(backupDue(status({ lastGoodAt: '2026-03-09T11:05:00Z' }), at('2026-03-10T11:30:00Z'), 12)).toBe(true);
  });

  it('a failed attempt is tried again an hour later, not every few minutes', () => {
    const failed = status({ lastAttemptAt: '2026-03-10T11:10:00Z', problem: 'brak miejsca na dysku' });
    expect(backupDue(failed, at('2026-03-10T11:40:00Z'), 12)).toBe(false);
    expect(backupDue(failed, at('2026-03-10T12:11:00Z'), 12)).toBe(true);
  });
});

describe('old copies pruned', () => {
  const copy = (iso: string) => ({ file: `k-${iso}`, createdAt: iso });

  it('keeps the newest copy of each of the last N days and of each of the last M months', () => {
    const copies = [
      copy('2026-03-10T11:00:00Z'),
      copy('2026-03-10T09:00:00Z'), // a second copy the same day
      copy('2026-03-09T11:00:00Z'),
      copy('2026-03-08T11:00:00Z'),
      copy('2026-02-27T11:00:00Z'),
      copy('2026-02-10T11:00:00Z'),
      copy('2026-01-15T11:00:00Z'),
      copy('2025-12-15T11:00:00Z'),
    ];
    expect(copiesToRemove(copies, 2, 3).sort()).toEqual(['k-2025-12-15T11:00:00Z', 'k-2026-02-10T11:00:00Z', 'k-2026-03-08T11:00:00Z', 'k-2026-03-10T09:00:00Z'].sort());
  });

  it('never touches a copy it cannot date', () => {
    expect(copiesToRemove([{ file: 'obca.kbak', createdAt: null }, copy('2026-03-10T11:00:00Z'), copy('2026-03-01T11:00:00Z')], 1, 0)).toEqual(['k-2026-03-01T11:00:00Z']);
  });
});
