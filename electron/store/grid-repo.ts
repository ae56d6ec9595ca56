/**
 * The grid (townships, villages, grid cells) and its inspectors in SQLite. Whole-grid changes (replace, merge)
 * are planned and checked first, then written in one transaction: all or nothing. Removing a unit that tasks
 * refer to is fine (a task keeps its own codes); leaving a unit or an inspector pointing at a removed unit is not.
 */
import {
  GRID_LEVELS,
  InspectorSchema,
  planGrid,
  sameInspector,
  sameUnit,
  type Grid,
  type GridChange,
  type GridCounts,
  type GridImportMode,
  type GridPlan,
  type GridProblem,
  type GridUnit,
  type Inspector,
} from '../domain/grid';
import type { Database } from './database';

export type { Grid, GridChange, GridCounts, GridImportMode, GridLevel, GridUnit, Inspector } from '../domain/grid';

/** Where a cell lies: the cell, its village and its township, codes and names. */
export interface Place {
  cell: { code: string; name: string };
  village: { code: string; name: string };
  township: { code: string; name: string };
}

/** Thrown when a change would leave the grid inconsistent; nothing has been written. */
export class GridInvalidError extends Error {
  constructor(readonly problems: GridProblem[]) {
    super(`the grid change is refused: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'GridInvalidError';
  }
}

interface UnitRow {
  code: string;
  name: string;
  level: GridUnit['level'];
  parent_code: string | null;
}
interface InspectorRow {
  id: string;
  name: string;
  phone: string;
  active: number;
  cells: string | null;
}

const toUnit = (r: UnitRow): GridUnit => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code });
const toInspector = (r: InspectorRow): Inspector => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  cells: r.cells === null ? [] : r.cells.split('\n').sort(),
  active: r.active === 1,
});

const UNIT_ORDER = `CASE level WHEN 'township' THEN 0 WHEN 'village' THEN 1 ELSE 2 END, code`;
const INSPECTORS = `
  SELECT i.id, i.name, i.phone, i.active,
         (SELECT group_concat(cell_code, char(10)) FROM inspector_cells c WHERE c.inspector_id = i.id) AS cells
  FROM inspectors i`;

export class GridRepo {
  constructor(private readonly db: Database) {}

  /** Every unit: townships, then villages, then cells, each by code. */
  units(): GridUnit[] {
    return this.db
      .prepare<[], UnitRow>(`SELECT code, name, level, parent_code FROM grid_units ORDER BY ${UNIT_ORDER}`)
      .all()
      .map(toUnit);
  }

  unit(code: string): GridUnit | null {
    const row = this.db
      .prepare<[string], UnitRow>('SELECT code, name, level, parent_code FROM grid_units WHERE code = ?')
      .get(code);
    return row ? toUnit(row) : null;
  }

  /** Every inspector by id, cells sorted. */
  inspectors(): Inspector[] {
    return this.db.prepare<[], InspectorRow>(`${INSPECTORS} ORDER BY i.id`).all().map(toInspector);
  }

  inspector(id: string): Inspector | null {
    const row = this.db.prepare<[string], InspectorRow>(`${INSPECTORS} WHERE i.id = ?`).get(id);
    return row ? toInspector(row) : null;
  }

  grid(): Grid {
    return { units: this.units(), inspectors: this.inspectors() };
  }

  /** The cell, its village and its township; null when the code is not a cell or its chain is broken. */
  placeOf(cellCode: string): Place | null {
    const row = this.db
      .prepare<[string], { cc: string; cn: string; vc: string; vn: string; tc: string; tn: string }>(
        `SELECT c.code AS cc, c.name AS cn, v.code AS vc, v.name AS vn, t.code AS tc, t.name AS tn
         FROM grid_units c
         JOIN grid_units v ON v.code = c.parent_code AND v.level = 'village'
         JOIN grid_units t ON t.code = v.parent_code AND t.level = 'township'
         WHERE c.code = ? AND c.level = 'cell'`,
      )
      .get(cellCode);
    if (!row) return null;
    return {
      cell: { code: row.cc, name: row.cn },
      village: { code: row.vc, name: row.vn },
      township: { code: row.tc, name: row.tn },
    };
  }

  /** The active inspectors who cover a cell, by id: those a task in that cell is dispatched to. */
  inspectorsForCell(cellCode: string): Inspector[] {
    return this.db
      .prepare<[string], InspectorRow>(
        `${INSPECTORS} WHERE i.active = 1
           AND EXISTS (SELECT 1 FROM inspector_cells x WHERE x.inspector_id = i.id AND x.cell_code = ?)
         ORDER BY i.id`,
      )
      .all(cellCode)
      .map(toInspector);
  }

  /** Adds or replaces one inspector (cells included); refused when a cell is not a grid cell. */
  upsertInspector(inspector: Inspector, now: Date = new Date()): void {
    const parsed = InspectorSchema.parse(inspector);
    this.write({ inspectors: [parsed] }, 'merge', now);
  }

  /** Puts an inspector on or off duty; false when there is no such inspector. */
  setInspectorActive(id: string, active: boolean, now: Date = new Date()): boolean {
    return (
      this.db
        .prepare<[number, string, string]>('UPDATE inspectors SET active = ?, updated_at = ? WHERE id = ?')
        .run(active ? 1 : 0, now.toISOString(), id).changes > 0
    );
  }

  /** What a change would do, without writing: the grid after it, the counts and the problems. */
  plan(change: GridChange, mode: GridImportMode): GridPlan {
    return planGrid(this.grid(), change, mode);
  }

  /** Each part the change brings (units, inspectors) becomes exactly that; one transaction. */
  replaceAll(change: GridChange, now: Date = new Date()): GridCounts {
    return this.write(change, 'replace', now);
  }

  /** Adds the change's units and inspectors, replacing those with the same code or id; one transaction. */
  merge(change: GridChange, now: Date = new Date()): GridCounts {
    return this.write(change, 'merge', now);
  }

  private write(change: GridChange, mode: GridImportMode, now: Date): GridCounts {
    return this.db.transaction(() => {
      const before = this.grid();
      const plan = planGrid(before, change, mode);
      if (plan.problems.length > 0) throw new GridInvalidError(plan.problems);
      this.apply(before, plan.grid, now.toISOString());
      return plan.counts;
    })();
  }

  /** Writes the difference: units parents first, inspectors, then removed units children first. */
  private apply(before: Grid, after: Grid, at: string): void {
    const oldUnits = new Map(before.units.map((u) => [u.code, u]));
    const upsertUnit = this.db.prepare(
      `INSERT INTO grid_units (code, name, level, parent_code, updated_at) VALUES (@code, @name, @level, @parentCode, @at)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level,
         parent_code = excluded.parent_code, updated_at = excluded.updated_at`,
    );
    for (const u of after.units) {
      const old = oldUnits.get(u.code);
      if (!old || !sameUnit(old, u)) upsertUnit.run({ ...u, at });
    }
    const oldInspectors = new Map(before.inspectors.map((i) => [i.id, i]));
    const kept = new Set(after.inspectors.map((i) => i.id));
    const deleteInspector = this.db.prepare<[string]>('DELETE FROM inspectors WHERE id = ?');
    for (const id of oldInspectors.keys()) if (!kept.has(id)) deleteInspector.run(id);
    const upsertInspector = this.db.prepare(
      `INSERT INTO inspectors (id, name, phone, active, updated_at) VALUES (@id, @name, @phone, @active, @at)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, phone = excluded.phone, active = excluded.active,
         updated_at = excluded.updated_at`,
    );
    const clearCells = this.db.prepare<[string]>('DELETE FROM inspector_cells WHERE inspector_id = ?');
    const addCell = this.db.prepare<[string, string]>(
      'INSERT OR IGNORE INTO inspector_cells (inspector_id, cell_code) VALUES (?, ?)',
    );
    for (const i of after.inspectors) {
      const old = oldInspectors.get(i.id);
      if (old && sameInspector(old, i)) continue;
      upsertInspector.run({ id: i.id, name: i.name, phone: i.phone, active: i.active ? 1 : 0, at });
      clearCells.run(i.id);
      for (const cell of i.cells) addCell.run(i.id, cell);
    }
    const keptUnits = new Set(after.units.map((u) => u.code));
    const deleteUnit = this.db.prepare<[string]>('DELETE FROM grid_units WHERE code = ?');
    for (const level of [...GRID_LEVELS].reverse()) {
      for (const u of before.units) if (u.level === level && !keptUnits.has(u.code)) deleteUnit.run(u.code);
    }
  }
}
