/**
 * Inspectors' phones (devices with the SHA-256 of their token), one-time pairing codes (hashed too) and the photos
 * inspectors upload. Neither tokens nor codes are stored in clear: the caller hashes before it asks.
 */
import type { Database } from './database';

export interface DeviceRecord {
  id: string;
  inspectorId: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface PairingCodeRecord {
  inspectorId: string;
  expiresAt: number;
  usedAt: number | null;
}

export interface UploadRecord {
  id: string;
  inspectorId: string;
  deviceId: string;
  clientUploadId: string | null;
  file: string;
  bytes: number;
  width: number;
  height: number;
  createdAt: string;
  taskId: string | null;
}

interface DeviceRow {
  id: string;
  inspector_id: string;
  name: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

interface UploadRow {
  id: string;
  inspector_id: string;
  device_id: string;
  client_upload_id: string | null;
  file: string;
  bytes: number;
  width: number;
  height: number;
  created_at: string;
  task_id: string | null;
}

const toDevice = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  inspectorId: r.inspector_id,
  name: r.name,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
});

const toUpload = (r: UploadRow): UploadRecord => ({
  id: r.id,
  inspectorId: r.inspector_id,
  deviceId: r.device_id,
  clientUploadId: r.client_upload_id,
  file: r.file,
  bytes: r.bytes,
  width: r.width,
  height: r.height,
  createdAt: r.created_at,
  taskId: r.task_id,
});

const DEVICE = 'SELECT id, inspector_id, name, created_at, last_seen_at, revoked_at FROM inspector_devices';

export class InspectorDevicesRepo {
  constructor(private readonly db: Database) {}

  // ---- pairing codes ------------------------------------------------------------------------------------------

  addCode(codeHash: string, inspectorId: string, expiresAt: number, createdBy: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO pairing_codes (code_hash, inspector_id, expires_at, used_at, created_by, created_at)
         VALUES (?, ?, ?, NULL, ?, ?)`,
      )
      .run(codeHash, inspectorId, new Date(expiresAt).toISOString(), createdBy, new Date(now).toISOString());
    // codes a day past their expiry are of no use, not even to say "expired"
    this.db.prepare('DELETE FROM pairing_codes WHERE expires_at < ?').run(new Date(now - 24 * 3_600_000).toISOString());
  }

  code(codeHash: string): PairingCodeRecord | null {
    const row = this.db
      .prepare<[string], { inspector_id: string; expires_at: string; used_at: string | null }>(
        'SELECT inspector_id, expires_at, used_at FROM pairing_codes WHERE code_hash = ?',
      )
      .get(codeHash);
    if (!row) return null;
    return {
      inspectorId: row.inspector_id,
      expiresAt: Date.parse(row.expires_at),
      usedAt: row.used_at === null ? null : Date.parse(row.used_at),
    };
  }

  /**
   * Uses a code and adds the device in one transaction; false when the code was used meanwhile (two phones
   * racing with the same code: one wins).
   */
  claim(codeHash: string, device: { id: string; name: string; tokenHash: string }, now: number): string | null {
    return this.db
      .transaction((): string | null => {
        const at = new Date(now).toISOString();
        const row = this.db
          .prepare<[string, string], { inspector_id: string }>(
            `UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL RETURNING inspector_id`,
          )
          .get(at, codeHash);
        if (!row) return null;
        this.db
          .prepare(
            `INSERT INTO inspector_devices (id, inspector_id, name, token_hash, created_at, last_seen_at, revoked_at)
             VALUES (?, ?, ?, ?, ?, NULL, NULL)`,
          )
          .run(device.id, row.inspector_id, device.name, device.tokenHash, at);
        return row.inspector_id;
      })
      .immediate();
  }

  // ---- devices ------------------------------------------------------------------------------------------------

  byTokenHash(tokenHash: string): DeviceRecord | null {
    const row = this.db.prepare<[string], DeviceRow>(`${DEVICE} WHERE token_hash = ?`).get(tokenHash);
    return row ? toDevice(row) : null;
  }

  device(id: string): DeviceRecord | null {
    const row = this.db.prepare<[string], DeviceRow>(`${DEVICE} WHERE id = ?`).get(id);
    return row ? toDevice(row) : null;
  }

  devices(inspectorId: string): DeviceRecord[] {
    return this.db
      .prepare<[string], DeviceRow>(`${DEVICE} WHERE inspector_id = ? ORDER BY created_at DESC, id`)
      .all(inspectorId)
      .map(toDevice);
  }

  /** Paired phones not revoked, and the latest time one was seen, per inspector. */
  summary(): Map<string, { devices: number; lastSeenAt: string | null }> {
    const rows = this.db
      .prepare<[], { inspector_id: string; devices: number; last_seen_at: string | null }>(
        `SELECT inspector_id, SUM(revoked_at IS NULL) AS devices, MAX(last_seen_at) AS last_seen_at
         FROM inspector_devices GROUP BY inspector_id`,
      )
      .all();
    return new Map(rows.map((r) => [r.inspector_id, { devices: r.devices, lastSeenAt: r.last_seen_at }]));
  }

  /** Stores when a device was last seen (callers write it at most once a minute). */
  touch(id: string, now: number): void {
    this.db.prepare('UPDATE inspector_devices SET last_seen_at = ? WHERE id = ?').run(new Date(now).toISOString(), id);
  }

  /** Revokes a device; the stored record (revoked already, or now), or null when there is none. */
  revoke(id: string, now: number): DeviceRecord | null {
    this.db
      .prepare('UPDATE inspector_devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(new Date(now).toISOString(), id);
    return this.device(id);
  }

  // ---- uploads ------------------------------------------------------------------------------------------------

  addUpload(upload: UploadRecord): void {
    this.db
      .prepare(
        `INSERT INTO inspector_uploads (id, inspector_id, device_id, client_upload_id, file, bytes, width, height,
           created_at, task_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(
        upload.id,
        upload.inspectorId,
        upload.deviceId,
        upload.clientUploadId,
        upload.file,
        upload.bytes,
        upload.width,
        upload.height,
        upload.createdAt,
      );
  }

  upload(id: string): UploadRecord | null {
    const row = this.db.prepare<[string], UploadRow>('SELECT * FROM inspector_uploads WHERE id = ?').get(id);
    return row ? toUpload(row) : null;
  }

  uploadByClientId(inspectorId: string, clientUploadId: string): UploadRecord | null {
    const row = this.db
      .prepare<[string, string], UploadRow>(
        'SELECT * FROM inspector_uploads WHERE inspector_id = ? AND client_upload_id = ?',
      )
      .get(inspectorId, clientUploadId);
    return row ? toUpload(row) : null;
  }

  /** Photos an inspector uploaded that no action has attached yet. */
  pendingUploads(inspectorId: string): number {
    const row = this.db
      .prepare<[string], { n: number }>(
        'SELECT COUNT(*) AS n FROM inspector_uploads WHERE inspector_id = ? AND task_id IS NULL',
      )
      .get(inspectorId);
    return row?.n ?? 0;
  }

  /**
   * Whether an inspector may fetch a media file: evidence of a task dispatched to them now, or a photo they
   * uploaded themselves.
   */
  mediaAllowed(inspectorId: string, file: string): boolean {
    const row = this.db
      .prepare<[string, string, string, string], { ok: number }>(
        `SELECT EXISTS (SELECT 1 FROM task_evidence e JOIN task_assignees a ON a.task_id = e.task_id
                         JOIN tasks t ON t.id = e.task_id
                         WHERE e.file = ? AND a.inspector_id = ? AND t.handler_role = 'inspector')
             OR EXISTS (SELECT 1 FROM inspector_uploads WHERE file = ? AND inspector_id = ?) AS ok`,
      )
      .get(file, inspectorId, file, inspectorId);
    return row?.ok === 1;
  }

  /** Marks photos as attached to a task (they are then served to that task's viewers). */
  attach(ids: readonly string[], taskId: string): void {
    const set = this.db.prepare('UPDATE inspector_uploads SET task_id = ? WHERE id = ? AND task_id IS NULL');
    this.db.transaction(() => ids.forEach((id) => set.run(taskId, id)))();
  }
}
