import { describe, expect, it } from 'vitest';
import { BOX_FADE_MS, BOX_HOLD_MS, boxOpacity, lastArrival, overlayBoxes, type LatestDetections } from './wall-boxes';

const latest: LatestDetections = {
  receivedAt: 10_000,
  frame: { width: 320, height: 200 },
  detections: [
    { label: 'fire', score: 0.91, box: { x1: 32, y1: 50, x2: 160, y2: 150 } },
    { label: 'smoke', score: 0.6, box: { x1: 300, y1: -10, x2: 400, y2: 20 } },
    { label: 'empty', score: 0.5, box: { x1: 400, y1: 10, x2: 500, y2: 20 } },
  ],
};

describe('overlayBoxes', () => {
  it('turns frame pixels into shares of the picture, clamped to it', () => {
    const boxes = overlayBoxes(latest, 10_500);
    expect(boxes).toHaveLength(2);
    expect(boxes[0]).toEqual({ x: 0.1, y: 0.25, w: 0.4, h: 0.5, label: 'fire', score: 0.91, opacity: 1 });
    expect(boxes[1]?.x).toBeCloseTo(300 / 320);
    expect(boxes[1]?.y).toBe(0);
    expect(boxes[1]?.w).toBeCloseTo(20 / 320);
    expect(boxes[1]?.h).toBeCloseTo(0.1);
  });

  it('fades boxes after the hold time and drops them once faded', () => {
    expect(overlayBoxes(latest, 10_000 + BOX_HOLD_MS + BOX_FADE_MS / 2)[0]?.opacity).toBeCloseTo(0.5);
    expect(overlayBoxes(latest, 10_000 + BOX_HOLD_MS + BOX_FADE_MS)).toEqual([]);
    expect(overlayBoxes(undefined, 0)).toEqual([]);
    expect(overlayBoxes({ ...latest, frame: { width: 0, height: 0 } }, 10_000)).toEqual([]);
  });
});

describe('boxOpacity / lastArrival', () => {
  it('holds, then falls linearly to 0', () => {
    expect(boxOpacity(0)).toBe(1);
    expect(boxOpacity(BOX_HOLD_MS)).toBe(1);
    expect(boxOpacity(BOX_HOLD_MS + BOX_FADE_MS * 0.25)).toBeCloseTo(0.75);
    expect(boxOpacity(BOX_HOLD_MS + BOX_FADE_MS * 2)).toBe(0);
  });

  it('knows when the newest detections arrived', () => {
    expect(lastArrival([latest, { ...latest, receivedAt: 12_000 }])).toBe(12_000);
    expect(lastArrival([])).toBe(0);
  });
});
