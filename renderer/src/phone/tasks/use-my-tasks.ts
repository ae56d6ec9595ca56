import { useCallback, useEffect, useRef, useState } from 'react';
import type { MeTask } from '@contract/inspector-contract';
import type { PhoneClient } from '../api/phone-client';
import { openPhoneSocket } from '../api/phone-socket';
import type { PhoneDb } from '../queue/phone-db';
import type { QueuedAction } from '../queue/queued-action';
import { TASKS_KEY } from '../session';

interface CachedTasks {
  tasks: MeTask[];
  /** Server time minus this phone's time when the list was read (ms). */
  clockOffsetMs: number;
  /** When the list was read (ISO, the phone's clock). */
  loadedAt: string;
}

export interface MyTasks {
  tasks: MeTask[] | null;
  clockOffsetMs: number;
  loadedAt: string | null;
  /** Why the last read failed; the list shown is then the one read before. */
  error: string | null;
  loading: boolean;
  /** Tasks that arrived over the WebSocket since the inspector last looked. */
  newIds: ReadonlySet<string>;
  clearNew: () => void;
  reload: () => void;
  /** Bumped on every pushed change, so an open task reads itself again. */
  changes: number;
}

/**
 * The inspector's tasks: read on load, again on every pushed change and after the queue sent something; the
 * last list is kept in IndexedDB so the phone still shows it without a network.
 */
export function useMyTasks(
  db: PhoneDb<QueuedAction>,
  client: PhoneClient,
  baseUrl: string,
  token: string | null,
  onAuthLost: (reason: string) => void,
): MyTasks {
  const [cache, setCache] = useState<CachedTasks | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [newIds, setNewIds] = useState<ReadonlySet<string>>(new Set());
  const [changes, setChanges] = useState(0);
  const generation = useRef(0);

  /** Reads the list; state changes only when the answer comes. */
  const load = useCallback(() => {
    const call = ++generation.current;
    void client.request('me:tasks', {}).then(async (outcome) => {
      if (call !== generation.current) return;
      setLoading(false);
      if (outcome.kind === 'ok') {
        const fresh: CachedTasks = {
          tasks: outcome.value.tasks,
          clockOffsetMs: Date.parse(outcome.value.serverTime) - Date.now(),
          loadedAt: new Date().toISOString(),
        };
        setCache(fresh);
        setError(null);
        await db.setSetting(TASKS_KEY, fresh);
      } else if (outcome.kind === 'auth') onAuthLost(outcome.reason);
      else setError(outcome.reason);
    });
  }, [client, db, onAuthLost]);

  const reload = useCallback(() => {
    setLoading(true);
    load();
  }, [load]);

  useEffect(() => {
    void db.getSetting<CachedTasks>(TASKS_KEY).then((stored) => {
      if (stored !== undefined) setCache((current) => current ?? stored);
    });
  }, [db]);

  useEffect(() => {
    if (token === null) return;
    load();
    return openPhoneSocket({
      baseUrl,
      token,
      onReady: load,
      onAuthLost,
      onTaskChanged: (change) => {
        if (change.assigned) setNewIds((current) => new Set([...current, change.id]));
        if (change.removed) {
          setNewIds((current) => new Set([...current].filter((id) => id !== change.id)));
        }
        setChanges((count) => count + 1);
        load();
      },
    });
  }, [baseUrl, token, load, onAuthLost]);

  const clearNew = useCallback(() => setNewIds(new Set()), []);

  return {
    tasks: cache?.tasks ?? null,
    clockOffsetMs: cache?.clockOffsetMs ?? 0,
    loadedAt: cache?.loadedAt ?? null,
    error,
    loading,
    newIds,
    clearNew,
    reload,
    changes,
  };
}
