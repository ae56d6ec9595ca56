/**
 * One spreadsheet row at a time: which field each header means (Chinese or English, with the variants people
 * type), and a row turned into grid units or one inspector, or into every problem it has. A row with a problem
 * gives nothing, and its codes are marked so that rows referring to them are not reported twice.
 */
import type { z } from 'zod';
import { GridCodeSchema, GridNameSchema, PhoneSchema, type GridLevel, type GridUnit } from '../domain/grid';
import type { FileProblem, ParsedGridFile } from './grid-sources';

export type GridFileKind = 'grid' | 'inspectors';

/** Header variants, compared after normalizeHeader (so 乡镇(街道)编码 is 乡镇编码, Cell Code is cellcode). */
const ALIASES: Record<GridFileKind, Record<string, string[]>> = {
  grid: {
    township_code: ['townshipcode', '乡镇编码', '乡镇代码', '乡镇编号', '街道编码', '街道代码', '乡镇街道编码'],
    township_name: ['townshipname', 'township', '乡镇名称', '乡镇', '乡镇名', '街道', '街道名称', '乡镇街道'],
    village_code: ['villagecode', '村编码', '村代码', '村编号', '社区编码', '村社区编码', '村居编码'],
    village_name: ['villagename', 'village', '村名称', '村', '村名', '社区', '社区名称', '村社区', '村居'],
    cell_code: ['cellcode', 'gridcode', 'gridcellcode', '网格编码', '网格代码', '网格编号'],
    cell_name: ['cellname', 'cell', 'gridname', 'gridcellname', '网格名称', '网格', '网格名'],
  },
  inspectors: {
    id: ['id', 'inspectorid', 'staffid', 'staffno', 'no', '工号', '编号', '人员编号', '网格员编号'],
    name: ['name', '姓名', '网格员', '网格员姓名'],
    phone: ['phone', 'mobile', 'tel', '手机', '电话', '手机号', '手机号码', '联系电话', '电话号码'],
    cells: ['cells', 'cellcodes', 'grids', '负责网格', '负责网格编码', '所属网格', '网格', '网格编码'],
    active: ['active', 'onduty', '在岗', '是否在岗', '在岗状态', '状态'],
  },
};

export const GRID_COLUMNS = [
  'township_code',
  'township_name',
  'village_code',
  'village_name',
  'cell_code',
  'cell_name',
] as const;
export const INSPECTOR_COLUMNS = ['id', 'name', 'phone', 'cells', 'active'] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];
export type InspectorColumn = (typeof INSPECTOR_COLUMNS)[number];

/** The Chinese header of each column, as an export writes it. */
export const ZH_HEADERS: Record<GridColumn | InspectorColumn, string> = {
  township_code: '乡镇编码',
  township_name: '乡镇名称',
  village_code: '村编码',
  village_name: '村名称',
  cell_code: '网格编码',
  cell_name: '网格名称',
  id: '工号',
  name: '姓名',
  phone: '手机',
  cells: '负责网格',
  active: '在岗',
};

/** Full-width forms to ASCII, lower case, no parenthesised remarks, spaces, "_", "-" or "*". */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[\s_\-*:：]/g, '');
}

export function headerField(kind: GridFileKind, header: string): string | null {
  const h = normalizeHeader(header);
  for (const [field, aliases] of Object.entries(ALIASES[kind])) if (aliases.includes(h)) return field;
  return null;
}

const ACTIVE: Record<string, boolean> = {
  '1': true,
  true: true,
  yes: true,
  y: true,
  是: true,
  在岗: true,
  在职: true,
  启用: true,
  '0': false,
  false: false,
  no: false,
  n: false,
  否: false,
  离岗: false,
  离职: false,
  停用: false,
};

/** Splits a cell list: ";", "；", "、", ",", "，" or spaces between codes. */
export function splitCells(text: string): string[] {
  return [...new Set(text.split(/[;；、,，\s]+/).filter((c) => c !== ''))];
}

type Add = (column: string, code: FileProblem['code'], message: string) => void;

function check<T>(schema: z.ZodType<T>, value: string, column: string, add: Add): T | null {
  if (value === '') {
    add(column, 'REQUIRED', `${ZH_HEADERS[column as GridColumn] ?? column} (${column}) is empty`);
    return null;
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  add(column, 'BAD_VALUE', `"${value}": ${r.error.issues[0]?.message ?? 'not valid'}`);
  return null;
}

const LEVEL_COLUMNS: { level: GridLevel; code: string; name: string }[] = [
  { level: 'township', code: 'township_code', name: 'township_name' },
  { level: 'village', code: 'village_code', name: 'village_name' },
  { level: 'cell', code: 'cell_code', name: 'cell_name' },
];

/** A flattened grid row: township, village, cell; a row may stop after the township or the village. */
function gridRow(file: string, line: number, values: Record<string, string>, parsed: ParsedGridFile): void {
  const problems: FileProblem[] = [];
  const add: Add = (column, code, message) => problems.push({ file, line, column, code, message });
  const given = LEVEL_COLUMNS.map((l) => (values[l.code] ?? '') !== '' || (values[l.name] ?? '') !== '');
  const depth = Math.max(0, given.lastIndexOf(true));
  const units: { unit: GridUnit; columns: Record<string, string> }[] = [];
  for (const [i, l] of LEVEL_COLUMNS.slice(0, depth + 1).entries()) {
    const code = check(GridCodeSchema, values[l.code] ?? '', l.code, add);
    const name = check(GridNameSchema, values[l.name] ?? '', l.name, add);
    const parent = LEVEL_COLUMNS[i - 1];
    if (code === null || name === null) continue;
    const parentCode = parent ? (values[parent.code] ?? '') : null;
    const columns: Record<string, string> = { code: l.code, name: l.name, level: l.code };
    if (parent) columns['parentCode'] = parent.code;
    units.push({ unit: { code, name, level: l.level, parentCode }, columns });
  }
  if (problems.length > 0) {
    parsed.problems.push(...problems);
    for (const l of LEVEL_COLUMNS) if (values[l.code]) parsed.failed.add(values[l.code] ?? '');
    return;
  }
  for (const { unit, columns } of units) parsed.units.push({ item: unit, origin: { file, line, columns } });
}

function inspectorRow(file: string, line: number, values: Record<string, string>, parsed: ParsedGridFile): void {
  const problems: FileProblem[] = [];
  const add: Add = (column, code, message) => problems.push({ file, line, column, code, message });
  const id = check(GridCodeSchema, values['id'] ?? '', 'id', add);
  const name = check(GridNameSchema, values['name'] ?? '', 'name', add);
  const phone = check(PhoneSchema, values['phone'] ?? '', 'phone', add);
  const cells = splitCells(values['cells'] ?? '');
  for (const cell of cells) {
    const r = GridCodeSchema.safeParse(cell);
    if (!r.success) add('cells', 'BAD_VALUE', `"${cell}": ${r.error.issues[0]?.message ?? 'not a code'}`);
  }
  const activeText = (values['active'] ?? '').normalize('NFKC').toLowerCase();
  const active = activeText === '' ? true : ACTIVE[activeText];
  if (active === undefined) {
    add('active', 'BAD_VALUE', `"${values['active'] ?? ''}": write 1/0, true/false or 是/否 (empty means on duty)`);
  }
  if (problems.length > 0 || id === null || name === null || phone === null || active === undefined) {
    parsed.problems.push(...problems);
    if (values['id']) parsed.failed.add(values['id']);
    return;
  }
  const columns = { id: 'id', name: 'name', phone: 'phone', cells: 'cells', active: 'active' };
  parsed.inspectors.push({ item: { id, name, phone, cells, active }, origin: { file, line, columns } });
}

export function rowProblemsAndItems(
  kind: GridFileKind,
  file: string,
  line: number,
  values: Record<string, string>,
  parsed: ParsedGridFile,
): void {
  if (kind === 'grid') gridRow(file, line, values, parsed);
  else inspectorRow(file, line, values, parsed);
}
