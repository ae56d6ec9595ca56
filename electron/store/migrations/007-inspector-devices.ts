import type { Migration } from '../migrate';

/**
 * Inspectors' phones: a device per paired phone with its token's SHA-256 (the token itself is never stored),
 * one-time pairing codes (also hashed), and the photos inspectors upload (a client-made upload id answers a
 * repeated upload with the same photo). Removing an inspector removes their devices, codes and uploads' rows.
 */
export const m007InspectorDevices: Migration = {
  version: 7,
  name: 'inspector-devices',
  up: `
    CREATE TABLE inspector_devices (
      id TEXT PRIMARY KEY NOT NULL,
      inspector_id TEXT NOT NULL REFERENCES inspectors(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
      created_at TEXT NOT NULL,
      last_seen_at TEXT,
      revoked_at TEXT
    ) STRICT;
    CREATE INDEX inspector_devices_inspector ON inspector_devices (inspector_id);

    CREATE TABLE pairing_codes (
      code_hash TEXT PRIMARY KEY NOT NULL CHECK (length(code_hash) = 64),
      inspector_id TEXT NOT NULL REFERENCES inspectors(id) ON DELETE CASCADE,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE inspector_uploads (
      id TEXT PRIMARY KEY NOT NULL,
      inspector_id TEXT NOT NULL REFERENCES inspectors(id) ON DELETE CASCADE,
      device_id TEXT NOT NULL,
      client_upload_id TEXT,
      file TEXT NOT NULL,
      bytes INTEGER NOT NULL CHECK (bytes >= 0),
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      task_id TEXT,
      UNIQUE (inspector_id, client_upload_id)
    ) STRICT;
  `,
};
