import { useRef } from 'react';
import type { CameraView, ModelStatus, PushName } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { usePolling } from '../../api/use-polling';
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

const PUSHES: readonly PushName[] = ['cameras:changed', 'camera:offline', 'camera:back'];

/**
 * `cameras:list` and `models:list` together, every `intervalMs` after the previous answer, and at once on
 * `cameras:changed`, `camera:offline` and `camera:back`. Only the latest read's answer is kept.
 */
export function useHealth(intervalMs = HEALTH_POLL_MS): Health {
  const samples = useRef<Map<string, ProcessedSample>>(new Map());
  const polled = usePolling(
    async (api) => {
      const [cameraList, modelList] = await Promise.all([
        api.request('cameras:list', {}),
        api.request('models:list', {}),
      ]);
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
      return { cameras: cameraList.cameras, models: modelList.models, rates };
    },
    intervalMs,
    PUSHES,
  );
  return {
    cameras: polled.data?.cameras ?? null,
    models: polled.data?.models ?? null,
    rates: polled.data?.rates ?? {},
    error: polled.error,
    updatedAt: polled.updatedAt,
  };
}
