import { describe, expect, it } from 'vitest';
import {
  anchorPoint,
  bottomCentre,
  boxArea,
  boxCentre,
  boxFractionInPolygon,
  iou,
  pointInPolygon,
  polygonArea,
  polygonErrors,
  unionBox,
} from './geometry';
import type { RelPoint } from './incident-types';

const poly = (...xy: number[]): RelPoint[] => {
  const out: RelPoint[] = [];
  for (let i = 0; i < xy.length; i += 2) out.push({ x: xy[i] as number, y: xy[i + 1] as number });
  return out;
};

const square = poly(0.2, 0.2, 0.8, 0.2, 0.8, 0.8, 0.2, 0.8);
/** A U opening upwards: the notch 0.4..0.6 x 0.2..0.6 is outside. */
const u = poly(0.2, 0.2, 0.4, 0.2, 0.4, 0.6, 0.6, 0.6, 0.6, 0.2, 0.8, 0.2, 0.8, 0.8, 0.2, 0.8);
/** An L: the top-right quarter is outside. */
const l = poly(0, 0, 0.5, 0, 0.5, 0.5, 1, 0.5, 1, 1, 0, 1);

describe('pointInPolygon', () => {
  it.each([
    ['square, centre', square, 0.5, 0.5, true],
    ['square, outside', square, 0.9, 0.5, false],
    ['square, on an edge', square, 0.5, 0.2, true],
    ['square, on a vertex', square, 0.8, 0.8, true],
    ['square, ray through a vertex from outside', square, 0.1, 0.2, false],
    ['U, left arm', u, 0.3, 0.3, true],
    ['U, inside the notch', u, 0.5, 0.3, false],
    ['U, below the notch', u, 0.5, 0.7, true],
    ['U, right arm (ray crosses the notch twice)', u, 0.7, 0.3, true],
    ['U, on the notch floor', u, 0.5, 0.6, true],
    ['U, ray along the notch floor, outside right', u, 0.9, 0.6, false],
    ['L, missing quarter', l, 0.75, 0.25, false],
    ['L, top-left', l, 0.25, 0.25, true],
    ['L, bottom-right', l, 0.75, 0.75, true],
    ['L, the inner corner', l, 0.5, 0.5, true],
    ['fewer than three points', poly(0, 0, 1, 1), 0.5, 0.5, false],
  ])('%s', (_name, polygon, x, y, expected) => {
    expect(pointInPolygon({ x, y }, polygon)).toBe(expected);
    // neither the vertex order nor the starting vertex changes the answer
    expect(pointInPolygon({ x, y }, [...polygon].reverse())).toBe(expected);
    expect(pointInPolygon({ x, y }, [...polygon.slice(2), ...polygon.slice(0, 2)])).toBe(expected);
  });
});

describe('polygonErrors', () => {
  it.each([
    ['square', square, []],
    ['concave U', u, []],
    ['triangle touching the frame edges', poly(0, 0, 1, 0, 0, 1), []],
    ['two points', poly(0, 0, 1, 1), ['a polygon needs at least 3 points, this one has 2']],
    [
      'out of the frame',
      poly(0, 0, 1.2, 0, 1, 1, 0, -0.1),
      [
        'point 2 (1.2, 0) is outside the frame: x and y must be between 0 and 1',
        'point 4 (0, -0.1) is outside the frame: x and y must be between 0 and 1',
      ],
    ],
    ['not a number', poly(0, 0, Number.NaN, 0, 1, 1), ['point 2 is not a number']],
    ['repeated point', poly(0.1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.5, 0.9), ['points 1 and 3 are the same point (0.1, 0.1)']],
    [
      'collinear: no area',
      poly(0.1, 0.1, 0.5, 0.5, 0.9, 0.9),
      [
        'the polygon encloses almost nothing (0.000 % of the frame, at least 0.01 %)',
        'edges 1–2 and 3–1 fold back on each other',
        'edges 2–3 and 3–1 fold back on each other',
      ],
    ],
    [
      'bow tie',
      poly(0.2, 0.2, 0.8, 0.8, 0.8, 0.2, 0.2, 0.8),
      [
        'the polygon encloses almost nothing (0.000 % of the frame, at least 0.01 %)',
        'edges 1–2 and 3–4 cross or touch',
      ],
    ],
    ['lopsided bow tie', poly(0.1, 0.1, 0.9, 0.9, 0.9, 0.5, 0.1, 0.9), ['edges 1–2 and 3–4 cross or touch']],
    [
      'spike folding back',
      poly(0.1, 0.1, 0.9, 0.1, 0.9, 0.9, 0.9, 0.5),
      ['edges 2–3 and 3–4 fold back on each other', 'edges 2–3 and 4–1 cross or touch'],
    ],
    [
      'sliver',
      poly(0.1, 0.1, 0.9, 0.1, 0.9, 0.1001),
      ['the polygon encloses almost nothing (0.004 % of the frame, at least 0.01 %)'],
    ],
  ])('%s', (_name, polygon, expected) => {
    expect(polygonErrors(polygon)).toEqual(expected);
  });

  it('flags a vertex lying on a non-adjacent edge', () => {
    // point 5 (0.5, 0.1) lies on edge 1–2
    const errors = polygonErrors(poly(0.1, 0.1, 0.9, 0.1, 0.9, 0.9, 0.1, 0.9, 0.5, 0.1, 0.3, 0.5));
    expect(errors.some((e) => e.includes('cross or touch'))).toBe(true);
  });
});

describe('boxes', () => {
  const box = { x1: 0.2, y1: 0.1, x2: 0.4, y2: 0.5 };

  it('area, centre, bottom-centre, anchor', () => {
    expect(boxArea(box)).toBeCloseTo(0.08);
    expect(boxArea({ x1: 0.5, y1: 0.5, x2: 0.4, y2: 0.6 })).toBe(0);
    expect(boxCentre(box)).toEqual({ x: 0.30000000000000004, y: 0.3 });
    expect(bottomCentre(box)).toEqual({ x: 0.30000000000000004, y: 0.5 });
    expect(anchorPoint('person', box)).toEqual(bottomCentre(box));
    expect(anchorPoint('car', box)).toEqual(bottomCentre(box));
    expect(anchorPoint('fire', box)).toEqual(boxCentre(box));
    expect(anchorPoint('smoke', box)).toEqual(boxCentre(box));
  });

  it.each([
    ['same box', box, box, 1],
    ['disjoint', box, { x1: 0.5, y1: 0.5, x2: 0.6, y2: 0.6 }, 0],
    ['touching edges', box, { x1: 0.4, y1: 0.1, x2: 0.6, y2: 0.5 }, 0],
    ['half overlap', { x1: 0, y1: 0, x2: 0.2, y2: 0.2 }, { x1: 0.1, y1: 0, x2: 0.3, y2: 0.2 }, 1 / 3],
    ['inside', { x1: 0, y1: 0, x2: 0.4, y2: 0.4 }, { x1: 0.1, y1: 0.1, x2: 0.3, y2: 0.3 }, 0.25],
    ['empty boxes', { x1: 0, y1: 0, x2: 0, y2: 0 }, { x1: 0, y1: 0, x2: 0, y2: 0 }, 0],
  ])('IoU: %s', (_name, a, b, expected) => {
    expect(iou(a, b)).toBeCloseTo(expected, 10);
    expect(iou(b, a)).toBeCloseTo(expected, 10);
  });

  it('union box', () => {
    expect(unionBox([])).toBeNull();
    expect(unionBox([box, { x1: 0.5, y1: 0, x2: 0.6, y2: 0.2 }])).toEqual({ x1: 0.2, y1: 0, x2: 0.6, y2: 0.5 });
  });
});

describe('boxFractionInPolygon', () => {
  it.each([
    ['box inside the square', { x1: 0.3, y1: 0.3, x2: 0.4, y2: 0.4 }, square, 1],
    ['box outside the square', { x1: 0.85, y1: 0.3, x2: 0.95, y2: 0.4 }, square, 0],
    ['half across the right edge', { x1: 0.7, y1: 0.3, x2: 0.9, y2: 0.4 }, square, 0.5],
    ['box around the whole square', { x1: 0, y1: 0, x2: 1, y2: 1 }, square, 0.36],
    ['across the U notch', { x1: 0.3, y1: 0.3, x2: 0.7, y2: 0.5 }, u, 0.5],
    ['in the notch', { x1: 0.45, y1: 0.3, x2: 0.55, y2: 0.5 }, u, 0],
    ['over the L inner corner', { x1: 0.4, y1: 0.4, x2: 0.6, y2: 0.6 }, l, 0.75],
    ['an empty box with its centre inside', { x1: 0.5, y1: 0.5, x2: 0.5, y2: 0.5 }, square, 1],
  ])('%s', (_name, box, polygon, expected) => {
    expect(boxFractionInPolygon(box, polygon)).toBeCloseTo(expected, 10);
    expect(boxFractionInPolygon(box, [...polygon].reverse())).toBeCloseTo(expected, 10);
  });

  it('agrees with the area of the polygon when the box is the frame', () => {
    expect(boxFractionInPolygon({ x1: 0, y1: 0, x2: 1, y2: 1 }, u)).toBeCloseTo(polygonArea(u), 10);
    expect(polygonArea(u)).toBeCloseTo(0.36 - 0.08, 10);
  });
});
