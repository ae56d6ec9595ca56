import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { anxunSync, requireBuiltCli, ROOT } from '../support/cli';

function anxun(args: string[], env: NodeJS.ProcessEnv = {}) {
  return anxunSync(args, { env });
}

describe('anxun command line (built CLI)', () => {
  const dirs: string[] = [];
  beforeAll(() => {
    requireBuiltCli();
  });
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'anxun-cli-'));
    dirs.push(dir);
    return dir;
  }

  it('prints its version', () => {
    const r = anxun(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('refuses an invalid configuration file, lists every problem, and writes nothing', () => {
    const dir = tempDir();
    const config = join(dir, 'anxun.yaml');
    writeFileSync(config, 'server:\n  port: -1\n  host: 12\nlog:\n  level: loud\nunknownSection: {}\n');
    const data = join(dir, 'data');
    const r = anxun(['serve', '--config', config, '--data', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Invalid configuration in ${config}`);
    for (const path of ['server.port: ', 'server.host: ', 'log.level: ', '(root): ']) expect(r.stderr).toContain(path);
    expect(existsSync(data)).toBe(false);
    expect(readdirSync(dir)).toEqual(['anxun.yaml']);
  });

  it('refuses a missing configuration file and out-of-range flags', () => {
    const dir = tempDir();
    const missing = anxun(['serve', '--config', join(dir, 'nope.yaml'), '--data', join(dir, 'd')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the file \(ENOENT\)/);
    const port = anxun(['serve', '--port', '70000', '--data', join(dir, 'd')]);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port: /);
    expect(existsSync(join(dir, 'd'))).toBe(false);
  });

  it('refuses a database from a newer version with a clear message', () => {
    const dir = tempDir();
    const first = anxun(['serve', '--port', '70000', '--data', dir]); // fails before touching the data folder
    expect(first.code).toBe(2);
    // a real database whose schema is newer than this build knows
    const result = spawnSync(
      process.execPath,
      [
        '-e',
        `const D=require('better-sqlite3');const db=new D(${JSON.stringify(join(dir, 'anxun.db'))});` +
          `db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;` +
          `INSERT INTO schema_migrations VALUES (999,'future','x')");db.close();`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    const r = anxun(['serve', '--port', '0', '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/database: .*schema version 999, newer than this version of Anxun/);
  });
});
