import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { GridRepo } from '../store/grid-repo';
import {
  ExportFileSchema,
  GridImportResultSchema,
  exportGrid,
  gridToJson,
  importGrid,
  parseGridFile,
  type GridFileInput,
} from './grid-io';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/grid');
const fixture = (name: string): GridFileInput => ({ name, bytes: readFileSync(join(FIXTURES, name)) });
const text = (name: string, content: string): GridFileInput => ({ name, bytes: new TextEncoder().encode(content) });
const now = new Date('2026-11-29T08:00:00Z');
const GRID_HEADER = 'township_code,township_name,village_code,village_name,cell_code,cell_name\n';
const INSPECTORS_HEADER = 'id,name,phone,cells,active\n';

describe('parseGridFile (JSON)', () => {
  it('reads the fixture JSON as the same grid as the two CSV files', () => {
    const json = parseGridFile('grid.json', fixture('grid.json').bytes);
    const grid = parseGridFile('grid.csv', fixture('grid.csv').bytes);
    const inspectors = parseGridFile('inspectors.csv', fixture('inspectors.csv').bytes);
    expect(json.problems).toEqual([]);
    expect(json.parts).toEqual(['units', 'inspectors']);
    const key = (x: unknown) => JSON.stringify(x);
    expect(new Set(json.units.map((s) => key(s.item)))).toEqual(new Set(grid.units.map((s) => key(s.item))));
    const sorted = inspectors.inspectors.map((s) => ({ ...s.item, cells: [...s.item.cells].sort() }));
    expect(json.inspectors.map((s) => s.item)).toEqual(sorted);
  });

  it('names each bad entry by its path, and a bad document as a whole', () => {
    const doc = {
      units: [
        { code: 'T', name: '镇', level: 'township', parentCode: null },
        { code: 'V 1', name: '', level: 'village', parentCode: 'T' },
      ],
      inspectors: [{ id: 'i1', name: '张三', phone: '123', cells: [] }],
    };
    const parsed = parseGridFile('g.json', new TextEncoder().encode(JSON.stringify(doc)));
    expect(parsed.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [null, 'units[1].code', 'BAD_VALUE'],
      [null, 'units[1].name', 'BAD_VALUE'],
      [null, 'inspectors[0].phone', 'BAD_VALUE'],
    ]);
    expect(parseGridFile('g.json', new TextEncoder().encode('{"unit": []}')).problems).toMatchObject([
      { column: 'unit', code: 'BAD_FILE' },
    ]);
    const unreadable = parseGridFile('g.json', new TextEncoder().encode('{"units": [')).problems;
    expect(unreadable.map((p) => p.code)).toEqual(['BAD_FILE']);
    expect(unreadable[0]?.message).toMatch(/^not a readable JSON file/);
  });
});

describe('importGrid and exportGrid (real SQLite file)', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let repo: GridRepo;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-grid-io-'));
    opened = openDatabase(join(dir, 'anxun.db'));
    repo = new GridRepo(opened.db);
  });
  afterEach(() => {
    opened.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const importFixtures = () => importGrid(repo, [fixture('grid.csv'), fixture('inspectors.csv')], 'replace', now);

  it('imports the fixtures and counts what it did', () => {
    const result = importFixtures();
    expect(GridImportResultSchema.parse(result)).toEqual({
      ok: true,
      mode: 'replace',
      counts: {
        units: { added: 19, changed: 0, removed: 0, unchanged: 0 },
        inspectors: { added: 8, changed: 0, removed: 0, unchanged: 0 },
      },
    });
    expect(repo.placeOf('330199201202-02')).toEqual({
      cell: { code: '330199201202-02', name: '上坞村第二网格' },
      village: { code: '330199201202', name: '上坞村' },
      township: { code: '330199201', name: '石桥乡' },
    });
    expect(repo.inspectorsForCell('330199201201-02').map((i) => i.name)).toEqual(['周小红']);
    expect(importFixtures()).toMatchObject({ ok: true, counts: { units: { unchanged: 19 } } });
  });

  it('reads the GBK roster as the UTF-8 one', () => {
    importFixtures();
    const before = repo.inspectors();
    expect(importGrid(repo, [fixture('inspectors-gbk.csv')], 'replace', now)).toMatchObject({
      ok: true,
      counts: { inspectors: { unchanged: 8 } },
    });
    expect(repo.inspectors()).toEqual(before);
    expect(repo.inspector('WG-0103')).toMatchObject({ name: '李海峰', phone: '13957100103' });
  });

  it('writes nothing when any row is wrong, and reports every problem', () => {
    importFixtures();
    const before = repo.grid();
    const result = importGrid(repo, [fixture('grid-bad-rows.csv'), fixture('inspectors-bad-rows.csv')], 'merge', now);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.file}:${p.line} ${p.column} ${p.code}`)).toEqual([
      'grid-bad-rows.csv:4 cell_code BAD_VALUE',
      'grid-bad-rows.csv:5 village_name REQUIRED',
      'grid-bad-rows.csv:6 township_code TWO_PARENTS',
      'grid-bad-rows.csv:7 cell_code LEVEL_CONFLICT',
      'grid-bad-rows.csv:8 township_name CONFLICT',
      'inspectors-bad-rows.csv:3 phone BAD_VALUE',
      'inspectors-bad-rows.csv:4 name REQUIRED',
      'inspectors-bad-rows.csv:5 cells UNKNOWN_CELL',
      'inspectors-bad-rows.csv:6 active BAD_VALUE',
      'inspectors-bad-rows.csv:7 id BAD_VALUE',
      'inspectors-bad-rows.csv:8 id CONFLICT',
      'inspectors-bad-rows.csv:9 cells NO_CELLS',
    ]);
    expect(result.problems[2]?.message).toBe(
      'village 330199101202 is under 330199101 (line 3) and under 330199201 here',
    );
    expect(repo.grid()).toEqual(before);
  });

  it('checks inspectors against the cells of the import and of the database', () => {
    importFixtures();
    const roster = text('new.csv', `${INSPECTORS_HEADER}N1,新人,13900000009,330199101001-01;X-01,1\n`);
    // merge: X-01 comes from the other file, 330199101001-01 from the database
    const cells = text('cells.csv', `${GRID_HEADER}330199101,城关镇,330199101001,东门社区,X-01,新网格\n`);
    expect(importGrid(repo, [roster], 'merge', now)).toMatchObject({
      ok: false,
      problems: [{ file: 'new.csv', line: 2, column: 'cells', code: 'UNKNOWN_CELL' }],
    });
    expect(importGrid(repo, [roster, cells], 'merge', now)).toMatchObject({ ok: true });
    expect(repo.inspectorsForCell('X-01').map((i) => i.id)).toEqual(['N1']);
  });

  it('refuses a replace that strands stored inspectors, naming them', () => {
    importFixtures();
    const oneTownship = text('g.csv', `${GRID_HEADER}330199201,石桥乡,330199201201,石桥村,330199201201-01,一\n`);
    const result = importGrid(repo, [oneTownship], 'replace', now);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toEqual({
      file: '(database)',
      line: null,
      column: 'cells',
      code: 'UNKNOWN_CELL',
      message: 'inspector WG-0101: grid cell 330199101001-01 is removed by this import',
    });
  });

  it('moves a village in a merge, but places a change of level on the row that does it', () => {
    importFixtures();
    const moved = importGrid(repo, [text('g.csv', `${GRID_HEADER}T9,新镇,330199101001,东门社区,C9,格\n`)], 'merge');
    expect(moved).toMatchObject({ ok: true, counts: { units: { added: 2, changed: 1 } } });
    expect(repo.placeOf('330199101001-01')?.township).toEqual({ code: 'T9', name: '新镇' });
    const level = importGrid(
      repo,
      [text('g.csv', `${GRID_HEADER}330199101,城关镇,330199101001-01,格,C9,格\n`)],
      'merge',
    );
    expect(level.ok).toBe(false);
    if (level.ok) return;
    expect(level.problems[0]).toMatchObject({ file: 'g.csv', line: 2, column: 'village_code', code: 'LEVEL_CHANGE' });
    // the stored inspector of that cell is named on the same row
    expect(level.problems[1]).toMatchObject({ line: 2, code: 'UNKNOWN_CELL' });
    expect(level.problems[1]?.message).toMatch(/WG-0101/);
  });

  it('exports and imports back the same grid: CSV in Chinese and English, and JSON', () => {
    importFixtures();
    const original = repo.grid();
    for (const options of [{ format: 'csv', lang: 'zh' }, { format: 'csv', lang: 'en' }, { format: 'json' }] as const) {
      const files = exportGrid(original, options).map((f) => ExportFileSchema.parse(f));
      const inputs = files.map((f) => text(f.name, f.text));
      repo.replaceAll({ units: [], inspectors: [] }, now);
      expect(repo.grid()).toEqual({ units: [], inspectors: [] });
      expect(importGrid(repo, inputs, 'replace', now)).toMatchObject({ ok: true });
      expect(repo.grid()).toEqual(original);
    }
    expect(exportGrid(original, { format: 'csv' }).map((f) => f.name)).toEqual(['grid.csv', 'inspectors.csv']);
    expect(gridToJson(original)).toBe(readFileSync(join(FIXTURES, 'grid.json'), 'utf8'));
  });
});

describe('importGrid: rows left out for their problems', () => {
  it('reports what refers to them only once, but still what refers wrongly to a unit that is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anxun-grid-io-'));
    const opened = openDatabase(join(dir, 'anxun.db'));
    try {
      const repo = new GridRepo(opened.db);
      const cells = text('g.csv', `${GRID_HEADER}T,镇,V,村,C1,一\nT,镇,V,,C2,二\n`);
      const roster = text('i.csv', `${INSPECTORS_HEADER}A,甲,13900000001,C2,1\nB,乙,13900000002,V,1\n`);
      const result = importGrid(repo, [cells, roster], 'replace', now);
      expect(result.ok ? [] : result.problems.map((p) => `${p.file}:${p.line} ${p.column} ${p.code}`)).toEqual([
        'g.csv:3 village_name REQUIRED',
        'i.csv:3 cells UNKNOWN_CELL',
      ]);
      expect(repo.grid()).toEqual({ units: [], inspectors: [] });
    } finally {
      opened.db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
