/** Box overlap and per-class greedy non-maximum suppression. Pure functions. */
import type { Box } from './types';

export function boxArea(b: Box): number {
  return Math.max(0, b.x2 - b.x1) * Math.max(0, b.y2 - b.y1);
}

/** Intersection over union of two boxes (0 when they do not overlap or both are empty). */
export function iou(a: Box, b: Box): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Keeps, class by class, the highest-scoring box and drops boxes of the same class that overlap a kept one by
 * more than `iouThreshold`. Boxes of different classes never suppress each other. Returns the kept boxes,
 * highest score first.
 */
export function nmsPerClass<T extends Box & { score: number; classId: number }>(
  boxes: readonly T[],
  iouThreshold: number,
): T[] {
  const sorted = [...boxes].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  const byClass = new Map<number, T[]>();
  for (const box of sorted) {
    let keptOfClass = byClass.get(box.classId);
    if (!keptOfClass) {
      keptOfClass = [];
      byClass.set(box.classId, keptOfClass);
    }
    if (keptOfClass.some((k) => iou(k, box) > iouThreshold)) continue;
    keptOfClass.push(box);
    kept.push(box);
  }
  return kept;
}
