import { useEffect } from 'react';
import type { RequestOutput } from '@contract/contract';
import { useApi } from '../../api/use-api';
import { useReconnect } from '../../api/use-reconnect';
import { useRequest, type RequestHandle } from '../../api/use-request';

export type IncidentDetailData = RequestOutput<'incidents:get'>;

/** One incident with its reviews and task id, read again whenever a push says it changed or was reviewed. */
export function useIncidentDetail(id: string): RequestHandle<IncidentDetailData> {
  const api = useApi();
  const detail = useRequest('incidents:get', { id });
  const { reload } = detail;
  useReconnect(reload);
  useEffect(() => {
    const offChanged = api.subscribe('incidents:changed', (change) => {
      if (change.id === id) reload();
    });
    const offReviewed = api.subscribe('incidents:reviewed', (change) => {
      if (change.id === id) reload();
    });
    // a task made for the incident after the page opened
    const offTasks = api.subscribe('tasks:changed', (change) => {
      if (change.change === 'created') reload();
    });
    return () => {
      offChanged();
      offReviewed();
      offTasks();
    };
  }, [api, id, reload]);
  return detail;
}
