/**
 * The motion gate on real video (fixtures/clips, decoded with the project's ffmpeg at a low frame rate): a still
 * scene with sensor noise, people walking, and lighting changes.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeVideoFrames } from '../../electron/media/frame-source';
import type { MotionGateConfigInput } from '../../electron/vision/motion-config';
import { MotionGate, type MotionCounters, type MotionDecision } from '../../electron/vision/motion-gate';
import type { Box } from '../../electron/vision/types';

const CLIPS = resolve(import.meta.dirname, '../../fixtures/clips');

interface Step extends MotionDecision {
  t: number;
}

async function gateClip(name: string, fps: number, config: MotionGateConfigInput = {}) {
  const gate = new MotionGate(config);
  const steps: Step[] = [];
  let size = { width: 0, height: 0 };
  for await (const frame of decodeVideoFrames(resolve(CLIPS, name), { fps })) {
    size = { width: frame.width, height: frame.height };
    steps.push({ t: frame.timeMs / 1000, ...gate.step(frame, frame.timeMs) });
  }
  const counters: MotionCounters = gate.counters;
  return { steps, counters, frameArea: size.width * size.height };
}

function area(b: Box): number {
  return Math.max(0, b.x2 - b.x1) * Math.max(0, b.y2 - b.y1);
}

/** Fraction of `target` covered by `regions` (merged regions do not overlap one another). */
function coverage(target: Box, regions: Box[]): number {
  const inside = regions.reduce((sum, r) => {
    const overlap = { x1: Math.max(r.x1, target.x1), y1: Math.max(r.y1, target.y1) };
    return sum + area({ ...overlap, x2: Math.min(r.x2, target.x2), y2: Math.min(r.y2, target.y2) });
  }, 0);
  return inside / area(target);
}

function at(steps: Step[], t: number): Step {
  const step = steps.find((s) => Math.abs(s.t - t) < 1e-6);
  if (!step) throw new Error(`no frame at ${t} s`);
  return step;
}

const runsBetween = (steps: Step[], from: number, to: number) => steps.filter((s) => s.run && s.t >= from && s.t < to);

describe('motion gate on a still scene with sensor noise', () => {
  it('runs the detector only on the first frame and the periodic full scans', async () => {
    const { steps, counters } = await gateClip('static_room_noise_intel.mp4', 2);
    const duration = steps.at(-1)?.t ?? 0;
    expect(steps).toHaveLength(62);
    const expected = 1 + Math.floor(duration / 10);
    expect(counters.runs).toBeGreaterThanOrEqual(expected);
    expect(counters.runs).toBeLessThanOrEqual(expected + 1);
    expect(new Set(steps.filter((s) => s.run).map((s) => s.reason))).toEqual(new Set(['first-frame', 'periodic-scan']));
    expect(counters).toMatchObject({ frames: 62, skipped: 62 - counters.runs, lightChanges: 0 });
  });
});

describe('motion gate on people walking', () => {
  it('covers the two people in the corridor with regions much smaller than the frame, following them', async () => {
    const { steps, frameArea } = await gateClip('corridor_walk_intel.mp4', 4);
    const moving = steps.filter((s) => s.reason === 'motion');
    expect(moving.length).toBeGreaterThanOrEqual(8);
    for (const s of moving) expect(s.regions.reduce((sum, r) => sum + area(r), 0)).toBeLessThan(0.5 * frameArea);
    // people boxes read off the frames by hand (480x270)
    const people: [number, Box[]][] = [
      [
        1.0,
        [
          { x1: 205, y1: 112, x2: 265, y2: 270 },
          { x1: 272, y1: 95, x2: 340, y2: 270 },
        ],
      ],
      [
        2.5,
        [
          { x1: 138, y1: 108, x2: 218, y2: 270 },
          { x1: 240, y1: 80, x2: 340, y2: 270 },
        ],
      ],
    ];
    for (const [t, boxes] of people) {
      const step = at(steps, t);
      expect(step.reason).toBe('motion');
      for (const person of boxes) expect(coverage(person, step.regions)).toBeGreaterThan(0.9);
    }
    const left = (s: Step) => Math.min(...s.regions.map((r) => r.x1));
    expect(left(at(steps, 2.5))).toBeLessThan(left(at(steps, 0.5)) - 30);
  });

  it('stays idle in an empty room and runs on the people who come in', async () => {
    const { steps, counters, frameArea } = await gateClip('room_enter_leave_intel.mp4', 2);
    expect(steps.filter((s) => s.t > 0 && s.t < 5.9).every((s) => s.reason === 'idle')).toBe(true);
    const enter = at(steps, 6.5);
    expect(enter.reason).toBe('motion');
    expect(coverage({ x1: 178, y1: 95, x2: 292, y2: 270 }, enter.regions)).toBeGreaterThan(0.9);
    const second = at(steps, 23.0);
    expect(second.reason).toBe('motion');
    expect(coverage({ x1: 160, y1: 90, x2: 290, y2: 270 }, second.regions)).toBeGreaterThan(0.9);
    // someone walking out close to the camera, together with the trace left where they stood, can take half the
    // frame; most of the time the regions are much smaller
    const shares = steps
      .filter((x) => x.reason === 'motion')
      .map((x) => x.regions.reduce((sum, r) => sum + area(r), 0) / frameArea)
      .sort((x, y) => x - y);
    expect(shares.at(-1)).toBeLessThan(0.6);
    expect(shares[Math.floor(shares.length / 2)]).toBeLessThan(0.3);
    // the person standing still at the table for ten seconds does not keep the detector busy
    expect(counters.skipped / counters.frames).toBeGreaterThan(0.4);
  });
});

describe('motion gate and lighting changes', () => {
  for (const config of [{}, { compensateExposure: false }]) {
    const label = config.compensateExposure === false ? 'without exposure compensation' : 'by default';
    for (const clip of ['lights_on_room_intel.mp4', 'ir_switch_room_intel.mp4']) {
      it(`${clip}, ${label}: at most two runs around the switch at 8 s, then idle again`, async () => {
        const { steps, counters } = await gateClip(clip, 2, config);
        expect(runsBetween(steps, 0.1, 7.9)).toEqual([]);
        expect(runsBetween(steps, 7.9, 9.1).length).toBeLessThanOrEqual(2);
        expect(runsBetween(steps, 9.1, 100).every((s) => s.reason === 'periodic-scan')).toBe(true);
        expect(steps.slice(-4).every((s) => s.reason === 'idle')).toBe(true);
        expect(counters.lightChanges).toBeLessThanOrEqual(1);
      });
    }
  }

  it('needs either the guard or the still-region filter: without both, the lights cause a storm of runs', async () => {
    const clip = 'lights_on_room_intel.mp4';
    const neither = await gateClip(clip, 2, { lightChangeFraction: 1, dropStillRegions: false });
    expect(runsBetween(neither.steps, 7.9, 100).length).toBeGreaterThanOrEqual(8);
    const guardOnly = await gateClip(clip, 2, { dropStillRegions: false, compensateExposure: false });
    expect(guardOnly.counters.lightChanges).toBe(1);
    expect(runsBetween(guardOnly.steps, 7.9, 100).length).toBeLessThanOrEqual(2);
    const filterOnly = await gateClip(clip, 2, { lightChangeFraction: 1 });
    expect(filterOnly.counters.lightChanges).toBe(0);
    expect(runsBetween(filterOnly.steps, 7.9, 100).filter((s) => s.reason === 'motion').length).toBeLessThanOrEqual(1);
  });

  it('takes the infrared switch for a lighting change and scans the frame once', async () => {
    const { steps, counters } = await gateClip('ir_switch_room_intel.mp4', 2);
    expect(counters.lightChanges).toBe(1);
    expect(at(steps, 8).reason).toBe('light-change');
    expect(at(steps, 8).run).toBe(true);
  });

  it('keeps following people through lights dimming in the corridor', async () => {
    for (const config of [{}, { compensateExposure: false }]) {
      const { steps, counters, frameArea } = await gateClip('corridor_lights_dim_intel.mp4', 12, config);
      expect(counters.lightChanges).toBeLessThanOrEqual(1);
      const after = steps.filter((s) => s.t >= 1.5);
      expect(after.filter((s) => s.reason === 'light-change' && s.run).length).toBeLessThanOrEqual(1);
      const moving = after.filter((s) => s.reason === 'motion');
      expect(moving.length).toBeGreaterThanOrEqual(3);
      expect(moving.some((s) => s.t >= 2.5)).toBe(true);
      for (const s of moving) expect(s.regions.reduce((sum, r) => sum + area(r), 0)).toBeLessThan(0.5 * frameArea);
    }
  });
});

describe('motion gate on a spreading fire', () => {
  it('never goes quiet while a flame front fills much of the view', async () => {
    const { steps, counters } = await gateClip('fire_front_fdv.mp4', 2);
    expect(steps).toHaveLength(20);
    // a change this large may be taken for a lighting change, but then it is scanned in full once per cool-down
    for (let i = 1; i < steps.length; i++) expect(steps[i - 1]?.run || steps[i]?.run).toBe(true);
    expect(counters.runs / counters.frames).toBeGreaterThan(0.6);
  });
});
