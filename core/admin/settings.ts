import { settingsSchema, type Settings } from '#core/contract';
import { readSetting, writeSetting } from '#db/settingsRepo';
import type { Store } from '#db/store';

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
  appealBody: 'Samorządowego Kolegium Odwoławczego',
  approvalPaths: [],
};

const KEY = 'office-settings';

/** The office settings, each field falling back to its default when missing or invalid. */
export function readSettings(store: Store): Settings {
  const raw = readSetting(store, KEY);
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(typeof raw === 'object' && raw !== null ? raw : {}) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function writeSettings(store: Store, s: Settings) {
  writeSetting(store, KEY, settingsSchema.parse(s));
}
