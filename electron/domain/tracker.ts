/**
 * The object tracker as a pure state machine: `stepTracker(state, observation, config)` follows the boxes of one
 * camera frame into tracks and returns the next state and what happened to the tracks (started, updated, ended)
 * as data. Time is the frame's capture time (`observation.at`); nothing here reads a clock or does I/O, so a
 * recorded detection sequence always replays to the same tracks.
 *
 * Rules (defaults in TrackerConfigSchema):
 * - Tracks belong to one camera and one label; a box is only ever matched with a track of its own camera and
 *   label, so cameras and classes never influence each other.
 * - A box under its label's minimum score (`minScore`, `minScoreByLabel`) is ignored: it neither continues nor
 *   starts a track. Set the detector's minimum scores at or below these, or the low scores never arrive.
 * - Matching is greedy and deterministic: first the track/box pairs whose IoU reaches `iouMatch`, highest IoU
 *   first; then, for what is left, pairs whose centres are at most `centroidMatch` apart, nearest first. The
 *   fallback keeps small boxes (where a few pixels of jitter ruin the IoU) and growing fires (a small box inside
 *   a larger one) on one track. Ties go to the older track and the earlier box.
 * - A matched track appends the box's score to its history; every open track of the camera that finds no box in
 *   a frame appends 0 (a miss). After `maxDisappeared` misses in a row the track ends. The history keeps the last
 *   `historyLength` frames (it must be at least the largest confirmation window).
 * - A box left unmatched starts a track with id `<cameraId>:<label>:<n>`, n counting from 1 per camera and label.
 *
 * Frames the motion gate skipped are not observations (see FrameObservation) and count neither as hits nor as
 * misses.
 */
import { z } from 'zod';
import { boxCentre, iou } from './geometry';
import type { FrameObservation, RelBox, SeenBox, Track } from './incident-types';

export const TrackerConfigSchema = z.strictObject({
  iouMatch: z
    .number()
    .min(0.01)
    .max(1)
    .default(0.3)
    .describe('A box continues a track when their IoU reaches this (the first matching pass, highest IoU first).'),
  centroidMatch: z
    .number()
    .min(0)
    .max(1)
    .default(0.05)
    .describe(
      'Fallback pass: a box whose centre is this close to a still unmatched track of its label continues it ' +
        '(relative frame units: 0.05 is 32 px across a 640-wide frame). 0 turns the fallback off.',
    ),
  maxDisappeared: z
    .number()
    .int()
    .min(1)
    .max(600)
    .default(5)
    .describe('A track ends after this many analysed frames in a row without its box (5 is 2.5 s at 2 fps).'),
  historyLength: z
    .number()
    .int()
    .min(1)
    .max(120)
    .default(10)
    .describe('Scores kept per track (last frames, misses as 0); at least the largest confirmation window.'),
  minScore: z
    .number()
    .min(0)
    .max(1)
    .default(0.3)
    .describe('Boxes under this score are ignored, for labels without their own minimum.'),
  minScoreByLabel: z
    .record(z.string(), z.number().min(0).max(1))
    .default({})
    .describe('Minimum score per label, e.g. { "person": 0.4 }, over `minScore`.'),
});
export type TrackerConfig = z.output<typeof TrackerConfigSchema>;

export interface TrackerState {
  /** Open tracks of every camera, oldest first. */
  tracks: Track[];
  /** Tracks started so far per `<cameraId>:<label>`: the number of the next id is one more. */
  counters: Record<string, number>;
}

export type TrackerEvent =
  | { type: 'track-started'; track: Track }
  /** The track found its box in this frame (`track.missed === 0`) or missed it (`track.missed > 0`). */
  | { type: 'track-updated'; track: Track }
  /** The track missed `maxDisappeared` frames in a row; `track` is its last state, misses included. */
  | { type: 'track-ended'; track: Track };

export interface TrackerStepResult {
  state: TrackerState;
  events: TrackerEvent[];
}

/** `counters`: tracks already started per `<cameraId>:<label>`, so that ids go on after a restart. */
export function initialTracker(counters: Readonly<Record<string, number>> = {}): TrackerState {
  return { tracks: [], counters: { ...counters } };
}

/**
 * The tracker's counters as stored alert ids leave them: an object alert is `<cameraId>:<label>:<n>#<k>`, so the
 * next track of that camera and label must be numbered above the highest `n`. Other ids (zone alerts) are skipped.
 */
export function trackCountersFromAlertIds(alertIds: Iterable<string>): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const id of alertIds) {
    const m = /^(.+):(\d+)#\d+$/.exec(id);
    if (!m?.[1] || m[1].includes('/')) continue;
    const n = Number(m[2]);
    if (n > (counters[m[1]] ?? 0)) counters[m[1]] = n;
  }
  return counters;
}

/** Distance between the centres of two boxes, in relative frame units. */
export function centreDistance(a: RelBox, b: RelBox): number {
  const ca = boxCentre(a);
  const cb = boxCentre(b);
  return Math.hypot(ca.x - cb.x, ca.y - cb.y);
}

export function minScoreFor(config: TrackerConfig, label: string): number {
  return config.minScoreByLabel[label] ?? config.minScore;
}

interface Pair {
  track: number;
  box: number;
  key: number;
}

/** Greedy one-to-one matching of `tracks` (indexes into `open`) and `boxes`: IoU pass, then the centre pass. */
function match(tracks: Track[], boxes: SeenBox[], config: TrackerConfig): Map<number, number> {
  const byTrack = new Map<number, number>();
  const usedBoxes = new Set<number>();
  const take = (pairs: Pair[], order: (a: Pair, b: Pair) => number) => {
    pairs.sort((a, b) => order(a, b) || a.track - b.track || a.box - b.box);
    for (const p of pairs) {
      if (byTrack.has(p.track) || usedBoxes.has(p.box)) continue;
      byTrack.set(p.track, p.box);
      usedBoxes.add(p.box);
    }
  };
  const iouPairs: Pair[] = [];
  tracks.forEach((t, ti) => {
    boxes.forEach((b, bi) => {
      const v = iou(t.box, b.box);
      if (v >= config.iouMatch) iouPairs.push({ track: ti, box: bi, key: v });
    });
  });
  take(iouPairs, (a, b) => b.key - a.key);
  if (config.centroidMatch > 0) {
    const near: Pair[] = [];
    tracks.forEach((t, ti) => {
      if (byTrack.has(ti)) return;
      boxes.forEach((b, bi) => {
        if (usedBoxes.has(bi)) return;
        const d = centreDistance(t.box, b.box);
        if (d <= config.centroidMatch) near.push({ track: ti, box: bi, key: d });
      });
    });
    take(near, (a, b) => a.key - b.key);
  }
  return byTrack;
}

function keepLast(scores: number[], n: number): number[] {
  return scores.length > n ? scores.slice(scores.length - n) : scores;
}

/** One analysed frame of one camera. Tracks of other cameras are left as they are. */
export function stepTracker(state: TrackerState, obs: FrameObservation, config: TrackerConfig): TrackerStepResult {
  const events: TrackerEvent[] = [];
  const counters = { ...state.counters };
  const kept = obs.boxes.filter((b) => b.score >= minScoreFor(config, b.label));
  const camera = state.tracks.filter((t) => t.cameraId === obs.cameraId);
  const labels = [...new Set([...camera.map((t) => t.label), ...kept.map((b) => b.label)])];

  const next = new Map<Track, Track | null>(); // old track → its next state, or null once ended
  const started: Track[] = [];
  for (const label of labels) {
    const tracks = camera.filter((t) => t.label === label);
    const boxes = kept.filter((b) => b.label === label);
    const matched = match(tracks, boxes, config);
    tracks.forEach((t, ti) => {
      const bi = matched.get(ti);
      const seen = bi === undefined ? undefined : boxes[bi];
      if (seen) {
        const peak = seen.score > t.peak.score ? { score: seen.score, at: obs.at, box: seen.box } : t.peak;
        const track: Track = {
          ...t,
          box: seen.box,
          lastSeen: obs.at,
          scores: keepLast([...t.scores, seen.score], config.historyLength),
          missed: 0,
          peak,
        };
        next.set(t, track);
        events.push({ type: 'track-updated', track });
        return;
      }
      const track: Track = {
        ...t,
        scores: keepLast([...t.scores, 0], config.historyLength),
        missed: t.missed + 1,
      };
      const ended = track.missed >= config.maxDisappeared;
      next.set(t, ended ? null : track);
      events.push({ type: ended ? 'track-ended' : 'track-updated', track });
    });
    const used = new Set(matched.values());
    boxes.forEach((b, bi) => {
      if (used.has(bi)) return;
      const key = `${obs.cameraId}:${label}`;
      const n = (counters[key] ?? 0) + 1;
      counters[key] = n;
      const track: Track = {
        id: `${key}:${n}`,
        cameraId: obs.cameraId,
        label,
        box: b.box,
        firstSeen: obs.at,
        lastSeen: obs.at,
        scores: [b.score],
        missed: 0,
        peak: { score: b.score, at: obs.at, box: b.box },
      };
      started.push(track);
      events.push({ type: 'track-started', track });
    });
  }

  const tracks: Track[] = [];
  for (const t of state.tracks) {
    const n = next.has(t) ? next.get(t) : t;
    if (n) tracks.push(n);
  }
  tracks.push(...started);
  return { state: { tracks, counters }, events };
}
