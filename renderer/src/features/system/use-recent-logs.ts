import { useCallback, useEffect, useState } from 'react';
import { LOG_LEVELS, type LogEntry, type LogLevel } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';

/** How many lines the list keeps while live lines keep arriving. */
export const MAX_LOG_LINES = 200;
const MIN_LEVEL: LogLevel = 'info';

export interface RecentLogs {
  /** Newest first. */
  entries: readonly LogEntry[];
  loading: boolean;
  error: ApiRequestError | null;
  reload: () => void;
}

/** The last `limit` log lines from `logs:recent`, then every `log:written` push, newest first. */
export function useRecentLogs(limit: number): RecentLogs {
  const api = useApi();
  const [entries, setEntries] = useState<readonly LogEntry[]>([]);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [generation, setGeneration] = useState(0);
  const call = `${generation}:${limit}`;
  const [settledCall, setSettledCall] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    let loaded = false;
    const early: LogEntry[] = [];
    const unsubscribe = api.subscribe('log:written', (entry) => {
      if (!atLeast(entry.level, MIN_LEVEL)) return;
      if (loaded) setEntries((current) => merge(current, [entry]));
      else early.push(entry);
    });
    api.request('logs:recent', { limit, minLevel: MIN_LEVEL }).then(
      (result) => {
        if (!active) return;
        loaded = true;
        setEntries(merge(result.entries, early));
        setError(null);
        setSettledCall(call);
      },
      (failure: unknown) => {
        if (!active) return;
        loaded = true;
        setEntries((current) => merge(current, early));
        setError(toApiError(failure));
        setSettledCall(call);
      },
    );
    return () => {
      active = false;
      unsubscribe();
    };
  }, [api, limit, call]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { entries, loading: settledCall !== call, error, reload };
}

function atLeast(level: LogLevel, min: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(min);
}

/** Identity of a log line, for de-duplication and as a React key. */
export function keyOf(entry: LogEntry): string {
  return `${entry.time}\u0000${entry.level}\u0000${entry.module ?? ''}\u0000${entry.msg}`;
}

/** Union of both lists without duplicates, newest first, at most `MAX_LOG_LINES`. */
export function merge(current: readonly LogEntry[], incoming: readonly LogEntry[]): LogEntry[] {
  const seen = new Set<string>();
  const all: LogEntry[] = [];
  for (const entry of [...incoming, ...current]) {
    const key = keyOf(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(entry);
  }
  // The sort is stable: lines of the same millisecond keep their order.
  all.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  return all.slice(0, MAX_LOG_LINES);
}
