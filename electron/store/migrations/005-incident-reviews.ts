import type { Migration } from '../migrate';

/**
 * Operators' reviews of incidents, one per incident and reviewer (a later verdict replaces the earlier one): the
 * per-user "reviewed" state of the alert queue, and the confirmed and dismissed verdicts (with the false-alarm
 * reason code) that threshold tuning and the training export read. Times are INTEGER milliseconds since the epoch.
 */
export const m005IncidentReviews: Migration = {
  version: 5,
  name: 'incident-reviews',
  up: `
    CREATE TABLE incident_reviews (
      incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      reviewer_id TEXT NOT NULL,
      reviewer_name TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'dismissed')),
      reason TEXT CHECK (reason IN ('sunset', 'lamp', 'steam', 'cooking', 'reflection', 'other')),
      note TEXT,
      at INTEGER NOT NULL,
      CHECK ((verdict = 'dismissed') = (reason IS NOT NULL)),
      PRIMARY KEY (incident_id, reviewer_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX incident_reviews_reviewer ON incident_reviews (reviewer_id, incident_id);
    CREATE INDEX incident_reviews_verdict ON incident_reviews (verdict, at);
  `,
};
