import { describe, expect, it } from 'vitest';
import type { FrameObservation, RelBox, SeenBox } from './incident-types';
import {
  centreDistance,
  initialTracker,
  stepTracker,
  trackCountersFromAlertIds,
  TrackerConfigSchema,
  type TrackerConfig,
  type TrackerEvent,
  type TrackerState,
} from './tracker';

const config = TrackerConfigSchema.parse({});

const box = (x1: number, y1: number, x2: number, y2: number): RelBox => ({ x1, y1, x2, y2 });
const seen = (label: string, score: number, b: RelBox): SeenBox => ({ label, score, box: b, modelId: 'm' });
const frame = (at: number, boxes: SeenBox[], cameraId = 'cam1'): FrameObservation => ({ cameraId, at, boxes });

function replay(frames: FrameObservation[], c: TrackerConfig = config, from: TrackerState = initialTracker()) {
  let state = from;
  const events: TrackerEvent[][] = [];
  for (const f of frames) {
    const r = stepTracker(state, f, c);
    state = r.state;
    events.push(r.events);
  }
  return { state, events };
}
const summary = (events: TrackerEvent[]) => events.map((e) => `${e.type} ${e.track.id}`);

describe('tracker config', () => {
  it('has documented defaults', () => {
    expect(config).toEqual({
      iouMatch: 0.3,
      centroidMatch: 0.05,
      maxDisappeared: 5,
      historyLength: 10,
      minScore: 0.3,
      minScoreByLabel: {},
    });
  });

  it('rejects unknown fields and out-of-range values', () => {
    expect(TrackerConfigSchema.safeParse({ iou: 0.3 }).success).toBe(false);
    expect(TrackerConfigSchema.safeParse({ maxDisappeared: 0 }).success).toBe(false);
    expect(TrackerConfigSchema.safeParse({ minScoreByLabel: { person: 2 } }).success).toBe(false);
  });
});

describe('box geometry', () => {
  it('measures centre distance in relative units', () => {
    expect(centreDistance(box(0, 0, 0.2, 0.2), box(0.3, 0.4, 0.5, 0.6))).toBeCloseTo(0.5);
  });
});

describe('stepTracker', () => {
  it('starts tracks with ids per camera and label, counting from 1', () => {
    const { events } = replay([
      frame(0, [seen('fire', 0.8, box(0.1, 0.1, 0.2, 0.2)), seen('fire', 0.7, box(0.6, 0.6, 0.7, 0.7))]),
      frame(0, [seen('smoke', 0.6, box(0.1, 0.1, 0.2, 0.2))], 'cam2'),
    ]);
    expect(events.map(summary)).toEqual([
      ['track-started cam1:fire:1', 'track-started cam1:fire:2'],
      ['track-started cam2:smoke:1'],
    ]);
    const started = events[0]?.[0]?.track;
    expect(started).toEqual({
      id: 'cam1:fire:1',
      cameraId: 'cam1',
      label: 'fire',
      box: box(0.1, 0.1, 0.2, 0.2),
      firstSeen: 0,
      lastSeen: 0,
      scores: [0.8],
      missed: 0,
      peak: { score: 0.8, at: 0, box: box(0.1, 0.1, 0.2, 0.2) },
    });
  });

  it('continues a track by IoU, keeps the score history and the peak', () => {
    const { state, events } = replay([
      frame(0, [seen('fire', 0.6, box(0.1, 0.1, 0.3, 0.3))]),
      frame(500, [seen('fire', 0.9, box(0.12, 0.1, 0.32, 0.3))]),
      frame(1000, [seen('fire', 0.7, box(0.14, 0.1, 0.34, 0.3))]),
    ]);
    expect(events.flat().map((e) => e.type)).toEqual(['track-started', 'track-updated', 'track-updated']);
    expect(state.tracks).toHaveLength(1);
    expect(state.tracks[0]).toMatchObject({
      id: 'cam1:fire:1',
      box: box(0.14, 0.1, 0.34, 0.3),
      firstSeen: 0,
      lastSeen: 1000,
      scores: [0.6, 0.9, 0.7],
      missed: 0,
      peak: { score: 0.9, at: 500, box: box(0.12, 0.1, 0.32, 0.3) },
    });
  });

  it('gives a contested box to the track with the highest IoU', () => {
    const two = [seen('person', 0.9, box(0.1, 0.1, 0.3, 0.5)), seen('person', 0.9, box(0.25, 0.1, 0.45, 0.5))];
    const { events } = replay([frame(0, two), frame(500, [seen('person', 0.9, box(0.24, 0.1, 0.44, 0.5))])]);
    expect(events[1]?.map((e) => [e.type, e.track.id, e.track.missed])).toEqual([
      ['track-updated', 'cam1:person:1', 1],
      ['track-updated', 'cam1:person:2', 0],
    ]);
  });

  it('falls back on centre distance for small boxes and growing fires', () => {
    // a 2 % box that moves by its own width: IoU 0, centres 0.02 apart
    const small = [
      frame(0, [seen('fire', 0.8, box(0.5, 0.5, 0.52, 0.52))]),
      frame(500, [seen('fire', 0.8, box(0.52, 0.5, 0.54, 0.52))]),
    ];
    expect(
      replay(small)
        .events.flat()
        .map((e) => e.type),
    ).toEqual(['track-started', 'track-updated']);
    // a small flame that became a large one around it: IoU 0.04
    const growing = [
      frame(0, [seen('fire', 0.8, box(0.45, 0.45, 0.55, 0.55))]),
      frame(500, [seen('fire', 0.8, box(0.25, 0.25, 0.75, 0.75))]),
    ];
    expect(
      replay(growing)
        .events.flat()
        .map((e) => e.type),
    ).toEqual(['track-started', 'track-updated']);
    // with the fallback off, both start a new track
    const off = TrackerConfigSchema.parse({ centroidMatch: 0 });
    expect(summary(replay(small, off).events.flat())).toEqual([
      'track-started cam1:fire:1',
      'track-updated cam1:fire:1',
      'track-started cam1:fire:2',
    ]);
  });

  it('never matches across labels or cameras', () => {
    const b = box(0.1, 0.1, 0.3, 0.3);
    const { state, events } = replay([
      frame(0, [seen('fire', 0.8, b)]),
      frame(100, [seen('fire', 0.8, b)], 'cam2'),
      frame(500, [seen('smoke', 0.8, b)]),
    ]);
    expect(events.map(summary)).toEqual([
      ['track-started cam1:fire:1'],
      ['track-started cam2:fire:1'],
      ['track-updated cam1:fire:1', 'track-started cam1:smoke:1'],
    ]);
    // cam2's track was not touched by cam1's frame: no miss counted
    expect(state.tracks.find((t) => t.id === 'cam2:fire:1')?.scores).toEqual([0.8]);
    expect(state.tracks.find((t) => t.id === 'cam1:fire:1')?.scores).toEqual([0.8, 0]);
  });

  it('counts misses as 0 and ends a track after maxDisappeared misses in a row', () => {
    const b = box(0.1, 0.1, 0.3, 0.3);
    const frames = [frame(0, [seen('fire', 0.8, b)]), frame(500, []), frame(1000, [seen('fire', 0.7, b)])];
    for (let i = 1; i <= 5; i++) frames.push(frame(1000 + i * 500, []));
    const { state, events } = replay(frames);
    expect(events.map((es) => es.map((e) => `${e.type} ${e.track.missed}`))).toEqual([
      ['track-started 0'],
      ['track-updated 1'],
      ['track-updated 0'],
      ['track-updated 1'],
      ['track-updated 2'],
      ['track-updated 3'],
      ['track-updated 4'],
      ['track-ended 5'],
    ]);
    expect(events[7]?.[0]?.track).toMatchObject({ lastSeen: 1000, scores: [0.8, 0, 0.7, 0, 0, 0, 0, 0] });
    expect(state.tracks).toEqual([]);
    // the next fire at the same place is a new track
    expect(summary(stepTracker(state, frame(5000, [seen('fire', 0.8, b)]), config).events)).toEqual([
      'track-started cam1:fire:2',
    ]);
  });

  it('ignores boxes under the minimum score of their label', () => {
    const c = TrackerConfigSchema.parse({ minScoreByLabel: { person: 0.5 } });
    const b = box(0.1, 0.1, 0.3, 0.6);
    const { state, events } = replay(
      [
        frame(0, [seen('person', 0.4, b), seen('fire', 0.29, b)]),
        frame(500, [seen('person', 0.6, b)]),
        frame(1000, [seen('person', 0.45, b), seen('fire', 0.3, b)]),
      ],
      c,
    );
    expect(events.map(summary)).toEqual([
      [],
      ['track-started cam1:person:1'],
      ['track-updated cam1:person:1', 'track-started cam1:fire:1'],
    ]);
    expect(state.tracks[0]?.scores).toEqual([0.6, 0]);
  });

  it('keeps the last historyLength scores', () => {
    const c = TrackerConfigSchema.parse({ historyLength: 3 });
    const b = box(0.1, 0.1, 0.3, 0.3);
    const { state } = replay(
      [0.5, 0.6, 0.7, 0.8].map((s, i) => frame(i * 500, [seen('fire', s, b)])),
      c,
    );
    expect(state.tracks[0]?.scores).toEqual([0.6, 0.7, 0.8]);
  });

  it('replays the same sequence to the same tracks and does not change its input state', () => {
    const frames = [
      frame(0, [seen('fire', 0.8, box(0.1, 0.1, 0.2, 0.2)), seen('person', 0.9, box(0.5, 0.2, 0.6, 0.6))]),
      frame(500, [seen('fire', 0.7, box(0.11, 0.1, 0.21, 0.2))]),
      frame(1000, []),
    ];
    const first = replay(frames);
    const frozen = structuredClone(first.state);
    expect(replay(frames)).toEqual(first);
    stepTracker(first.state, frame(1500, [seen('fire', 0.9, box(0.1, 0.1, 0.2, 0.2))]), config);
    expect(first.state).toEqual(frozen);
  });
});

describe('track ids after a restart', () => {
  it('reads the counters off stored alert ids, skipping zone alerts', () => {
    const ids = [
      'cam1:fire:3#1',
      'cam1:fire:12#2',
      'cam1:fire:7#1',
      'cam2:person:1#1',
      'cam1/no-entry/cam1:person:4@1000',
    ];
    expect(trackCountersFromAlertIds(ids)).toEqual({ 'cam1:fire': 12, 'cam2:person': 1 });
    expect(trackCountersFromAlertIds(['garbage', '#1', ':#1'])).toEqual({});
  });

  it('numbers the next track above the stored ones, so alert ids are never reused', () => {
    const started = replay(
      [frame(0, [seen('fire', 0.9, box(0.1, 0.1, 0.3, 0.3))])],
      config,
      initialTracker({ 'cam1:fire': 12 }),
    );
    expect(summary(started.events[0] ?? [])).toEqual(['track-started cam1:fire:13']);
    const fresh = replay(
      [frame(0, [seen('smoke', 0.9, box(0.1, 0.1, 0.3, 0.3))])],
      config,
      initialTracker({ 'cam1:fire': 12 }),
    );
    expect(summary(fresh.events[0] ?? [])).toEqual(['track-started cam1:smoke:1']);
  });
});
