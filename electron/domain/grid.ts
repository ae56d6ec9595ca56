/**
 * The grid of responsibility (township 乡镇 → village 村 → grid cell 网格) and the inspectors (网格员) who cover
 * its cells: the zod schemas every boundary checks them with, and the pure rules that a whole grid must keep
 * (every village under a township, every cell under a village, every inspector's cell a real cell). An import
 * is planned here as data: the grid it would leave behind, what it changes and what is wrong with it.
 */
import { z } from 'zod';

export const GRID_LEVELS = ['township', 'village', 'cell'] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

/** The level a unit's parent must have; a township has none. */
export const PARENT_LEVEL: Record<GridLevel, GridLevel | null> = {
  township: null,
  village: 'township',
  cell: 'village',
};

export const GridCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a code is 1 to 64 letters, digits, "-" or "_"')
  .describe('Code of a grid unit or an inspector: letters, digits, "-" and "_", at most 64.');

export const GridNameSchema = z
  .string()
  .trim()
  .min(1, 'the name is empty')
  .max(100, 'a name is at most 100 characters')
  .describe('Name as people say it, e.g. 城关镇, 东村, 东村第一网格.');

/**
 * A mainland phone number in one written form: an 11-digit mobile (`13812345678`, with or without +86, spaces
 * or dashes) or a landline with its area code (`0571-87654321`, extension `-123` kept); null when it is neither.
 */
export function normalizePhone(raw: string): string | null {
  const text = raw.trim().replace(/[\s\u3000]+/g, ' ');
  const mobile = text.replace(/[\s-]/g, '').replace(/^(?:\+86|0086)/, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile;
  const m = /^\(?(0\d{2,3})\)?[\s-]?(\d{7,8})(?:[-\s](\d{1,6}))?$/.exec(text.replace(/^(?:\+86|0086)[\s-]?/, '0'));
  if (!m) return null;
  let [area, number] = [m[1] ?? '', m[2] ?? ''];
  // 010 and 02x are three digits; every other area code has four
  const wanted = /^0[12]/.test(area) ? 3 : 4;
  if (area.length !== wanted) {
    const digits = area + number;
    [area, number] = [digits.slice(0, wanted), digits.slice(wanted)];
    if (number.length < 7 || number.length > 8) return null;
  }
  return `${area}-${number}${m[3] ? `-${m[3]}` : ''}`;
}

export const PhoneSchema = z
  .string()
  .transform((raw, ctx) => {
    const phone = normalizePhone(raw);
    if (phone === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'not a phone number: 11-digit mobile (138xxxxxxxx) or landline with area code (0571-87654321)',
      });
      return z.NEVER;
    }
    return phone;
  })
  .describe('Mobile (11 digits) or landline with area code; stored in one normal form.');

export const GridUnitSchema = z
  .strictObject({
    code: GridCodeSchema,
    name: GridNameSchema,
    level: z.enum(GRID_LEVELS).describe('township 乡镇, village 村/社区 or cell 网格.'),
    parentCode: GridCodeSchema.nullable().describe('Code of the township (for a village) or village (for a cell).'),
  })
  .superRefine((u, ctx) => {
    if ((u.level === 'township') !== (u.parentCode === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['parentCode'],
        message: u.level === 'township' ? 'a township has no parent' : `a ${u.level} needs a parent`,
      });
    }
  });
export type GridUnit = z.infer<typeof GridUnitSchema>;

export const InspectorSchema = z.strictObject({
  id: GridCodeSchema.describe('Staff number (工号) of the inspector.'),
  name: GridNameSchema,
  phone: PhoneSchema,
  cells: z.array(GridCodeSchema).describe('Codes of the grid cells the inspector covers.'),
  active: z.boolean().describe('On duty (在岗); only active inspectors are dispatched tasks.'),
});
export type Inspector = z.infer<typeof InspectorSchema>;

export const GridSchema = z.strictObject({ units: z.array(GridUnitSchema), inspectors: z.array(InspectorSchema) });
export type Grid = z.infer<typeof GridSchema>;

/** What an import brings: a missing part is left as it is. */
export interface GridChange {
  units?: GridUnit[];
  inspectors?: Inspector[];
}
export type GridImportMode = 'replace' | 'merge';

export const ChangeCountsSchema = z.strictObject({
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
});
export const GridCountsSchema = z.strictObject({ units: ChangeCountsSchema, inspectors: ChangeCountsSchema });
export type GridCounts = z.infer<typeof GridCountsSchema>;

/** Stable codes of grid problems, for messages in the user's language. */
export const GRID_PROBLEM_CODES = [
  'REQUIRED',
  'BAD_VALUE',
  'BAD_FILE',
  'CONFLICT',
  'LEVEL_CONFLICT',
  'TWO_PARENTS',
  'MISSING_PARENT',
  'WRONG_PARENT_LEVEL',
  'UNKNOWN_CELL',
  'NO_CELLS',
  'LEVEL_CHANGE',
] as const;
export type GridProblemCode = (typeof GRID_PROBLEM_CODES)[number];

/** A problem with the grid an import would leave, about one unit or inspector (and the unit it refers to). */
export interface GridProblem {
  subject: { kind: 'unit' | 'inspector'; key: string };
  field: 'code' | 'name' | 'level' | 'parentCode' | 'cells' | 'active';
  code: GridProblemCode;
  message: string;
  related?: string;
}

export function sortGrid(grid: Grid): Grid {
  const rank = (l: GridLevel) => GRID_LEVELS.indexOf(l);
  return {
    units: [...grid.units].sort((a, b) => rank(a.level) - rank(b.level) || (a.code < b.code ? -1 : 1)),
    inspectors: [...grid.inspectors]
      .map((i) => ({ ...i, cells: [...new Set(i.cells)].sort() }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

function unitProblems(units: Map<string, GridUnit>, current: Grid): GridProblem[] {
  const before = new Set(current.units.map((u) => u.code));
  const problems: GridProblem[] = [];
  for (const u of units.values()) {
    const wanted = PARENT_LEVEL[u.level];
    if (wanted === null || u.parentCode === null) continue;
    const subject = { kind: 'unit' as const, key: u.code };
    const parent = units.get(u.parentCode);
    if (!parent) {
      const gone = before.has(u.parentCode) ? 'which this import removes' : 'which is not in the grid';
      problems.push({
        subject,
        field: 'parentCode',
        code: 'MISSING_PARENT',
        related: u.parentCode,
        message: `${u.level} ${u.code} is under ${wanted} ${u.parentCode}, ${gone}`,
      });
    } else if (parent.level !== wanted) {
      problems.push({
        subject,
        field: 'parentCode',
        code: 'WRONG_PARENT_LEVEL',
        related: u.parentCode,
        message: `${u.level} ${u.code} is under ${u.parentCode}, which is a ${parent.level}, not a ${wanted}`,
      });
    }
  }
  return problems;
}

function inspectorProblems(units: Map<string, GridUnit>, inspectors: Inspector[], current: Grid): GridProblem[] {
  const before = new Set(current.units.map((u) => u.code));
  const problems: GridProblem[] = [];
  for (const i of inspectors) {
    const subject = { kind: 'inspector' as const, key: i.id };
    if (i.active && i.cells.length === 0) {
      problems.push({ subject, field: 'cells', code: 'NO_CELLS', message: `inspector ${i.id} covers no grid cell` });
    }
    for (const cell of i.cells) {
      const unit = units.get(cell);
      if (unit?.level === 'cell') continue;
      const why = unit
        ? `${cell} is a ${unit.level}, not a grid cell`
        : before.has(cell)
          ? `grid cell ${cell} is removed by this import`
          : `grid cell ${cell} exists neither in the import nor in the database`;
      problems.push({
        subject,
        field: 'cells',
        code: 'UNKNOWN_CELL',
        related: cell,
        message: `inspector ${i.id}: ${why}`,
      });
    }
  }
  return problems;
}

/** In a merge a unit keeps its level: a village that turns into a cell would strand what is under it. */
function levelChanges(current: Grid, change: GridChange): GridProblem[] {
  const levels = new Map(current.units.map((u) => [u.code, u.level]));
  return (change.units ?? []).flatMap((u): GridProblem[] => {
    const was = levels.get(u.code);
    if (was === undefined || was === u.level) return [];
    return [
      {
        subject: { kind: 'unit', key: u.code },
        field: 'level',
        code: 'LEVEL_CHANGE',
        message: `${u.code} is a ${was} in the database, not a ${u.level}; a merge keeps levels (use replace)`,
      },
    ];
  });
}

function count<T>(before: Map<string, T>, after: Map<string, T>, same: (a: T, b: T) => boolean) {
  const c = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const [key, value] of after) {
    const old = before.get(key);
    if (old === undefined) c.added++;
    else if (same(old, value)) c.unchanged++;
    else c.changed++;
  }
  for (const key of before.keys()) if (!after.has(key)) c.removed++;
  return c;
}

export const sameUnit = (a: GridUnit, b: GridUnit): boolean =>
  a.name === b.name && a.level === b.level && a.parentCode === b.parentCode;
export const sameInspector = (a: Inspector, b: Inspector): boolean =>
  a.name === b.name &&
  a.phone === b.phone &&
  a.active === b.active &&
  [...new Set(a.cells)].sort().join('\n') === [...new Set(b.cells)].sort().join('\n');

export interface GridPlan {
  /** The whole grid after the import, sorted. */
  grid: Grid;
  counts: GridCounts;
  problems: GridProblem[];
}

/**
 * What an import would do to the current grid. replace: each part the import brings (units, inspectors) becomes
 * exactly that part; merge: the import's units and inspectors are added or replace those with the same code or
 * id, everything else stays. Nothing may be left pointing at a unit that is gone or of the wrong level.
 */
export function planGrid(current: Grid, change: GridChange, mode: GridImportMode): GridPlan {
  const keyed = <T>(items: T[], key: (t: T) => string) => new Map(items.map((t) => [key(t), t]));
  const beforeUnits = keyed(current.units, (u) => u.code);
  const beforeInspectors = keyed(current.inspectors, (i) => i.id);
  const units = mode === 'replace' && change.units ? new Map<string, GridUnit>() : new Map(beforeUnits);
  for (const u of change.units ?? []) units.set(u.code, u);
  const inspectors = mode === 'replace' && change.inspectors ? new Map<string, Inspector>() : new Map(beforeInspectors);
  for (const i of change.inspectors ?? []) inspectors.set(i.id, i);
  const problems = [
    ...(mode === 'merge' ? levelChanges(current, change) : []),
    ...unitProblems(units, current),
    ...inspectorProblems(units, [...inspectors.values()], current),
  ];
  return {
    grid: sortGrid({ units: [...units.values()], inspectors: [...inspectors.values()] }),
    counts: {
      units: count(beforeUnits, units, sameUnit),
      inspectors: count(beforeInspectors, inspectors, sameInspector),
    },
    problems,
  };
}
