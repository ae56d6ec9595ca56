import { useEffect } from 'react';
import { useApi } from '../../api/use-api';
import { useRequest } from '../../api/use-request';

const SETTLE_MS = 1500;

/**
 * The tuning figures of a camera and label and the camera's tuning history, refreshed by pushes (no polling): an
 * apply from any window, a review of an incident, an alert of this camera raised or ended (a short wait lets a
 * burst of them settle into one reload).
 */
export function useTuning(cameraId: string, label: string, days: number) {
  const api = useApi();
  const view = useRequest('tuning:get', { cameraId, label, days });
  const history = useRequest('tuning:history', { cameraId, limit: 20 });
  const { reload: reloadView } = view;
  const { reload: reloadHistory } = history;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (timer === null) {
        timer = setTimeout(() => {
          timer = null;
          reloadView();
        }, SETTLE_MS);
      }
    };
    const off = [
      api.subscribe('tuning:applied', (p) => {
        if (p.cameraId !== cameraId) return;
        reloadView();
        reloadHistory();
      }),
      api.subscribe('incidents:reviewed', later),
      api.subscribe('alerts:changed', (p) => {
        if (p.cameraId === cameraId && p.phase !== 'updated') later();
      }),
    ];
    return () => {
      off.forEach((unsubscribe) => unsubscribe());
      if (timer !== null) clearTimeout(timer);
    };
  }, [api, cameraId, reloadView, reloadHistory]);

  return { view, history };
}
