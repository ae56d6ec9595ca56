import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { migrate, MigrationError, schemaVersion, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';

const [sites, cameras]: [Migration, Migration] = [
  { version: 1, name: 'sites', up: 'CREATE TABLE sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;' },
  {
    version: 2,
    name: 'cameras',
    up: (db) => {
      db.exec('CREATE TABLE cameras (id INTEGER PRIMARY KEY, site_id INTEGER NOT NULL REFERENCES sites(id)) STRICT;');
      db.prepare('INSERT INTO sites (name) VALUES (?)').run('seed');
    },
  },
];
const base = [sites, cameras];

function tables(db: BetterSqlite3.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);
}

describe('migration runner (real SQLite file)', () => {
  let dir: string;
  let db: BetterSqlite3.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-migrate-'));
    db = new BetterSqlite3(join(dir, 'test.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('brings a fresh database to the latest version and records each step', () => {
    const report = migrate(db, base);
    expect(report).toEqual({ from: 0, to: 2, applied: [1, 2] });
    expect(tables(db)).toEqual(['cameras', 'schema_migrations', 'sites']);
    expect(schemaVersion(db)).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual([
      { version: 1, name: 'sites' },
      { version: 2, name: 'cameras' },
    ]);
  });

  it('is a no-op when run again', () => {
    migrate(db, base);
    const before = db.prepare('SELECT * FROM schema_migrations').all();
    const report = migrate(db, base);
    expect(report).toEqual({ from: 2, to: 2, applied: [] });
    expect(db.prepare('SELECT * FROM schema_migrations').all()).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sites').get()).toEqual({ n: 1 });
  });

  it('leaves the previous schema intact when a migration fails half-way', () => {
    migrate(db, base.slice(0, 1));
    const failing: Migration = {
      version: 2,
      name: 'broken',
      up: 'CREATE TABLE half (id INTEGER PRIMARY KEY) STRICT; INSERT INTO sites (name) VALUES (1, 2, 3);',
    };
    expect(() => migrate(db, [sites, failing])).toThrow(MigrationError);
    expect(tables(db)).toEqual(['schema_migrations', 'sites']);
    expect(schemaVersion(db)).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    // A corrected migration then applies normally.
    expect(migrate(db, base).applied).toEqual([2]);
  });

  it('refuses gaps in the numbering and databases from a newer version', () => {
    expect(() => migrate(db, [cameras])).toThrow(/expected 1/);
    migrate(db, base);
    expect(() => migrate(db, base.slice(0, 1))).toThrow(/newer than this version/);
  });

  it('creates only STRICT tables in the shipped migrations, in WAL mode', () => {
    db.close();
    const opened = openDatabase(join(dir, 'app.db'));
    db = opened.db;
    expect(opened.migration.to).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const sqls = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    for (const t of sqls) expect(t.sql, t.name).toMatch(/\)\s*STRICT(,\s*WITHOUT ROWID)?\s*$/);
  });
});
