import type { Migration } from '../migrate';

/**
 * Incidents and the alerts they are made of (from the correlator), and the evidence kept for each: per camera,
 * the peak snapshot and a clip, with the models, their checksums and the thresholds in force at the time.
 */
export const m003Incidents: Migration = {
  version: 3,
  name: 'incidents',
  up: `
    CREATE TABLE incidents (
      id TEXT PRIMARY KEY NOT NULL,
      number INTEGER NOT NULL UNIQUE,
      family TEXT NOT NULL,
      kind TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('open', 'ended')),
      first_seen TEXT NOT NULL,
      last_seen TEXT NOT NULL,
      ended_at TEXT,
      peak_score REAL NOT NULL,
      peak_at TEXT NOT NULL,
      peak_camera_id TEXT NOT NULL,
      reopened INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX incidents_last_seen ON incidents (last_seen);
    CREATE TABLE incident_alerts (
      alert_id TEXT PRIMARY KEY NOT NULL,
      incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      camera_id TEXT NOT NULL,
      first_seen TEXT NOT NULL,
      last_seen TEXT NOT NULL,
      ended INTEGER NOT NULL CHECK (ended IN (0, 1)),
      peak_score REAL NOT NULL,
      peak_at TEXT NOT NULL,
      peak_box TEXT
    ) STRICT;
    CREATE INDEX incident_alerts_incident ON incident_alerts (incident_id);
    CREATE TABLE incident_evidence (
      id INTEGER PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      camera_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('snapshot', 'clip')),
      file TEXT NOT NULL,
      at TEXT NOT NULL,
      duration_s REAL,
      models TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX incident_evidence_incident ON incident_evidence (incident_id);
  `,
};
