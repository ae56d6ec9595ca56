import { useEffect, useState } from 'react';
import { BOX_FADE_MS, BOX_HOLD_MS } from './wall-boxes';

const TICK_MS = 200;

/** The time for fading boxes: ticks while the newest ones (arrived at `lastArrival`) are on screen, then rests. */
export function useFadeClock(lastArrival: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (lastArrival === 0) return;
    const until = lastArrival + BOX_HOLD_MS + BOX_FADE_MS;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at > until) clearInterval(timer);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [lastArrival]);
  return now;
}
