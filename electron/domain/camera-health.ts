/**
 * Per-camera health figures over the last hour, and the connection-quality grade shown to technicians. Pure:
 * times come in as arguments.
 *
 * Grades (incidents = reconnects + stalls in the last hour; fps = frames delivered per second over the last
 * minute against the configured detect fps):
 * - unusable: offline or disabled, or fps under 50 % of the target, or more than 10 incidents;
 * - poor: fps under 80 %, or more than 3 incidents;
 * - fair: fps under 95 %, or at least 1 incident;
 * - excellent: otherwise.
 */
import type { CameraState } from './camera-watchdog';

export type ConnectionGrade = 'excellent' | 'fair' | 'poor' | 'unusable';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Frames counted per whole second: [second, count] pairs, oldest first, at most a minute of them. */
type SecondBuckets = readonly (readonly [number, number])[];

export interface HealthWindow {
  reconnects: number[];
  stalls: number[];
  /** Frames read from ffmpeg (in) and handed on downstream (out), per second over the last minute. */
  framesIn: SecondBuckets;
  framesOut: SecondBuckets;
  dropped: number;
}

export function emptyHealth(): HealthWindow {
  return { reconnects: [], stalls: [], framesIn: [], framesOut: [], dropped: 0 };
}

function prune(times: number[], since: number): number[] {
  let i = 0;
  while (i < times.length && (times[i] as number) < since) i += 1;
  return i === 0 ? times : times.slice(i);
}

function pruneBuckets(buckets: SecondBuckets, since: number): SecondBuckets {
  const first = Math.floor(since / 1000);
  return buckets.length > 0 && (buckets[0] as readonly [number, number])[0] < first
    ? buckets.filter(([second]) => second >= first)
    : buckets;
}

function countFrame(buckets: SecondBuckets, now: number): SecondBuckets {
  const second = Math.floor(now / 1000);
  const last = buckets[buckets.length - 1];
  if (last && last[0] === second) return [...buckets.slice(0, -1), [second, last[1] + 1]];
  return [...buckets, [second, 1]];
}

function framesSince(buckets: SecondBuckets, since: number): number {
  const first = Math.floor(since / 1000);
  return buckets.reduce((n, [second, count]) => (second >= first ? n + count : n), 0);
}

export type HealthEvent = 'reconnect' | 'stall' | 'frame-in' | 'frame-out' | 'drop';

/** Records one event at `now` and forgets what has left its window. */
export function record(h: HealthWindow, event: HealthEvent, now: number): HealthWindow {
  const next: HealthWindow = {
    reconnects: prune(h.reconnects, now - HOUR_MS),
    stalls: prune(h.stalls, now - HOUR_MS),
    framesIn: pruneBuckets(h.framesIn, now - MINUTE_MS),
    framesOut: pruneBuckets(h.framesOut, now - MINUTE_MS),
    dropped: h.dropped,
  };
  switch (event) {
    case 'reconnect':
      return { ...next, reconnects: [...next.reconnects, now] };
    case 'stall':
      return { ...next, stalls: [...next.stalls, now] };
    case 'frame-in':
      return { ...next, framesIn: countFrame(next.framesIn, now) };
    case 'frame-out':
      return { ...next, framesOut: countFrame(next.framesOut, now) };
    case 'drop':
      return { ...next, dropped: next.dropped + 1 };
  }
}

export interface HealthFigures {
  fpsIn: number;
  fpsOut: number;
  reconnectsLastHour: number;
  stallsLastHour: number;
  dropped: number;
  grade: ConnectionGrade;
}

/** Figures at `now`; `streamingForMs` limits the fps window for a camera that started less than a minute ago. */
export function figures(
  h: HealthWindow,
  state: CameraState,
  targetFps: number,
  now: number,
  streamingForMs: number,
): HealthFigures {
  const windowS = Math.max(1, Math.min(MINUTE_MS, streamingForMs) / 1000);
  const count = (times: number[], since: number) => times.filter((t) => t >= since).length;
  const fpsIn = framesSince(h.framesIn, now - windowS * 1000) / windowS;
  const fpsOut = framesSince(h.framesOut, now - windowS * 1000) / windowS;
  const reconnectsLastHour = count(h.reconnects, now - HOUR_MS);
  const stallsLastHour = count(h.stalls, now - HOUR_MS);
  return {
    fpsIn,
    fpsOut,
    reconnectsLastHour,
    stallsLastHour,
    dropped: h.dropped,
    grade: grade(state, fpsIn / targetFps, reconnectsLastHour + stallsLastHour),
  };
}

export function grade(state: CameraState, fpsShare: number, incidentsLastHour: number): ConnectionGrade {
  if (state === 'offline' || state === 'disabled' || fpsShare < 0.5 || incidentsLastHour > 10) return 'unusable';
  if (fpsShare < 0.8 || incidentsLastHour > 3) return 'poor';
  if (fpsShare < 0.95 || incidentsLastHour >= 1) return 'fair';
  return 'excellent';
}
