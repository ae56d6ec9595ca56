import type { Migration } from '../migrate';

/**
 * Cameras added through the API. Credentials live in a table of their own: queries that list or show cameras
 * never touch it, and only the ingest reads it to build the ffmpeg URL.
 */
export const m002Cameras: Migration = {
  version: 2,
  name: 'cameras',
  up: `
    CREATE TABLE cameras (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      grid_cell TEXT NOT NULL,
      lat REAL,
      lon REAL,
      heading_deg REAL,
      detect_url TEXT NOT NULL,
      record_url TEXT,
      detect_fps REAL NOT NULL,
      detect_width INTEGER NOT NULL,
      detect_height INTEGER NOT NULL,
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE camera_credentials (
      camera_id TEXT PRIMARY KEY NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
      username TEXT,
      password TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
  `,
};
