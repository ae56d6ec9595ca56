/**
 * The whole core, frame by frame, with the documented defaults at 2 fps: the cases the issue names, from single
 * detector frames to incidents.
 */
import { describe, expect, it } from 'vitest';
import type { CameraPlace } from './correlator';
import {
  followFramesAfter,
  IncidentCoreConfigSchema,
  initialIncidentCore,
  stepIncidentCore,
  type IncidentCoreConfig,
  type IncidentCoreEffect,
} from './incident-core';
import type { RelBox, SeenBox } from './incident-types';
import { localTimeOf } from './schedule';

const T0 = Date.parse('2026-11-30T02:00:00Z'); // 10:00 in UTC+8, a Monday
const UTC8 = 8 * 60;
const FRAME_MS = 500;
const places = new Map<string, CameraPlace>([
  ['east-1', { gridCell: 'dc-01' }],
  ['east-2', { gridCell: 'dc-01' }],
  ['west-1', { gridCell: 'dc-02' }],
]);
const FIRE_BOX: RelBox = { x1: 0.4, y1: 0.4, x2: 0.6, y2: 0.7 };
const fire = (score = 0.8, box = FIRE_BOX): SeenBox => ({ label: 'fire', score, box, modelId: 'fs' });
const person = (x: number): SeenBox => ({
  label: 'person',
  score: 0.85,
  box: { x1: x, y1: 0.3, x2: x + 0.1, y2: 0.8 },
  modelId: 'coco',
});

/** Frames: [cameraId, boxes] per 500 ms step (a camera's list per step); a tick after each step. */
type Script = { cameraId: string; boxes: SeenBox[] }[][];

function run(script: Script, config: IncidentCoreConfig = IncidentCoreConfigSchema.parse({}), startMs = T0) {
  let state = initialIncidentCore();
  const effects: IncidentCoreEffect[] = [];
  script.forEach((frames, i) => {
    const at = startMs + i * FRAME_MS;
    for (const { cameraId, boxes } of frames) {
      const r = stepIncidentCore(
        state,
        { type: 'frame', observation: { cameraId, at, boxes }, local: localTimeOf(at, UTC8) },
        at,
        config,
        places,
      );
      state = r.state;
      effects.push(...r.effects);
    }
    const r = stepIncidentCore(state, { type: 'tick' }, at, config, places);
    state = r.state;
    effects.push(...r.effects);
  });
  return {
    effects,
    raised: effects.flatMap((e) => (e.type === 'alert' && e.change.phase === 'raised' ? [e.change] : [])),
    opened: effects.flatMap((e) => (e.type === 'incident-opened' ? [e.incident] : [])),
  };
}

const repeat = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('detections to incidents, frame by frame (defaults, 2 fps)', () => {
  it('a fire box in 1 of 5 frames raises nothing', () => {
    const r = run(repeat(5, (i) => [{ cameraId: 'east-1', boxes: i === 2 ? [fire()] : [] }]));
    expect(r.raised).toEqual([]);
    expect(r.opened).toEqual([]);
  });

  it('a sustained fire raises one alert on its 3rd frame and opens one incident', () => {
    const r = run(repeat(20, () => [{ cameraId: 'east-1', boxes: [fire()] }]));
    expect(r.raised).toHaveLength(1);
    expect(r.raised[0]).toMatchObject({ kind: 'fire', cameraId: 'east-1' });
    expect(r.opened).toHaveLength(1);
    expect(r.opened[0]?.firstSeen).toBe(T0 + 2 * FRAME_MS);
  });

  it('an alert that ends and comes back within the cooldown does not open a second incident', () => {
    const on = repeat(10, () => [{ cameraId: 'east-1', boxes: [fire()] }]);
    const off = repeat(300, () => [{ cameraId: 'east-1', boxes: [] }]); // 150 s: the incident ends (quiet 120 s)
    const r = run([...on, ...off, ...on]);
    expect(r.raised).toHaveLength(2);
    expect(r.opened).toHaveLength(1);
    expect(r.effects.filter((e) => e.type === 'incident-ended')).toHaveLength(1);
    expect(r.effects.filter((e) => e.type === 'incident-reopened')).toHaveLength(1);
  });

  it('two cameras of one grid cell give one incident; of two grid cells, two', () => {
    const both = (a: string, b: string) =>
      run(
        repeat(10, () => [
          { cameraId: a, boxes: [fire()] },
          { cameraId: b, boxes: [fire(0.7)] },
        ]),
      );
    expect(both('east-1', 'east-2').opened).toHaveLength(1);
    expect(both('east-1', 'east-2').raised).toHaveLength(2);
    expect(both('east-1', 'west-1').opened).toHaveLength(2);
  });

  it('a fire inside a mask raises nothing', () => {
    const config = IncidentCoreConfigSchema.parse({
      zones: {
        'east-1': [
          {
            id: 'stove',
            name: '灶台',
            kind: 'mask',
            polygon: [
              { x: 0.3, y: 0.3 },
              { x: 0.7, y: 0.3 },
              { x: 0.7, y: 0.8 },
              { x: 0.3, y: 0.8 },
            ],
          },
        ],
      },
    });
    const r = run(
      repeat(20, () => [{ cameraId: 'east-1', boxes: [fire()] }]),
      config,
    );
    expect(r.raised).toEqual([]);
    expect(r.effects.filter((e) => e.type === 'masked')).toHaveLength(20);
    // nor does it make the detector analyse whole frames, which a fire outside the mask does
    const frame = (box: RelBox, score = 0.6) => ({ cameraId: 'east-1', at: T0, boxes: [fire(score, box)] });
    expect(followFramesAfter(config, frame(FIRE_BOX))).toBe(0);
    expect(followFramesAfter(config, frame({ x1: 0.8, y1: 0.1, x2: 0.9, y2: 0.2 }))).toBe(4);
    expect(followFramesAfter(config, frame({ x1: 0.8, y1: 0.1, x2: 0.9, y2: 0.2 }, 0.45))).toBe(0);
  });

  const restricted = (schedule?: { from: string; to: string }[]) =>
    IncidentCoreConfigSchema.parse({
      zones: {
        'east-1': [
          {
            id: 'embankment',
            name: '河堤',
            kind: 'restricted',
            minDwellS: 3,
            polygon: [
              { x: 0.5, y: 0 },
              { x: 1, y: 0 },
              { x: 1, y: 1 },
              { x: 0.5, y: 1 },
            ],
            ...(schedule ? { schedule } : {}),
          },
        ],
      },
    });

  /** A person walking left to right: `insideFrames` of the frames with the feet inside the right half. */
  function crossing(insideFrames: number): Script {
    const before = 6;
    return repeat(before + insideFrames + 6, (i) => {
      const x = i < before ? 0.1 + i * 0.04 : i < before + insideFrames ? 0.6 : 0.3;
      return [{ cameraId: 'east-1', boxes: [person(x)] }];
    });
  }

  it('a person in a restricted zone for less than T raises nothing, for longer one intrusion alert', () => {
    expect(run(crossing(4), restricted()).raised).toEqual([]); // 2 s inside
    const long = run(crossing(12), restricted()); // 6 s inside
    expect(long.raised).toHaveLength(1);
    expect(long.raised[0]).toMatchObject({ kind: 'intrusion', zoneId: 'embankment', cameraId: 'east-1' });
    expect(long.opened).toHaveLength(1);
    expect(long.opened[0]?.kind).toBe('intrusion');
  });

  it('a restricted zone with a night schedule does nothing by day and alerts at night', () => {
    const night = restricted([{ from: '22:00', to: '06:00' }]);
    expect(run(crossing(12), night).raised).toEqual([]); // 10:00 local
    const at23 = Date.parse('2026-11-30T15:00:00Z'); // 23:00 in UTC+8
    expect(run(crossing(12), night, at23).raised).toHaveLength(1);
  });

  it('replays the same frames to the same effects', () => {
    const script = repeat(30, (i) => [
      { cameraId: 'east-1', boxes: i % 4 === 0 ? [] : [fire(0.6 + (i % 3) * 0.1)] },
      { cameraId: 'west-1', boxes: [person(0.2 + i * 0.02)] },
    ]);
    expect(run(script)).toEqual(run(script));
  });
});
