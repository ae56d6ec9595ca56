import { describe, expect, it } from 'vitest';
import { GridUnitSchema, InspectorSchema, normalizePhone, planGrid, type Grid, type GridUnit } from './grid';

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0571-87654321', '0571-87654321'],
    ['057187654321', '0571-87654321'],
    ['(0571)87654321', '0571-87654321'],
    ['0571 8765432', '0571-8765432'],
    ['010-12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['021-62345678-123', '021-62345678-123'],
  ])('%s is %s', (raw, phone) => expect(normalizePhone(raw)).toBe(phone));

  it.each(['', '1385710', '12812345678', '1381234567a', '87654321', '0571-123', '138123456789', '1.38123E+10'])(
    'refuses %j',
    (raw) => expect(normalizePhone(raw)).toBeNull(),
  );
});

describe('grid schemas', () => {
  it('checks codes, names and the parent a level needs', () => {
    expect(GridUnitSchema.safeParse({ code: 'A-1_b', name: ' 东村 ', level: 'village', parentCode: 'T' }).data).toEqual(
      { code: 'A-1_b', name: '东村', level: 'village', parentCode: 'T' },
    );
    const bad = [
      { code: 'A 1', name: 'x', level: 'cell', parentCode: 'V' },
      { code: 'x'.repeat(65), name: 'x', level: 'cell', parentCode: 'V' },
      { code: 'T', name: '', level: 'township', parentCode: null },
      { code: 'T', name: 'x', level: 'township', parentCode: 'Y' },
      { code: 'V', name: 'x', level: 'village', parentCode: null },
      { code: 'V', name: 'x', level: 'county', parentCode: null },
    ];
    for (const unit of bad) expect(GridUnitSchema.safeParse(unit).success).toBe(false);
  });

  it('stores an inspector phone in its normal form', () => {
    const parsed = InspectorSchema.parse({ id: '7', name: '李', phone: '139 0000 1111', cells: [], active: true });
    expect(parsed.phone).toBe('13900001111');
  });
});

const u = (code: string, level: GridUnit['level'], parentCode: string | null = null): GridUnit => ({
  code,
  name: code,
  level,
  parentCode,
});
const current: Grid = {
  units: [u('T', 'township'), u('V', 'village', 'T'), u('C1', 'cell', 'V'), u('C2', 'cell', 'V')],
  inspectors: [{ id: 'i1', name: '甲', phone: '13800000001', cells: ['C2'], active: true }],
};

describe('planGrid', () => {
  it('replaces only the parts the change brings', () => {
    const plan = planGrid(current, { inspectors: [] }, 'replace');
    expect(plan.problems).toEqual([]);
    expect(plan.grid.units).toEqual(current.units);
    expect(plan.grid.inspectors).toEqual([]);
    expect(plan.counts.inspectors).toEqual({ added: 0, changed: 0, removed: 1, unchanged: 0 });
  });

  it('names what a change would strand, and why', () => {
    const plan = planGrid(current, { units: [u('T', 'township'), u('C1', 'cell', 'V')] }, 'replace');
    expect(plan.problems.map((p) => [p.subject.key, p.code, p.related])).toEqual([
      ['C1', 'MISSING_PARENT', 'V'],
      ['i1', 'UNKNOWN_CELL', 'C2'],
    ]);
    expect(plan.problems[0]?.message).toBe('cell C1 is under village V, which this import removes');
    expect(plan.problems[1]?.message).toBe('inspector i1: grid cell C2 is removed by this import');
  });

  it('refuses levels that do not chain, cells that are not cells, and active inspectors without cells', () => {
    const plan = planGrid(
      current,
      {
        units: [u('C3', 'cell', 'T')],
        inspectors: [
          { id: 'i2', name: '乙', phone: '13800000002', cells: ['V', 'nowhere'], active: true },
          { id: 'i3', name: '丙', phone: '13800000003', cells: [], active: true },
          { id: 'i4', name: '丁', phone: '13800000004', cells: [], active: false },
        ],
      },
      'merge',
    );
    expect(plan.problems.map((p) => p.message)).toEqual([
      'cell C3 is under T, which is a township, not a village',
      'inspector i2: V is a village, not a grid cell',
      'inspector i2: grid cell nowhere exists neither in the import nor in the database',
      'inspector i3 covers no grid cell',
    ]);
  });

  it('keeps levels in a merge but not in a replace', () => {
    expect(planGrid(current, { units: [u('C2', 'village', 'T')] }, 'merge').problems.map((p) => p.code)).toEqual([
      'LEVEL_CHANGE',
      'UNKNOWN_CELL',
    ]);
    const replaced = planGrid(
      current,
      { units: [u('T', 'township'), u('C2', 'village', 'T')], inspectors: [] },
      'replace',
    );
    expect(replaced.problems).toEqual([]);
  });
});
