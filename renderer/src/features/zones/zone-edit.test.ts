import { describe, expect, it } from 'vitest';
import {
  addPoint,
  containedRect,
  freshId,
  hitPoint,
  hitPolygon,
  movePoint,
  movePolygon,
  removePoint,
  toRelative,
} from './zone-edit';

const square = [
  { x: 0.2, y: 0.2 },
  { x: 0.4, y: 0.2 },
  { x: 0.4, y: 0.4 },
  { x: 0.2, y: 0.4 },
];

describe('zone editing', () => {
  it('turns a pointer position into a point of the picture, clamped to the frame', () => {
    const picture = { left: 100, top: 50, width: 400, height: 200 };
    expect(toRelative({ x: 300, y: 100 }, picture)).toEqual({ x: 0.5, y: 0.25 });
    expect(toRelative({ x: 20, y: 400 }, picture)).toEqual({ x: 0, y: 1 });
    expect(toRelative({ x: 1, y: 1 }, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('finds where a frame is letterboxed inside a box (object-fit: contain)', () => {
    expect(containedRect({ left: 0, top: 0, width: 400, height: 400 }, { width: 16, height: 9 })).toEqual({
      left: 0,
      top: 87.5,
      width: 400,
      height: 225,
    });
  });

  it('adds, moves and removes points, rounding and clamping them', () => {
    expect(addPoint([], { x: 0.123456, y: 1.5 })).toEqual([{ x: 0.1235, y: 1 }]);
    expect(movePoint(square, 1, { x: 0.5, y: -1 })[1]).toEqual({ x: 0.5, y: 0 });
    expect(removePoint(square, 0)).toEqual(square.slice(1));
  });

  it('moves a whole polygon and stops it at the frame’s edge without bending it', () => {
    expect(movePolygon(square, 0.1, 0.1)[0]).toEqual({ x: 0.3, y: 0.3 });
    const pushed = movePolygon(square, 0.9, -0.9);
    expect(pushed).toEqual([
      { x: 0.8, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 0.2 },
      { x: 0.8, y: 0.2 },
    ]);
  });

  it('hits the nearest point within the tolerance, and the topmost polygon holding a point', () => {
    expect(hitPoint(square, { x: 0.41, y: 0.21 }, 0.02)).toBe(1);
    expect(hitPoint(square, { x: 0.3, y: 0.3 }, 0.02)).toBeNull();
    const above = square.map((p) => ({ x: p.x + 0.1, y: p.y }));
    expect(hitPolygon([square, above], { x: 0.35, y: 0.3 })).toBe(1);
    expect(hitPolygon([square, above], { x: 0.25, y: 0.3 })).toBe(0);
    expect(hitPolygon([square], { x: 0.9, y: 0.9 })).toBeNull();
  });

  it('makes a fresh id', () => {
    expect(freshId('zone', ['zone-1', 'zone-3'])).toBe('zone-2');
    expect(freshId('mask', [])).toBe('mask-1');
  });
});
