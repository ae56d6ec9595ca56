import { useEffect } from 'react';
import { useApi } from '../../api/use-api';
import { useReconnect } from '../../api/use-reconnect';
import { useRequest, type RequestHandle } from '../../api/use-request';
import type { RequestOutput } from '@contract/contract';

export type TaskDetailData = RequestOutput<'tasks:get'>;

/** One task with its audit trail and evidence, read again whenever a push says that task changed. */
export function useTaskDetail(id: string): RequestHandle<TaskDetailData> {
  const api = useApi();
  const detail = useRequest('tasks:get', { id });
  const { reload } = detail;
  useReconnect(reload);
  useEffect(
    () =>
      api.subscribe('tasks:changed', (change) => {
        if (change.id === id) reload();
      }),
    [api, id, reload],
  );
  return detail;
}
