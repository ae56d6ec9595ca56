import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/use-api';
import { useRequest } from '../../api/use-request';
import { useCameras, type Cameras } from '../cameras/use-cameras';
import { indexGrid } from '../tasks/grid-index';
import { afterPush } from './wall-badge';
import type { LatestDetections } from './wall-boxes';

/** Health is polled (it is not pushed); offline/back and detections arrive as pushes. */
const HEALTH_POLL_MS = 3000;

export interface WallFeed {
  cameras: Cameras;
  /** Cameras reported by `camera:offline` and not back since. */
  offline: ReadonlySet<string>;
  /** The latest boxes per camera. */
  detections: ReadonlyMap<string, LatestDetections>;
  cellName: (code: string) => string;
}

export function useWallFeed(): WallFeed {
  const api = useApi();
  const cameras = useCameras(HEALTH_POLL_MS);
  const grid = useRequest('grid:get', {});
  const { reload: reloadGrid } = grid;
  const { reload: reloadCameras } = cameras;
  const [offline, setOffline] = useState<ReadonlySet<string>>(() => new Set());
  const [detections, setDetections] = useState<ReadonlyMap<string, LatestDetections>>(() => new Map());

  useEffect(() => {
    const offs = [
      api.subscribe('camera:offline', ({ cameraId }) => {
        setOffline((now) => afterPush(now, { type: 'offline', cameraId }));
        reloadCameras();
      }),
      api.subscribe('camera:back', ({ cameraId }) => {
        setOffline((now) => afterPush(now, { type: 'back', cameraId }));
        reloadCameras();
      }),
      api.subscribe('detections:made', ({ cameraId, frame, detections: found }) => {
        const latest: LatestDetections = { receivedAt: Date.now(), frame, detections: found };
        setDetections((now) => new Map(now).set(cameraId, latest));
      }),
      api.subscribe('grid:changed', reloadGrid),
    ];
    return () => offs.forEach((off) => off());
  }, [api, reloadCameras, reloadGrid]);

  const cellName = useMemo(() => {
    const index = indexGrid(grid.data?.grid ?? null);
    return (code: string) => index.unitName(code) ?? code;
  }, [grid.data]);

  return { cameras, offline, detections, cellName };
}
