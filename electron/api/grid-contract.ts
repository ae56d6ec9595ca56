/**
 * The grid's part of the API contract: the townships, villages and grid cells, their inspectors, the cameras
 * assigned to cells; import (CSV or JSON files as base64: nothing is written unless every row is valid) and
 * export. Imports only zod and pure modules, so the renderer can share it.
 */
import { z } from 'zod';
import { GridCountsSchema, GridUnitSchema, InspectorSchema } from '../domain/grid';
import { FileProblemSchema } from '../grid/grid-sources';

/** The grid as stored: phones are already in their one written form, so the view is plain data. */
const GridViewSchema = z.object({
  units: z.array(GridUnitSchema),
  inspectors: z.array(InspectorSchema.extend({ phone: z.string() })),
});

/** 4 MiB of base64 per file: a grid of thousands of cells is a few hundred KiB. */
const MAX_BASE64 = 4 * 1024 * 1024;

export const gridRequests = {
  /** The whole grid, its inspectors, and which cameras sit in which cell. */
  'grid:get': {
    input: z.strictObject({}),
    output: z.object({
      grid: GridViewSchema,
      cameras: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          gridCell: z.string(),
          /** The camera's cell is a cell of the grid. */
          known: z.boolean(),
        }),
      ),
    }),
  },
  /**
   * Imports CSV (the grid layout or the inspectors layout, Chinese or English headers, UTF-8 or GBK) or JSON
   * files. `ok: false` lists every problem with its file, line and column, and nothing has changed.
   */
  'grid:import': {
    input: z.strictObject({
      files: z
        .array(
          z.strictObject({
            name: z.string().trim().min(1).max(200),
            contentBase64: z
              .string()
              .max(MAX_BASE64)
              .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
          }),
        )
        .min(1)
        .max(4),
      mode: z.enum(['replace', 'merge']).default('merge'),
    }),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), mode: z.enum(['replace', 'merge']), counts: GridCountsSchema }),
      z.object({ ok: z.literal(false), problems: z.array(FileProblemSchema) }),
    ]),
  },
  /** The grid as files to save: CSV (grid.csv and inspectors.csv, with a BOM for Excel) or grid.json. */
  'grid:export': {
    input: z.strictObject({ format: z.enum(['csv', 'json']).default('csv'), lang: z.enum(['zh', 'en']).default('zh') }),
    output: z.object({
      files: z.array(z.object({ name: z.string(), mediaType: z.string(), text: z.string() })),
    }),
  },
} as const;

export const gridPushes = {
  /** The grid or its inspectors changed (an import). */
  'grid:changed': z.object({ counts: GridCountsSchema }),
} as const;
