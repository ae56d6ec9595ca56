import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { migrate, type MigrationReport } from './migrate';

export type { Database };

export interface OpenedDatabase {
  db: Database;
  migration: MigrationReport;
  sqliteVersion: string;
}

/** Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date. */
export function openDatabase(file: string): OpenedDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const migration = migrate(db, MIGRATIONS);
    const { v } = db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
    return { db, migration, sqliteVersion: v };
  } catch (error) {
    db.close();
    throw error;
  }
}
