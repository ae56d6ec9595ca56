/** Box overlap and per-class greedy non-maximum suppression. Pure functions. */
import { boxArea, iou } from '../domain/geometry';
import type { Box } from './types';

// one definition of box overlap for pixel boxes (here) and relative boxes (the incident core)
export { boxArea, iou };

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
