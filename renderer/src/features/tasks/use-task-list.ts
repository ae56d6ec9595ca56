import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskView } from '@contract/tasks-contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useReconnect } from '../../api/use-reconnect';
import { toApiError } from '../../api/use-request';
import type { TaskListFilter } from './task-filters';

/** Rows asked for per "load more". */
export const PAGE_SIZE = 200;
/** The most rows `tasks:list` returns in one answer. */
const MAX_LIMIT = 500;
/** How long a burst of `tasks:changed` pushes is gathered before the board is read again. */
const PUSH_SETTLE_MS = 250;

export interface TaskList {
  /** The rows loaded so far, soonest deadline first; empty until the first answer for this filter. */
  tasks: readonly TaskView[];
  /** All tasks matching the filter. */
  total: number;
  /** More rows can be loaded. */
  more: boolean;
  /** No answer yet for this filter. */
  loading: boolean;
  /** A read is running (load more, or a refresh after a change). */
  busy: boolean;
  error: ApiRequestError | null;
  loadMore: () => void;
  /** Reads the rows loaded so far again. */
  refresh: () => void;
}

interface Loaded {
  key: string;
  tasks: readonly TaskView[];
  total: number;
  next: string | null;
  error: ApiRequestError | null;
}

interface Page {
  tasks: TaskView[];
  total: number;
  next: string | null;
}

/**
 * The board's rows for one filter, page by page through `next`. A `tasks:changed` push (or the link coming back)
 * reads the rows already loaded again, so the visible page follows every change without polling. Reads run one at
 * a time, and answers for a filter no longer shown are dropped.
 */
export function useTaskList(filter: TaskListFilter): TaskList {
  const api = useApi();
  const key = JSON.stringify(filter);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const actions = useRef({ more: () => {}, refresh: () => {} });

  useEffect(() => {
    let alive = true;
    let chain = Promise.resolve();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let shown: Page = { tasks: [], total: 0, next: null };
    const listFilter = JSON.parse(key) as TaskListFilter;

    /** `count` rows from `after` on, in as many requests as the API's page limit needs. */
    const read = async (after: string | null, count: number): Promise<Page> => {
      const page: Page = { tasks: [], total: 0, next: after };
      do {
        const answer = await api.request('tasks:list', {
          filter: listFilter,
          limit: Math.min(MAX_LIMIT, count - page.tasks.length),
          after: page.next,
        });
        page.tasks.push(...answer.tasks);
        page.total = answer.total;
        page.next = answer.next;
      } while (alive && page.next !== null && page.tasks.length < count);
      return page;
    };

    const run = (op: () => Promise<Page>): void => {
      chain = chain.then(async () => {
        if (!alive) return;
        setBusyKey(key);
        try {
          const page = await op();
          if (!alive) return;
          shown = page;
          setLoaded({ key, ...page, error: null });
        } catch (failure) {
          if (alive) setLoaded({ key, ...shown, error: toApiError(failure) });
        } finally {
          if (alive) setBusyKey(null);
        }
      });
    };

    const refresh = (): void => run(() => read(null, Math.max(PAGE_SIZE, shown.tasks.length)));
    const more = (): void =>
      run(async () => {
        if (shown.next === null) return shown;
        const page = await read(shown.next, PAGE_SIZE);
        return { tasks: [...shown.tasks, ...page.tasks], total: page.total, next: page.next };
      });
    const later = (): void => {
      timer ??= setTimeout(() => {
        timer = null;
        refresh();
      }, PUSH_SETTLE_MS);
    };

    actions.current = { more, refresh };
    const unsubscribe = api.subscribe('tasks:changed', later);
    refresh();
    return () => {
      alive = false;
      if (timer !== null) clearTimeout(timer);
      unsubscribe();
    };
  }, [api, key]);

  const loadMore = useCallback(() => actions.current.more(), []);
  const refresh = useCallback(() => actions.current.refresh(), []);
  useReconnect(refresh);

  const current = loaded?.key === key ? loaded : null;
  return {
    tasks: current?.tasks ?? [],
    total: current?.total ?? 0,
    more: current?.next != null,
    loading: current === null,
    busy: busyKey === key,
    error: current?.error ?? null,
    loadMore,
    refresh,
  };
}
