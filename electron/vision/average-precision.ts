/**
 * Average precision of one class, the way PASCAL VOC 2010+ and COCO integrate it: all-point interpolation (the
 * area under the precision envelope, precision at recall r being the best precision at any recall ≥ r).
 * Matching follows VOC: detections in decreasing score; each takes the ground-truth box of its image it overlaps
 * most; a true positive when that overlap reaches the IoU threshold and the box was not taken before.
 * Pure functions: no I/O.
 */
import { iou } from './nms';
import type { Box } from './types';

export interface ScoredBox {
  imageId: string;
  box: Box;
  score: number;
}

export interface ScoredOutcome {
  score: number;
  truePositive: boolean;
}

export interface OperatingPoint {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  /** null without ground truth */
  recall: number | null;
  /** null without detections at the threshold */
  precision: number | null;
}

export interface ClassAp {
  groundTruth: number;
  detections: number;
  truePositives: number;
  /** null when the class has no ground-truth box (AP is undefined, not 0). */
  ap: number | null;
  /** Counts at the operating threshold, when one is given. */
  atThreshold: OperatingPoint | null;
  /** Counts at each of the thresholds asked for (`curveAt`), in that order. */
  curve: OperatingPoint[];
}

/** Area under the precision envelope for points (recall[i], precision[i]) in detection order. */
export function allPointAp(recall: readonly number[], precision: readonly number[]): number {
  const r = [0, ...recall, 1];
  const p = [0, ...precision, 0];
  for (let i = p.length - 2; i >= 0; i--) p[i] = Math.max(p[i] ?? 0, p[i + 1] ?? 0);
  let ap = 0;
  for (let i = 1; i < r.length; i++) {
    const dr = (r[i] ?? 0) - (r[i - 1] ?? 0);
    if (dr > 0) ap += dr * (p[i] ?? 0);
  }
  return ap;
}

/** AP from detections already marked true/false positive. */
export function averagePrecision(outcomes: readonly ScoredOutcome[], groundTruth: number): number | null {
  if (groundTruth === 0) return null;
  const sorted = [...outcomes].sort((a, b) => b.score - a.score);
  const recall: number[] = [];
  const precision: number[] = [];
  let tp = 0;
  sorted.forEach((o, i) => {
    if (o.truePositive) tp++;
    recall.push(tp / groundTruth);
    precision.push(tp / (i + 1));
  });
  return allPointAp(recall, precision);
}

/** Marks each detection true or false positive against the ground-truth boxes of its image (VOC rule). */
export function matchDetections(
  detections: readonly ScoredBox[],
  groundTruth: ReadonlyMap<string, readonly Box[]>,
  iouThreshold: number,
): ScoredOutcome[] {
  const taken = new Map<string, boolean[]>();
  const sorted = [...detections].sort((a, b) => b.score - a.score);
  return sorted.map((d) => {
    const boxes = groundTruth.get(d.imageId) ?? [];
    let best = -1;
    let bestIou = 0;
    boxes.forEach((g, i) => {
      const o = iou(d.box, g);
      if (o > bestIou) [best, bestIou] = [i, o];
    });
    let used = taken.get(d.imageId);
    if (!used) taken.set(d.imageId, (used = boxes.map(() => false)));
    const truePositive = best >= 0 && bestIou >= iouThreshold && !used[best];
    if (truePositive) used[best] = true;
    return { score: d.score, truePositive };
  });
}

/**
 * Recall and precision of the detections scoring at least `threshold`. Matching goes in decreasing score, so
 * the outcomes of that prefix are exactly what matching only those detections would give.
 */
export function operatingPoint(
  outcomes: readonly ScoredOutcome[],
  groundTruth: number,
  threshold: number,
): OperatingPoint {
  const kept = outcomes.filter((o) => o.score >= threshold);
  const tp = kept.filter((o) => o.truePositive).length;
  return {
    threshold,
    truePositives: tp,
    falsePositives: kept.length - tp,
    recall: groundTruth > 0 ? tp / groundTruth : null,
    precision: kept.length > 0 ? tp / kept.length : null,
  };
}

export function evaluateClass(
  detections: readonly ScoredBox[],
  groundTruth: ReadonlyMap<string, readonly Box[]>,
  iouThreshold: number,
  operatingThreshold?: number,
  curveAt: readonly number[] = [],
): ClassAp {
  let total = 0;
  for (const boxes of groundTruth.values()) total += boxes.length;
  const outcomes = matchDetections(detections, groundTruth, iouThreshold);
  return {
    groundTruth: total,
    detections: outcomes.length,
    truePositives: outcomes.filter((o) => o.truePositive).length,
    ap: averagePrecision(outcomes, total),
    atThreshold: operatingThreshold === undefined ? null : operatingPoint(outcomes, total, operatingThreshold),
    curve: curveAt.map((t) => operatingPoint(outcomes, total, t)),
  };
}

/** Mean of the defined APs; null when no class has ground truth. */
export function meanAp(aps: readonly (number | null)[]): number | null {
  const defined = aps.filter((a): a is number => a !== null);
  return defined.length > 0 ? defined.reduce((s, a) => s + a, 0) / defined.length : null;
}
