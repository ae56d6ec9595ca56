import { PreferencesSchema, type Preferences } from '../api/contract';
import type { Database } from './database';

type Key = keyof Preferences;

/** Interface preferences, one row per key with a JSON value. */
export class PreferencesRepo {
  private readonly selectAll;
  private readonly upsert;

  constructor(
    private readonly db: Database,
    private readonly defaults: Preferences,
  ) {
    this.selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM preferences');
    this.upsert = db.prepare<[string, string, string]>(
      `INSERT INTO preferences (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
  }

  get(): Preferences {
    const merged: Record<string, unknown> = { ...this.defaults };
    for (const row of this.selectAll.all()) {
      if (!Object.hasOwn(this.defaults, row.key)) continue;
      try {
        merged[row.key] = JSON.parse(row.value);
      } catch {
        // an unreadable value falls back to its default below
      }
    }
    const parsed = PreferencesSchema.safeParse(merged);
    return parsed.success ? parsed.data : this.defaults;
  }

  update(change: Partial<Preferences>, now: Date): Preferences {
    const next = PreferencesSchema.parse({ ...this.get(), ...change });
    this.db.transaction(() => {
      for (const key of Object.keys(change) as Key[]) {
        this.upsert.run(key, JSON.stringify(next[key]), now.toISOString());
      }
    })();
    return next;
  }
}
