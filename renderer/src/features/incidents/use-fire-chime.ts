import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/use-api';
import { playChime } from './chime';
import { readMuted, shouldChime, writeMuted, type KeyValueStore } from './sound-policy';

function localStore(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export interface FireChime {
  muted: boolean;
  setMuted: (muted: boolean) => void;
  /** How many times it sounded since the page opened (shown to assistive technology and tests). */
  sounded: number;
}

/** Sounds for each new fire incident the engine pushes, unless muted; the mute choice survives a reload. */
export function useFireChime(): FireChime {
  const api = useApi();
  const [muted, setMutedState] = useState(() => readMuted(localStore()));
  const [sounded, setSounded] = useState(0);
  const mutedNow = useRef(muted);
  const done = useRef(new Set<string>());
  useEffect(() => {
    mutedNow.current = muted;
  }, [muted]);
  useEffect(
    () =>
      api.subscribe('incidents:changed', (change) => {
        if (!shouldChime(change, mutedNow.current, done.current)) return;
        done.current.add(change.id);
        playChime();
        setSounded((n) => n + 1);
      }),
    [api],
  );
  const setMuted = useCallback((next: boolean) => {
    writeMuted(localStore(), next);
    setMutedState(next);
  }, []);
  return { muted, setMuted, sounded };
}
