import { useEffect, useMemo, useRef } from 'react';
import type { IncidentReviewView, IncidentView } from '@contract/incidents-contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useReconnect } from '../../api/use-reconnect';
import { useRequest } from '../../api/use-request';
import { reviewsById, sortQueue } from './queue-order';
import { queueRequest, type QueueFilter } from './queue-filter';

export const QUEUE_LIMIT = 500;
/** Pushes come in bursts (an incident's alerts update several times a second): read the list at most this often. */
const RELOAD_EVERY_MS = 1000;

export interface IncidentQueue {
  incidents: readonly IncidentView[];
  /** The acting reviewer's review of each listed incident. */
  mine: ReadonlyMap<string, IncidentReviewView>;
  loading: boolean;
  error: ApiRequestError | null;
  reload: () => void;
}

/** The queue, newest first, read again when the engine pushes an incident change or a review. */
export function useIncidentQueue(filter: QueueFilter, reviewerId: string): IncidentQueue {
  const api = useApi();
  const input = useMemo(() => queueRequest(filter, reviewerId, QUEUE_LIMIT), [filter, reviewerId]);
  const list = useRequest('incidents:list', input);
  const { reload } = list;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useReconnect(reload);
  useEffect(() => {
    const soon = (): void => {
      if (timer.current !== null) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        reload();
      }, RELOAD_EVERY_MS);
    };
    const offChanged = api.subscribe('incidents:changed', soon);
    const offReviewed = api.subscribe('incidents:reviewed', reload);
    return () => {
      offChanged();
      offReviewed();
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [api, reload]);
  const incidents = useMemo(() => sortQueue(list.data?.incidents ?? []), [list.data]);
  const mine = useMemo(() => reviewsById(list.data?.reviews ?? []), [list.data]);
  return { incidents, mine, loading: list.loading && list.data === null, error: list.error, reload };
}
