import { useEffect, useRef } from 'react';
import { useApi } from './use-api';

/**
 * Calls `onReconnect` when the push link comes back after it was lost, so that a screen can reload what it
 * may have missed meanwhile. The first connection does not count.
 */
export function useReconnect(onReconnect: () => void): void {
  const api = useApi();
  const callback = useRef(onReconnect);
  useEffect(() => {
    callback.current = onReconnect;
  });

  useEffect(() => {
    let wasOpen = false;
    let lost = false;
    return api.onLinkState((state) => {
      if (state === 'open') {
        if (lost) callback.current();
        wasOpen = true;
        lost = false;
      } else if (wasOpen) {
        lost = true;
      }
    });
  }, [api]);
}
