/**
 * The zones editor's pure logic: points in relative frame coordinates (0..1), editing a polygon (add, move,
 * drag, remove), hit-testing under the pointer, and the conversion from a pointer position over the picture.
 */
import { pointInPolygon } from '../../../../electron/domain/geometry';

export interface RelPoint {
  x: number;
  y: number;
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

export function clampPoint(p: RelPoint): RelPoint {
  return { x: clamp01(p.x), y: clamp01(p.y) };
}

/** Rounds to 4 decimals (a tenth of a pixel on a 1920-wide frame) so saved zones read well. */
export function roundPoint(p: RelPoint): RelPoint {
  return { x: Math.round(p.x * 10_000) / 10_000, y: Math.round(p.y * 10_000) / 10_000 };
}

/**
 * A pointer position (client pixels) as a point of the picture, given where the picture is drawn on screen
 * (its box, already letterboxed to the frame's aspect). Clamped to the frame.
 */
export function toRelative(
  client: { x: number; y: number },
  picture: { left: number; top: number; width: number; height: number },
): RelPoint {
  if (picture.width <= 0 || picture.height <= 0) return { x: 0, y: 0 };
  return roundPoint(
    clampPoint({ x: (client.x - picture.left) / picture.width, y: (client.y - picture.top) / picture.height }),
  );
}

/**
 * Where a frame of `frame` size is drawn inside a box of `box` size with object-fit: contain (centred).
 */
export function containedRect(
  box: { left: number; top: number; width: number; height: number },
  frame: { width: number; height: number },
): { left: number; top: number; width: number; height: number } {
  if (frame.width <= 0 || frame.height <= 0) return box;
  const scale = Math.min(box.width / frame.width, box.height / frame.height);
  const width = frame.width * scale;
  const height = frame.height * scale;
  return { left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2, width, height };
}

export function addPoint(polygon: readonly RelPoint[], p: RelPoint): RelPoint[] {
  return [...polygon, roundPoint(clampPoint(p))];
}

export function movePoint(polygon: readonly RelPoint[], index: number, p: RelPoint): RelPoint[] {
  return polygon.map((q, i) => (i === index ? roundPoint(clampPoint(p)) : q));
}

/** Moves every point by (dx, dy), as far as the frame allows: the shape keeps its form at an edge. */
export function movePolygon(polygon: readonly RelPoint[], dx: number, dy: number): RelPoint[] {
  if (polygon.length === 0) return [];
  const xs = polygon.map((p) => p.x);
  const ys = polygon.map((p) => p.y);
  const cx = Math.min(Math.max(dx, -Math.min(...xs)), 1 - Math.max(...xs));
  const cy = Math.min(Math.max(dy, -Math.min(...ys)), 1 - Math.max(...ys));
  return polygon.map((p) => roundPoint({ x: p.x + cx, y: p.y + cy }));
}

export function removePoint(polygon: readonly RelPoint[], index: number): RelPoint[] {
  return polygon.filter((_, i) => i !== index);
}

/** The index of the point within `tolerance` (relative units) of `p`, the nearest one; null when none is. */
export function hitPoint(polygon: readonly RelPoint[], p: RelPoint, tolerance: number): number | null {
  let best: number | null = null;
  let bestD = tolerance;
  polygon.forEach((q, i) => {
    const d = Math.hypot(q.x - p.x, q.y - p.y);
    if (d <= bestD) {
      best = i;
      bestD = d;
    }
  });
  return best;
}

/** The last (topmost) polygon of at least 3 points that holds `p`; null when none does. */
export function hitPolygon(polygons: readonly (readonly RelPoint[])[], p: RelPoint): number | null {
  for (let i = polygons.length - 1; i >= 0; i--) {
    const polygon = polygons[i];
    if (polygon && polygon.length >= 3 && pointInPolygon(p, polygon)) return i;
  }
  return null;
}

/** A fresh id for a new zone, not among `taken`: `<prefix>-1`, `<prefix>-2`... */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}
