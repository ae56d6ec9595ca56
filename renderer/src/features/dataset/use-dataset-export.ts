import { useCallback, useState } from 'react';
import type { RequestOutput } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';

export type DatasetExportResult = RequestOutput<'dataset:export'>;

export interface DatasetExportState {
  running: boolean;
  result: DatasetExportResult | null;
  error: ApiRequestError | null;
  run: (range: { since: string; until: string }) => void;
}

/** Runs `dataset:export` on demand; the last result or error stays until the next run. */
export function useDatasetExport(): DatasetExportState {
  const api = useApi();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<DatasetExportResult | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const run = useCallback(
    (range: { since: string; until: string }) => {
      setRunning(true);
      setError(null);
      api.request('dataset:export', range).then(
        (data) => {
          setResult(data);
          setRunning(false);
        },
        (failure: unknown) => {
          setError(toApiError(failure));
          setRunning(false);
        },
      );
    },
    [api],
  );
  return { running, result, error, run };
}
