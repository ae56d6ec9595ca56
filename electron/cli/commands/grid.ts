/**
 * `anxun grid import FILE...` and `anxun grid export`: the grid (townships, villages, grid cells) and its
 * inspectors from and to spreadsheets (CSV, UTF-8 or GBK) or JSON, in the data folder's database. An import with
 * any problem changes nothing and prints every problem as `file:line column: message`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { z } from 'zod';
import { DATABASE_FILE } from '../../engine/engine';
import {
  GridExportOptionsSchema,
  GridImportModeSchema,
  exportGrid,
  importGrid,
  type FileProblem,
  type GridImportResult,
} from '../../grid/grid-io';
import { openDatabase } from '../../store/database';
import { GridRepo, type Grid } from '../../store/grid-repo';
import type { GridCounts } from '../../domain/grid';
import { resolveDataDir } from '../data-dir';
import { CliError, EXIT } from '../errors';

interface ImportFlags {
  mode: string;
  data?: string;
  json?: boolean;
}
interface ExportFlags {
  format: string;
  out: string;
  lang: string;
  data?: string;
}

function flag<T>(schema: z.ZodType<T>, name: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CliError(`${name}: ${parsed.error.issues[0]?.message ?? 'not valid'}`, EXIT.usage);
  return parsed.data;
}

function withRepo<T>(dataDir: string, run: (repo: GridRepo) => T): T {
  const { db } = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    return run(new GridRepo(db));
  } finally {
    db.close();
  }
}

export function formatProblem(p: FileProblem): string {
  const where = p.line === null ? p.file : `${p.file}:${p.line}`;
  return `${where}${p.column === null ? '' : ` ${p.column}`}: ${p.message}`;
}

function summary(counts: GridCounts, grid: Grid): string {
  const c = (x: GridCounts['units']) =>
    `${x.added} added, ${x.changed} changed, ${x.removed} removed, ${x.unchanged} unchanged`;
  const level = (l: string) => grid.units.filter((u) => u.level === l).length;
  const onDuty = grid.inspectors.filter((i) => i.active).length;
  return (
    `grid units: ${c(counts.units)}\ninspectors: ${c(counts.inspectors)}\n` +
    `now: ${level('township')} townships, ${level('village')} villages, ${level('cell')} grid cells, ` +
    `${grid.inspectors.length} inspectors (${onDuty} on duty)\n`
  );
}

export function gridImport(files: string[], flags: ImportFlags): void {
  const mode = flag(GridImportModeSchema, '--mode', flags.mode);
  const inputs = files.map((name) => {
    try {
      return { name, bytes: readFileSync(resolve(name)) };
    } catch (error) {
      throw new CliError(`cannot read ${name}: ${(error as Error).message}`);
    }
  });
  const dataDir = resolveDataDir(flags.data);
  const [result, grid] = withRepo(dataDir, (repo): [GridImportResult, Grid] => [
    importGrid(repo, inputs, mode),
    repo.grid(),
  ]);
  if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  if (result.ok) {
    if (!flags.json) process.stdout.write(summary(result.counts, grid));
    return;
  }
  if (!flags.json) for (const p of result.problems) process.stderr.write(`${formatProblem(p)}\n`);
  const n = result.problems.length;
  process.stderr.write(`anxun: nothing was imported: ${n} problem${n === 1 ? '' : 's'}\n`);
  process.exitCode = EXIT.failure;
}

export function gridExport(flags: ExportFlags): void {
  const options = flag(GridExportOptionsSchema, '--format/--lang', { format: flags.format, lang: flags.lang });
  const dataDir = resolveDataDir(flags.data);
  if (!existsSync(join(dataDir, DATABASE_FILE))) throw new CliError(`no database in ${dataDir}: nothing to export`);
  const grid = withRepo(dataDir, (repo) => repo.grid());
  const out = resolve(flags.out);
  mkdirSync(out, { recursive: true });
  for (const file of exportGrid(grid, options)) {
    const path = join(out, file.name);
    writeFileSync(path, file.text, 'utf8');
    process.stdout.write(`${path}\n`);
  }
}

export function registerGrid(program: Command): void {
  const grid = program
    .command('grid')
    .description('the grid (townships 乡镇, villages 村, grid cells 网格) and its inspectors (网格员)');
  grid
    .command('import')
    .description(
      'import a grid CSV (乡镇编码, 乡镇名称, 村编码, 村名称, 网格编码, 网格名称), an inspectors CSV ' +
        '(工号, 姓名, 手机, 负责网格, 在岗) or grid.json; all or nothing',
    )
    .argument('<files...>', 'CSV (UTF-8 or GBK) or JSON files, imported together')
    .option('--mode <mode>', 'merge: add and update; replace: each part given becomes exactly the files', 'merge')
    .option('--data <dir>', 'data folder (default: $ANXUN_DATA_DIR, then ~/.local/share/anxun)')
    .option('--json', 'print the result as JSON')
    .action((files: string[], flags: ImportFlags) => gridImport(files, flags));
  grid
    .command('export')
    .description('write the grid as grid.csv and inspectors.csv (UTF-8 with BOM, for Excel) or grid.json')
    .requiredOption('--out <dir>', 'folder to write the files into')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--lang <lang>', 'CSV headers: zh (Chinese) or en', 'zh')
    .option('--data <dir>', 'data folder (default: $ANXUN_DATA_DIR, then ~/.local/share/anxun)')
    .action((flags: ExportFlags) => gridExport(flags));
}
