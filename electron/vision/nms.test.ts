import { describe, expect, it } from 'vitest';
import { iou, nmsPerClass } from './nms';

const box = (x1: number, y1: number, x2: number, y2: number, score: number, classId: number) => ({
  x1,
  y1,
  x2,
  y2,
  score,
  classId,
});

describe('IoU', () => {
  it('is 1 for the same box, 0 apart or touching, and inter/union otherwise', () => {
    const a = box(0, 0, 10, 10, 1, 0);
    expect(iou(a, a)).toBe(1);
    expect(iou(a, box(10, 0, 20, 10, 1, 0))).toBe(0);
    expect(iou(a, box(20, 20, 30, 30, 1, 0))).toBe(0);
    // overlap 5×10 = 50, union 100 + 100 − 50 = 150
    expect(iou(a, box(5, 0, 15, 10, 1, 0))).toBeCloseTo(1 / 3, 12);
    expect(iou(a, box(0, 0, 0, 0, 1, 0))).toBe(0);
  });
});

describe('per-class NMS', () => {
  const a = box(0, 0, 10, 10, 0.9, 0); // kept: best fire
  const b = box(1, 1, 11, 11, 0.8, 0); // IoU with a = 81 / 119 = 0.68: suppressed
  const c = box(1, 1, 11, 11, 0.85, 1); // same place, other class: kept
  const d = box(20, 20, 30, 30, 0.7, 0); // same class, elsewhere: kept
  const e = box(5, 0, 15, 10, 0.6, 0); // IoU with a = 1/3 (below 0.45), with b = 0.4: kept

  it('suppresses same-class overlaps, keeps other classes and distant boxes, best first', () => {
    expect(nmsPerClass([b, d, e, c, a], 0.45)).toEqual([a, c, d, e]);
  });

  it('is decided by the IoU threshold', () => {
    expect(nmsPerClass([a, e], 0.3)).toEqual([a]);
    expect(nmsPerClass([a, b], 0.7)).toEqual([a, b]);
  });

  it('does not let a suppressed box suppress others', () => {
    // b is suppressed by a (0.68); IoU(a, g) = 36/164 = 0.22, IoU(b, g) = 49/151 = 0.32: g stays
    const g = box(4, 4, 14, 14, 0.5, 0);
    expect(nmsPerClass([a, b, g], 0.3)).toEqual([a, g]);
  });

  it('leaves the input alone', () => {
    const input = [b, a];
    nmsPerClass(input, 0.45);
    expect(input).toEqual([b, a]);
  });
});
