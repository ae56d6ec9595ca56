import { describe, expect, it } from 'vitest';
import { indexGrid, placeLabel, type GridView } from './grid-index';

const grid: GridView = {
  units: [
    { code: 'T2', name: '石桥乡', level: 'township', parentCode: null },
    { code: 'T1', name: '城关镇', level: 'township', parentCode: null },
    { code: 'V1', name: '东门社区', level: 'village', parentCode: 'T1' },
    { code: 'V2', name: '石桥村', level: 'village', parentCode: 'T2' },
    { code: 'C2', name: '东门第二网格', level: 'cell', parentCode: 'V1' },
    { code: 'C1', name: '东门第一网格', level: 'cell', parentCode: 'V1' },
    { code: 'C3', name: '石桥第一网格', level: 'cell', parentCode: 'V2' },
  ],
  inspectors: [
    { id: 'WG-2', name: '王秀英', phone: '13857100102', cells: ['C1'], active: false },
    { id: 'WG-3', name: '刘志强', phone: '13857100105', cells: ['C3'], active: true },
    { id: 'WG-1', name: '陈建国', phone: '13857100101', cells: ['C1', 'C2'], active: true },
  ],
};

describe('indexGrid', () => {
  const index = indexGrid(grid);

  it('lists townships and cells by code, and the cells of one township', () => {
    expect(index.townships.map((unit) => unit.name)).toEqual(['城关镇', '石桥乡']);
    expect(index.cells.map((unit) => unit.code)).toEqual(['C1', 'C2', 'C3']);
    expect(index.cellsOf('T2').map((unit) => unit.code)).toEqual(['C3']);
    expect(index.cellsOf('')).toHaveLength(3);
    expect(index.townshipOfCell('C2')).toBe('T1');
    expect(index.townshipOfCell('nowhere')).toBeNull();
  });

  it('puts inspectors on duty first and finds those covering a cell', () => {
    expect(index.inspectors.map((person) => person.id)).toEqual(['WG-1', 'WG-3', 'WG-2']);
    expect(index.activeInspectorsOf('C1').map((person) => person.id)).toEqual(['WG-1']);
    expect(index.activeInspectorsOf(null)).toEqual([]);
    expect(index.inspectorName('WG-3')).toBe('刘志强');
    expect(index.inspectorName('WG-9')).toBe('WG-9');
  });

  it('is empty without a grid', () => {
    const none = indexGrid(null);
    expect(none.townships).toEqual([]);
    expect(none.unitName('T1')).toBeNull();
  });
});

describe('placeLabel', () => {
  const index = indexGrid(grid);
  const place = { cellCode: 'C1', villageCode: 'V1', townshipCode: 'T1', text: '东门路口', position: null };

  it('names the township and the cell', () => {
    expect(placeLabel(place, index)).toBe('城关镇 · 东门第一网格');
  });

  it('shows codes the grid does not know, and the written place when there is no cell', () => {
    expect(placeLabel({ ...place, cellCode: 'X9', townshipCode: null }, index)).toBe('X9');
    expect(placeLabel({ ...place, cellCode: null, townshipCode: null }, index)).toBe('东门路口');
    expect(placeLabel({ ...place, cellCode: null, townshipCode: null, text: null }, index)).toBeNull();
  });
});
