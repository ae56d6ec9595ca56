import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Grid } from '../domain/grid';
import { decodeText, gridToCsv, inspectorsToCsv, parseGridCsv, readCsvRecords } from './grid-csv';
import { headerField, splitCells } from './grid-rows';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/grid');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const utf8 = (text: string) => new TextEncoder().encode(text);
const problems = (name: string, bytes: Uint8Array) =>
  parseGridCsv(name, bytes).problems.map((p) => [p.line, p.column, p.code]);

describe('decodeText', () => {
  it('reads UTF-8 with or without a BOM, and GBK when the bytes are not UTF-8', () => {
    expect(decodeText(utf8('\uFEFF姓名'))).toEqual({ text: '姓名', encoding: 'utf-8' });
    expect(decodeText(utf8('姓名'))).toEqual({ text: '姓名', encoding: 'utf-8' });
    const gbk = decodeText(fixture('inspectors-gbk.csv'));
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.text).toContain('WG-0101,陈建国,13857100101');
    expect(decodeText(Uint8Array.from([0xd5, 0xc5, 0xc8, 0xfd])).text).toBe('张三');
  });
});

describe('readCsvRecords', () => {
  it('gives the line each record starts on, across CRLF, blank lines and quoted line breaks', () => {
    const read = readCsvRecords('a,b\r\n\r\n1,"x\r\ny"\r\n2,3\r\n,,\r\n4,5,6\r\n7');
    expect(read).toEqual({
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 3, cells: ['1', 'x\ny'] },
        { line: 5, cells: ['2', '3'] },
        { line: 7, cells: ['4', '5', '6'] },
        { line: 8, cells: ['7'] },
      ],
    });
  });

  it('reports an unclosed quote', () => {
    const read = readCsvRecords('a,b\n1,"x\n');
    expect('error' in read ? read.error : '').toMatch(/quote/i);
  });
});

describe('headers', () => {
  it.each([
    ['grid', '乡镇(街道)编码', 'township_code'],
    ['grid', '村（社区）名称', 'village_name'],
    ['grid', ' Cell Code ', 'cell_code'],
    ['grid', '*网格名称', 'cell_name'],
    ['inspectors', '工号', 'id'],
    ['inspectors', '编号', 'id'],
    ['inspectors', '手机号码', 'phone'],
    ['inspectors', '电话', 'phone'],
    ['inspectors', '负责网格', 'cells'],
    ['inspectors', 'Active', 'active'],
    ['inspectors', '备注', null],
  ] as const)('%s: %s means %s', (kind, header, field) => expect(headerField(kind, header)).toBe(field));

  it('splits cell lists on ; ； 、 , and ，', () => {
    expect(splitCells('a;b；c、d,e，f  g;;a')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('tells the layout from the headers, or says it cannot', () => {
    expect(parseGridCsv('g.csv', fixture('grid.csv')).parts).toEqual(['units']);
    expect(parseGridCsv('i.csv', fixture('inspectors.csv')).parts).toEqual(['inspectors']);
    expect(problems('x.csv', utf8('foo,bar\n1,2\n'))).toEqual([[1, null, 'BAD_FILE']]);
    expect(problems('x.csv', utf8(''))).toEqual([[null, null, 'BAD_FILE']]);
    expect(problems('x.csv', utf8('工号,姓名,手机\n1,张三,13800000000\n'))).toEqual([[1, 'cells', 'REQUIRED']]);
  });
});

describe('parseGridCsv', () => {
  it('reads the fixture grid: 2 townships, 5 villages, 12 cells', () => {
    const parsed = parseGridCsv('grid.csv', fixture('grid.csv'));
    expect(parsed.problems).toEqual([]);
    const codes = (level: string) =>
      new Set(parsed.units.filter((s) => s.item.level === level).map((s) => s.item.code));
    expect([codes('township').size, codes('village').size, codes('cell').size]).toEqual([2, 5, 12]);
    expect(parsed.units[2]).toEqual({
      item: { code: '330199101001-01', name: '东门社区第一网格', level: 'cell', parentCode: '330199101001' },
      origin: {
        file: 'grid.csv',
        line: 2,
        columns: { code: 'cell_code', name: 'cell_name', level: 'cell_code', parentCode: 'village_code' },
      },
    });
  });

  it('reads inspectors with any separator, active words and English headers', () => {
    const csv = 'id,name,phone,cells,active\nA1,张三,139 0000 1111,"c1、c2",否\nA2,李四,0571-87654321,c3,\n';
    expect(parseGridCsv('i.csv', utf8(csv)).inspectors.map((s) => s.item)).toEqual([
      { id: 'A1', name: '张三', phone: '13900001111', cells: ['c1', 'c2'], active: false },
      { id: 'A2', name: '李四', phone: '0571-87654321', cells: ['c3'], active: true },
    ]);
  });

  it('reports every bad row of the grid with its line and column, and keeps none of them', () => {
    const parsed = parseGridCsv('grid-bad-rows.csv', fixture('grid-bad-rows.csv'));
    expect(parsed.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [4, 'cell_code', 'BAD_VALUE'],
      [5, 'village_name', 'REQUIRED'],
    ]);
    expect(parsed.units.some((s) => s.origin.line === 4 || s.origin.line === 5)).toBe(false);
    expect(parsed.failed.has('330199101203')).toBe(true);
  });

  it('reports every bad inspector row', () => {
    expect(problems('inspectors-bad-rows.csv', fixture('inspectors-bad-rows.csv'))).toEqual([
      [3, 'phone', 'BAD_VALUE'],
      [4, 'name', 'REQUIRED'],
      [6, 'active', 'BAD_VALUE'],
      [7, 'id', 'BAD_VALUE'],
    ]);
  });

  it('accepts rows that stop at a township or a village, but not a cell without its village', () => {
    const csv =
      'township_code,township_name,village_code,village_name,cell_code,cell_name\nT,镇,,,,\nT,镇,V,村,,\nT,镇,,,C,格\n';
    const parsed = parseGridCsv('g.csv', utf8(csv));
    expect(parsed.units.map((s) => s.item.code)).toEqual(['T', 'T', 'V']);
    expect(parsed.problems.map((p) => [p.line, p.column])).toEqual([
      [4, 'village_code'],
      [4, 'village_name'],
    ]);
  });
});

const grid: Grid = {
  units: [
    { code: 'T2', name: '空乡', level: 'township', parentCode: null },
    { code: 'T1', name: '城关镇', level: 'township', parentCode: null },
    { code: 'V1', name: '东村, "老村"', level: 'village', parentCode: 'T1' },
    { code: 'V2', name: '西村', level: 'village', parentCode: 'T1' },
    { code: 'C1', name: '一', level: 'cell', parentCode: 'V1' },
  ],
  inspectors: [{ id: 'i1', name: '张三', phone: '13900001111', cells: ['C1', 'C0'], active: false }],
};

describe('CSV export', () => {
  it('writes a BOM, Chinese headers, and rows for units without children', () => {
    expect(gridToCsv(grid)).toBe(
      '\uFEFF乡镇编码,乡镇名称,村编码,村名称,网格编码,网格名称\r\n' +
        'T1,城关镇,V1,"东村, ""老村""",C1,一\r\nT1,城关镇,V2,西村,,\r\nT2,空乡,,,,\r\n',
    );
    expect(inspectorsToCsv(grid)).toBe('\uFEFF工号,姓名,手机,负责网格,在岗\r\ni1,张三,13900001111,C0;C1,否\r\n');
  });

  it('writes English headers when asked, and reads back what it wrote', () => {
    expect(inspectorsToCsv(grid, { lang: 'en' })).toBe(
      '\uFEFFid,name,phone,cells,active\r\ni1,张三,13900001111,C0;C1,0\r\n',
    );
    const units = parseGridCsv('g.csv', utf8(gridToCsv(grid, { lang: 'en' }))).units.map((s) => s.item);
    expect(new Set(units.map((u) => JSON.stringify(u)))).toEqual(new Set(grid.units.map((u) => JSON.stringify(u))));
  });
});
