import type { PushName, RequestOutput } from '@contract/contract';
import { usePolling, type Polled } from '../../api/use-polling';

const PUSHES: readonly PushName[] = ['inspectors:changed', 'grid:changed'];

/** `inspectors:list` at once on `inspectors:changed` / `grid:changed`, and every 30 s for "last seen". */
export function useInspectors(): Polled<RequestOutput<'inspectors:list'>> {
  return usePolling((api) => api.request('inspectors:list', {}), 30_000, PUSHES);
}
