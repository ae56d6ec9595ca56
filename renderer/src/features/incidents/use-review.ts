import { useCallback, useState } from 'react';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';
import type { ReviewVerdict } from '../../../../electron/domain/incident-review';
import type { FalseAlarmReason } from '../../../../electron/domain/task-lifecycle';
import { ACTING_OPERATOR } from '../tasks/acting-operator';

export type ReviewState =
  | { kind: 'idle' }
  | { kind: 'sending'; id: string }
  | { kind: 'done'; id: string; verdict: ReviewVerdict; reason: FalseAlarmReason | null }
  | { kind: 'failed'; id: string; error: ApiRequestError };

export interface Review {
  state: ReviewState;
  send: (id: string, verdict: ReviewVerdict, reason?: FalseAlarmReason, note?: string) => Promise<boolean>;
}

/** Sends the acting operator's verdict on an incident (`incidents:review`) and keeps how it went. */
export function useReview(onDone?: () => void): Review {
  const api = useApi();
  const [state, setState] = useState<ReviewState>({ kind: 'idle' });
  const send = useCallback(
    async (id: string, verdict: ReviewVerdict, reason?: FalseAlarmReason, note?: string): Promise<boolean> => {
      setState({ kind: 'sending', id });
      try {
        await api.request('incidents:review', {
          id,
          reviewer: { id: ACTING_OPERATOR.id, name: ACTING_OPERATOR.name },
          verdict,
          ...(verdict === 'dismissed' ? { reason: reason ?? 'other' } : {}),
          ...(note && note.trim() ? { note: note.trim() } : {}),
        });
        setState({ kind: 'done', id, verdict, reason: verdict === 'dismissed' ? (reason ?? 'other') : null });
        onDone?.();
        return true;
      } catch (failure) {
        setState({ kind: 'failed', id, error: toApiError(failure) });
        return false;
      }
    },
    [api, onDone],
  );
  return { state, send };
}
