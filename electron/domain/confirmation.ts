/**
 * Confirmation: decides from a track's score history whether what the detector keeps seeing is real, as a pure
 * state machine fed with the tracker's events: `stepConfirmation(state, trackerEvents, now, config)` returns the
 * next state and the alerts (fire, smoke) and confirmed objects (people and other labels) as data. No clock, no
 * I/O: a recorded detection sequence always replays to the same alerts.
 *
 * Two policies, chosen per camera and label (`policyFor`):
 *
 * - `median` (objects, people by default; Frigate's model in frigate/track/tracked_object.py): the median of the
 *   track's last `n` scores must reach `threshold`. A miss counts 0, a score under `minScore` counts as a miss,
 *   and so does each frame before the track started while it is younger than `n` frames (Frigate takes the
 *   median of the shorter history and so can confirm on the first frame; here one good frame never suffices).
 *   Once confirmed, an object stays confirmed until its track ends (Frigate: once a true positive, always one).
 *   Default n 5, threshold 0.6, minScore 0.45: the median of 5 reaches 0.6 exactly when 3 of the last 5 frames
 *   score at least 0.6, so a person is confirmed on their 3rd good frame, 1 s after the first at 2 fps.
 *   0.45 is the person model's operating threshold (models/README.md); 0.6 sits between it and Frigate's 0.7,
 *   which was tuned for other models. Raise it per camera where false people appear.
 *
 * - `window` (fire and smoke by default): the vote of the last `n` frames of the track: at least `votes`
 *   (default ⌈n/2⌉) of them have the box, and the mean score of those that have it reaches `threshold`; with
 *   `growth`, the box area must also vary by at least `growth.minAreaChange` (max − min over max, over the frames
 *   that have the box), since flames flicker and smoke spreads while a lamp, a red sign or a grey wall holds still.
 *   Once raised, the alert stays up while the window still has the box at least once with a mean score of at
 *   least `keepThreshold` (hysteresis), and ends when that fails or the track ends.
 *   Default n 5, votes 3, threshold 0.5, keepThreshold 0.35, no growth check:
 *   - 0.5 is the fire/smoke model's operating threshold (precision 0.88 fire, 0.83 smoke on fire-8 valid), but
 *     on ordinary frames it calls "smoke" on 44 % of single frames, hence the vote: a false box has to come back
 *     at the same place in 3 of 5 frames. Where it does (a static grey wall), turn on `growth` for that camera.
 *   - 0.35 keeps one alert for a fire that drops under 0.5 for a while (hidden by its own smoke, swaying in the
 *     wind) instead of ending it and raising another; it lies above the tracker's default floor of 0.3, so the
 *     detector must report boxes from 0.3 for the hysteresis to see them.
 *
 * Frames to raise a fire alert: a sustained fire (its box in every analysed frame at a score of at least 0.5)
 * raises its alert on the 3rd frame of its track, 1 s after it is first seen at 2 fps; with misses, on the frame
 * that brings the 3rd sighting within 5 frames. Once the fire is gone the alert ends with its track, after
 * `maxDisappeared` (default 5, 2.5 s at 2 fps) frames without it.
 *
 * Labels `fire` and `smoke` raise alerts of that kind (`alert-*` effects). Every other label is confirmed as an
 * object (`object-*` effects): the zone rules decide later whether a confirmed person is an intrusion, a crowd or
 * loitering. A track can raise several alerts in turn (`<trackId>#<n>`) when its score falls under the keep
 * threshold and comes back.
 *
 * The decision statistic (`statisticOf`): the value a policy compares with its threshold, given its other
 * conditions hold: the median for `median`; for `window`, the mean score of the frames that have the box when at
 * least `votes` of them do (and the box grew enough, with `growth`), else 0. A track not yet confirmed is
 * confirmed exactly when it reaches the threshold. Each step reports, per track, the best value reached so far
 * (`scores`) when it rises to at least `recordFloor` or the track raises its first alert: threshold tuning stores
 * those, and a track whose best reached t would have raised an alert at threshold t (votes, growth and n as in
 * force; hysteresis and repeated alerts of one track not modelled).
 */
import { z } from 'zod';
import { boxArea } from './geometry';
import type { AlertKind, Track } from './incident-types';
import type { TrackerEvent } from './tracker';

const score = z.number().min(0).max(1);
const frames = z.number().int().min(1).max(60);

export const MedianPolicySchema = z.strictObject({
  kind: z.literal('median'),
  n: frames.default(5).describe('Scores taken into the median: the last n analysed frames of the track.'),
  threshold: score.default(0.6).describe('The median must reach this to confirm the object.'),
  minScore: score.default(0.45).describe('A score under this counts as a miss (0).'),
});

export const WindowPolicySchema = z
  .strictObject({
    kind: z.literal('window'),
    n: frames.default(5).describe('Frames in the vote: the last n analysed frames of the track.'),
    votes: z
      .number()
      .int()
      .min(1)
      .max(60)
      .optional()
      .describe('Frames of the window that must have the box to raise the alert; default ⌈n/2⌉.'),
    threshold: score.default(0.5).describe('Mean score of the frames that have the box, to raise the alert.'),
    keepThreshold: score
      .default(0.35)
      .describe('Once raised, the alert stays while that mean stays at least this (hysteresis; ≤ threshold).'),
    growth: z
      .strictObject({
        minAreaChange: score
          .default(0.1)
          .describe('(max − min) / max of the box area over the window must reach this to raise the alert.'),
      })
      .optional()
      .describe('Optional: require the box to change size, against still false positives.'),
  })
  .refine((p) => p.keepThreshold <= p.threshold, {
    message: 'keepThreshold must not exceed threshold',
    path: ['keepThreshold'],
  })
  .refine((p) => p.votes === undefined || p.votes <= p.n, { message: 'votes must not exceed n', path: ['votes'] });

export const ConfirmationPolicySchema = z.discriminatedUnion('kind', [MedianPolicySchema, WindowPolicySchema]);
export type MedianPolicy = z.output<typeof MedianPolicySchema>;
export type WindowPolicy = z.output<typeof WindowPolicySchema>;
export type ConfirmationPolicy = z.output<typeof ConfirmationPolicySchema>;

const windowDefault = { kind: 'window' } as const;
const medianDefault = { kind: 'median' } as const;

export const ConfirmationConfigSchema = z.strictObject({
  defaults: z
    .object({
      fire: ConfirmationPolicySchema.prefault(windowDefault),
      smoke: ConfirmationPolicySchema.prefault(windowDefault),
      person: ConfirmationPolicySchema.prefault(medianDefault),
    })
    .catchall(ConfirmationPolicySchema)
    .prefault({})
    .describe('Policy per label for every camera; labels not listed take `fallback`.'),
  fallback: ConfirmationPolicySchema.prefault(medianDefault).describe('Policy for labels without one.'),
  cameras: z
    .record(z.string(), z.record(z.string(), ConfirmationPolicySchema))
    .default({})
    .describe(
      'Overrides per camera id and label. An override is a whole policy: fields left out take the defaults of ' +
        'its kind, not those of `defaults`.',
    ),
  follow: z
    .array(z.string().min(1))
    .default(['fire'])
    .describe(
      'Labels with a `window` policy whose box, once it reaches the threshold, makes the detector see the ' +
        'camera’s next n − 1 frames whole, so the vote is decided on consecutive frames instead of the motion ' +
        'gate’s full scans (10 s apart): a still fire is confirmed about 1 s after it is first seen. Smoke is ' +
        'left out by default: the shipped baseline calls smoke on half of ordinary indoor frames and on every ' +
        'street frame at 0.5, and whole frames hand those false boxes the votes they need (models/README.md).',
    ),
  recordFloor: score
    .default(0.2)
    .describe(
      'Tracks whose best decision statistic reaches this are recorded for threshold tuning (what-if counts ' +
        'are exact only for thresholds at or above it).',
    ),
});
export type ConfirmationConfig = z.output<typeof ConfirmationConfigSchema>;

export function policyFor(config: ConfirmationConfig, cameraId: string, label: string): ConfirmationPolicy {
  return config.cameras[cameraId]?.[label] ?? config.defaults[label] ?? config.fallback;
}

export function votesOf(policy: WindowPolicy): number {
  return policy.votes ?? Math.ceil(policy.n / 2);
}

/** The last `n` entries, padded at the front with `pad` when there are fewer. */
function lastN<T>(values: readonly T[], n: number, pad: T): T[] {
  const tail = values.slice(Math.max(0, values.length - n));
  return [...Array<T>(n - tail.length).fill(pad), ...tail];
}

/** Median of the last `n` scores; misses, scores under `minScore` and frames before the track count 0. */
export function medianScore(scores: readonly number[], n: number, minScore: number): number {
  const window = lastN(scores, n, 0)
    .map((s) => (s >= minScore ? s : 0))
    .sort((a, b) => a - b);
  const mid = Math.floor(window.length / 2);
  const hi = window[mid] ?? 0;
  return window.length % 2 === 1 ? hi : ((window[mid - 1] ?? 0) + hi) / 2;
}

/** Frames of the last `n` that have the box (score > 0), and their mean score (0 when none). */
export function windowVote(scores: readonly number[], n: number): { hits: number; mean: number } {
  const hits = scores.slice(Math.max(0, scores.length - n)).filter((s) => s > 0);
  return { hits: hits.length, mean: hits.length ? hits.reduce((a, b) => a + b, 0) / hits.length : 0 };
}

/** (max − min) / max of the areas of the frames that have the box (null entries are misses); 0 for fewer than 2. */
export function areaChange(areas: readonly (number | null)[], n: number): number {
  const seen = areas.slice(Math.max(0, areas.length - n)).filter((a): a is number => a !== null);
  if (seen.length < 2) return 0;
  const max = Math.max(...seen);
  return max > 0 ? (max - Math.min(...seen)) / max : 0;
}

/**
 * Whether a track is confirmed after its latest frame, given whether it was before. `areas` are the box areas
 * of the same frames as `scores` (null for a miss); only the growth check reads them.
 */
export function decide(
  policy: ConfirmationPolicy,
  scores: readonly number[],
  areas: readonly (number | null)[],
  wasConfirmed: boolean,
): boolean {
  if (policy.kind === 'median') {
    return wasConfirmed || medianScore(scores, policy.n, policy.minScore) >= policy.threshold;
  }
  const { hits, mean } = windowVote(scores, policy.n);
  if (wasConfirmed) return hits > 0 && mean >= policy.keepThreshold;
  if (hits < votesOf(policy) || mean < policy.threshold) return false;
  return !policy.growth || areaChange(areas, policy.n) >= policy.growth.minAreaChange;
}

/**
 * The policy's decision statistic after the latest frame: the median for `median`; for `window`, the mean score
 * of the frames that have the box when the vote (and the growth check) passes, else 0.
 */
export function statisticOf(
  policy: ConfirmationPolicy,
  scores: readonly number[],
  areas: readonly (number | null)[],
): number {
  if (policy.kind === 'median') return medianScore(scores, policy.n, policy.minScore);
  const { hits, mean } = windowVote(scores, policy.n);
  if (hits < votesOf(policy)) return 0;
  if (policy.growth && areaChange(areas, policy.n) < policy.growth.minAreaChange) return 0;
  return mean;
}

/**
 * How many of a camera's next frames the detector should see whole after a box of `label` scored `score`: the
 * rest of the vote's window (n − 1) when the label is one of `follow` and the box could raise its `window`
 * alert (its score reaches the policy's threshold), else 0. Between the motion gate's full scans the detector
 * sees only moving crops; a still fire is not in them (or is seen at a scale and aspect it was not trained on),
 * so without following its vote waits for the next full scan, 10 s later.
 */
export function followFramesFor(config: ConfirmationConfig, cameraId: string, label: string, score: number): number {
  if (!config.follow.includes(label)) return 0;
  const policy = policyFor(config, cameraId, label);
  if (policy.kind !== 'window' || score < policy.threshold) return 0;
  return policy.n - 1;
}

const ALERT_LABELS: Readonly<Record<string, AlertKind>> = { fire: 'fire', smoke: 'smoke' };

/** The alert kind a label raises by itself (fire, smoke), or null for labels the zone rules judge (people…). */
export function alertKindOf(label: string): AlertKind | null {
  return ALERT_LABELS[label] ?? null;
}

interface TrackConfirmation {
  /** Id of the alert or confirmation now up, or null. */
  confirmedId: string | null;
  confirmedAt: number | null;
  /** Confirmations so far on this track (numbers the ids). */
  count: number;
  /** Box area per frame of the track's recent history, null for a miss (for the growth check). */
  areas: (number | null)[];
  /** Best decision statistic reached so far, and when. */
  best: number;
  bestAt: number;
}

export interface ConfirmationState {
  /** Per open track id. */
  tracks: Record<string, TrackConfirmation>;
}

export function initialConfirmation(): ConfirmationState {
  return { tracks: {} };
}

export type EndReason = 'track-ended' | 'below-keep';

/** What every effect says about the confirmed track. */
export interface Confirmed {
  /** `<trackId>#<n>`, n counting the confirmations of that track from 1. */
  id: string;
  cameraId: string;
  label: string;
  track: Track;
  firstSeen: number;
  lastSeen: number;
  peak: Track['peak'];
  confirmedAt: number;
}

export type ConfirmationEffect =
  | ({ type: 'alert-raised' | 'alert-updated'; kind: AlertKind } & Confirmed)
  | ({ type: 'alert-ended'; kind: AlertKind; reason: EndReason; endedAt: number } & Confirmed)
  | ({ type: 'object-confirmed' | 'object-updated' } & Confirmed)
  | ({ type: 'object-released'; reason: EndReason; endedAt: number } & Confirmed);

/** A track's best decision statistic so far (see `statisticOf`), reported when it changes. */
export interface TrackScore {
  trackId: string;
  cameraId: string;
  label: string;
  /** The track's first frame: with the id, names the track across engine runs. */
  trackStarted: number;
  best: number;
  bestAt: number;
  /** The first alert the track raised (labels that raise alerts themselves), or null. */
  alertId: string | null;
}

export interface ConfirmationStepResult {
  state: ConfirmationState;
  effects: ConfirmationEffect[];
  /** Tracks whose best statistic rose to at least the record floor, or that raised their first alert. */
  scores: TrackScore[];
}

const AREA_HISTORY = 60; // the largest `n` a policy accepts

function confirmedOf(track: Track, id: string, confirmedAt: number): Confirmed {
  return {
    id,
    cameraId: track.cameraId,
    label: track.label,
    track,
    firstSeen: track.firstSeen,
    lastSeen: track.lastSeen,
    peak: track.peak,
    confirmedAt,
  };
}

function scoreOf(track: Track, tc: TrackConfirmation, raisesAlerts: boolean): TrackScore {
  return {
    trackId: track.id,
    cameraId: track.cameraId,
    label: track.label,
    trackStarted: track.firstSeen,
    best: tc.best,
    bestAt: tc.bestAt,
    alertId: raisesAlerts && tc.count > 0 ? `${track.id}#1` : null,
  };
}

function ended(track: Track, tc: TrackConfirmation, reason: EndReason, now: number): ConfirmationEffect | null {
  if (tc.confirmedId === null || tc.confirmedAt === null) return null;
  const base = { ...confirmedOf(track, tc.confirmedId, tc.confirmedAt), reason, endedAt: now };
  const kind = alertKindOf(track.label);
  return kind ? { type: 'alert-ended', kind, ...base } : { type: 'object-released', ...base };
}

/** One frame's tracker events (those of `stepTracker` for one observation). */
export function stepConfirmation(
  state: ConfirmationState,
  events: readonly TrackerEvent[],
  now: number,
  config: ConfirmationConfig,
): ConfirmationStepResult {
  let tracks = { ...state.tracks };
  const effects: ConfirmationEffect[] = [];
  const scores: TrackScore[] = [];
  for (const event of events) {
    const { track } = event;
    const before: TrackConfirmation = tracks[track.id] ?? {
      confirmedId: null,
      confirmedAt: null,
      count: 0,
      areas: [],
      best: 0,
      bestAt: now,
    };
    if (event.type === 'track-ended') {
      const effect = ended(track, before, 'track-ended', now);
      if (effect) effects.push(effect);
      tracks = Object.fromEntries(Object.entries(tracks).filter(([id]) => id !== track.id));
      continue;
    }
    const hit = track.missed === 0;
    const areas = [...before.areas, hit ? boxArea(track.box) : null].slice(-AREA_HISTORY);
    const wasConfirmed = before.confirmedId !== null;
    const policy = policyFor(config, track.cameraId, track.label);
    const confirmed = decide(policy, track.scores, areas, wasConfirmed);
    const kind = alertKindOf(track.label);
    const statistic = statisticOf(policy, track.scores, areas);
    const rose = statistic > before.best;
    let next: TrackConfirmation = rose ? { ...before, areas, best: statistic, bestAt: now } : { ...before, areas };
    if (confirmed && !wasConfirmed) {
      const count = before.count + 1;
      const id = `${track.id}#${count}`;
      next = { ...next, confirmedId: id, confirmedAt: now, count };
      const base = confirmedOf(track, id, now);
      effects.push(kind ? { type: 'alert-raised', kind, ...base } : { type: 'object-confirmed', ...base });
    } else if (confirmed && hit && before.confirmedId !== null && before.confirmedAt !== null) {
      const base = confirmedOf(track, before.confirmedId, before.confirmedAt);
      effects.push(kind ? { type: 'alert-updated', kind, ...base } : { type: 'object-updated', ...base });
    } else if (!confirmed && wasConfirmed) {
      const effect = ended(track, before, 'below-keep', now);
      if (effect) effects.push(effect);
      next = { ...next, confirmedId: null, confirmedAt: null };
    }
    tracks[track.id] = next;
    const firstAlert = kind !== null && next.count === 1 && before.count === 0;
    if ((rose && next.best >= config.recordFloor) || firstAlert) {
      scores.push(scoreOf(track, next, kind !== null));
    }
  }
  return { state: { tracks }, effects, scores };
}
