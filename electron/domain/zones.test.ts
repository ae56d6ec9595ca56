import { describe, expect, it } from 'vitest';
import type { RelPoint, SeenBox, Track } from './incident-types';
import { localTimeOf } from './schedule';
import {
  applyMasks,
  CameraZonesSchema,
  duplicateZoneIds,
  initialZones,
  openZoneAlerts,
  stepZones,
  ZoneListSchema,
  ZoneRulesConfigSchema,
  type CameraZones,
  type Zone,
  type ZoneEffect,
  type ZonesState,
} from './zones';

const CAM = 'cam1';
/** Monday 2024-01-01 12:00 UTC; the tests run at UTC+0. */
const NOON = Date.UTC(2024, 0, 1, 12);
const S = 1000;

const rect = (x1: number, y1: number, x2: number, y2: number): RelPoint[] => [
  { x: x1, y: y1 },
  { x: x2, y: y1 },
  { x: x2, y: y2 },
  { x: x1, y: y2 },
];

/** The zones' area: x 0.4..0.6, y 0.4..0.8 of the frame. */
const YARD = rect(0.4, 0.4, 0.6, 0.8);
const IN: RelPoint = { x: 0.5, y: 0.6 };
const OUT: RelPoint = { x: 0.2, y: 0.6 };

function zonesOf(...zones: unknown[]): CameraZones {
  return CameraZonesSchema.parse({ [CAM]: zones });
}

/** The zones of CAM alone. */
const listOf = (...zones: unknown[]): Zone[] => zonesOf(...zones)[CAM] ?? [];

/** An open track of a person (or `label`) whose feet are at `foot`; `missed` > 0: not seen in this frame. */
function track(id: string, foot: RelPoint, missed = 0, label = 'person'): Track {
  const box = { x1: foot.x - 0.02, y1: foot.y - 0.15, x2: foot.x + 0.02, y2: foot.y };
  return {
    id,
    cameraId: CAM,
    label,
    box,
    firstSeen: 0,
    lastSeen: 0,
    scores: [0.9],
    missed,
    peak: { score: 0.9, at: 0, box },
  };
}

interface Frame {
  at: number;
  tracks: Track[];
}

/** Frames every `everyS` seconds from `fromS` to `toS` (both included) after `start`. */
function frames(fromS: number, toS: number, tracksAt: (s: number) => Track[], everyS = 0.5, start = NOON): Frame[] {
  const out: Frame[] = [];
  for (let s = fromS; s <= toS + 1e-9; s += everyS) out.push({ at: start + Math.round(s * S), tracks: tracksAt(s) });
  return out;
}

function replay(input: Frame[], zones: CameraZones, config = ZoneRulesConfigSchema.parse({}), from = initialZones()) {
  let state: ZonesState = from;
  const effects: ZoneEffect[] = [];
  for (const f of input) {
    const r = stepZones(
      state,
      { cameraId: CAM, at: f.at, local: localTimeOf(f.at, 0), tracks: f.tracks },
      zones,
      config,
    );
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

const of = (effects: ZoneEffect[], type: ZoneEffect['type']) => effects.filter((e) => e.type === type);
const summary = (effects: ZoneEffect[]) =>
  effects.map((e) => `${e.type.replace('zone-alert-', '')} ${e.alert.kind} ${e.alert.trackIds.join(',')}`);

describe('applyMasks', () => {
  const zones = listOf(
    { id: 'lamp', name: '路灯', kind: 'mask', polygon: rect(0.1, 0.1, 0.3, 0.3) },
    { id: 'road', name: '公路', kind: 'mask', polygon: rect(0.5, 0.7, 1, 1), labels: ['person'] },
    { id: 'yard', name: '院子', kind: 'restricted', polygon: rect(0, 0, 1, 1) },
  );
  const seen = (label: string, x1: number, y1: number, x2: number, y2: number): SeenBox => ({
    label,
    score: 0.8,
    box: { x1, y1, x2, y2 },
    modelId: 'm',
  });

  it.each([
    ['a fire box centred on the masked lamp', seen('fire', 0.15, 0.15, 0.25, 0.25), 'lamp'],
    ['smoke centred on the lamp, spilling out', seen('smoke', 0.05, 0.05, 0.35, 0.35), 'lamp'],
    ['a fire larger than the lamp, centred elsewhere', seen('fire', 0.2, 0.2, 0.6, 0.6), null],
    ['fire on the road (masked for people only)', seen('fire', 0.6, 0.8, 0.7, 0.9), null],
    ['a person with the feet on the road', seen('person', 0.6, 0.5, 0.7, 0.8), 'road'],
    ['a person with the head over the road, the feet before it', seen('person', 0.6, 0.4, 0.7, 0.69), null],
    ['a person with the feet on the lamp mask (all labels)', seen('person', 0.15, 0.1, 0.2, 0.2), 'lamp'],
    ['a fire in the restricted zone (not a mask)', seen('fire', 0.7, 0.1, 0.8, 0.2), null],
  ])('%s', (_name, box, maskId) => {
    const { kept, dropped } = applyMasks(zones, [box]);
    expect(dropped).toEqual(maskId === null ? [] : [{ seen: box, maskId }]);
    expect(kept).toEqual(maskId === null ? [box] : []);
  });

  it('keeps the order of the boxes it keeps', () => {
    const a = seen('fire', 0.7, 0.1, 0.8, 0.2);
    const b = seen('fire', 0.15, 0.15, 0.25, 0.25);
    const c = seen('smoke', 0.8, 0.1, 0.9, 0.2);
    expect(applyMasks(zones, [a, b, c]).kept).toEqual([a, c]);
  });

  it('a person standing in a masked part of a restricted zone raises nothing', () => {
    const camera = zonesOf(
      { id: 'yard', name: '院子', kind: 'restricted', polygon: YARD },
      { id: 'gate', name: '门卫', kind: 'mask', polygon: rect(0.45, 0.5, 0.55, 0.7) },
    );
    const person = track('p1', IN);
    const boxes: SeenBox[] = [{ label: 'person', score: 0.9, box: person.box, modelId: 'm' }];
    // what the masks keep is all the tracker ever sees: here nothing, so no track reaches the zones
    const kept = applyMasks(camera[CAM] ?? [], boxes).kept;
    expect(kept).toEqual([]);
    const { effects } = replay(
      frames(0, 30, () => (kept.length > 0 ? [person] : [])),
      camera,
    );
    expect(effects).toEqual([]);
  });
});

describe('restricted zone (intrusion)', () => {
  const zones = zonesOf({ id: 'yard', name: '院子', kind: 'restricted', polygon: YARD });

  /** Outside for 1 s, inside for `insideS`, then outside for 3 s; frames at 2 fps. */
  const crossing = (insideS: number) =>
    frames(0, 1 + insideS + 3, (s) => [track('p1', s >= 1 && s <= 1 + insideS ? IN : OUT)]);

  it.each([
    ['inside 0.5 s', 0.5, 0],
    ['inside 2.5 s', 2.5, 0],
    ['inside exactly 3 s', 3, 1],
    ['inside 10 s', 10, 1],
    ['inside 60 s', 60, 1],
  ])('a person crossing, %s → %i alert(s)', (_name, insideS, alerts) => {
    const { effects, state } = replay(crossing(insideS), zones);
    expect(of(effects, 'zone-alert-raised')).toHaveLength(alerts);
    expect(of(effects, 'zone-alert-ended')).toHaveLength(alerts);
    expect(of(effects, 'zone-alert-updated')).toHaveLength(0);
    expect(openZoneAlerts(state)).toEqual([]);
  });

  it('raises when the dwell is reached and ends with the final figures once the person has left', () => {
    const { effects } = replay(crossing(10), zones);
    const raised = effects[0];
    expect(raised).toEqual({
      type: 'zone-alert-raised',
      alert: {
        id: `${CAM}/yard/p1@${NOON + 1 * S}`,
        kind: 'intrusion',
        cameraId: CAM,
        zoneId: 'yard',
        trackIds: ['p1'],
        firstSeen: NOON + 1 * S,
        lastSeen: NOON + 4 * S,
        dwellMs: 3 * S,
        peakCount: 1,
        box: track('p1', IN).box,
      },
    });
    const ended = effects[1];
    expect(ended?.type === 'zone-alert-ended' && ended.reason).toBe('left');
    expect(ended?.alert).toMatchObject({ id: raised?.alert.id, lastSeen: NOON + 11 * S, dwellMs: 10 * S });
  });

  it('ends the alert when the track ends inside the zone', () => {
    const { effects } = replay(
      frames(0, 8, (s) => (s <= 5 ? [track('p1', IN)] : [])),
      zones,
    );
    expect(effects.map((e) => (e.type === 'zone-alert-ended' ? `ended ${e.reason}` : e.type))).toEqual([
      'zone-alert-raised',
      'ended track-ended',
    ]);
  });

  it('missed frames neither extend nor break a stay', () => {
    // seen inside at 0 s and 1 s, missed from 1.5 s to 2.5 s (the tracker keeps the track), seen again at 3 s
    const input = frames(0, 3, (s) => [track('p1', IN, s > 1 && s < 3 ? Math.round((s - 1) * 2) : 0)]);
    const { effects } = replay(input, zones);
    expect(effects).toHaveLength(1);
    expect(effects[0]?.alert).toMatchObject({ firstSeen: NOON, lastSeen: NOON + 3 * S });
    // while missed, the dwell does not grow: no alert before the track is seen again
    expect(replay(input.slice(0, -1), zones).effects).toEqual([]);
  });

  it('counts the dwell across frames the motion gate did not send', () => {
    // a still person: only the periodic full scans, 10 s apart, see them
    const input = [0, 10, 20].map((s) => ({ at: NOON + s * S, tracks: [track('p1', IN)] }));
    const { effects } = replay(input, zones);
    expect(summary(effects)).toEqual(['raised intrusion p1']);
    expect(effects[0]?.alert.firstSeen).toBe(NOON);
    expect(effects[0]?.alert.lastSeen).toBe(NOON + 10 * S);
  });

  it.each([
    ['one frame outside (0.5 s, under exitGraceS): one stay', [0.5], 1],
    ['two frames outside (1 s): the stay ends and starts again', [0.5, 1], 0],
  ])('box jitter across the edge, %s', (_name, outsideAfter, alerts) => {
    // inside 0..2 s, then outside for the given offsets, then inside again up to 4 s from the start
    const outside = new Set(outsideAfter.map((o) => 2 + o));
    const { effects } = replay(
      frames(0, 2 + outsideAfter.length * 0.5 + 2, (s) => [track('p1', outside.has(s) ? OUT : IN)]),
      zones,
    );
    expect(of(effects, 'zone-alert-raised')).toHaveLength(alerts);
  });

  it('exitGraceS 0: the first frame outside ends the stay', () => {
    const config = ZoneRulesConfigSchema.parse({ exitGraceS: 0 });
    const { effects } = replay(
      frames(0, 5, (s) => [track('p1', s === 4 ? OUT : IN)]),
      zones,
      config,
    );
    expect(effects.map((e) => e.type)).toEqual(['zone-alert-raised', 'zone-alert-ended']);
  });

  it('raises one alert per track, and ignores labels the zone does not look at', () => {
    const { effects } = replay(
      frames(0, 5, () => [track('p2', IN), track('p1', { x: 0.45, y: 0.5 }), track('f1', IN, 0, 'fire')]),
      zones,
    );
    expect(summary(effects)).toEqual(['raised intrusion p1', 'raised intrusion p2']);
  });

  it('a zone labelled for vehicles looks at cars only', () => {
    const cars = zonesOf({ id: 'lane', name: '消防通道', kind: 'restricted', polygon: YARD, labels: ['car'] });
    const { effects } = replay(
      frames(0, 5, () => [track('p1', IN), track('c1', IN, 0, 'car')]),
      cars,
    );
    expect(summary(effects)).toEqual(['raised intrusion c1']);
  });

  it('the head inside and the feet outside is not inside', () => {
    const { effects } = replay(
      frames(0, 10, () => [track('p1', { x: 0.5, y: 0.85 })]),
      zones,
    );
    expect(effects).toEqual([]);
  });

  it('a removed zone ends its alerts', () => {
    const first = replay(
      frames(0, 4, () => [track('p1', IN)]),
      zones,
    );
    expect(openZoneAlerts(first.state, CAM)).toHaveLength(1);
    const { effects, state } = replay(
      frames(4.5, 4.5, () => [track('p1', IN)]),
      zonesOf(),
      undefined,
      first.state,
    );
    expect(effects.map((e) => (e.type === 'zone-alert-ended' ? e.reason : e.type))).toEqual(['zone-removed']);
    expect(state).toEqual(initialZones());
  });

  it('replays the same, and leaves the state it was given alone', () => {
    const input = crossing(10);
    const a = replay(input, zones);
    const frozen = structuredClone(a.state);
    const b = replay(input, zones);
    expect(b).toEqual(a);
    stepZones(a.state, { cameraId: CAM, at: NOON + 20 * S, local: localTimeOf(NOON, 0), tracks: [] }, zones);
    expect(a.state).toEqual(frozen);
  });

  it('keeps the cameras apart, and ignores tracks of another camera', () => {
    const two = CameraZonesSchema.parse({
      [CAM]: [{ id: 'yard', name: '院子', kind: 'restricted', polygon: YARD }],
      cam2: [{ id: 'yard', name: '院子', kind: 'restricted', polygon: YARD }],
    });
    let state = initialZones();
    const effects: ZoneEffect[] = [];
    for (const f of frames(0, 4, () => [track('p1', IN)])) {
      for (const cameraId of [CAM, 'cam2']) {
        // the tracks belong to CAM: passed with cam2's frame as well, they are ignored there
        const r = stepZones(state, { cameraId, at: f.at, local: localTimeOf(f.at, 0), tracks: f.tracks }, two);
        state = r.state;
        effects.push(...r.effects);
      }
    }
    expect(effects.map((e) => e.alert.cameraId)).toEqual([CAM]);
    expect(Object.keys(state.cameras).sort()).toEqual([CAM, 'cam2']);
  });
});

describe('loitering zone', () => {
  const zones = zonesOf({ id: 'bridge', name: '桥头', kind: 'loitering', polygon: YARD });

  it.each([
    ['59.5 s', 59.5, 0],
    ['60 s', 60, 1],
    ['5 minutes', 300, 1],
  ])('a person staying %s → %i alert(s)', (_name, stayS, alerts) => {
    const { effects } = replay(
      frames(0, stayS, () => [track('p1', IN)]),
      zones,
    );
    expect(summary(effects)).toEqual(alerts === 1 ? ['raised loitering p1'] : []);
  });

  it('honours its own dwell', () => {
    const short = zonesOf({ id: 'bridge', name: '桥头', kind: 'loitering', polygon: YARD, minDwellS: 20 });
    const { effects } = replay(
      frames(0, 20, () => [track('p1', IN)]),
      short,
    );
    expect(effects[0]?.alert).toMatchObject({ kind: 'loitering', dwellMs: 20 * S });
  });
});

describe('crowding zone', () => {
  const zones = zonesOf({ id: 'square', name: '广场', kind: 'crowding', polygon: YARD });
  const people = (n: number) => Array.from({ length: n }, (_, i) => track(`p${i + 1}`, { x: 0.42 + i * 0.03, y: 0.6 }));

  it.each([
    ['K−1 = 4 people for 30 s', 4, 30, 0],
    ['K = 5 people for 9.5 s', 5, 9.5, 0],
    ['K = 5 people for 10 s', 5, 10, 1],
    ['6 people for 30 s', 6, 30, 1],
  ])('%s → %i alert(s)', (_name, n, forS, alerts) => {
    const { effects } = replay(
      frames(0, forS, () => people(n)),
      zones,
    );
    expect(of(effects, 'zone-alert-raised')).toHaveLength(alerts);
    expect(of(effects, 'zone-alert-updated')).toHaveLength(0);
  });

  it('reports who is inside and the peak, and ends once the crowd has thinned for the grace', () => {
    const input = frames(0, 30, (s) => (s < 15 ? people(5) : s < 20 ? people(6) : people(4)));
    const { effects, state } = replay(input, zones);
    expect(
      effects.map((e) => [
        e.type === 'zone-alert-ended' ? `ended ${e.reason}` : e.type,
        e.alert.peakCount,
        e.alert.trackIds.length,
      ]),
    ).toEqual([
      ['zone-alert-raised', 5, 5],
      ['zone-alert-updated', 6, 6],
      ['ended dispersed', 6, 6],
    ]);
    const ended = effects[2];
    expect(ended?.alert).toMatchObject({
      id: `${CAM}/square/crowd@${NOON}`,
      firstSeen: NOON,
      lastSeen: NOON + 19.5 * S,
      dwellMs: 19.5 * S,
    });
    // 4 people from 20 s; the crowd was last seen at 19.5 s, so the alert ends at 24.5 s, after 5 s of grace
    const endedAt = input.findIndex((f) => f.at === NOON + 24.5 * S);
    expect(replay(input.slice(0, endedAt), zones).effects).toHaveLength(2);
    expect(replay(input.slice(0, endedAt + 1), zones).effects).toHaveLength(3);
    expect(openZoneAlerts(state)).toEqual([]);
  });

  it('a dip under K shorter than the grace keeps the crowd and its dwell', () => {
    const { effects } = replay(
      frames(0, 12, (s) => (s >= 4 && s < 7 ? people(4) : people(5))),
      zones,
    );
    expect(of(effects, 'zone-alert-raised').map((e) => e.alert.firstSeen)).toEqual([NOON]);
  });

  it('honours minCount', () => {
    const three = zonesOf({ id: 'square', name: '广场', kind: 'crowding', polygon: YARD, minCount: 3, minDwellS: 2 });
    expect(
      of(
        replay(
          frames(0, 2, () => people(3)),
          three,
        ).effects,
        'zone-alert-raised',
      ),
    ).toHaveLength(1);
    expect(
      of(
        replay(
          frames(0, 2, () => people(2)),
          three,
        ).effects,
        'zone-alert-raised',
      ),
    ).toHaveLength(0);
  });

  it('counts only the people inside', () => {
    const { effects } = replay(
      frames(0, 20, () => [...people(4), track('p9', OUT)]),
      zones,
    );
    expect(effects).toEqual([]);
  });
});

describe('schedules', () => {
  const night = [{ from: '22:00', to: '06:00' }];
  const zones = zonesOf({ id: 'yard', name: '院子', kind: 'restricted', polygon: YARD, schedule: night });
  const at = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return Date.UTC(2024, 0, 1, h, m);
  };

  it.each([
    ['at 12:00: nothing', '12:00', 0],
    ['at 23:00: alert', '23:00', 1],
    ['at 05:00: alert', '05:00', 1],
  ])('a person inside for a minute starting %s', (_name, hhmm, alerts) => {
    const { effects } = replay(
      frames(0, 60, () => [track('p1', IN)], 0.5, at(hhmm)),
      zones,
    );
    expect(of(effects, 'zone-alert-raised')).toHaveLength(alerts);
  });

  it('counts the dwell from when the schedule opens', () => {
    // inside from 21:59:50: the zone opens at 22:00:00, the alert comes 3 s later
    const { effects } = replay(
      frames(-10, 10, () => [track('p1', IN)], 0.5, at('22:00')),
      zones,
    );
    expect(summary(effects)).toEqual(['raised intrusion p1']);
    expect(effects[0]?.alert).toMatchObject({ firstSeen: at('22:00'), lastSeen: at('22:00') + 3 * S });
  });

  it('ends an open alert when the schedule closes', () => {
    const { effects, state } = replay(
      frames(-10, 10, () => [track('p1', IN)], 0.5, at('06:00')),
      zones,
    );
    expect(effects.map((e) => (e.type === 'zone-alert-ended' ? `ended ${e.reason}` : e.type))).toEqual([
      'zone-alert-raised',
      'ended schedule',
    ]);
    expect(effects[1]?.alert.lastSeen).toBe(at('06:00') - 0.5 * S);
    expect(openZoneAlerts(state)).toEqual([]);
  });

  it('days refer to the night’s start: a Sunday-night zone is active early on Monday', () => {
    const sunday = zonesOf({
      id: 'yard',
      name: '院子',
      kind: 'restricted',
      polygon: YARD,
      schedule: [{ days: [7], from: '22:00', to: '06:00' }],
    });
    // 2024-01-01 is a Monday
    expect(
      replay(
        frames(0, 5, () => [track('p1', IN)], 0.5, at('03:00')),
        sunday,
      ).effects,
    ).toHaveLength(1);
    expect(
      replay(
        frames(0, 5, () => [track('p1', IN)], 0.5, at('23:00')),
        sunday,
      ).effects,
    ).toHaveLength(0);
  });
});

describe('CameraZonesSchema', () => {
  it('fills the defaults per kind', () => {
    const zones = listOf(
      { id: 'm', name: 'm', kind: 'mask', polygon: YARD },
      { id: 'r', name: 'r', kind: 'restricted', polygon: YARD },
      { id: 'l', name: 'l', kind: 'loitering', polygon: YARD },
      { id: 'c', name: 'c', kind: 'crowding', polygon: YARD },
    );
    expect(zones.map((z) => ({ ...z, polygon: undefined, name: undefined }))).toEqual([
      { id: 'm', kind: 'mask' },
      { id: 'r', kind: 'restricted', labels: ['person'], minDwellS: 3 },
      { id: 'l', kind: 'loitering', labels: ['person'], minDwellS: 60 },
      { id: 'c', kind: 'crowding', labels: ['person'], minDwellS: 10, minCount: 5 },
    ]);
    expect(CameraZonesSchema.parse(undefined)).toEqual({});
  });

  const messages = (input: unknown) => {
    const r = CameraZonesSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it.each([
    [
      'a bow-tie polygon',
      {
        cam1: [
          {
            id: 'a',
            name: 'a',
            kind: 'restricted',
            polygon: rect(0.2, 0.2, 0.8, 0.8)
              .slice(0, 2)
              .concat([
                { x: 0.2, y: 0.8 },
                { x: 0.8, y: 0.8 },
              ]),
          },
        ],
      },
      'cam1.0.polygon: edges 2–3 and 4–1 cross or touch',
    ],
    [
      'a point outside the frame',
      { cam1: [{ id: 'a', name: 'a', kind: 'mask', polygon: rect(0.5, 0.5, 1.5, 1) }] },
      'cam1.0.polygon: point 2 (1.5, 0.5) is outside the frame: x and y must be between 0 and 1',
    ],
    [
      'two points',
      { cam1: [{ id: 'a', name: 'a', kind: 'mask', polygon: rect(0.5, 0.5, 1, 1).slice(0, 2) }] },
      'cam1.0.polygon: a polygon needs at least 3 points, this one has 2',
    ],
    [
      'a duplicate zone id',
      {
        cam1: [
          { id: 'a', name: 'a', kind: 'mask', polygon: YARD },
          { id: 'a', name: 'b', kind: 'mask', polygon: YARD },
        ],
      },
      'cam1.1.id: duplicate zone id "a"',
    ],
    ['an unknown kind', { cam1: [{ id: 'a', name: 'a', kind: 'fence', polygon: YARD }] }, 'cam1.0.kind'],
    [
      'a schedule on a mask',
      { cam1: [{ id: 'a', name: 'a', kind: 'mask', polygon: YARD, schedule: [{ from: '22:00', to: '06:00' }] }] },
      'Unrecognized key: "schedule"',
    ],
    [
      'a crowd of one',
      { cam1: [{ id: 'a', name: 'a', kind: 'crowding', polygon: YARD, minCount: 1 }] },
      'cam1.0.minCount',
    ],
    ['a bad camera id', { 'Cam 1': [] }, 'Cam 1'],
  ])('refuses %s', (_name, input, expected) => {
    expect(messages(input).join('\n')).toContain(expected);
  });
});

describe('ZoneListSchema (one camera’s zones, as the interface saves them)', () => {
  const square = [
    { x: 0.1, y: 0.1 },
    { x: 0.4, y: 0.1 },
    { x: 0.4, y: 0.4 },
    { x: 0.1, y: 0.4 },
  ];
  const messages = (value: unknown) => {
    const r = ZoneListSchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts distinct ids and fills in the rule defaults', () => {
    const parsed = ZoneListSchema.parse([
      { id: 'a', name: 'A', kind: 'mask', polygon: square },
      { id: 'b', name: 'B', kind: 'crowding', polygon: square },
    ]);
    expect(parsed[1]).toMatchObject({ minCount: 5, minDwellS: 10, labels: ['person'] });
  });

  it('names the later of two zones with one id', () => {
    expect(duplicateZoneIds([{ id: 'a' }, { id: 'b' }, { id: 'a' }])).toEqual([2]);
    expect(
      messages([
        { id: 'a', name: 'A', kind: 'mask', polygon: square },
        { id: 'a', name: 'B', kind: 'restricted', polygon: square },
      ]),
    ).toEqual(['1.id: duplicate zone id "a"']);
  });

  it('refuses polygons with too few points, points outside 0..1, or crossing edges', () => {
    const bow = [
      { x: 0.1, y: 0.1 },
      { x: 0.5, y: 0.5 },
      { x: 0.5, y: 0.1 },
      { x: 0.1, y: 0.5 },
    ];
    expect(messages([{ id: 'a', name: 'A', kind: 'mask', polygon: square.slice(0, 2) }])[0]).toContain(
      'at least 3 points',
    );
    expect(messages([{ id: 'a', name: 'A', kind: 'mask', polygon: [...square, { x: 1.2, y: 0.3 }] }])[0]).toContain(
      'outside the frame',
    );
    expect(messages([{ id: 'a', name: 'A', kind: 'restricted', polygon: bow }]).join(' ')).toMatch(/cross/);
  });
});
