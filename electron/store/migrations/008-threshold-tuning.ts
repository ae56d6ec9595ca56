import type { Migration } from '../migrate';

/**
 * Threshold tuning. `track_statistics`: for every track whose confirmation statistic (window mean for fire and
 * smoke, median for objects) reached the configured floor, the best value it reached, with the first alert it
 * raised, if any; one row per track and start, updated while the track lives. A what-if at a proposed threshold
 * counts the rows at or above it; reviewed alerts take their track's value. Alerts stored before this migration
 * have no row. `confirmation_overrides`: the policies set per camera and label in the interface, with a version
 * counting the applies. `tuning_audit`: every apply, append-only (UPDATE and DELETE refused). Times are INTEGER
 * milliseconds since the epoch.
 */
export const m008ThresholdTuning: Migration = {
  version: 8,
  name: 'threshold-tuning',
  up: `
    CREATE TABLE track_statistics (
      id INTEGER PRIMARY KEY,
      camera_id TEXT NOT NULL,
      label TEXT NOT NULL,
      track_id TEXT NOT NULL,
      track_started INTEGER NOT NULL,
      at INTEGER NOT NULL,
      best REAL NOT NULL CHECK (best >= 0 AND best <= 1),
      alert_id TEXT,
      UNIQUE (track_id, track_started)
    ) STRICT;
    CREATE INDEX track_statistics_camera_label_at ON track_statistics (camera_id, label, at);
    CREATE INDEX track_statistics_alert ON track_statistics (alert_id) WHERE alert_id IS NOT NULL;

    CREATE TABLE confirmation_overrides (
      camera_id TEXT NOT NULL,
      label TEXT NOT NULL,
      policy_json TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version > 0),
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (camera_id, label)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE tuning_audit (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      actor_id TEXT NOT NULL,
      actor_name TEXT NOT NULL,
      camera_id TEXT NOT NULL,
      label TEXT NOT NULL,
      version INTEGER NOT NULL,
      before_json TEXT NOT NULL,
      after_json TEXT NOT NULL,
      note TEXT
    ) STRICT;
    CREATE INDEX tuning_audit_camera ON tuning_audit (camera_id, at);
    CREATE TRIGGER tuning_audit_no_update BEFORE UPDATE ON tuning_audit
      BEGIN SELECT RAISE(ABORT, 'tuning_audit is append-only'); END;
    CREATE TRIGGER tuning_audit_no_delete BEFORE DELETE ON tuning_audit
      BEGIN SELECT RAISE(ABORT, 'tuning_audit is append-only'); END;
  `,
};
