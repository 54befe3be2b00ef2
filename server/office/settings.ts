import { eq } from 'drizzle-orm';
import { settingsSchema, type Settings } from '#core/contract';
import type { ServerDb } from '#server/db/open';
import { settings } from '#server/db/schema/settings';
import { noteChange, type WriteTx } from '#server/db/tx';

/** The key of the office's settings — the same key and shape as on the workstation. */
export const OFFICE_SETTINGS_KEY = 'office-settings';

/** The office's settings, or null when no office has been created in this database yet. */
export async function readOfficeSettings(db: ServerDb): Promise<Settings | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, OFFICE_SETTINGS_KEY));
  if (!row) return null;
  const parsed = settingsSchema.safeParse(row.value);
  return parsed.success ? parsed.data : null;
}

export async function writeOfficeSettings(w: WriteTx, value: Settings): Promise<void> {
  const checked = settingsSchema.parse(value);
  await w.tx.insert(settings).values({ key: OFFICE_SETTINGS_KEY, value: checked }).onConflictDoUpdate({ target: settings.key, set: { value: checked } });
  noteChange(w, { what: 'directory' });
}
