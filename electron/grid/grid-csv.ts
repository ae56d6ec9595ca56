/**
 * The grid and the inspectors as spreadsheets (CSV): decoding (UTF-8 with or without BOM, or GBK/GB18030 as
 * Excel in China saves it), headers in Chinese or English, which of the two layouts a file is, and each row
 * turned into units or an inspector with every problem found on it (line and column). Written back with a BOM
 * and Chinese headers by default, so Excel opens it as it was.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { sortGrid, type Grid } from '../domain/grid';
import {
  GRID_COLUMNS,
  INSPECTOR_COLUMNS,
  ZH_HEADERS,
  headerField,
  rowProblemsAndItems,
  type GridColumn,
  type GridFileKind,
  type InspectorColumn,
} from './grid-rows';
import { emptyParsed, type FileProblem, type ParsedGridFile } from './grid-sources';

export { GRID_COLUMNS, INSPECTOR_COLUMNS, ZH_HEADERS };
export type { GridColumn, InspectorColumn };

/** Text of a file: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, GB18030 (a superset of GBK) if not. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

interface CsvRecord {
  line: number;
  cells: string[];
}

/** What csv-parse gives with `info` and `raw` (its typings say string[][]). */
const CsvInfoRecordsSchema = z.array(
  z.object({ record: z.array(z.string()), info: z.object({ lines: z.number(), raw: z.string().optional() }) }),
);

/** Records with the line each starts on; empty lines and rows of empty cells are left out. */
export function readCsvRecords(text: string): { records: CsvRecord[] } | { error: string; line: number | null } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let rows: z.infer<typeof CsvInfoRecordsSchema>;
  try {
    const options = { info: true, raw: true, relax_column_count: true, skip_empty_lines: true };
    rows = CsvInfoRecordsSchema.parse(parse(normalized, options));
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines;
    return { error: (error as Error).message, line: typeof lines === 'number' ? lines : null };
  }
  const records: CsvRecord[] = [];
  for (const { record, info } of rows) {
    // info.lines is the line the record ends on; a quoted field may hold line breaks
    const body = (info.raw ?? '').replace(/^\n+/, '').replace(/\n$/, '');
    const line = info.lines - (body.match(/\n/g)?.length ?? 0);
    const cells = record.map((c) => c.trim());
    if (cells.some((c) => c !== '')) records.push({ line, cells });
  }
  return { records };
}

/** Reads one CSV file of either layout. */
export function parseGridCsv(file: string, bytes: Uint8Array): ParsedGridFile {
  const parsed: ParsedGridFile = emptyParsed();
  const problem = (p: Omit<FileProblem, 'file'>) => parsed.problems.push({ file, ...p });
  const read = readCsvRecords(decodeText(bytes).text);
  if ('error' in read) {
    problem({ line: read.line, column: null, code: 'BAD_FILE', message: `not a readable CSV file: ${read.error}` });
    return parsed;
  }
  const [header, ...rows] = read.records;
  if (!header) {
    problem({ line: null, column: null, code: 'BAD_FILE', message: 'the file is empty' });
    return parsed;
  }
  const kind = detectKind(header.cells);
  if (kind === null) {
    problem({
      line: header.line,
      column: null,
      code: 'BAD_FILE',
      message:
        'cannot tell the layout from the headers: a grid file has 乡镇编码, 乡镇名称, 村编码, 村名称, 网格编码, ' +
        '网格名称 (or township_code ... cell_name); an inspectors file has 工号, 姓名, 手机, 负责网格, 在岗 ' +
        '(or id, name, phone, cells, active)',
    });
    return parsed;
  }
  parsed.parts.push(kind === 'grid' ? 'units' : 'inspectors');
  const columns = mapColumns(kind, header.cells, header.line, problem);
  if (columns === null) return parsed;
  for (const row of rows) {
    const values: Record<string, string> = {};
    for (const [field, index] of columns) values[field] = row.cells[index] ?? '';
    rowProblemsAndItems(kind, file, row.line, values, parsed);
  }
  return parsed;
}

function detectKind(headers: string[]): GridFileKind | null {
  const matches = (kind: GridFileKind) => new Set(headers.map((h) => headerField(kind, h)).filter(Boolean)).size;
  const [grid, inspectors] = [matches('grid'), matches('inspectors')];
  if (grid >= 2 && grid > inspectors) return 'grid';
  if (inspectors >= 2 && inspectors > grid) return 'inspectors';
  return null;
}

function mapColumns(
  kind: GridFileKind,
  headers: string[],
  line: number,
  problem: (p: Omit<FileProblem, 'file'>) => void,
): Map<string, number> | null {
  const columns = new Map<string, number>();
  headers.forEach((h, index) => {
    const field = headerField(kind, h);
    if (field === null) return;
    if (columns.has(field)) {
      problem({ line, column: field, code: 'BAD_FILE', message: `two columns mean ${field}: keep one` });
    } else columns.set(field, index);
  });
  const required: readonly string[] = kind === 'grid' ? GRID_COLUMNS : INSPECTOR_COLUMNS.slice(0, 4);
  const missing = required.filter((f) => !columns.has(f));
  for (const field of missing) {
    const zh = ZH_HEADERS[field as GridColumn];
    problem({ line, column: field, code: 'REQUIRED', message: `the column ${zh} (${field}) is missing` });
  }
  return missing.length > 0 ? null : columns;
}

export interface CsvExportOptions {
  /** Header language: Chinese (default) or English. */
  lang?: 'zh' | 'en';
}

function toCsv(columns: readonly (GridColumn | InspectorColumn)[], rows: string[][], lang: 'zh' | 'en'): string {
  const header = columns.map((c) => (lang === 'zh' ? ZH_HEADERS[c] : c));
  // a BOM so that Excel reads UTF-8; CRLF as Excel writes
  return '\uFEFF' + stringify([header, ...rows], { record_delimiter: 'windows' });
}

/** The grid flattened: one row per cell, and one per village without cells or township without villages. */
export function gridToCsv(grid: Grid, options: CsvExportOptions = {}): string {
  const { units } = sortGrid(grid);
  const under = new Map<string, Grid['units']>();
  for (const u of units) {
    if (u.parentCode === null) continue;
    const list = under.get(u.parentCode);
    if (list) list.push(u);
    else under.set(u.parentCode, [u]);
  }
  const children = (code: string) => under.get(code) ?? [];
  const rows: string[][] = [];
  for (const t of units.filter((u) => u.level === 'township')) {
    const villages = children(t.code);
    if (villages.length === 0) rows.push([t.code, t.name, '', '', '', '']);
    for (const v of villages) {
      const cells = children(v.code);
      if (cells.length === 0) rows.push([t.code, t.name, v.code, v.name, '', '']);
      for (const c of cells) rows.push([t.code, t.name, v.code, v.name, c.code, c.name]);
    }
  }
  return toCsv(GRID_COLUMNS, rows, options.lang ?? 'zh');
}

/** One row per inspector; cells joined with ";"; active as 是/否 (Chinese) or 1/0 (English). */
export function inspectorsToCsv(grid: Grid, options: CsvExportOptions = {}): string {
  const lang = options.lang ?? 'zh';
  const yes = lang === 'zh' ? '是' : '1';
  const no = lang === 'zh' ? '否' : '0';
  const rows = sortGrid(grid).inspectors.map((i) => [i.id, i.name, i.phone, i.cells.join(';'), i.active ? yes : no]);
  return toCsv(INSPECTOR_COLUMNS, rows, lang);
}
