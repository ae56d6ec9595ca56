import { useCallback, useEffect, useRef, useState } from 'react';
import type { PushName } from '@contract/contract';
import type { ApiClient, ApiRequestError } from './client';
import { useApi } from './use-api';
import { toApiError } from './use-request';

export interface Polled<T> {
  /** The last good answer; kept while a later read fails. Null until the first answer. */
  data: T | null;
  error: ApiRequestError | null;
  /** When `data` arrived (ms since the epoch, this machine's clock). */
  updatedAt: number | null;
  /** Reads now (and polls on from there). */
  reload: () => void;
}

/**
 * For figures the engine does not push: `read` runs every `intervalMs` after the previous answer, and at once on
 * each of the `pushes`. Only the latest read's answer is kept, so a slow answer never overwrites a newer one.
 * `read` may change between renders (the latest one is used); `pushes` should be a constant array.
 */
export function usePolling<T>(
  read: (api: ApiClient) => Promise<T>,
  intervalMs: number,
  pushes: readonly PushName[],
): Polled<T> {
  const api = useApi();
  const [state, setState] = useState<Omit<Polled<T>, 'reload'>>({ data: null, error: null, updatedAt: null });
  const readRef = useRef(read);
  useEffect(() => {
    readRef.current = read;
  });
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
      void readRef
        .current(api)
        .then(
          (data) => {
            if (current()) setState({ data, error: null, updatedAt: Date.now() });
          },
          (failure: unknown) => {
            if (current()) setState((previous) => ({ ...previous, error: toApiError(failure) }));
          },
        )
        .finally(() => {
          if (current()) timer = setTimeout(load, intervalMs);
        });
    };

    loadNow.current = load;
    const unsubscribes = pushes.map((name) => api.subscribe(name, load));
    load();
    return () => {
      active = false;
      if (timer !== null) clearTimeout(timer);
      for (const unsubscribe of unsubscribes) unsubscribe();
      loadNow.current = () => {};
    };
  }, [api, intervalMs, pushes]);

  const reload = useCallback(() => loadNow.current(), []);
  return { ...state, reload };
}
