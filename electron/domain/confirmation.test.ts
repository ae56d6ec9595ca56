import { describe, expect, it } from 'vitest';
import {
  areaChange,
  ConfirmationConfigSchema,
  decide,
  followFramesFor,
  initialConfirmation,
  medianScore,
  policyFor,
  statisticOf,
  stepConfirmation,
  votesOf,
  windowVote,
  WindowPolicySchema,
  type ConfirmationConfig,
  type ConfirmationEffect,
  type TrackScore,
} from './confirmation';
import type { RelBox, SeenBox } from './incident-types';
import { initialTracker, stepTracker, TrackerConfigSchema } from './tracker';

const config = ConfirmationConfigSchema.parse({});
const trackerConfig = TrackerConfigSchema.parse({});
const window = WindowPolicySchema.parse({ kind: 'window' });

const FIRE: RelBox = { x1: 0.4, y1: 0.4, x2: 0.5, y2: 0.5 };
const PERSON: RelBox = { x1: 0.2, y1: 0.3, x2: 0.3, y2: 0.7 };

/** Scores of one object per frame at 2 fps (null: a frame without it); returns effects as `<frame> <type> <id>`. */
function run(label: string, scores: (number | null)[], c: ConfirmationConfig = config, boxes?: RelBox[]) {
  let tracker = initialTracker();
  let state = initialConfirmation();
  const log: string[] = [];
  const effects: ConfirmationEffect[] = [];
  const reported: TrackScore[] = [];
  scores.forEach((score, i) => {
    const at = i * 500;
    const b = boxes?.[i] ?? (label === 'person' ? PERSON : FIRE);
    const seen: SeenBox[] = score === null ? [] : [{ label, score, box: b, modelId: 'm' }];
    const t = stepTracker(tracker, { cameraId: 'cam1', at, boxes: seen }, trackerConfig);
    tracker = t.state;
    const r = stepConfirmation(state, t.events, at, c);
    state = r.state;
    reported.push(...r.scores);
    for (const e of r.effects) {
      effects.push(e);
      log.push(`${i + 1} ${e.type} ${e.id}`);
    }
  });
  return { log, effects, state, reported };
}
const raisedOrEnded = (log: string[]) => log.filter((l) => !l.includes('-updated'));

describe('confirmation config', () => {
  it('has documented defaults per label, a fallback and overrides per camera', () => {
    expect(policyFor(config, 'cam1', 'fire')).toEqual({ kind: 'window', n: 5, threshold: 0.5, keepThreshold: 0.35 });
    expect(policyFor(config, 'cam1', 'smoke')).toEqual(policyFor(config, 'cam1', 'fire'));
    expect(policyFor(config, 'cam1', 'person')).toEqual({ kind: 'median', n: 5, threshold: 0.6, minScore: 0.45 });
    expect(policyFor(config, 'cam1', 'car')).toEqual(policyFor(config, 'cam1', 'person'));
    expect(votesOf(window)).toBe(3);
    expect(votesOf({ ...window, n: 6 })).toBe(3);
    expect(votesOf({ ...window, votes: 5 })).toBe(5);

    const c = ConfirmationConfigSchema.parse({
      defaults: { person: { kind: 'median', threshold: 0.7 } },
      cameras: { yard: { smoke: { kind: 'window', growth: {} } } },
    });
    expect(policyFor(c, 'cam1', 'person')).toMatchObject({ threshold: 0.7, n: 5 });
    expect(policyFor(c, 'cam1', 'fire')).toMatchObject({ kind: 'window', threshold: 0.5 });
    expect(policyFor(c, 'yard', 'smoke')).toMatchObject({ kind: 'window', growth: { minAreaChange: 0.1 } });
    expect(policyFor(c, 'yard', 'fire')).not.toHaveProperty('growth');
  });

  it('rejects a keep threshold above the threshold, more votes than frames and unknown kinds', () => {
    const bad = [
      { kind: 'window', threshold: 0.4, keepThreshold: 0.5 },
      { kind: 'window', n: 3, votes: 4 },
      { kind: 'vote' },
      { kind: 'median', n: 0 },
    ];
    for (const fire of bad) {
      expect(ConfirmationConfigSchema.safeParse({ defaults: { fire } }).success, JSON.stringify(fire)).toBe(false);
    }
  });
});

describe('following a candidate (whole frames for the rest of the vote)', () => {
  it('asks for n − 1 whole frames after a followed label reaches its threshold, and nothing otherwise', () => {
    expect(config.follow).toEqual(['fire']);
    expect(followFramesFor(config, 'cam1', 'fire', 0.5)).toBe(4);
    expect(followFramesFor(config, 'cam1', 'fire', 0.49)).toBe(0); // under the threshold: not a candidate yet
    expect(followFramesFor(config, 'cam1', 'smoke', 0.9)).toBe(0); // smoke is not followed by default
    expect(followFramesFor(config, 'cam1', 'person', 0.9)).toBe(0);
  });

  it('takes the camera’s policy in force, and never follows a median policy', () => {
    const c = ConfirmationConfigSchema.parse({
      follow: ['fire', 'smoke', 'person'],
      cameras: { yard: { fire: { kind: 'window', n: 7, threshold: 0.6, keepThreshold: 0.4 } } },
    });
    expect(followFramesFor(c, 'yard', 'fire', 0.55)).toBe(0);
    expect(followFramesFor(c, 'yard', 'fire', 0.6)).toBe(6);
    expect(followFramesFor(c, 'gate', 'fire', 0.55)).toBe(4);
    expect(followFramesFor(c, 'gate', 'smoke', 0.5)).toBe(4);
    expect(followFramesFor(c, 'gate', 'person', 0.99)).toBe(0);
    expect(ConfirmationConfigSchema.safeParse({ follow: [''] }).success).toBe(false);
    expect(followFramesFor(ConfirmationConfigSchema.parse({ follow: [] }), 'yard', 'fire', 0.9)).toBe(0);
  });
});

describe('pure decisions', () => {
  it('takes the median of the last n scores, frames before the track and low scores counting 0', () => {
    expect(medianScore([0.9], 5, 0.45)).toBe(0);
    expect(medianScore([0.9, 0.8, 0.7], 5, 0.45)).toBe(0.7);
    expect(medianScore([0.9, 0.4, 0.8, 0.7], 5, 0.45)).toBe(0.7);
    expect(medianScore([0.9, 0.44, 0.8, 0.44, 0.7], 5, 0.45)).toBe(0.7);
    expect(medianScore([0.5, 0.5, 0.95, 0.5, 0.5], 5, 0.45)).toBe(0.5);
    expect(medianScore([0.2, 0.4, 0.6, 0.8], 4, 0)).toBeCloseTo(0.5);
    expect(medianScore([0.9, 0.9, 0.9, 0, 0, 0], 5, 0)).toBe(0);
  });

  it('votes over the last n frames and measures the area change of the sightings', () => {
    const vote = windowVote([0.9, 0, 0.6, 0, 0, 0.3], 5);
    expect(vote.hits).toBe(2);
    expect(vote.mean).toBeCloseTo(0.45);
    expect(windowVote([0, 0], 5)).toEqual({ hits: 0, mean: 0 });
    expect(areaChange([0.01, null, 0.008, 0.01], 5)).toBeCloseTo(0.2);
    expect(areaChange([0.01, null], 5)).toBe(0);
    expect(areaChange([0.01, 0.01, 0.01], 5)).toBe(0);
  });

  it('raises on ⌈n/2⌉ sightings with a mean at the threshold and keeps on the keep threshold', () => {
    expect(decide(window, [0.9, 0.9], [], false)).toBe(false);
    expect(decide(window, [0.9, 0, 0, 0, 0.9], [], false)).toBe(false); // 2 sightings of 3 votes
    expect(decide(window, [0.9, 0, 0.5, 0, 0.1], [], false)).toBe(true); // mean 0.5
    expect(decide(window, [0.9, 0, 0.4, 0, 0.1], [], false)).toBe(false); // mean 0.467
    expect(decide(window, [0.4, 0.4, 0.4], [], false)).toBe(false);
    expect(decide(window, [0.4, 0.4, 0.4], [], true)).toBe(true);
    expect(decide(window, [0.34, 0, 0, 0, 0], [], true)).toBe(false);
    expect(decide(window, [0.9, 0, 0, 0, 0, 0], [], true)).toBe(false);
  });

  it('with a growth check, raises only on a box that changes size', () => {
    const growth = { ...window, growth: { minAreaChange: 0.1 } };
    expect(decide(growth, [0.9, 0.9, 0.9], [0.01, 0.01, 0.01], false)).toBe(false);
    expect(decide(growth, [0.9, 0.9, 0.9], [0.01, 0.0095, 0.0112], false)).toBe(true);
    expect(decide(growth, [0.9, 0.9, 0.9], [0.01, 0.01, 0.01], true)).toBe(true); // only raising is checked
  });

  it('keeps a confirmed object until its track ends', () => {
    const median = policyFor(config, 'cam1', 'person');
    expect(decide(median, [0.9, 0.9, 0.9], [], false)).toBe(true);
    expect(decide(median, [0.9, 0, 0, 0, 0], [], true)).toBe(true);
  });
});

describe('stepConfirmation', () => {
  it('raises one fire alert on the 3rd frame of a sustained fire, updates it, and ends it with the track', () => {
    const { log, effects } = run('fire', [0.7, 0.8, 0.75, 0.8, 0.9, null, null, null, null, null]);
    expect(log).toEqual([
      '3 alert-raised cam1:fire:1#1',
      '4 alert-updated cam1:fire:1#1',
      '5 alert-updated cam1:fire:1#1',
      '10 alert-ended cam1:fire:1#1',
    ]);
    expect(effects[0]).toMatchObject({
      type: 'alert-raised',
      kind: 'fire',
      cameraId: 'cam1',
      label: 'fire',
      firstSeen: 0,
      lastSeen: 1000,
      confirmedAt: 1000,
      peak: { score: 0.8, at: 500 },
    });
    expect(effects[3]).toMatchObject({
      type: 'alert-ended',
      reason: 'track-ended',
      endedAt: 4500,
      lastSeen: 2000,
      confirmedAt: 1000,
      peak: { score: 0.9, at: 2000 },
    });
  });

  it('does not raise on a fire in 1 of 5 frames or on weak sightings', () => {
    expect(run('fire', [null, 0.95, null, null, null]).log).toEqual([]);
    expect(run('smoke', [0.45, 0.4, 0.45, 0.4, 0.45, 0.4]).log).toEqual([]);
  });

  it('keeps one alert through a dip between the keep threshold and the threshold', () => {
    const { log } = run('smoke', [0.7, 0.7, 0.7, 0.4, 0.38, null, 0.42, 0.36, 0.4, 0.45, 0.7]);
    expect(raisedOrEnded(log)).toEqual(['3 alert-raised cam1:smoke:1#1']);
  });

  it('ends an alert whose scores fall under the keep threshold and raises a second one on the same track', () => {
    const scores = [0.7, 0.7, 0.7, 0.3, 0.3, 0.3, 0.3, 0.3, 0.8, 0.8, 0.8];
    const { log, effects } = run('fire', scores);
    expect(raisedOrEnded(log)).toEqual([
      '3 alert-raised cam1:fire:1#1',
      '8 alert-ended cam1:fire:1#1',
      '10 alert-raised cam1:fire:1#2',
    ]);
    expect(effects.find((e) => e.type === 'alert-ended')).toMatchObject({ reason: 'below-keep', endedAt: 3500 });
    // without hysteresis the same dip ends the alert once the window's mean falls under 0.5
    const strict = ConfirmationConfigSchema.parse({ defaults: { fire: { kind: 'window', keepThreshold: 0.5 } } });
    expect(raisedOrEnded(run('fire', [0.7, 0.7, 0.7, 0.4, 0.4, 0.4, 0.4], strict).log)).toEqual([
      '3 alert-raised cam1:fire:1#1',
      '7 alert-ended cam1:fire:1#1',
    ]);
    expect(raisedOrEnded(run('fire', [0.7, 0.7, 0.7, 0.4, 0.4, 0.4, 0.4]).log)).toEqual([
      '3 alert-raised cam1:fire:1#1',
    ]);
  });

  it('confirms a person on the median of the last 5 scores and releases them when the track ends', () => {
    const { log } = run('person', [0.7, 0.5, 0.65, 0.7, 0.8, null, null, null, null, null]);
    expect(log).toEqual([
      '4 object-confirmed cam1:person:1#1',
      '5 object-updated cam1:person:1#1',
      '10 object-released cam1:person:1#1',
    ]);
    expect(run('person', [0.95, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]).log).toEqual([]);
    expect(run('person', [0.5, 0.5, 0.95, 0.5, 0.5, 0.5, 0.5]).log).toEqual([]);
  });

  it('applies a per-camera override and the growth check', () => {
    const c = ConfirmationConfigSchema.parse({ cameras: { cam1: { smoke: { kind: 'window', growth: {} } } } });
    const still = Array<RelBox>(6).fill(FIRE);
    expect(run('smoke', [0.8, 0.8, 0.8, 0.8, 0.8, 0.8], c, still).log).toEqual([]);
    expect(run('fire', [0.8, 0.8, 0.8], c, still).log).toEqual(['3 alert-raised cam1:fire:1#1']);
    const spreading = [0.1, 0.11, 0.12].map((s) => ({ x1: 0.4, y1: 0.4, x2: 0.4 + s, y2: 0.4 + s }));
    expect(run('smoke', [0.8, 0.8, 0.8], c, spreading).log).toEqual(['3 alert-raised cam1:smoke:1#1']);
  });

  it('forgets ended tracks and leaves its input state alone', () => {
    const { state } = run('fire', [0.8, 0.8, 0.8, null, null, null, null, null]);
    expect(state).toEqual(initialConfirmation());
    const mid = run('fire', [0.8, 0.8]).state;
    const frozen = structuredClone(mid);
    const track = {
      id: 'cam1:fire:1',
      cameraId: 'cam1',
      label: 'fire',
      box: FIRE,
      firstSeen: 0,
      lastSeen: 1000,
      scores: [0.8, 0.8, 0.8],
      missed: 0,
      peak: { score: 0.8, at: 0, box: FIRE },
    };
    const r = stepConfirmation(mid, [{ type: 'track-updated', track }], 1000, config);
    expect(r.effects.map((e) => e.type)).toEqual(['alert-raised']);
    expect(mid).toEqual(frozen);
  });
});

describe('decision statistic', () => {
  const median = policyFor(config, 'cam1', 'person');

  it('is the median for objects and the voted window mean for fire and smoke', () => {
    expect(statisticOf(median, [0.7, 0.8, 0.9], [])).toBe(0.7);
    expect(statisticOf(window, [0.6, 0, 0.8], [])).toBe(0); // 2 of 5 frames: the vote fails
    expect(statisticOf(window, [0.6, 0.7, 0.8], [])).toBeCloseTo(0.7);
    const growing = { ...window, growth: { minAreaChange: 0.1 } };
    expect(statisticOf(growing, [0.6, 0.7, 0.8], [0.01, 0.01, 0.01])).toBe(0);
    expect(statisticOf(growing, [0.6, 0.7, 0.8], [0.01, 0.012, 0.014])).toBeCloseTo(0.7);
  });

  it('reaches the threshold exactly when a track not yet confirmed is confirmed', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      const scores = Array.from({ length: 1 + Math.floor(random() * 8) }, () => (random() < 0.3 ? 0 : random()));
      const areas = scores.map((s) => (s > 0 ? 0.01 + random() * 0.01 : null));
      for (const policy of [median, window, { ...window, growth: { minAreaChange: 0.2 } }, { ...window, n: 3 }]) {
        expect(statisticOf(policy, scores, areas) >= policy.threshold).toBe(decide(policy, scores, areas, false));
      }
    }
  });

  it('reports the best value per track from the record floor on, and the first alert it raised', () => {
    // the tracker takes boxes from 0.3: the track starts on the 2nd frame; the vote passes on its 3rd
    const { reported } = run('fire', [0.1, 0.3, 0.6, 0.7, 0.9, 0.2, null, null, null, null, null]);
    expect(reported.map((r) => [r.best, r.bestAt, r.alertId])).toEqual([
      [expect.closeTo(0.533, 3), 1500, 'cam1:fire:1#1'],
      [0.625, 2000, 'cam1:fire:1#1'],
      [expect.closeTo(0.733, 3), 3000, 'cam1:fire:1#1'], // the window drops 0.3 and keeps 3 boxes
    ]);
    const last = reported.at(-1);
    expect(last).toMatchObject({ trackId: 'cam1:fire:1', cameraId: 'cam1', label: 'fire', trackStarted: 500 });
    // under the floor nothing is reported; a person never carries an alert id
    expect(run('fire', [0.1, 0.1, 0.1]).reported).toEqual([]);
    const person = run('person', [0.7, 0.7, 0.7, 0.7]).reported;
    expect(person.map((r) => [r.best, r.alertId])).toEqual([[0.7, null]]);
    const floorless = ConfirmationConfigSchema.parse({ recordFloor: 0.9 });
    expect(run('fire', [0.8, 0.8, 0.8], floorless).reported.map((r) => r.alertId)).toEqual(['cam1:fire:1#1']);
  });
});
