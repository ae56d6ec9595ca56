/**
 * The camera watchdog as a pure state machine: `step(state, event, now)` returns the next state and the effects
 * (start ffmpeg, stop it, reconnect later, raise a signal) as data. The supervisor that runs ffmpeg carries the
 * effects out; this file does no I/O and reads no clock, so a recorded sequence of events always replays the same.
 *
 * Rules (Frigate's CameraWatchdog does the same job):
 * - any ffmpeg exit, code 0 included, is a disconnect; so is "no frame for `stallTimeoutS`" (a stall);
 * - reconnects back off exponentially with jitter, from `backoffInitialS` up to `backoffMaxS`; the delay resets
 *   once the camera has streamed for `healthyResetS` in one go;
 * - a camera that stays without frames past `offlineDebounceS` raises one `camera-offline`, and one
 *   `camera-back` when frames come again.
 */
import { z } from 'zod';

export const WatchdogConfigSchema = z.strictObject({
  stallTimeoutS: z.number().min(2).max(120).default(10).describe('No frame for this long counts as a stall.'),
  backoffInitialS: z.number().min(0.1).max(60).default(1).describe('First reconnect delay.'),
  backoffMaxS: z.number().min(1).max(600).default(30).describe('Longest reconnect delay.'),
  healthyResetS: z
    .number()
    .min(1)
    .max(3600)
    .default(60)
    .describe('Streaming this long without a break resets the reconnect delay to the first one.'),
  offlineDebounceS: z
    .number()
    .min(0)
    .max(86_400)
    .default(300)
    .describe('A camera without frames for this long is reported offline (once), for a maintenance task.'),
});
export type WatchdogConfig = z.output<typeof WatchdogConfigSchema>;

export type CameraState = 'disabled' | 'connecting' | 'streaming' | 'stalled' | 'offline';

export type WatchdogEvent =
  | { type: 'enable' }
  | { type: 'disable' }
  /** `run` is the id of the ffmpeg run the frame or the exit belongs to (from `start-ffmpeg`). */
  | { type: 'frame'; run: number }
  | { type: 'exited'; run: number; code: number | null }
  /** Time passes: checks stalls, due reconnects and the offline debounce. */
  | { type: 'tick' };

export type WatchdogEffect =
  | { type: 'start-ffmpeg'; run: number }
  | { type: 'stop-ffmpeg'; reason: 'stalled' | 'disabled' }
  | { type: 'reconnect-scheduled'; atMs: number; delayMs: number }
  | { type: 'state-changed'; from: CameraState; to: CameraState }
  | { type: 'camera-offline'; sinceMs: number }
  | { type: 'camera-back'; offlineForMs: number };

export interface WatchdogState {
  state: CameraState;
  /** Id of the latest ffmpeg run; frames and exits of older runs are ignored. */
  run: number;
  /** When the current ffmpeg run started, or null when none runs. */
  runStartedAt: number | null;
  lastFrameAt: number | null;
  /** Start of the current unbroken streaming spell. */
  streamingSince: number | null;
  /** Since when the camera has had no frames (connect attempts included); null while streaming. */
  downSince: number | null;
  reconnectAt: number | null;
  /** Failed attempts since the last healthy spell: the exponent of the next delay. */
  attempts: number;
  offlineSignalled: boolean;
}

export interface StepResult {
  state: WatchdogState;
  effects: WatchdogEffect[];
}

export function initialWatchdog(): WatchdogState {
  return {
    state: 'disabled',
    run: 0,
    runStartedAt: null,
    lastFrameAt: null,
    streamingSince: null,
    downSince: null,
    reconnectAt: null,
    attempts: 0,
    offlineSignalled: false,
  };
}

/** The delay before reconnect attempt `attempts` (0-based): exponential, capped, with ±20 % jitter. */
export function backoffMs(config: WatchdogConfig, attempts: number, random: number): number {
  const base = Math.min(config.backoffMaxS, config.backoffInitialS * 2 ** attempts) * 1000;
  const jitter = 1 + (Math.min(Math.max(random, 0), 1) * 2 - 1) * 0.2;
  return Math.round(Math.min(config.backoffMaxS * 1000, base * jitter));
}

function withState(s: WatchdogState, to: CameraState, effects: WatchdogEffect[]): WatchdogState {
  if (s.state !== to) effects.push({ type: 'state-changed', from: s.state, to });
  return { ...s, state: to };
}

function start(s: WatchdogState, now: number, effects: WatchdogEffect[]): WatchdogState {
  const run = s.run + 1;
  effects.push({ type: 'start-ffmpeg', run });
  const next = s.state === 'offline' ? s : withState(s, 'connecting', effects);
  return { ...next, run, runStartedAt: now, lastFrameAt: null, reconnectAt: null, downSince: s.downSince ?? now };
}

/** ffmpeg is gone (exited, or stopped for a stall): wait, then try again. */
function disconnect(s: WatchdogState, c: WatchdogConfig, now: number, random: number, effects: WatchdogEffect[]) {
  const delayMs = backoffMs(c, s.attempts, random);
  effects.push({ type: 'reconnect-scheduled', atMs: now + delayMs, delayMs });
  const keep = s.state === 'offline' || s.state === 'stalled' ? s.state : 'connecting';
  const next = withState(s, keep, effects);
  return {
    ...next,
    runStartedAt: null,
    streamingSince: null,
    downSince: s.downSince ?? now,
    reconnectAt: now + delayMs,
    attempts: s.attempts + 1,
  };
}

function onFrame(s: WatchdogState, now: number, effects: WatchdogEffect[]): WatchdogState {
  if (s.runStartedAt === null) return s; // a late frame from a run already stopped
  let next = s;
  if (s.state !== 'streaming') {
    if (s.offlineSignalled && s.downSince !== null) {
      effects.push({ type: 'camera-back', offlineForMs: now - s.downSince });
    }
    next = { ...withState(s, 'streaming', effects), streamingSince: now, downSince: null, offlineSignalled: false };
  }
  return { ...next, lastFrameAt: now };
}

function onTick(s: WatchdogState, c: WatchdogConfig, now: number, random: number, effects: WatchdogEffect[]) {
  let next = s;
  if (s.state === 'disabled') return next;
  if (next.streamingSince !== null && next.attempts > 0 && now - next.streamingSince >= c.healthyResetS * 1000) {
    next = { ...next, attempts: 0 };
  }
  const lastSign = next.lastFrameAt ?? next.runStartedAt;
  if (next.runStartedAt !== null && lastSign !== null && now - lastSign >= c.stallTimeoutS * 1000) {
    effects.push({ type: 'stop-ffmpeg', reason: 'stalled' });
    const stalled = next.state === 'offline' ? next : withState(next, 'stalled', effects);
    next = disconnect(stalled, c, now, random, effects);
  } else if (next.runStartedAt === null && next.reconnectAt !== null && now >= next.reconnectAt) {
    next = start(next, now, effects);
  }
  if (!next.offlineSignalled && next.downSince !== null && now - next.downSince >= c.offlineDebounceS * 1000) {
    effects.push({ type: 'camera-offline', sinceMs: next.downSince });
    next = { ...withState(next, 'offline', effects), offlineSignalled: true };
  }
  return next;
}

/**
 * One step. `random` in [0, 1) feeds the reconnect jitter (pass Math.random() in production, a constant in
 * tests).
 */
export function step(
  s: WatchdogState,
  event: WatchdogEvent,
  now: number,
  config: WatchdogConfig,
  random = 0.5,
): StepResult {
  const effects: WatchdogEffect[] = [];
  let next: WatchdogState;
  switch (event.type) {
    case 'enable':
      next = s.state === 'disabled' ? start({ ...initialWatchdog(), run: s.run }, now, effects) : s;
      break;
    case 'disable':
      if (s.runStartedAt !== null) effects.push({ type: 'stop-ffmpeg', reason: 'disabled' });
      next = { ...withState(s, 'disabled', effects), ...initialWatchdog(), run: s.run };
      break;
    case 'frame':
      next = event.run === s.run ? onFrame(s, now, effects) : s;
      break;
    case 'exited':
      next =
        event.run !== s.run || s.runStartedAt === null || s.state === 'disabled'
          ? s
          : disconnect(s, config, now, random, effects);
      break;
    case 'tick':
      next = onTick(s, config, now, random, effects);
      break;
    default:
      return assertNever(event);
  }
  return { state: next, effects };
}

function assertNever(value: never): never {
  throw new Error(`unexpected watchdog event ${JSON.stringify(value)}`);
}
