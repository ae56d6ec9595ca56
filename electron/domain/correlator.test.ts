import { describe, expect, it } from 'vitest';
import {
  CorrelatorConfigSchema,
  distanceM,
  initialCorrelator,
  stepCorrelator,
  type CameraPlace,
  type CorrelatorEffect,
  type CorrelatorInput,
  type CorrelatorState,
} from './correlator';
import type { AlertKind } from './incident-types';

const config = CorrelatorConfigSchema.parse({});
const places = new Map<string, CameraPlace>([
  ['east-1', { gridCell: 'dc-01', position: { lat: 30.0, lon: 120.0 } }],
  ['east-2', { gridCell: 'dc-01' }],
  ['west-1', { gridCell: 'dc-02', position: { lat: 30.0, lon: 120.002 } }], // about 190 m from east-1
  ['far-1', { gridCell: 'dc-03', position: { lat: 30.1, lon: 120.0 } }], // about 11 km away
]);

type Step = [atS: number, input: CorrelatorInput];

const alert = (
  phase: 'raised' | 'updated' | 'ended',
  alertId: string,
  cameraId: string,
  kind: AlertKind = 'fire',
  score = 0.8,
): CorrelatorInput => ({ type: 'alert', phase, alertId, kind, cameraId, peak: { score, at: 0 } });
const tick: CorrelatorInput = { type: 'tick' };

function replay(steps: Step[], cfg = config): { state: CorrelatorState; effects: CorrelatorEffect[] } {
  let state = initialCorrelator();
  const effects: CorrelatorEffect[] = [];
  for (const [atS, input] of steps) {
    const r = stepCorrelator(state, input, atS * 1000, cfg, places);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

const opened = (effects: CorrelatorEffect[]) => effects.filter((e) => e.type === 'incident-opened');

describe('correlator', () => {
  it.each<[string, Step[], number]>([
    [
      'two cameras in one grid cell → one incident',
      [
        [0, alert('raised', 'a', 'east-1')],
        [10, alert('raised', 'b', 'east-2')],
      ],
      1,
    ],
    [
      'two grid cells, no positions → two incidents',
      [
        [0, alert('raised', 'a', 'east-2')],
        [10, alert('raised', 'b', 'west-1')],
      ],
      2,
    ],
    [
      'two grid cells, positions 190 m apart → one incident',
      [
        [0, alert('raised', 'a', 'east-1')],
        [10, alert('raised', 'b', 'west-1')],
      ],
      1,
    ],
    [
      'positions 11 km apart → two incidents',
      [
        [0, alert('raised', 'a', 'east-1')],
        [10, alert('raised', 'b', 'far-1')],
      ],
      2,
    ],
    [
      'smoke then fire in one cell → one incident',
      [
        [0, alert('raised', 'a', 'east-1', 'smoke')],
        [5, alert('raised', 'b', 'east-2', 'fire')],
      ],
      1,
    ],
    [
      'fire and an intrusion in one cell → two incidents',
      [
        [0, alert('raised', 'a', 'east-1')],
        [5, alert('raised', 'b', 'east-2', 'intrusion')],
      ],
      2,
    ],
    [
      'a second alert after the window → two incidents',
      [
        [0, alert('raised', 'a', 'east-1')],
        [0, alert('ended', 'a', 'east-1')],
        [61, alert('raised', 'b', 'east-2')],
      ],
      2,
    ],
  ])('%s', (_name, steps, incidents) => {
    expect(opened(replay(steps).effects)).toHaveLength(incidents);
  });

  it('extends the incident with later alerts: cameras, grid cells, last seen, peak and the most severe kind', () => {
    const { state } = replay([
      [0, alert('raised', 'a', 'east-1', 'smoke', 0.6)],
      [20, alert('raised', 'b', 'west-1', 'fire', 0.9)],
      [30, alert('updated', 'a', 'east-1', 'smoke', 0.7)],
    ]);
    expect(state.incidents).toHaveLength(1);
    expect(state.incidents[0]).toMatchObject({
      kind: 'fire',
      family: 'fire+smoke',
      cameras: ['east-1', 'west-1'],
      gridCells: ['dc-01', 'dc-02'],
      firstSeen: 0,
      lastSeen: 30_000,
      peak: { score: 0.9, cameraId: 'west-1', alertId: 'b' },
    });
  });

  it('ends an incident only when all its alerts ended and it was quiet long enough', () => {
    const { effects } = replay([
      [0, alert('raised', 'a', 'east-1')],
      [10, alert('raised', 'b', 'east-2')],
      [20, alert('ended', 'a', 'east-1')],
      [200, tick], // b still running
      [210, alert('ended', 'b', 'east-2')],
      [300, tick], // quiet for 90 s only
      [331, tick],
    ]);
    const ended = effects.filter((e) => e.type === 'incident-ended');
    expect(ended).toHaveLength(1);
    expect(ended[0]?.incident.endedAt).toBe(331_000);
  });

  it('reopens the same incident for a flickering source within the cooldown, and opens a new one after it', () => {
    const steps: Step[] = [
      [0, alert('raised', 'a', 'east-1')],
      [5, alert('ended', 'a', 'east-1')],
      [130, tick],
    ];
    for (let k = 1; k <= 4; k++) {
      // the source comes back every 150 s, each time after the incident ended for quiet
      const t = k * 150;
      steps.push([t, alert('raised', `a${k}`, 'east-1')], [t + 5, alert('ended', `a${k}`, 'east-1')], [t + 130, tick]);
    }
    const within = replay(steps).effects;
    expect(opened(within)).toHaveLength(1);
    expect(within.filter((e) => e.type === 'incident-reopened')).toHaveLength(4);

    const after = replay([...steps, [1400, tick], [1500, alert('raised', 'z', 'east-1')]]).effects;
    expect(opened(after)).toHaveLength(2);
  });

  it('replays the same inputs to the same incidents', () => {
    const steps: Step[] = [
      [0, alert('raised', 'a', 'east-1')],
      [3, alert('raised', 'b', 'west-1', 'smoke')],
      [9, alert('raised', 'c', 'far-1')],
      [40, alert('ended', 'a', 'east-1')],
      [400, tick],
    ];
    expect(replay(steps)).toEqual(replay(steps));
  });

  it('measures distances on the sphere', () => {
    expect(distanceM({ lat: 30, lon: 120 }, { lat: 30, lon: 120.002 })).toBeCloseTo(192.6, 0);
    expect(distanceM({ lat: 30, lon: 120 }, { lat: 30.1, lon: 120 })).toBeCloseTo(11_119, -1);
  });

  it('checks its configuration', () => {
    expect(
      CorrelatorConfigSchema.safeParse({ severity: ['fire', 'fire', 'smoke', 'intrusion', 'crowding'] }).success,
    ).toBe(false);
    expect(CorrelatorConfigSchema.safeParse({ windowS: -1 }).success).toBe(false);
  });
});
