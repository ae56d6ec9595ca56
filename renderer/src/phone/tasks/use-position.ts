import { useCallback, useEffect, useState } from 'react';

export type PositionState =
  | { kind: 'locating' }
  | { kind: 'located'; lat: number; lon: number; accuracyM: number }
  | { kind: 'failed'; reason: string }
  | { kind: 'unsupported' };

/** The phone's position from the browser (needs the secure context the LAN listener's HTTPS gives). */
export function usePosition(): { position: PositionState; locate: () => void } {
  const [position, setPosition] = useState<PositionState>(() =>
    'geolocation' in navigator ? { kind: 'locating' } : { kind: 'unsupported' },
  );
  const request = useCallback(() => {
    if (!('geolocation' in navigator)) return;
    navigator.geolocation.getCurrentPosition(
      (found) =>
        setPosition({
          kind: 'located',
          lat: found.coords.latitude,
          lon: found.coords.longitude,
          accuracyM: Math.round(found.coords.accuracy),
        }),
      (failure) => setPosition({ kind: 'failed', reason: failure.message || String(failure.code) }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  }, []);
  const locate = useCallback(() => {
    setPosition({ kind: 'locating' });
    request();
  }, [request]);
  useEffect(() => request(), [request]);
  return { position, locate };
}
