import type { CameraView, PushName } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { usePolling } from '../../api/use-polling';

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

const PUSHES: readonly PushName[] = ['cameras:changed'];

/** `cameras:list`, read every `intervalMs` after the previous answer, and at once on every `cameras:changed` push. */
export function useCameras(intervalMs = POLL_MS): Cameras {
  const polled = usePolling(async (api) => (await api.request('cameras:list', {})).cameras, intervalMs, PUSHES);
  return {
    cameras: polled.data,
    error: polled.error,
    loading: polled.data === null && polled.error === null,
    reload: polled.reload,
  };
}
