/**
 * The grid as the task board reads it: names of townships, villages and cells by code, the cells of a township,
 * the inspectors by id and those who cover a cell.
 */
import type { RequestOutput } from '@contract/contract';
import type { TaskView } from '@contract/tasks-contract';

export type GridView = RequestOutput<'grid:get'>['grid'];
export type GridUnitView = GridView['units'][number];
export type InspectorView = GridView['inspectors'][number];

export interface GridIndex {
  townships: readonly GridUnitView[];
  /** Every cell, by code. */
  cells: readonly GridUnitView[];
  /** Inspectors on duty first, then by staff number. */
  inspectors: readonly InspectorView[];
  unitName: (code: string | null) => string | null;
  townshipOfCell: (cellCode: string) => string | null;
  /** The cells of one township, or every cell for ''. */
  cellsOf: (townshipCode: string) => readonly GridUnitView[];
  /** The inspector's name, or the id itself for someone the grid does not list. */
  inspectorName: (id: string) => string;
  /** Inspectors on duty who cover the cell. */
  activeInspectorsOf: (cellCode: string | null) => readonly InspectorView[];
}

const byCode = (a: GridUnitView, b: GridUnitView): number => a.code.localeCompare(b.code);

export function indexGrid(grid: GridView | null): GridIndex {
  const units = grid?.units ?? [];
  const people = grid?.inspectors ?? [];
  const unitByCode = new Map(units.map((unit) => [unit.code, unit]));
  const nameById = new Map(people.map((person) => [person.id, person.name]));
  const townshipOfCell = (cellCode: string): string | null => {
    const village = unitByCode.get(cellCode)?.parentCode ?? null;
    return village === null ? null : (unitByCode.get(village)?.parentCode ?? null);
  };
  const cells = units.filter((unit) => unit.level === 'cell').sort(byCode);
  const inspectors = [...people].sort((a, b) => Number(b.active) - Number(a.active) || a.id.localeCompare(b.id));
  return {
    townships: units.filter((unit) => unit.level === 'township').sort(byCode),
    cells,
    inspectors,
    unitName: (code) => (code === null ? null : (unitByCode.get(code)?.name ?? null)),
    townshipOfCell,
    cellsOf: (townshipCode) =>
      townshipCode === '' ? cells : cells.filter((cell) => townshipOfCell(cell.code) === townshipCode),
    inspectorName: (id) => nameById.get(id) ?? id,
    activeInspectorsOf: (cellCode) =>
      cellCode === null ? [] : inspectors.filter((person) => person.active && person.cells.includes(cellCode)),
  };
}

/**
 * Where a task is, as people say it: `township · cell` names from the grid (the codes where the grid does not know
 * them), else the place as written, else null.
 */
export function placeLabel(place: TaskView['place'], grid: GridIndex, separator = ' · '): string | null {
  const township = place.townshipCode === null ? null : (grid.unitName(place.townshipCode) ?? place.townshipCode);
  const cell = place.cellCode === null ? null : (grid.unitName(place.cellCode) ?? place.cellCode);
  const parts = [township, cell].filter((part): part is string => part !== null);
  if (parts.length > 0) return parts.join(separator);
  return place.text;
}
