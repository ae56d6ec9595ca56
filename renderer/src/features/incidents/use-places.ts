import { useEffect, useMemo } from 'react';
import { useApi } from '../../api/use-api';
import { useRequest } from '../../api/use-request';
import { indexGrid, type GridIndex } from '../tasks/grid-index';

/** Names of cameras and grid cells for the queue and the detail, kept fresh by the cameras' and grid's pushes. */
export interface Places {
  grid: GridIndex;
  cameraName: (id: string) => string | null;
  /** The grid cell's name (its code where the grid does not know it), or null for an unknown camera. */
  cellOf: (cameraId: string) => string | null;
}

export function usePlaces(): Places {
  const api = useApi();
  const cameras = useRequest('cameras:list', {});
  const grid = useRequest('grid:get', {});
  const { reload: reloadCameras } = cameras;
  const { reload: reloadGrid } = grid;
  useEffect(() => api.subscribe('cameras:changed', reloadCameras), [api, reloadCameras]);
  useEffect(() => api.subscribe('grid:changed', reloadGrid), [api, reloadGrid]);
  return useMemo<Places>(() => {
    const index = indexGrid(grid.data?.grid ?? null);
    const byId = new Map((cameras.data?.cameras ?? []).map((c) => [c.id, c]));
    return {
      grid: index,
      cameraName: (id) => byId.get(id)?.name ?? null,
      cellOf: (id) => {
        const cell = byId.get(id)?.gridCell;
        return cell === undefined ? null : (index.unitName(cell) ?? cell);
      },
    };
  }, [cameras.data, grid.data]);
}
