import { useEffect, useState } from 'react';
import type { ChannelOutput, PhoneClient } from '../api/phone-client';

export type TaskDetail = ChannelOutput<'me:task'>;

export interface TaskState {
  detail: TaskDetail | null;
  error: string | null;
}

/** One own task with its evidence and trail; read again whenever `version` changes. */
export function useTask(
  client: PhoneClient,
  id: string,
  version: number,
  onAuthLost: (reason: string) => void,
): TaskState {
  const [state, setState] = useState<TaskState & { id: string | null }>({ detail: null, error: null, id: null });
  useEffect(() => {
    let current = true;
    void client.request('me:task', { id }).then((outcome) => {
      if (!current) return;
      if (outcome.kind === 'ok') setState({ detail: outcome.value, error: null, id });
      else if (outcome.kind === 'auth') onAuthLost(outcome.reason);
      else setState((before) => ({ ...before, error: outcome.reason }));
    });
    return () => {
      current = false;
    };
  }, [client, id, version, onAuthLost]);
  return state.id === id ? state : { detail: null, error: state.error };
}
