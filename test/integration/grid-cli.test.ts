/** `anxun grid import` and `anxun grid export` end to end, on the built CLI (`npm run build` first) and a real SQLite file. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { GridRepo } from '../../electron/store/grid-repo';
import { ROOT, anxunSync, requireBuiltCli, type CliRun } from '../support/cli';

const fixture = (name: string) => join(ROOT, 'fixtures/grid', name);

let dir: string;
let data: string;
const grid = (...args: string[]): CliRun => anxunSync(['grid', ...args, '--data', data]);

/** Every file a full export writes, CSV and JSON, by name. */
function exportAll(): Record<string, string> {
  const out = mkdtempSync(join(dir, 'export-'));
  for (const format of ['csv', 'json']) expect(grid('export', '--format', format, '--out', out).code).toBe(0);
  return Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
}

function stored() {
  const { db } = openDatabase(join(data, 'anxun.db'));
  try {
    return new GridRepo(db).grid();
  } finally {
    db.close();
  }
}

beforeAll(() => requireBuiltCli());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'anxun-grid-cli-'));
  data = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// each run of the command starts a Node process: a second or more on a busy machine
describe('anxun grid', { timeout: 90_000 }, () => {
  it('imports the fixture grid and roster and prints the counts', () => {
    const r = grid('import', fixture('grid.csv'), fixture('inspectors.csv'), '--mode', 'replace');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'grid units: 19 added, 0 changed, 0 removed, 0 unchanged\n' +
        'inspectors: 8 added, 0 changed, 0 removed, 0 unchanged\n' +
        'now: 2 townships, 5 villages, 12 grid cells, 8 inspectors (7 on duty)\n',
    );
    const json = grid('import', fixture('grid.json'), '--json');
    expect(JSON.parse(json.stdout)).toEqual({
      ok: true,
      mode: 'merge',
      counts: {
        units: { added: 0, changed: 0, removed: 0, unchanged: 19 },
        inspectors: { added: 0, changed: 0, removed: 0, unchanged: 8 },
      },
    });
  });

  it('reports each bad row with its line, exits 1 and changes nothing', () => {
    expect(grid('import', fixture('grid.csv'), fixture('inspectors.csv')).code).toBe(0);
    const before = exportAll();
    const badGrid = fixture('grid-bad-rows.csv');
    const badInspectors = fixture('inspectors-bad-rows.csv');
    // replace, the mode that would remove what the files leave out (merge is covered by the unit tests)
    {
      const r = grid('import', badGrid, badInspectors, '--mode', 'replace');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.map((l) => /^(.*?:\d+ \w+):/.exec(l)?.[1])).toEqual([
        `${badGrid}:4 cell_code`,
        `${badGrid}:5 village_name`,
        `${badGrid}:6 township_code`,
        `${badGrid}:7 cell_code`,
        `${badGrid}:8 township_name`,
        `${badInspectors}:3 phone`,
        `${badInspectors}:4 name`,
        `${badInspectors}:5 cells`,
        `${badInspectors}:6 active`,
        `${badInspectors}:7 id`,
        `${badInspectors}:8 id`,
        `${badInspectors}:9 cells`,
        undefined,
      ]);
      expect(lines[0]).toBe(`${badGrid}:4 cell_code: "东门 01": a code is 1 to 64 letters, digits, "-" or "_"`);
      expect(lines.at(-1)).toBe('anxun: nothing was imported: 12 problems');
      expect(exportAll()).toEqual(before);
    }
  });

  it('imports a GBK roster with its Chinese names intact', () => {
    expect(grid('import', fixture('grid.csv'), fixture('inspectors-gbk.csv')).code).toBe(0);
    const names = stored().inspectors.map((i) => i.name);
    expect(names).toEqual(['陈建国', '王秀英', '李海峰', '张丽娟', '刘志强', '杨春燕', '黄伟', '周小红']);
    const csv = exportAll()['inspectors.csv'] ?? '';
    expect(csv.startsWith('\uFEFF工号,姓名,手机,负责网格,在岗\r\n')).toBe(true);
    expect(csv).toContain('WG-0103,李海峰,13957100103,330199101202-01;330199101202-02,是\r\n');
  });

  it('gives back the same data after export and import, in both formats and both languages', () => {
    expect(grid('import', fixture('grid.csv'), fixture('inspectors.csv')).code).toBe(0);
    const original = stored();
    for (const args of [
      ['--format', 'csv'],
      ['--format', 'csv', '--lang', 'en'],
      ['--format', 'json'],
    ]) {
      const out = mkdtempSync(join(dir, 'round-'));
      expect(grid('export', ...args, '--out', out).code).toBe(0);
      const files = readdirSync(out).map((f) => join(out, f));
      const fresh = join(dir, `fresh-${args.join('')}`);
      const r = anxunSync(['grid', 'import', ...files, '--mode', 'replace', '--data', fresh]);
      expect(r.code).toBe(0);
      const { db } = openDatabase(join(fresh, 'anxun.db'));
      expect(new GridRepo(db).grid()).toEqual(original);
      db.close();
    }
  });

  it('refuses a bad mode, an unreadable file and an export without a database', () => {
    expect(grid('import', fixture('grid.csv'), '--mode', 'overwrite')).toMatchObject({ code: 2 });
    const missing = grid('import', join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    const r = grid('export', '--out', join(dir, 'out'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no database');
  });
});
