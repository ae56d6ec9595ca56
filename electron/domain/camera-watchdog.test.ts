import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  initialWatchdog,
  step,
  WatchdogConfigSchema,
  type WatchdogEffect,
  type WatchdogEvent,
  type WatchdogState,
} from './camera-watchdog';

const config = WatchdogConfigSchema.parse({});
const CURRENT = -1;

/** Replays events at given times; returns the final state and every effect with its time. */
function replay(events: [number, WatchdogEvent][], from: WatchdogState = initialWatchdog()) {
  let state = from;
  const effects: [number, WatchdogEffect][] = [];
  for (const [at, raw] of events) {
    // events written with run: CURRENT belong to whatever run is current at that moment
    const event = 'run' in raw && raw.run === CURRENT ? { ...raw, run: state.run } : raw;
    const r = step(state, event, at, config, 0.5);
    state = r.state;
    for (const e of r.effects) effects.push([at, e]);
  }
  return { state, effects };
}

const types = (effects: [number, WatchdogEffect][]) => effects.map(([, e]) => e.type);
const ticks = (from: number, to: number, every = 500): [number, WatchdogEvent][] => {
  const out: [number, WatchdogEvent][] = [];
  for (let t = from; t <= to; t += every) out.push([t, { type: 'tick' }]);
  return out;
};

describe('camera watchdog', () => {
  it('starts ffmpeg when enabled and streams on the first frame', () => {
    const { state, effects } = replay([
      [0, { type: 'enable' }],
      [400, { type: 'frame', run: CURRENT }],
    ]);
    expect(state.state).toBe('streaming');
    expect(effects).toEqual([
      [0, { type: 'start-ffmpeg', run: 1 }],
      [0, { type: 'state-changed', from: 'disabled', to: 'connecting' }],
      [400, { type: 'state-changed', from: 'connecting', to: 'streaming' }],
    ]);
  });

  it('treats every ffmpeg exit, code 0 included, as a disconnect and reconnects after the backoff', () => {
    const { state, effects } = replay([
      [0, { type: 'enable' }],
      [400, { type: 'frame', run: CURRENT }],
      [5000, { type: 'exited', run: CURRENT, code: 0 }],
      [5500, { type: 'tick' }],
      [6000, { type: 'tick' }],
    ]);
    expect(effects.filter(([, e]) => e.type === 'reconnect-scheduled')).toEqual([
      [5000, { type: 'reconnect-scheduled', atMs: 6000, delayMs: 1000 }],
    ]);
    expect(effects.filter(([, e]) => e.type === 'start-ffmpeg').map(([t]) => t)).toEqual([0, 6000]);
    expect(state.state).toBe('connecting');
  });

  it('backs off exponentially to the cap, with jitter, and resets after a healthy minute', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffMs(config, n, 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffMs(config, 0, 0)).toBe(800);
    expect(backoffMs(config, 0, 0.999)).toBeCloseTo(1200, -1);
    expect(backoffMs(config, 10, 0.999)).toBe(30000);

    // three failed attempts in a row: delays 1 s, 2 s, 4 s
    let t = 0;
    let s = step(initialWatchdog(), { type: 'enable' }, t, config).state;
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = step(s, { type: 'exited', run: s.run, code: 1 }, (t += 100), config);
      const scheduled = r.effects.find((e) => e.type === 'reconnect-scheduled');
      if (scheduled?.type === 'reconnect-scheduled') delays.push(scheduled.delayMs);
      s = step(r.state, { type: 'tick' }, (t = r.state.reconnectAt ?? t), config).state;
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    // now it streams for a minute: the next disconnect starts again at 1 s
    s = step(s, { type: 'frame', run: s.run }, (t += 100), config).state;
    for (let k = 0; k < 61; k++) {
      s = step(s, { type: 'frame', run: s.run }, (t += 1000), config).state;
      s = step(s, { type: 'tick' }, t, config).state;
    }
    const after = step(s, { type: 'exited', run: s.run, code: 0 }, (t += 100), config);
    expect(after.effects).toContainEqual({ type: 'reconnect-scheduled', atMs: t + 1000, delayMs: 1000 });
  });

  it('marks a stream that stops sending frames as stalled, stops ffmpeg and reconnects', () => {
    const { state, effects } = replay([
      [0, { type: 'enable' }],
      [500, { type: 'frame', run: CURRENT }],
      [1000, { type: 'frame', run: CURRENT }],
      ...ticks(1500, 12_000),
    ]);
    const stallAt = effects.find(([, e]) => e.type === 'stop-ffmpeg');
    expect(stallAt).toEqual([11_000, { type: 'stop-ffmpeg', reason: 'stalled' }]);
    expect(types(effects)).toContain('reconnect-scheduled');
    expect(effects).toContainEqual([11_000, { type: 'state-changed', from: 'streaming', to: 'stalled' }]);
    expect(effects.filter(([, e]) => e.type === 'start-ffmpeg').map(([t]) => t)).toEqual([0, 12_000]);
    expect(state.state).toBe('connecting');
    // a late exit of the stopped run is not a second disconnect
    const late = step(state, { type: 'exited', run: CURRENT, code: 255 }, 12_100, config);
    expect(late.effects.filter((e) => e.type === 'reconnect-scheduled')).toEqual([]);
  });

  it('a connection that never delivers a frame is stalled too', () => {
    const { effects } = replay([[0, { type: 'enable' }], ...ticks(500, 10_000)]);
    expect(effects).toContainEqual([10_000, { type: 'stop-ffmpeg', reason: 'stalled' }]);
  });

  it('raises camera-offline once after the debounce, and camera-back once when frames return', () => {
    const events: [number, WatchdogEvent][] = [
      [0, { type: 'enable' }],
      [500, { type: 'frame', run: CURRENT }],
    ];
    // the server goes away at 1 s: every attempt exits at once
    let t = 1000;
    events.push([t, { type: 'exited', run: CURRENT, code: 1 }]);
    for (; t < 400_000; t += 1000) {
      events.push([t, { type: 'tick' }]);
      events.push([t + 10, { type: 'exited', run: CURRENT, code: 1 }]);
    }
    const down = replay(events);
    const offline = down.effects.filter(([, e]) => e.type === 'camera-offline');
    expect(offline).toHaveLength(1);
    expect(offline[0]?.[0]).toBe(301_000);
    expect(down.state.state).toBe('offline');
    // it comes back: the next attempt gets frames
    const due = down.state.reconnectAt ?? 0;
    const back = replay(
      [
        [due, { type: 'tick' }],
        [due + 300, { type: 'frame', run: CURRENT }],
        [due + 800, { type: 'frame', run: CURRENT }],
      ],
      down.state,
    );
    expect(back.effects.filter(([, e]) => e.type === 'camera-back')).toEqual([
      [due + 300, { type: 'camera-back', offlineForMs: due + 300 - 1000 }],
    ]);
    expect(back.state.state).toBe('streaming');
  });

  it('stops ffmpeg when disabled and ignores frames and exits afterwards', () => {
    const { state, effects } = replay([
      [0, { type: 'enable' }],
      [500, { type: 'frame', run: CURRENT }],
      [1000, { type: 'disable' }],
      [1200, { type: 'frame', run: CURRENT }],
      [1300, { type: 'exited', run: CURRENT, code: 0 }],
      ...ticks(1500, 400_000, 10_000),
    ]);
    expect(state.state).toBe('disabled');
    expect(effects.slice(-2)).toEqual([
      [1000, { type: 'stop-ffmpeg', reason: 'disabled' }],
      [1000, { type: 'state-changed', from: 'streaming', to: 'disabled' }],
    ]);
  });

  it('validates its configuration with bounds', () => {
    expect(config).toEqual({
      stallTimeoutS: 10,
      backoffInitialS: 1,
      backoffMaxS: 30,
      healthyResetS: 60,
      offlineDebounceS: 300,
    });
    expect(WatchdogConfigSchema.safeParse({ stallTimeoutS: 0 }).success).toBe(false);
  });
});
