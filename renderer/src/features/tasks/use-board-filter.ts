import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { changeFilter, filterParams, parseFilter, type BoardFilter } from './task-filters';

interface Held {
  filter: BoardFilter;
  /** The URL query the filter was last taken from or checked against. */
  search: string;
  /** Queries this hook wrote that the URL has not shown yet. */
  own: readonly string[];
}

/**
 * The board's filter, kept in the URL query. The router applies URL changes as transitions, a moment later, so the
 * filter is also held here and the controls follow a click at once; a query the hook did not write itself (back,
 * a bookmark) replaces it.
 */
export function useBoardFilter(
  townshipOfCell: (cellCode: string) => string | null,
): [BoardFilter, (change: Partial<BoardFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const [held, setHeld] = useState<Held>(() => ({ filter: parseFilter(params), search, own: [] }));
  let current = held;
  if (search !== held.search) {
    const at = held.own.indexOf(search);
    current =
      at >= 0
        ? { filter: held.filter, search, own: held.own.slice(at + 1) }
        : { filter: parseFilter(params), search, own: [] };
    setHeld(current);
  }
  const filter = current.filter;

  const change = useCallback(
    (partial: Partial<BoardFilter>) => {
      const next = changeFilter(filter, partial, townshipOfCell);
      const query = filterParams(next);
      if (query.toString() === filterParams(filter).toString()) return;
      setHeld((now) => ({ ...now, filter: next, own: [...now.own, query.toString()] }));
      setParams(query, { replace: true });
    },
    [filter, townshipOfCell, setParams],
  );
  return [filter, change];
}
