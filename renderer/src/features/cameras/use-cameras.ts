import { useCallback, useEffect, useRef, useState } from 'react';
import type { CameraView } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';

/** How often the list is read again: health (state, fps, counters) is not pushed, only polled. */
export const POLL_MS = 2000;

export interface Cameras {
  /** The last good list; kept while a later read fails. Null until the first answer. */
  cameras: readonly CameraView[] | null;
  error: ApiRequestError | null;
  loading: boolean;
  /** Reads the list now (and polls on from there). */
  reload: () => void;
}

/**
 * `cameras:list`, read every `intervalMs` after the previous answer, and at once on every `cameras:changed` push.
 * Only the answer to the latest read is kept, so a slow answer never overwrites a newer one.
 */
export function useCameras(intervalMs = POLL_MS): Cameras {
  const api = useApi();
  const [cameras, setCameras] = useState<readonly CameraView[] | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const loadNow = useRef<() => void>(() => {});

  useEffect(() => {
    let active = true;
    let latest = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const load = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      latest += 1;
      const call = latest;
      const current = (): boolean => active && call === latest;
      void api
        .request('cameras:list', {})
        .then(
          (result) => {
            if (!current()) return;
            setCameras(result.cameras);
            setError(null);
          },
          (failure: unknown) => {
            if (current()) setError(toApiError(failure));
          },
        )
        .finally(() => {
          if (current()) timer = setTimeout(load, intervalMs);
        });
    };

    loadNow.current = load;
    const unsubscribe = api.subscribe('cameras:changed', load);
    load();
    return () => {
      active = false;
      if (timer !== null) clearTimeout(timer);
      unsubscribe();
      loadNow.current = () => {};
    };
  }, [api, intervalMs]);

  const reload = useCallback(() => loadNow.current(), []);
  return { cameras, error, loading: cameras === null && error === null, reload };
}
