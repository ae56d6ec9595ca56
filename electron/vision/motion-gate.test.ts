import { describe, expect, it } from 'vitest';
import { MotionGateConfigSchema } from './motion-config';
import { MotionGate, type MotionDecision } from './motion-gate';
import type { RawFrame } from './types';

const W = 320;
const H = 180;

/** A textured gray scene (level 60…180), optionally with a dark square at (sx, sy) and a brightness offset. */
function scene(square?: { x: number; y: number; size: number }, offset = 0): RawFrame {
  const data = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const inSquare =
        square && x >= square.x && x < square.x + square.size && y >= square.y && y < square.y + square.size;
      const level = inSquare ? 10 : 60 + ((x * 7 + y * 3) % 120) + offset;
      data.fill(Math.min(255, level), (y * W + x) * 3, (y * W + x) * 3 + 3);
    }
  }
  return { width: W, height: H, data };
}

function run(gate: MotionGate, frames: RawFrame[], fps: number, t0 = 0): MotionDecision[] {
  return frames.map((f, i) => gate.step(f, t0 + (i * 1000) / fps));
}

describe('motion gate configuration', () => {
  it('has documented defaults and refuses values out of bounds', () => {
    const config = MotionGateConfigSchema.parse({});
    expect(config).toMatchObject({ analysisWidth: 160, fullScanIntervalS: 10, maxRegions: 6 });
    for (const field of Object.values(MotionGateConfigSchema.shape)) expect(field.description).toBeTruthy();
    expect(() => new MotionGate({ analysisWidth: 8 })).toThrow();
    expect(() => new MotionGate({ fullScanIntervalS: 0 })).toThrow();
    expect(() => new MotionGate({ pixelThreshold: 1.5 })).toThrow();
  });
});

describe('motion gate on synthetic frames', () => {
  it('runs on the first frame, then only on periodic full scans while nothing moves', () => {
    const gate = new MotionGate({ fullScanIntervalS: 10 });
    const still = scene();
    const decisions = run(gate, Array<RawFrame>(61).fill(still), 2);
    const runs = decisions.flatMap((d, i) => (d.run ? [{ t: i / 2, reason: d.reason }] : []));
    expect(runs).toEqual([
      { t: 0, reason: 'first-frame' },
      { t: 10, reason: 'periodic-scan' },
      { t: 20, reason: 'periodic-scan' },
      { t: 30, reason: 'periodic-scan' },
    ]);
    expect(decisions[0]?.regions).toEqual([{ x1: 0, y1: 0, x2: W, y2: H }]);
    expect(decisions[1]).toEqual({ run: false, reason: 'idle', regions: [], changedFraction: 0 });
    expect(gate.counters).toEqual({ frames: 61, runs: 4, skipped: 57, periodicScans: 3, lightChanges: 0 });
  });

  it('returns a padded region around a moving object, in source pixels, that follows it', () => {
    const gate = new MotionGate({ regionPadding: 0.02 });
    gate.step(scene(), 0);
    const first = gate.step(scene({ x: 40, y: 60, size: 30 }), 500);
    const second = gate.step(scene({ x: 200, y: 100, size: 30 }), 1000);
    expect(first.run).toBe(true);
    expect(first.reason).toBe('motion');
    expect(first.regions).toHaveLength(1);
    const [r] = first.regions;
    // the square (40..70, 60..90) inside, grown by about 0.02 · 320 ≈ 6 px and a cell (8 px) at most
    expect(r?.x1).toBeLessThanOrEqual(40);
    expect(r?.x1).toBeGreaterThanOrEqual(40 - 16);
    expect(r?.x2).toBeGreaterThanOrEqual(70);
    expect(r?.x2).toBeLessThanOrEqual(70 + 16);
    expect(r?.y1).toBeLessThanOrEqual(60);
    expect(r?.y2).toBeGreaterThanOrEqual(90);
    // the second frame sees the square where it is now (and where it was, which the background still holds)
    expect(second.regions.some((b) => b.x1 <= 200 && b.x2 >= 230 && b.y1 <= 100 && b.y2 >= 130)).toBe(true);
  });

  it('stops reporting an object that stopped moving', () => {
    const gate = new MotionGate();
    gate.step(scene(), 0);
    const parked = scene({ x: 100, y: 50, size: 40 });
    const decisions = run(gate, Array<RawFrame>(6).fill(parked), 2, 500);
    expect(decisions[0]?.reason).toBe('motion');
    expect(decisions.slice(1).every((d) => d.reason === 'idle')).toBe(true);
    const counting = new MotionGate({ dropStillRegions: false });
    counting.step(scene(), 0);
    expect(run(counting, Array<RawFrame>(6).fill(parked), 2, 500).every((d) => d.reason === 'motion')).toBe(true);
  });

  it('takes a change over most of the picture for a lighting change: one scan, then quiet', () => {
    const gate = new MotionGate({ compensateExposure: false, lightChangeCooldownS: 1 });
    const frames = [scene(), scene(), scene(undefined, 50), scene(undefined, 50), scene(undefined, 50)];
    const decisions = run(gate, [...frames, scene(undefined, 50)], 2);
    expect(decisions.map((d) => d.reason)).toEqual([
      'first-frame',
      'idle',
      'light-change',
      'light-change',
      'idle',
      'idle',
    ]);
    expect(decisions[2]).toMatchObject({ run: true, regions: [{ x1: 0, y1: 0, x2: W, y2: H }] });
    expect(decisions[2]?.changedFraction).toBeGreaterThan(0.9);
    expect(decisions[3]?.run).toBe(false);
    expect(gate.counters).toMatchObject({ runs: 2, lightChanges: 1 });
  });

  it('scans a change that stays large once per cool-down instead of going quiet', () => {
    const gate = new MotionGate({ compensateExposure: false, lightChangeCooldownS: 1 });
    // the whole picture changes on every frame (flicker, or a fire filling the view)
    const frames = Array.from({ length: 9 }, (_, i) => scene(undefined, (i % 2) * 60));
    const decisions = run(gate, frames, 2);
    expect(decisions.map((d) => (d.run ? d.reason : '-'))).toEqual([
      'first-frame',
      'light-change',
      '-',
      'light-change',
      '-',
      'light-change',
      '-',
      'light-change',
      '-',
    ]);
    expect(gate.counters.lightChanges).toBe(4);
  });

  it('with exposure compensation, a global brightness step is not even a change', () => {
    const gate = new MotionGate();
    const decisions = run(gate, [scene(), scene(undefined, 40), scene(undefined, 40)], 2);
    expect(decisions.slice(1).map((d) => [d.reason, d.changedFraction])).toEqual([
      ['idle', 0],
      ['idle', 0],
    ]);
  });

  it('can skip the scan on a lighting change', () => {
    const gate = new MotionGate({ compensateExposure: false, scanOnLightChange: false });
    const decisions = run(gate, [scene(), scene(undefined, 50)], 2);
    expect(decisions[1]).toMatchObject({ run: false, reason: 'light-change', regions: [] });
    expect(gate.counters.lightChanges).toBe(1);
  });

  it('starts over when the frame size changes, time goes backwards, or after reset()', () => {
    const gate = new MotionGate();
    gate.step(scene(), 1000);
    const small: RawFrame = { width: 32, height: 18, data: new Uint8Array(32 * 18 * 3) };
    expect(gate.step(small, 1500).reason).toBe('first-frame');
    expect(gate.step(small, 2000).reason).toBe('idle');
    expect(gate.step(small, 100).reason).toBe('first-frame');
    gate.reset();
    expect(gate.step(small, 200).reason).toBe('first-frame');
    expect(gate.counters).toMatchObject({ frames: 5, runs: 4, skipped: 1 });
  });

  it('refuses frames whose buffer does not match their size, and invalid times', () => {
    const gate = new MotionGate();
    expect(() => gate.step({ width: 4, height: 4, data: new Uint8Array(47) }, 0)).toThrow(/48 bytes, not 47/);
    expect(() => gate.step({ width: 0, height: 4, data: new Uint8Array(0) }, 0)).toThrow(/frame size/);
    expect(() => gate.step(scene(), Number.NaN)).toThrow(/frame time/);
  });
});
