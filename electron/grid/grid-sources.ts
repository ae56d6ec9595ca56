/**
 * What reading one grid file gives: units and inspectors, each with where it came from (file, line, and the
 * column that holds each field), and the problems found, each with its file, line and column.
 */
import { z } from 'zod';
import { GRID_PROBLEM_CODES, type GridUnit, type Inspector } from '../domain/grid';

export const FileProblemSchema = z.strictObject({
  file: z.string().describe('Name of the file, or "(database)" for a row already stored.'),
  line: z.number().int().nullable().describe('Line of the file (the header is line 1); null where there is none.'),
  column: z.string().nullable().describe('Column (e.g. phone, cell_code) or JSON path (units[3].code).'),
  code: z.enum(GRID_PROBLEM_CODES),
  message: z.string(),
});
export type FileProblem = z.infer<typeof FileProblemSchema>;

export const DATABASE_SOURCE = '(database)';

/** Where an item came from; `columns` names, per field, the column (or JSON path) that holds it. */
export interface Origin {
  file: string;
  line: number | null;
  columns: Record<string, string>;
}

export interface Sourced<T> {
  item: T;
  origin: Origin;
}

export interface ParsedGridFile {
  units: Sourced<GridUnit>[];
  inspectors: Sourced<Inspector>[];
  problems: FileProblem[];
  /** Codes and ids of rows left out for their problems: what refers to them is not reported again. */
  failed: Set<string>;
  /** The parts of the grid this file brings; a part no file brings is left as it is. */
  parts: ('units' | 'inspectors')[];
}

export function emptyParsed(): ParsedGridFile {
  return { units: [], inspectors: [], problems: [], failed: new Set(), parts: [] };
}

/** "line 3" in the same file, "grid.csv line 3" in another, "the database" for a stored row. */
export function describeOrigin(origin: Origin, from: string): string {
  if (origin.file === DATABASE_SOURCE) return 'the database';
  const where = origin.line === null ? (Object.values(origin.columns)[0] ?? '') : `line ${origin.line}`;
  return origin.file === from ? where : `${origin.file} ${where}`;
}
