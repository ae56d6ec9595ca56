/**
 * Threshold tuning maths on plain arrays: what operators said about the alerts of one camera and label, set
 * against the decision statistic that raised them (see `statisticOf` in confirmation.ts), and how many alerts a
 * proposed threshold would have raised.
 *
 * - Histograms: the best statistic of confirmed and of dismissed alerts, in equal bins over [0, 1].
 * - Precision and recall at each threshold step t, over the reviewed alerts: kept = those with statistic ≥ t;
 *   precision = confirmed kept / kept; recall = confirmed kept / all confirmed. Recall is relative to the alerts
 *   that were raised at the thresholds then in force: a real fire that never reached them is not in the data.
 * - What-if: the tracks recorded in a period whose best statistic reached t would have raised an alert at t
 *   (votes, window size and growth as they were; hysteresis and a track's repeated alerts are not modelled).
 *   Tracks are recorded from the floor on, so under the floor a count is only a lower bound.
 *
 * No clock, no I/O: periods come in as arguments.
 */
import type { FalseAlarmReason } from './task-lifecycle';

export type Verdict = 'confirmed' | 'dismissed';

/** A reviewed alert with its track's best decision statistic. */
export interface ReviewedAlert {
  alertId: string;
  statistic: number;
  verdict: Verdict;
  reason: FalseAlarmReason | null;
  /** Milliseconds since the epoch. */
  at: number;
}

/** A recorded track: when its statistic peaked, the best value, and whether it raised an alert. */
export interface ScoredTrack {
  at: number;
  best: number;
  alerted: boolean;
}

export interface Histogram {
  /** bins + 1 edges from 0 to 1. */
  edges: number[];
  confirmed: number[];
  dismissed: number[];
}

export interface CurvePoint {
  threshold: number;
  /** null when no reviewed alert reaches the threshold. */
  precision: number | null;
  /** null when no alert was confirmed. */
  recall: number | null;
  confirmed: number;
  dismissed: number;
}

export interface WhatIfPoint {
  threshold: number;
  /** Recorded tracks of the period whose best statistic reached the threshold. */
  alerts: number;
  /** The threshold lies under the record floor: tracks under the floor were not recorded. */
  lowerBound: boolean;
}

/** Rounds away binary noise (0.1 + 0.2) so thresholds compare as written. */
const round = (v: number, digits = 6): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Threshold steps from 0 to 1 inclusive, `steps` intervals (default 100: 0, 0.01, …, 1). */
export function thresholdSteps(steps = 100): number[] {
  return Array.from({ length: steps + 1 }, (_, i) => round(i / steps));
}

/** The bin of a value in [0, 1] among `bins` equal bins; 1 falls into the last one. */
export function binOf(value: number, bins: number): number {
  return Math.min(bins - 1, Math.max(0, Math.floor(round(value * bins, 9))));
}

export function histogram(alerts: readonly ReviewedAlert[], bins = 20): Histogram {
  const confirmed = Array<number>(bins).fill(0);
  const dismissed = Array<number>(bins).fill(0);
  for (const a of alerts) {
    const counts = a.verdict === 'confirmed' ? confirmed : dismissed;
    const bin = binOf(a.statistic, bins);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return { edges: thresholdSteps(bins), confirmed, dismissed };
}

/** How many values reach each threshold: values sorted once, one pointer over the ascending thresholds. */
function countsAtOrAbove(values: readonly number[], thresholds: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  let below = 0;
  return thresholds.map((t) => {
    while (below < sorted.length && (sorted[below] ?? 0) < t) below++;
    return sorted.length - below;
  });
}

export function precisionRecall(alerts: readonly ReviewedAlert[], thresholds = thresholdSteps()): CurvePoint[] {
  const ascending = [...thresholds].sort((a, b) => a - b);
  const statistics = (verdict: Verdict) => alerts.filter((a) => a.verdict === verdict).map((a) => a.statistic);
  const allConfirmed = statistics('confirmed');
  const ok = countsAtOrAbove(allConfirmed, ascending);
  const bad = countsAtOrAbove(statistics('dismissed'), ascending);
  return ascending.map((threshold, i) => {
    const confirmed = ok[i] ?? 0;
    const dismissed = bad[i] ?? 0;
    return {
      threshold,
      precision: confirmed + dismissed > 0 ? round(confirmed / (confirmed + dismissed)) : null,
      recall: allConfirmed.length > 0 ? round(confirmed / allConfirmed.length) : null,
      confirmed,
      dismissed,
    };
  });
}

/** Tracks of [from, to) (milliseconds) whose best statistic reached each threshold. */
export function whatIf(
  tracks: readonly ScoredTrack[],
  period: { from: number; to: number },
  floor: number,
  thresholds = thresholdSteps(),
): WhatIfPoint[] {
  const ascending = [...thresholds].sort((a, b) => a - b);
  const inPeriod = tracks.filter((t) => t.at >= period.from && t.at < period.to).map((t) => t.best);
  const counts = countsAtOrAbove(inPeriod, ascending);
  return ascending.map((threshold, i) => ({ threshold, alerts: counts[i] ?? 0, lowerBound: threshold < floor }));
}

/** The what-if count at a threshold off the step grid: the count of the nearest step at or above it. */
export function whatIfAt(points: readonly WhatIfPoint[], threshold: number): WhatIfPoint | null {
  return points.find((p) => p.threshold >= round(threshold)) ?? null;
}

/** Alerts the recorded tracks of the period actually raised. */
export function raisedIn(tracks: readonly ScoredTrack[], period: { from: number; to: number }): number {
  return tracks.filter((t) => t.alerted && t.at >= period.from && t.at < period.to).length;
}
