/**
 * Cameras stored in SQLite (those added through the API; the configuration file's cameras are not stored).
 * Rows come back through CameraConfigSchema, so a row edited by hand into something invalid is reported and
 * left out instead of reaching ffmpeg. Credentials are read and written in their own table.
 */
import { CameraConfigSchema, type CameraConfig } from '../config/camera-schema';
import type { Database } from './database';

interface CameraRow {
  id: string;
  name: string;
  grid_cell: string;
  lat: number | null;
  lon: number | null;
  heading_deg: number | null;
  detect_url: string;
  record_url: string | null;
  detect_fps: number;
  detect_width: number;
  detect_height: number;
  enabled: number;
  username: string | null;
  password: string | null;
}

export interface StoredCameras {
  cameras: CameraConfig[];
  /** Rows that no longer pass the camera schema: id and why, without any field values. */
  invalid: { id: string; problems: string[] }[];
}

function toConfig(row: CameraRow): ReturnType<typeof CameraConfigSchema.safeParse> {
  return CameraConfigSchema.safeParse({
    id: row.id,
    name: row.name,
    gridCell: row.grid_cell,
    ...(row.lat !== null && row.lon !== null ? { position: { lat: row.lat, lon: row.lon } } : {}),
    ...(row.heading_deg !== null ? { headingDeg: row.heading_deg } : {}),
    detectUrl: row.detect_url,
    ...(row.record_url !== null ? { recordUrl: row.record_url } : {}),
    ...(row.username !== null ? { username: row.username } : {}),
    ...(row.password !== null ? { password: row.password } : {}),
    detect: { fps: row.detect_fps, width: row.detect_width, height: row.detect_height },
    enabled: row.enabled === 1,
  });
}

const SELECT = `
  SELECT c.id, c.name, c.grid_cell, c.lat, c.lon, c.heading_deg, c.detect_url, c.record_url,
         c.detect_fps, c.detect_width, c.detect_height, c.enabled, k.username, k.password
  FROM cameras c LEFT JOIN camera_credentials k ON k.camera_id = c.id`;

export class CamerasRepo {
  constructor(private readonly db: Database) {}

  list(): StoredCameras {
    const rows = this.db.prepare<[], CameraRow>(`${SELECT} ORDER BY c.created_at, c.id`).all();
    const result: StoredCameras = { cameras: [], invalid: [] };
    for (const row of rows) {
      const parsed = toConfig(row);
      if (parsed.success) result.cameras.push(parsed.data);
      else {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
        result.invalid.push({ id: row.id, problems });
      }
    }
    return result;
  }

  has(id: string): boolean {
    return this.db.prepare<[string]>('SELECT 1 FROM cameras WHERE id = ?').get(id) !== undefined;
  }

  /** Inserts or replaces one camera and its credentials, in one transaction. */
  save(camera: CameraConfig, now: Date): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO cameras (id, name, grid_cell, lat, lon, heading_deg, detect_url, record_url, detect_fps,
             detect_width, detect_height, enabled, created_at, updated_at)
           VALUES (@id, @name, @gridCell, @lat, @lon, @heading, @detectUrl, @recordUrl, @fps, @width, @height,
             @enabled, @at, @at)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, grid_cell = excluded.grid_cell, lat = excluded.lat,
             lon = excluded.lon, heading_deg = excluded.heading_deg, detect_url = excluded.detect_url,
             record_url = excluded.record_url, detect_fps = excluded.detect_fps,
             detect_width = excluded.detect_width, detect_height = excluded.detect_height,
             enabled = excluded.enabled, updated_at = excluded.updated_at`,
        )
        .run({
          id: camera.id,
          name: camera.name,
          gridCell: camera.gridCell,
          lat: camera.position?.lat ?? null,
          lon: camera.position?.lon ?? null,
          heading: camera.headingDeg ?? null,
          detectUrl: camera.detectUrl,
          recordUrl: camera.recordUrl ?? null,
          fps: camera.detect.fps,
          width: camera.detect.width,
          height: camera.detect.height,
          enabled: camera.enabled ? 1 : 0,
          at,
        });
      this.db
        .prepare(
          `INSERT INTO camera_credentials (camera_id, username, password, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(camera_id) DO UPDATE SET username = excluded.username, password = excluded.password,
             updated_at = excluded.updated_at`,
        )
        .run(camera.id, camera.username ?? null, camera.password ?? null, at);
    })();
  }

  /**
   * Deletes a camera: its credentials go with it, and so do the zones drawn for it, so that a camera added later
   * under the same id does not inherit them. False when there was none.
   */
  delete(id: string): boolean {
    return this.db.transaction(() => {
      const deleted = this.db.prepare<[string]>('DELETE FROM cameras WHERE id = ?').run(id).changes > 0;
      if (deleted) this.db.prepare<[string]>('DELETE FROM camera_zones WHERE camera_id = ?').run(id);
      return deleted;
    })();
  }
}
