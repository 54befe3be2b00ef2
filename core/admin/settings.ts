import { settingsSchema, type Settings } from '#core/contract';
import { readSetting, writeSetting } from '#db/settingsRepo';
import { settingsFrom } from '#core/settings';
import type { Store } from '#db/store';

export { DEFAULT_SETTINGS } from '#core/settings';

const KEY = 'office-settings';

/** The office settings, each field falling back to its default when missing or invalid. */
export function readSettings(store: Store): Settings {
  return settingsFrom(readSetting(store, KEY));
}

export function writeSettings(store: Store, s: Settings) {
  writeSetting(store, KEY, settingsSchema.parse(s));
}
