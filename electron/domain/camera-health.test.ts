import { describe, expect, it } from 'vitest';
import { emptyHealth, figures, grade, record, type HealthWindow } from './camera-health';

function framesAt(
  h: HealthWindow,
  from: number,
  to: number,
  fps: number,
  kind: 'frame-in' | 'frame-out',
): HealthWindow {
  let next = h;
  for (let t = from; t < to; t += 1000 / fps) next = record(next, kind, t);
  return next;
}

describe('camera health', () => {
  it('measures fps in and out over the last minute, and counts drops', () => {
    let h = framesAt(emptyHealth(), 0, 120_000, 2, 'frame-in');
    h = framesAt(h, 0, 120_000, 1, 'frame-out');
    h = record(h, 'drop', 120_000);
    const f = figures(h, 'streaming', 2, 120_000, 120_000);
    expect(f.fpsIn).toBeCloseTo(2, 1);
    expect(f.fpsOut).toBeCloseTo(1, 1);
    expect(f.dropped).toBe(1);
    expect(h.framesIn.length).toBeLessThanOrEqual(61);
  });

  it('counts reconnects and stalls of the last hour only', () => {
    let h = emptyHealth();
    for (const t of [0, 1000, 2_000_000, 3_000_000]) h = record(h, 'reconnect', t);
    h = record(h, 'stall', 3_500_000);
    const f = figures(h, 'streaming', 2, 3_700_000, 60_000);
    expect(f.reconnectsLastHour).toBe(2);
    expect(f.stallsLastHour).toBe(1);
  });

  it('uses the time streamed so far for a camera that just started', () => {
    const h = framesAt(emptyHealth(), 0, 10_000, 2, 'frame-in');
    expect(figures(h, 'streaming', 2, 10_000, 10_000).fpsIn).toBeCloseTo(2, 1);
  });

  it('grades the connection by the documented thresholds', () => {
    expect(grade('streaming', 1, 0)).toBe('excellent');
    expect(grade('streaming', 0.96, 0)).toBe('excellent');
    expect(grade('streaming', 0.9, 0)).toBe('fair');
    expect(grade('streaming', 1, 1)).toBe('fair');
    expect(grade('streaming', 0.7, 0)).toBe('poor');
    expect(grade('streaming', 1, 4)).toBe('poor');
    expect(grade('streaming', 0.4, 0)).toBe('unusable');
    expect(grade('streaming', 1, 11)).toBe('unusable');
    expect(grade('offline', 1, 0)).toBe('unusable');
    expect(grade('stalled', 0, 1)).toBe('unusable');
  });
});
