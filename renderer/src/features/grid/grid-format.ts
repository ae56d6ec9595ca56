/** Pure helpers of the grid screen: the overview rows of the grid as stored, and files as base64 for grid:import. */
import type { RequestOutput } from '@contract/contract';

type GridAnswer = RequestOutput<'grid:get'>;

export interface CellRow {
  code: string;
  name: string;
  village: string | null;
  township: string | null;
  /** Names of the inspectors on duty in the cell, then of those off duty. */
  onDuty: string[];
  offDuty: string[];
  cameras: string[];
}

export interface GridOverview {
  townships: number;
  villages: number;
  cells: CellRow[];
  inspectors: { active: number; inactive: number };
  /** Cameras whose grid cell is not a cell of the grid: no inspector gets their tasks. */
  unassignedCameras: { id: string; name: string; gridCell: string }[];
}

/** Cells in township, village and code order, with who covers them and which cameras sit in them. */
export function gridOverview(answer: GridAnswer): GridOverview {
  const { units, inspectors } = answer.grid;
  const byCode = new Map(units.map((u) => [u.code, u]));
  const nameOf = (code: string | null | undefined) => (code ? (byCode.get(code)?.name ?? code) : null);
  const cells: CellRow[] = units
    .filter((u) => u.level === 'cell')
    .map((cell) => {
      const village = cell.parentCode ? byCode.get(cell.parentCode) : undefined;
      const covering = inspectors.filter((i) => i.cells.includes(cell.code));
      return {
        code: cell.code,
        name: cell.name,
        village: village?.name ?? cell.parentCode,
        township: nameOf(village?.parentCode),
        onDuty: covering.filter((i) => i.active).map((i) => i.name),
        offDuty: covering.filter((i) => !i.active).map((i) => i.name),
        cameras: answer.cameras.filter((c) => c.gridCell === cell.code).map((c) => c.name),
      };
    })
    .sort(
      (a, b) =>
        (a.township ?? '').localeCompare(b.township ?? '', 'zh-CN') ||
        (a.village ?? '').localeCompare(b.village ?? '', 'zh-CN') ||
        a.code.localeCompare(b.code),
    );
  return {
    townships: units.filter((u) => u.level === 'township').length,
    villages: units.filter((u) => u.level === 'village').length,
    cells,
    inspectors: {
      active: inspectors.filter((i) => i.active).length,
      inactive: inspectors.filter((i) => !i.active).length,
    },
    unassignedCameras: answer.cameras.filter((c) => !c.known).map(({ id, name, gridCell }) => ({ id, name, gridCell })),
  };
}

/** Bytes as standard base64 (what grid:import takes), in chunks so large files do not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The largest file grid:import takes, in bytes (its base64 limit is 4 MiB). */
export const MAX_IMPORT_BYTES = Math.floor((4 * 1024 * 1024 * 3) / 4);
