import { describe, expect, it } from 'vitest';
import { FALSE_ALARM_REASONS, isFalseAlarmReason, isTaskCategory, TASK_STATES } from './report-codes';
import {
  changeScope,
  formatShare,
  formatTime,
  isCalendarDate,
  localDate,
  NO_SCOPE,
  orderedCounts,
  reportRequest,
  scopeNames,
  scopeOptions,
  splitMinutes,
  type GridView,
} from './report-format';

const grid: GridView = {
  units: [
    { code: 'T2', name: '石桥乡', level: 'township', parentCode: null },
    { code: 'T1', name: '城关镇', level: 'township', parentCode: null },
    { code: 'V1', name: '东门社区', level: 'village', parentCode: 'T1' },
    { code: 'V2', name: '石桥村', level: 'village', parentCode: 'T2' },
    { code: 'C1-2', name: '东门第二网格', level: 'cell', parentCode: 'V1' },
    { code: 'C1-1', name: '东门第一网格', level: 'cell', parentCode: 'V1' },
    { code: 'C2-1', name: '石桥第一网格', level: 'cell', parentCode: 'V2' },
  ],
  inspectors: [
    { id: 'WG-2', name: '王秀英', phone: '13857100102', cells: ['C1-2'], active: true },
    { id: 'WG-1', name: '陈建国', phone: '13857100101', cells: ['C1-1', 'C1-2'], active: true },
    { id: 'WG-3', name: '刘志强', phone: '13857100103', cells: ['C2-1'], active: false },
  ],
};

describe('dates', () => {
  it('writes the local calendar date', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDate(new Date(2026, 10, 30, 0, 0))).toBe('2026-11-30');
  });

  it('accepts only dates that exist', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
    expect(isCalendarDate('1969-12-31')).toBe(false);
  });
});

describe('reportRequest', () => {
  it('leaves the scope out when everything is chosen', () => {
    expect(reportRequest('month', '2026-11-30', NO_SCOPE)).toEqual({ period: { kind: 'month', date: '2026-11-30' } });
  });

  it('sends only the parts of the scope that are chosen', () => {
    expect(reportRequest('week', '2026-11-30', { townshipCode: 'T1', cellCode: '', inspectorId: 'WG-1' })).toEqual({
      period: { kind: 'week', date: '2026-11-30' },
      scope: { townshipCode: 'T1', inspectorId: 'WG-1' },
    });
  });
});

describe('scopeOptions', () => {
  it('offers nothing before the grid is read', () => {
    expect(scopeOptions(null, NO_SCOPE)).toEqual({ townships: [], cells: [], inspectors: [] });
  });

  it('offers every township, cell and inspector, by code', () => {
    const options = scopeOptions(grid, NO_SCOPE);
    expect(options.townships.map((u) => u.code)).toEqual(['T1', 'T2']);
    expect(options.cells.map((u) => u.code)).toEqual(['C1-1', 'C1-2', 'C2-1']);
    expect(options.inspectors.map((i) => i.id)).toEqual(['WG-1', 'WG-2', 'WG-3']);
  });

  it('narrows cells and inspectors to the chosen township, inspectors to the chosen cell', () => {
    const township = scopeOptions(grid, { ...NO_SCOPE, townshipCode: 'T2' });
    expect(township.cells.map((u) => u.code)).toEqual(['C2-1']);
    expect(township.inspectors.map((i) => i.id)).toEqual(['WG-3']);
    const cell = scopeOptions(grid, { ...NO_SCOPE, cellCode: 'C1-1' });
    expect(cell.inspectors.map((i) => i.id)).toEqual(['WG-1']);
  });
});

describe('changeScope', () => {
  it('clears a cell and an inspector that the new township does not have', () => {
    const chosen = { townshipCode: 'T1', cellCode: 'C1-2', inspectorId: 'WG-2' };
    expect(changeScope(grid, chosen, { townshipCode: 'T2' })).toEqual({
      townshipCode: 'T2',
      cellCode: '',
      inspectorId: '',
    });
  });

  it('keeps what still fits', () => {
    const chosen = { townshipCode: 'T1', cellCode: '', inspectorId: 'WG-1' };
    expect(changeScope(grid, chosen, { cellCode: 'C1-2' })).toEqual({
      townshipCode: 'T1',
      cellCode: 'C1-2',
      inspectorId: 'WG-1',
    });
    expect(changeScope(grid, chosen, { cellCode: 'C1-1' }).inspectorId).toBe('WG-1');
    expect(changeScope(grid, { ...chosen, inspectorId: 'WG-2' }, { cellCode: 'C1-1' }).inspectorId).toBe('');
  });
});

describe('scopeNames', () => {
  it('names the scope from the grid, with the code where the grid has no such unit', () => {
    expect(scopeNames({ townshipCode: 'T1', cellCode: 'C9', inspectorId: 'WG-1' }, grid)).toEqual({
      township: '城关镇',
      cell: 'C9',
      inspector: '陈建国',
    });
    expect(scopeNames({}, null)).toEqual({ township: null, cell: null, inspector: null });
    expect(scopeNames({ inspectorId: 'WG-1' }, null).inspector).toBe('WG-1');
  });
});

describe('numbers and times', () => {
  it('writes shares as percentages with one decimal, null as nothing', () => {
    expect(formatShare(2 / 3, 'zh-CN')).toBe('66.7%');
    expect(formatShare(1, 'en')).toBe('100.0%');
    expect(formatShare(0, 'en')).toBe('0.0%');
    expect(formatShare(null, 'zh-CN')).toBeNull();
  });

  it('splits minutes into days, hours and minutes', () => {
    expect(splitMinutes(125.4, false)).toEqual({ days: 0, hours: 2, minutes: 5 });
    expect(splitMinutes(59.6, false)).toEqual({ days: 0, hours: 1, minutes: 0 });
    expect(splitMinutes(3000, false)).toEqual({ days: 0, hours: 50, minutes: 0 });
    expect(splitMinutes(3000, true)).toEqual({ days: 2, hours: 2, minutes: 0 });
    expect(splitMinutes(-3, true)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it('writes times in the local zone, to the minute', () => {
    const at = new Date(2026, 10, 3, 7, 5).getTime();
    expect(formatTime(at, 'en')).toMatch(/11\/03\/2026,? 07:05/);
    expect(formatTime(at, 'zh-CN')).toMatch(/2026\/11\/03 07:05/);
  });

  it('lists counts in the given order, then any other code', () => {
    expect(orderedCounts({ b: 2, z: 9, a: 1 }, ['a', 'b', 'c'])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 0],
      ['z', 9],
    ]);
  });
});

describe('codes', () => {
  it('knows the states, categories and false-alarm reasons of the contract', () => {
    expect(TASK_STATES).toContain('verification');
    expect(isTaskCategory('camera_offline')).toBe(true);
    expect(isTaskCategory('ufo')).toBe(false);
    expect(FALSE_ALARM_REASONS).toEqual(['sunset', 'lamp', 'steam', 'cooking', 'reflection', 'other', 'unspecified']);
    expect(isFalseAlarmReason('cooking')).toBe(true);
    expect(isFalseAlarmReason('fog')).toBe(false);
  });
});
