import { useCallback, useEffect, useState } from 'react';
import type { Channel, RequestInput, RequestOutput } from '@contract/contract';
import { ApiRequestError } from './client';
import { useApi } from './use-api';

export interface RequestState<T> {
  /** The last good answer; kept while a refresh runs or after a refresh failed. */
  data: T | null;
  /** When `data` arrived (ms since the epoch, this machine's clock). */
  receivedAt: number | null;
  error: ApiRequestError | null;
  loading: boolean;
}

export interface RequestHandle<T> extends RequestState<T> {
  reload: () => void;
}

interface Settled<T> {
  data: T | null;
  receivedAt: number | null;
  error: ApiRequestError | null;
  /** Which call (generation and input) this is the answer to. */
  call: string | null;
}

/** Runs one request when mounted, when its input changes and on `reload()`; superseded answers are dropped. */
export function useRequest<C extends Channel>(channel: C, input: RequestInput<C>): RequestHandle<RequestOutput<C>> {
  const api = useApi();
  const inputKey = JSON.stringify(input);
  const [generation, setGeneration] = useState(0);
  const call = `${generation}:${channel}:${inputKey}`;
  const [settled, setSettled] = useState<Settled<RequestOutput<C>>>({
    data: null,
    receivedAt: null,
    error: null,
    call: null,
  });

  useEffect(() => {
    let current = true;
    api.request(channel, JSON.parse(inputKey) as RequestInput<C>).then(
      (data) => {
        if (current) setSettled({ data, receivedAt: Date.now(), error: null, call });
      },
      (error: unknown) => {
        if (current) setSettled((previous) => ({ ...previous, error: toApiError(error), call }));
      },
    );
    return () => {
      current = false;
    };
  }, [api, channel, inputKey, call]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const { data, receivedAt, error } = settled;
  return { data, receivedAt, error, loading: settled.call !== call, reload };
}

export function toApiError(error: unknown): ApiRequestError {
  if (error instanceof ApiRequestError) return error;
  return new ApiRequestError('INTERNAL', error instanceof Error ? error.message : String(error));
}
