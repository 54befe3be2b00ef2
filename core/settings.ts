/**
 * The office settings as every store reads them: what is stored, completed with the defaults.
 * Pure, so the workstation and the server read one stored value the same way.
 */
import { settingsSchema, type Settings } from '#core/contract';

/**
 * Defaults for an office that has not changed anything yet.
 *
 * They must pass settingsSchema: a workstation of an office with a central server starts with
 * no settings at all (it is not seeded) and shows the sign-in screen from these until the first
 * pull brings the office's own, and `session.current` validates what it answers.
 */
export const DEFAULT_SETTINGS: Settings = {
  office: { name: 'Urząd Gminy', shortName: 'UG', addressLines: [], city: '(miejscowość)' },
  incomingPattern: 'RPW/{nr}/{rok}',
  scanFolder: null,
  maxScanMb: 100,
  deadlineWarningDays: 3,
  organ: 'Wójt Gminy',
  trustedRootsPem: [],
  tsaUrl: null,
  trustedList: null,
  appealBody: 'Samorządowego Kolegium Odwoławczego',
  approvalPaths: [],
  backup: { folder: null, hour: 12, keepDaily: 7, keepMonthly: 12 },
};

/** The stored settings, each field falling back to its default when missing or invalid. */
export function settingsFrom(raw: unknown): Settings {
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(typeof raw === 'object' && raw !== null ? raw : {}) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}
