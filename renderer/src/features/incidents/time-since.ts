/** How long ago something started, in the largest unit that fits, with the next unit beside it. */
export type Elapsed =
  | { unit: 'seconds'; value: number }
  | { unit: 'minutes'; value: number; seconds: number }
  | { unit: 'hours'; value: number; minutes: number }
  | { unit: 'days'; value: number; hours: number };

/** `sinceMs` to `nowMs`, never negative (a clock a little behind the engine's shows 0 seconds). */
export function elapsed(sinceMs: number, nowMs: number): Elapsed {
  const s = Math.max(0, Math.floor((nowMs - sinceMs) / 1000));
  if (s < 60) return { unit: 'seconds', value: s };
  const m = Math.floor(s / 60);
  if (m < 60) return { unit: 'minutes', value: m, seconds: s % 60 };
  const h = Math.floor(m / 60);
  if (h < 24) return { unit: 'hours', value: h, minutes: m % 60 };
  return { unit: 'days', value: Math.floor(h / 24), hours: h % 24 };
}

/** A duration in seconds as `m:ss` (or `h:mm:ss`), whole seconds down, as a player shows it. */
export function clockOf(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number): string => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
