import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './database';
import { GridInvalidError, GridRepo, type GridUnit, type Inspector } from './grid-repo';

const now = new Date('2026-11-29T08:00:00Z');
const t = (code: string, name: string): GridUnit => ({ code, name, level: 'township', parentCode: null });
const v = (code: string, name: string, parent: string): GridUnit => ({
  code,
  name,
  level: 'village',
  parentCode: parent,
});
const c = (code: string, name: string, parent: string): GridUnit => ({ code, name, level: 'cell', parentCode: parent });
const inspector = (id: string, name: string, cells: string[], active = true): Inspector => ({
  id,
  name,
  phone: '13800001111',
  cells,
  active,
});

const units = [
  t('T1', '城关镇'),
  t('T2', '青石乡'),
  v('T1-V1', '东村', 'T1'),
  v('T2-V1', '石桥村', 'T2'),
  c('T1-V1-01', '东村第一网格', 'T1-V1'),
  c('T1-V1-02', '东村第二网格', 'T1-V1'),
  c('T2-V1-01', '石桥村第一网格', 'T2-V1'),
];
const inspectors = [
  inspector('1001', '张伟', ['T1-V1-01', 'T1-V1-02']),
  inspector('1002', '李娜', ['T1-V1-01']),
  inspector('1003', '王强', ['T2-V1-01'], false),
];

describe('GridRepo (real SQLite file)', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let repo: GridRepo;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-grid-'));
    opened = openDatabase(join(dir, 'anxun.db'));
    repo = new GridRepo(opened.db);
  });
  afterEach(() => {
    opened.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replaces the grid and reads it back, townships first and cells sorted', () => {
    const counts = repo.replaceAll({ units: [...units].reverse(), inspectors }, now);
    expect(counts).toEqual({
      units: { added: 7, changed: 0, removed: 0, unchanged: 0 },
      inspectors: { added: 3, changed: 0, removed: 0, unchanged: 0 },
    });
    expect(repo.units()).toEqual(units);
    expect(repo.inspectors()).toEqual(inspectors);
    expect(repo.unit('T1-V1')).toEqual(units[2]);
    expect(repo.unit('nope')).toBeNull();
    expect(repo.inspector('1002')).toEqual(inspectors[1]);
    expect(repo.inspector('nope')).toBeNull();
  });

  it('finds the village and township of a cell, and only for cells', () => {
    repo.replaceAll({ units, inspectors }, now);
    expect(repo.placeOf('T1-V1-02')).toEqual({
      cell: { code: 'T1-V1-02', name: '东村第二网格' },
      village: { code: 'T1-V1', name: '东村' },
      township: { code: 'T1', name: '城关镇' },
    });
    expect(repo.placeOf('T1-V1')).toBeNull();
    expect(repo.placeOf('missing')).toBeNull();
  });

  it('dispatches to the active inspectors of a cell only', () => {
    repo.replaceAll({ units, inspectors }, now);
    expect(repo.inspectorsForCell('T1-V1-01').map((i) => i.id)).toEqual(['1001', '1002']);
    expect(repo.inspectorsForCell('T2-V1-01')).toEqual([]);
    expect(repo.setInspectorActive('1003', true, now)).toBe(true);
    expect(repo.inspectorsForCell('T2-V1-01').map((i) => i.name)).toEqual(['王强']);
    expect(repo.setInspectorActive('1001', false, now)).toBe(true);
    expect(repo.inspectorsForCell('T1-V1-01').map((i) => i.id)).toEqual(['1002']);
    expect(repo.setInspectorActive('9999', false, now)).toBe(false);
  });

  it('upserts one inspector, and refuses one whose cell is not a cell', () => {
    repo.replaceAll({ units, inspectors }, now);
    repo.upsertInspector({ ...inspector('1002', '李娜', ['T2-V1-01']), phone: '0571-87654321' }, now);
    expect(repo.inspector('1002')).toMatchObject({ cells: ['T2-V1-01'], phone: '0571-87654321' });
    expect(() => repo.upsertInspector(inspector('1004', '赵敏', ['T1-V1']), now)).toThrow(GridInvalidError);
    expect(() => repo.upsertInspector(inspector('1004', '赵敏', ['nowhere']), now)).toThrow(/nowhere/);
    expect(() => repo.upsertInspector({ ...inspector('1004', '赵敏', []), phone: '12345' }, now)).toThrow();
    expect(repo.inspector('1004')).toBeNull();
  });

  it('merges: adds and updates, keeps the rest', () => {
    repo.replaceAll({ units, inspectors }, now);
    const counts = repo.merge(
      {
        units: [v('T1-V1', '东村社区', 'T1'), c('T1-V1-03', '东村第三网格', 'T1-V1')],
        inspectors: [inspector('1002', '李娜', ['T1-V1-03'])],
      },
      now,
    );
    expect(counts.units).toEqual({ added: 1, changed: 1, removed: 0, unchanged: 6 });
    expect(counts.inspectors).toEqual({ added: 0, changed: 1, removed: 0, unchanged: 2 });
    expect(repo.units()).toHaveLength(8);
    expect(repo.placeOf('T1-V1-03')?.village.name).toBe('东村社区');
    expect(repo.inspector('1002')?.cells).toEqual(['T1-V1-03']);
    expect(repo.inspector('1001')?.cells).toEqual(['T1-V1-01', 'T1-V1-02']);
  });

  it('replaces: units and inspectors not in the new grid are removed, even those tasks refer to', () => {
    repo.replaceAll({ units, inspectors }, now);
    opened.db
      .prepare(
        `INSERT INTO tasks (id, number, state, source, category, severity, handler_role, title, description,
           cell_code, village_code, township_code, created_at, created_by, due_at, escalation, extended_h, reworks,
           touched, version, updated_at)
         VALUES ('t1', 1, 'reported', 'manual', 'fire', 'red', 'inspector', 'x', '', 'T2-V1-01', 'T2-V1', 'T2',
           0, 'op', 0, 0, 0, 0, 0, 1, 0)`,
      )
      .run();
    const kept = units.filter((u) => u.code.startsWith('T1'));
    const counts = repo.replaceAll({ units: kept, inspectors: inspectors.slice(0, 2) }, now);
    expect(counts.units).toEqual({ added: 0, changed: 0, removed: 3, unchanged: 4 });
    expect(counts.inspectors.removed).toBe(1);
    expect(repo.units()).toEqual(kept);
    expect(repo.inspector('1003')).toBeNull();
    expect(opened.db.prepare('SELECT cell_code FROM tasks').get()).toEqual({ cell_code: 'T2-V1-01' });
  });

  it('moves a village to another township and a cell to another village', () => {
    repo.replaceAll({ units, inspectors }, now);
    repo.replaceAll(
      {
        units: [t('T2', '青石乡'), v('T1-V1', '东村', 'T2'), v('T2-V1', '石桥村', 'T2'), c('T1-V1-01', '一', 'T2-V1')],
        inspectors: [inspector('1001', '张伟', ['T1-V1-01'])],
      },
      now,
    );
    expect(repo.placeOf('T1-V1-01')).toMatchObject({ village: { code: 'T2-V1' }, township: { code: 'T2' } });
    expect(repo.unit('T1')).toBeNull();
  });

  it('refuses a change that strands units or inspectors, and writes nothing', () => {
    repo.replaceAll({ units, inspectors }, now);
    const before = repo.grid();
    const withoutT1 = units.filter((u) => u.code !== 'T1');
    expect(() => repo.replaceAll({ units: withoutT1 }, now)).toThrow(/T1-V1 is under township T1.*removes/);
    // the grid alone replaced: inspectors kept from the database still cover T1-V1-02
    const withoutCell = units.filter((u) => u.code !== 'T1-V1-02');
    try {
      repo.replaceAll({ units: withoutCell }, now);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GridInvalidError);
      expect((error as GridInvalidError).problems).toEqual([
        expect.objectContaining({ subject: { kind: 'inspector', key: '1001' }, code: 'UNKNOWN_CELL' }),
      ]);
    }
    expect(() => repo.merge({ units: [c('T1-V1', '东村', 'T1')] }, now)).toThrow(/merge keeps levels/);
    expect(() => repo.merge({ units: [c('X-01', '某网格', 'T1')] }, now)).toThrow(/township, not a village/);
    expect(repo.grid()).toEqual(before);
  });

  it('rolls back the whole change when SQLite refuses a row', () => {
    repo.replaceAll({ units, inspectors }, now);
    const before = repo.grid();
    opened.db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON inspectors WHEN NEW.id = 'boom'
      BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    expect(() =>
      repo.merge(
        { units: [c('T1-V1-09', '新网格', 'T1-V1')], inspectors: [inspector('boom', '某', ['T1-V1-09'])] },
        now,
      ),
    ).toThrow(/refused/);
    expect(repo.grid()).toEqual(before);
  });
});
