import { eq } from 'drizzle-orm';
import type { Store } from '#db/store';
import { settings } from '#db/schema/index';

export function readSetting(store: Store, key: string): unknown {
  const row = store.db.select().from(settings).where(eq(settings.key, key)).get();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export function writeSetting(store: Store, key: string, value: unknown) {
  const json = JSON.stringify(value);
  store.db.insert(settings).values({ key, value: json }).onConflictDoUpdate({ target: settings.key, set: { value: json } }).run();
}
