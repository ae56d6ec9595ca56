/**
 * Numbered migrations. Each runs in its own transaction together with its row in `schema_migrations`, so a
 * failing migration leaves the schema exactly as the previous one left it.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3... without gaps. */
  version: number;
  name: string;
  /** SQL text, or a function for migrations that need to move data. Tables are STRICT. */
  up: string | ((db: Database) => void);
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly version: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationError(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`, m.version);
    }
  });
}

export function schemaVersion(db: Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

export function migrate(
  db: Database,
  migrations: readonly Migration[],
  now: () => Date = () => new Date(),
): MigrationReport {
  checkOrder(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const from = schemaVersion(db);
  if (from > migrations.length) {
    throw new MigrationError(
      `the database is at schema version ${from}, newer than this version of Anxun knows (${migrations.length}); ` +
        'use a newer Anxun or another data folder',
      from,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of migrations.slice(from)) {
    const run = db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      record.run(m.version, m.name, now().toISOString());
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      run();
    } catch (cause) {
      throw new MigrationError(`migration ${m.version} (${m.name}) failed: ${(cause as Error).message}`, m.version, {
        cause,
      });
    }
    applied.push(m.version);
  }
  return { from, to: from + applied.length, applied };
}
