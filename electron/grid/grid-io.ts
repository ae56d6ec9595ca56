/**
 * Grid import and export, for the command line and the API handlers alike: files come in as bytes (CSV in
 * either layout, or JSON `{ units, inspectors }`), every problem is collected with its file, line and column,
 * checked against what the database holds, and only a flawless import is written, in one transaction.
 */
import { z } from 'zod';
import {
  GridCountsSchema,
  GridSchema,
  GridUnitSchema,
  InspectorSchema,
  sameInspector,
  sameUnit,
  sortGrid,
  type Grid,
  type GridChange,
  type GridImportMode,
  type GridProblem,
  type GridUnit,
  type Inspector,
} from '../domain/grid';
import { GridInvalidError, type GridRepo } from '../store/grid-repo';
import { decodeText, gridToCsv, inspectorsToCsv, parseGridCsv } from './grid-csv';
import {
  DATABASE_SOURCE,
  FileProblemSchema,
  describeOrigin,
  emptyParsed,
  type FileProblem,
  type Origin,
  type ParsedGridFile,
  type Sourced,
} from './grid-sources';

export { GridSchema, GridUnitSchema, InspectorSchema, GridCountsSchema, FileProblemSchema };
export type { FileProblem, Grid, GridImportMode };

export const GridImportModeSchema = z
  .enum(['replace', 'merge'])
  .describe('replace: each part a file brings (units, inspectors) becomes exactly that; merge: add and update.');

export const GridFileInputSchema = z.strictObject({
  name: z.string().min(1).describe('File name; ".json" is read as JSON, anything else as CSV.'),
  bytes: z
    .custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected the bytes of the file')
    .describe('The file as it is on disk: UTF-8 (BOM or not) or GBK/GB18030.'),
});
export type GridFileInput = z.infer<typeof GridFileInputSchema>;

export const GridImportResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), mode: GridImportModeSchema, counts: GridCountsSchema }),
  z.strictObject({ ok: z.literal(false), problems: z.array(FileProblemSchema) }),
]);
export type GridImportResult = z.infer<typeof GridImportResultSchema>;

export const GridExportOptionsSchema = z.strictObject({
  format: z.enum(['csv', 'json']).describe('csv: grid.csv and inspectors.csv; json: grid.json.'),
  lang: z.enum(['zh', 'en']).default('zh').describe('Language of the CSV headers.'),
});
export type GridExportOptions = z.input<typeof GridExportOptionsSchema>;

export const ExportFileSchema = z.strictObject({
  name: z.string(),
  mediaType: z.enum(['text/csv', 'application/json']),
  text: z.string().describe('Contents; CSV starts with a BOM so that Excel reads it as UTF-8.'),
});
export type ExportFile = z.infer<typeof ExportFileSchema>;

/** Entries of a JSON import: `active` may be left out (on duty); either part may be absent (kept as it is). */
const JsonFileSchema = z.strictObject({
  units: z.array(z.unknown()).optional(),
  inspectors: z.array(z.unknown()).optional(),
});
const JsonInspectorSchema = InspectorSchema.extend({ active: z.boolean().default(true) });

/** The JSON path of an issue; unknown keys are named themselves. */
function issueColumn(prefix: string, issue: z.core.$ZodIssue): string {
  const keys = issue.code === 'unrecognized_keys' ? [issue.keys.join(',')] : [];
  return [prefix, ...issue.path.map(String), ...keys].filter((p) => p !== '').join('.');
}

function jsonEntries<T>(
  file: string,
  part: 'units' | 'inspectors',
  entries: unknown[],
  schema: z.ZodType<T>,
  parsed: ParsedGridFile,
): Sourced<T>[] {
  const out: Sourced<T>[] = [];
  entries.forEach((entry, index) => {
    const at = `${part}[${index}]`;
    const r = schema.safeParse(entry);
    if (r.success) {
      const fields = part === 'units' ? ['code', 'name', 'level', 'parentCode'] : ['id', 'name', 'phone', 'cells'];
      const columns = Object.fromEntries([...fields, 'active'].map((f) => [f, `${at}.${f}`]));
      out.push({ item: r.data, origin: { file, line: null, columns } });
      return;
    }
    for (const issue of r.error.issues) {
      const column = issueColumn(at, issue);
      parsed.problems.push({ file, line: null, column, code: 'BAD_VALUE', message: issue.message });
    }
    const key = z
      .object({ code: z.string() })
      .or(z.object({ id: z.string() }))
      .safeParse(entry);
    if (key.success) parsed.failed.add('code' in key.data ? key.data.code : key.data.id);
  });
  return out;
}

export function parseGridJson(file: string, text: string): ParsedGridFile {
  const parsed = emptyParsed();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = `not a readable JSON file: ${(error as Error).message}`;
    parsed.problems.push({ file, line: null, column: null, code: 'BAD_FILE', message });
    return parsed;
  }
  const top = JsonFileSchema.safeParse(data);
  if (!top.success) {
    for (const issue of top.error.issues) {
      const column = issueColumn('', issue) || null;
      const message = `expected { "units": [...], "inspectors": [...] }: ${issue.message}`;
      parsed.problems.push({ file, line: null, column, code: 'BAD_FILE', message });
    }
    return parsed;
  }
  if (top.data.units) {
    parsed.parts.push('units');
    parsed.units = jsonEntries(file, 'units', top.data.units, GridUnitSchema, parsed);
  }
  if (top.data.inspectors) {
    parsed.parts.push('inspectors');
    parsed.inspectors = jsonEntries(file, 'inspectors', top.data.inspectors, JsonInspectorSchema, parsed);
  }
  return parsed;
}

/** Reads one file: JSON by its name or its first character, CSV otherwise. */
export function parseGridFile(name: string, bytes: Uint8Array): ParsedGridFile {
  const { text } = decodeText(bytes);
  if (/\.json$/i.test(name) || /^\s*\{/.test(text)) return parseGridJson(name, text);
  return parseGridCsv(name, bytes);
}

interface Collected {
  change: GridChange;
  unitOrigins: Map<string, Origin>;
  inspectorOrigins: Map<string, Origin>;
  problems: FileProblem[];
  failed: Set<string>;
}

function unitConflict(old: Sourced<GridUnit>, next: Sourced<GridUnit>): Omit<FileProblem, 'file' | 'line'> | null {
  const [a, b] = [old.item, next.item];
  const there = describeOrigin(old.origin, next.origin.file);
  const col = (field: string) => next.origin.columns[field] ?? null;
  if (a.level !== b.level) {
    const message = `${b.code} is a ${a.level} code (${there}) and is used as a ${b.level} code here`;
    return { column: col('level'), code: 'LEVEL_CONFLICT', message };
  }
  if (a.parentCode !== b.parentCode) {
    const message = `${b.level} ${b.code} is under ${a.parentCode ?? '-'} (${there}) and under ${b.parentCode ?? '-'} here`;
    return { column: col('parentCode'), code: 'TWO_PARENTS', message };
  }
  if (a.name !== b.name) {
    const message = `${b.level} ${b.code} is named "${a.name}" (${there}) and "${b.name}" here`;
    return { column: col('name'), code: 'CONFLICT', message };
  }
  return null;
}

/** All files together: one unit per code and one inspector per id, or a problem where two rows disagree. */
function collect(files: ParsedGridFile[]): Collected {
  const units = new Map<string, Sourced<GridUnit>>();
  const inspectors = new Map<string, Sourced<Inspector>>();
  const problems: FileProblem[] = files.flatMap((f) => f.problems);
  const at = (o: Origin) => ({ file: o.file, line: o.line });
  for (const next of files.flatMap((f) => f.units)) {
    const old = units.get(next.item.code);
    if (!old) units.set(next.item.code, next);
    else if (!sameUnit(old.item, next.item)) {
      const conflict = unitConflict(old, next);
      if (conflict) problems.push({ ...at(next.origin), ...conflict });
    }
  }
  for (const next of files.flatMap((f) => f.inspectors)) {
    const old = inspectors.get(next.item.id);
    if (!old) inspectors.set(next.item.id, next);
    else if (!sameInspector(old.item, next.item)) {
      const message = `inspector ${next.item.id} also appears (${describeOrigin(old.origin, next.origin.file)}) with other details`;
      problems.push({ ...at(next.origin), column: next.origin.columns['id'] ?? null, code: 'CONFLICT', message });
    }
  }
  const parts = new Set(files.flatMap((f) => f.parts));
  const change: GridChange = {};
  if (parts.has('units')) change.units = [...units.values()].map((s) => s.item);
  if (parts.has('inspectors')) change.inspectors = [...inspectors.values()].map((s) => s.item);
  return {
    change,
    unitOrigins: new Map([...units].map(([k, s]) => [k, s.origin])),
    inspectorOrigins: new Map([...inspectors].map(([k, s]) => [k, s.origin])),
    problems,
    failed: new Set(files.flatMap((f) => [...f.failed])),
  };
}

/** A problem of the resulting grid, placed on the row that causes it (or on the stored row). */
function placeProblem(p: GridProblem, c: Collected): FileProblem | null {
  // a unit left out for its own problem is not reported again through what refers to it
  if (p.related !== undefined && c.failed.has(p.related) && !c.unitOrigins.has(p.related)) return null;
  const own = (p.subject.kind === 'unit' ? c.unitOrigins : c.inspectorOrigins).get(p.subject.key);
  const related = p.related === undefined ? undefined : c.unitOrigins.get(p.related);
  const origin = own ?? related;
  if (!origin) return { file: DATABASE_SOURCE, line: null, column: p.field, code: p.code, message: p.message };
  const column = own ? (own.columns[p.field] ?? null) : (related?.columns['code'] ?? null);
  return { file: origin.file, line: origin.line, column, code: p.code, message: p.message };
}

function ordered(problems: FileProblem[], names: string[]): FileProblem[] {
  const seen = new Set<string>();
  const rank = (f: string) => (names.includes(f) ? names.indexOf(f) : names.length);
  return problems
    .filter((p) => {
      const key = JSON.stringify(p);
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => rank(a.file) - rank(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * Reads the files, checks every row and the grid they would leave against the database, and writes it all in
 * one transaction, or nothing with every problem found.
 */
export function importGrid(
  repo: GridRepo,
  files: GridFileInput[],
  mode: GridImportMode,
  now: Date = new Date(),
): GridImportResult {
  const names = files.map((f) => f.name);
  if (files.length === 0) {
    return { ok: false, problems: [{ file: '', line: null, column: null, code: 'BAD_FILE', message: 'no file' }] };
  }
  const collected = collect(files.map((f) => parseGridFile(f.name, f.bytes)));
  const planned = repo.plan(collected.change, mode).problems.map((p) => placeProblem(p, collected));
  const problems = ordered([...collected.problems, ...planned.filter((p) => p !== null)], names);
  if (problems.length > 0) return { ok: false, problems };
  try {
    const counts = mode === 'replace' ? repo.replaceAll(collected.change, now) : repo.merge(collected.change, now);
    return { ok: true, mode, counts };
  } catch (error) {
    if (!(error instanceof GridInvalidError)) throw error;
    const again = error.problems.map((p) => placeProblem(p, collected)).filter((p) => p !== null);
    return { ok: false, problems: ordered(again, names) };
  }
}

export function gridToJson(grid: Grid): string {
  return `${JSON.stringify(GridSchema.parse(sortGrid(grid)), null, 2)}\n`;
}

/** The grid as files: grid.csv and inspectors.csv, or grid.json. */
export function exportGrid(grid: Grid, options: GridExportOptions): ExportFile[] {
  const { format, lang } = GridExportOptionsSchema.parse(options);
  if (format === 'json') return [{ name: 'grid.json', mediaType: 'application/json', text: gridToJson(grid) }];
  return [
    { name: 'grid.csv', mediaType: 'text/csv', text: gridToCsv(grid, { lang }) },
    { name: 'inspectors.csv', mediaType: 'text/csv', text: inspectorsToCsv(grid, { lang }) },
  ];
}
