import type { Migration } from '../migrate';

export const m001Preferences: Migration = {
  version: 1,
  name: 'preferences',
  up: `
    CREATE TABLE preferences (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `,
};
