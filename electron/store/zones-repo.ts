/**
 * Zones and masks drawn in the interface, per camera (the configuration file's are not stored). A camera's list is
 * one JSON row read back through the domain's schema: a row edited by hand into something invalid is reported
 * and left out instead of reaching the incident core.
 */
import { ZoneListSchema, type Zone } from '../domain/zones';
import type { Database } from './database';

interface ZonesRow {
  camera_id: string;
  zones_json: string;
  version: number;
  updated_at: string;
}

export interface StoredCameraZones {
  cameraId: string;
  zones: Zone[];
  version: number;
  updatedAt: string;
}

export interface StoredZones {
  cameras: StoredCameraZones[];
  /** Rows that no longer pass the zones schema: camera id and why. */
  invalid: { cameraId: string; problems: string[] }[];
}

function parse(row: ZonesRow): { ok: true; value: StoredCameraZones } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(row.zones_json);
  } catch {
    return { ok: false, problems: ['zones_json is not JSON'] };
  }
  const parsed = ZoneListSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  }
  return {
    ok: true,
    value: { cameraId: row.camera_id, zones: parsed.data, version: row.version, updatedAt: row.updated_at },
  };
}

const SELECT = 'SELECT camera_id, zones_json, version, updated_at FROM camera_zones';

export class ZonesRepo {
  constructor(private readonly db: Database) {}

  list(): StoredZones {
    const rows = this.db.prepare<[], ZonesRow>(`${SELECT} ORDER BY camera_id`).all();
    const result: StoredZones = { cameras: [], invalid: [] };
    for (const row of rows) {
      const parsed = parse(row);
      if (parsed.ok) result.cameras.push(parsed.value);
      else result.invalid.push({ cameraId: row.camera_id, problems: parsed.problems });
    }
    return result;
  }

  /** A camera's stored zones; an empty list at version 0 when none were saved (or the row is invalid). */
  get(cameraId: string): StoredCameraZones {
    const row = this.db.prepare<[string], ZonesRow>(`${SELECT} WHERE camera_id = ?`).get(cameraId);
    const parsed = row ? parse(row) : null;
    if (parsed?.ok) return parsed.value;
    return { cameraId, zones: [], version: row?.version ?? 0, updatedAt: row?.updated_at ?? '' };
  }

  /**
   * Replaces a camera's zones (already validated by the caller) and returns the new version. With
   * `expectedVersion`, nothing is written and null comes back when the stored version differs.
   */
  save(cameraId: string, zones: readonly Zone[], now: Date, expectedVersion?: number): number | null {
    return this.db.transaction(() => {
      const current =
        this.db
          .prepare<[string], { version: number }>('SELECT version FROM camera_zones WHERE camera_id = ?')
          .get(cameraId)?.version ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== current) return null;
      const version = current + 1;
      this.db
        .prepare(
          `INSERT INTO camera_zones (camera_id, zones_json, version, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(camera_id) DO UPDATE SET zones_json = excluded.zones_json, version = excluded.version,
             updated_at = excluded.updated_at`,
        )
        .run(cameraId, JSON.stringify(zones), version, now.toISOString());
      return version;
    })();
  }
}
