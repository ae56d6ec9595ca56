import type { Migration } from '../migrate';

/**
 * Zones and masks drawn in the interface, one row per camera: the camera's list as JSON (read back through the
 * zones schema), and a version that counts the saves. No foreign key: cameras of the configuration file have
 * zones too and are not stored.
 */
export const m006CameraZones: Migration = {
  version: 6,
  name: 'camera-zones',
  up: `
    CREATE TABLE camera_zones (
      camera_id TEXT PRIMARY KEY NOT NULL,
      zones_json TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version > 0),
      updated_at TEXT NOT NULL
    ) STRICT;
  `,
};
