import { describe, expect, it } from 'vitest';
import {
  allPointAp,
  averagePrecision,
  evaluateClass,
  matchDetections,
  meanAp,
  operatingPoint,
} from './average-precision';
import type { Box } from './types';

const sq = (x: number, y: number, size = 10): Box => ({ x1: x, y1: y, x2: x + size, y2: y + size });

describe('all-point interpolated AP', () => {
  it('is the area under the precision envelope', () => {
    // points (0.5, 1), (1, 0.5): 0.5 × 1 + 0.5 × 0.5
    expect(allPointAp([0.5, 1], [1, 0.5])).toBe(0.75);
    // a dip is lifted to the best precision at higher recall: (0.25, 1) (0.25, 0.5) (0.5, 0.67) (0.5, 0.5)
    // envelope: 1 up to 0.25, then 2/3 up to 0.5, nothing beyond → 0.25 + 0.25 × 2/3
    expect(allPointAp([0.25, 0.25, 0.5, 0.5], [1, 0.5, 2 / 3, 0.5])).toBeCloseTo(0.25 + 0.25 * (2 / 3), 12);
    expect(allPointAp([], [])).toBe(0);
  });
});

describe('average precision of one class, worked by hand', () => {
  // image A has two objects, image B one
  const gt = new Map<string, Box[]>([
    ['A', [sq(0, 0), sq(50, 50)]],
    ['B', [sq(0, 0)]],
  ]);
  const detections = [
    { imageId: 'A', box: sq(1, 1), score: 0.9 }, // TP (IoU 81/119 = 0.68 with A0)
    { imageId: 'B', box: sq(30, 30), score: 0.8 }, // FP: nothing there
    { imageId: 'A', box: sq(50, 51), score: 0.7 }, // TP (A1, IoU 0.82)
    { imageId: 'A', box: sq(0, 1), score: 0.6 }, // FP: A0 already taken (duplicate)
    // B0 is never found
  ];

  it('marks true and false positives the VOC way (best-overlap box, each taken once)', () => {
    expect(matchDetections(detections, gt, 0.5).map((o) => o.truePositive)).toEqual([true, false, true, false]);
    // at IoU 0.75 the first detection (0.68) no longer counts, so A0 is still free for the last one (0.82)
    expect(matchDetections(detections, gt, 0.75).map((o) => o.truePositive)).toEqual([false, false, true, true]);
  });

  it('integrates precision over recall', () => {
    // recall 1/3, 1/3, 2/3, 2/3; precision 1, 1/2, 2/3, 1/2 → AP = 1/3 × 1 + 1/3 × 2/3 = 5/9
    const r = evaluateClass(detections, gt, 0.5, 0.65);
    expect(r.ap).toBeCloseTo(5 / 9, 12);
    expect(r).toMatchObject({ groundTruth: 3, detections: 4, truePositives: 2 });
    // at score ≥ 0.65: 0.9 TP, 0.8 FP, 0.7 TP
    expect(r.atThreshold).toEqual({
      threshold: 0.65,
      truePositives: 2,
      falsePositives: 1,
      recall: 2 / 3,
      precision: 2 / 3,
    });
  });

  it('does not depend on the order detections come in', () => {
    const shuffled = [detections[3], detections[0], detections[2], detections[1]].filter((d) => d !== undefined);
    expect(evaluateClass(shuffled, gt, 0.5).ap).toBeCloseTo(5 / 9, 12);
  });

  it('is 1 for perfect detections, 0 when nothing matches, undefined without ground truth', () => {
    const perfect = [
      { imageId: 'A', box: sq(0, 0), score: 0.9 },
      { imageId: 'A', box: sq(50, 50), score: 0.8 },
      { imageId: 'B', box: sq(0, 0), score: 0.7 },
    ];
    expect(evaluateClass(perfect, gt, 0.5).ap).toBe(1);
    expect(evaluateClass([{ imageId: 'B', box: sq(90, 90), score: 1 }], gt, 0.5).ap).toBe(0);
    expect(averagePrecision([{ score: 1, truePositive: false }], 0)).toBeNull();
    expect(operatingPoint([], 0, 0.5)).toEqual({
      threshold: 0.5,
      truePositives: 0,
      falsePositives: 0,
      recall: null,
      precision: null,
    });
  });

  it('averages the classes that have ground truth', () => {
    expect(meanAp([0.5, null, 0.7])).toBeCloseTo(0.6, 12);
    expect(meanAp([null])).toBeNull();
  });
});
