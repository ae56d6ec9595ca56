import { useEffect, useRef, useState } from 'react';
import type { CameraView, ModelStatus } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';
import { processedRate, type ProcessedSample } from './health-format';

/** Health figures have no push of their own: read again every few seconds, and at once on a camera push. */
export const HEALTH_POLL_MS = 5000;

export interface Health {
  cameras: readonly CameraView[] | null;
  models: readonly ModelStatus[] | null;
  /** Frames per second each model processed since the previous reading (null until two readings). */
  rates: Readonly<Record<string, number | null>>;
  error: ApiRequestError | null;
  /** When the last good answer arrived (ms since the epoch). */
  updatedAt: number | null;
}

/**
 * `cameras:list` and `models:list` together, every `intervalMs` after the previous answer, and at once on
 * `cameras:changed`, `camera:offline` and `camera:back`. Only the latest read's answer is kept.
 */
export function useHealth(intervalMs = HEALTH_POLL_MS): Health {
  const api = useApi();
  const [health, setHealth] = useState<Health>({
    cameras: null,
    models: null,
    rates: {},
    error: null,
    updatedAt: null,
  });
  const samples = useRef<Map<string, ProcessedSample>>(new Map());

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
      void Promise.all([api.request('cameras:list', {}), api.request('models:list', {})])
        .then(
          ([cameraList, modelList]) => {
            if (!current()) return;
            const at = Date.now();
            const rates: Record<string, number | null> = {};
            for (const model of modelList.models) {
              if (model.stats === null) {
                rates[model.id] = null;
                continue;
              }
              const sample = { processed: model.stats.processed, at };
              rates[model.id] = processedRate(samples.current.get(model.id) ?? null, sample);
              samples.current.set(model.id, sample);
            }
            setHealth({ cameras: cameraList.cameras, models: modelList.models, rates, error: null, updatedAt: at });
          },
          (failure: unknown) => {
            if (current()) setHealth((previous) => ({ ...previous, error: toApiError(failure) }));
          },
        )
        .finally(() => {
          if (current()) timer = setTimeout(load, intervalMs);
        });
    };

    const unsubscribes = [
      api.subscribe('cameras:changed', load),
      api.subscribe('camera:offline', load),
      api.subscribe('camera:back', load),
    ];
    load();
    return () => {
      active = false;
      if (timer !== null) clearTimeout(timer);
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [api, intervalMs]);

  return health;
}
