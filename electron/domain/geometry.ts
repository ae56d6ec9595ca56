/**
 * Plane geometry in relative frame coordinates (0..1, y down) for zones, masks and tracks. Pure functions.
 *
 * Decisions:
 * - Point in polygon is ray casting (even-odd), so it works for concave polygons and either vertex order. A
 *   point on the boundary (an edge or a vertex, within `EDGE_EPSILON`) counts as **inside**: the answer then
 *   does not depend on which way the ray is cast or on the polygon's vertex order, and a person standing on the
 *   line drawn by a technician is treated as being in the zone (or under the mask).
 * - The share of a box inside a polygon is computed exactly: the polygon is clipped to the box
 *   (Sutherland–Hodgman; the box is convex, so any simple polygon, concave included, clips to the right area)
 *   and the clipped area is divided by the box's area.
 * - Which point of a box stands for the object (`anchorPoint`): the bottom-centre for objects standing on the
 *   ground (people, vehicles), since that is where they are on the ground plane the zones are drawn on — a
 *   person's head may overlap a zone they stand in front of; the box centre for everything else (fire, smoke),
 *   which has no foot point and whose box grows in all directions.
 */
import type { RelBox, RelPoint } from './incident-types';

/** Distance under which a point counts as lying on an edge, and collinear points count as collinear. */
export const EDGE_EPSILON = 1e-9;

/**
 * Smallest area a zone polygon may enclose, as a share of the frame (0.01 %: about 23 pixels of a 640x360
 * frame). Smaller ones are slivers a technician drew by mistake.
 */
export const MIN_POLYGON_AREA = 1e-4;

/** Labels whose position is their foot point (COCO names of the models shipped). */
export const GROUND_LABELS: ReadonlySet<string> = new Set(['person', 'bicycle', 'car', 'motorcycle', 'bus', 'truck']);

export function boxArea(box: RelBox): number {
  return Math.max(0, box.x2 - box.x1) * Math.max(0, box.y2 - box.y1);
}

export function boxCentre(box: RelBox): RelPoint {
  return { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
}

/** Middle of the box's bottom edge: where a standing person's feet are. */
export function bottomCentre(box: RelBox): RelPoint {
  return { x: (box.x1 + box.x2) / 2, y: box.y2 };
}

/** The point that stands for a detection of `label`: bottom-centre for `GROUND_LABELS`, centre otherwise. */
export function anchorPoint(label: string, box: RelBox): RelPoint {
  return GROUND_LABELS.has(label) ? bottomCentre(box) : boxCentre(box);
}

/** Intersection over union of two boxes; 0 when both are empty. */
export function iou(a: RelBox, b: RelBox): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

/** Smallest box holding all the given boxes; null for none. */
export function unionBox(boxes: readonly RelBox[]): RelBox | null {
  if (boxes.length === 0) return null;
  return boxes.reduce((u, b) => ({
    x1: Math.min(u.x1, b.x1),
    y1: Math.min(u.y1, b.y1),
    x2: Math.max(u.x2, b.x2),
    y2: Math.max(u.y2, b.y2),
  }));
}

/** Shoelace area; positive when the vertices run clockwise on screen (y down), negative otherwise. */
export function signedArea(polygon: readonly RelPoint[]): number {
  let twice = 0;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i] as RelPoint;
    const b = polygon[(i + 1) % polygon.length] as RelPoint;
    twice += a.x * b.y - b.x * a.y;
  }
  return twice / 2;
}

export function polygonArea(polygon: readonly RelPoint[]): number {
  return Math.abs(signedArea(polygon));
}

/** Cross product of (b - a) and (c - a): > 0, < 0 or 0 as c is on one side of the line ab, the other, or on it. */
function cross(a: RelPoint, b: RelPoint, c: RelPoint): number {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

/** Whether p lies on the segment ab (within `EDGE_EPSILON`). */
export function onSegment(p: RelPoint, a: RelPoint, b: RelPoint): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p.x - a.x, p.y - a.y) <= EDGE_EPSILON;
  const t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
  if (t < 0 || t > 1) {
    return Math.hypot(p.x - a.x, p.y - a.y) <= EDGE_EPSILON || Math.hypot(p.x - b.x, p.y - b.y) <= EDGE_EPSILON;
  }
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)) <= EDGE_EPSILON;
}

/**
 * Whether `p` is inside `polygon` (even-odd ray casting; concave polygons and either vertex order work). Points
 * on the boundary count as inside. Fewer than three points enclose nothing.
 */
export function pointInPolygon(p: RelPoint, polygon: readonly RelPoint[]): boolean {
  const n = polygon.length;
  if (n < 3) return false;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = polygon[i] as RelPoint;
    const b = polygon[j] as RelPoint;
    if (onSegment(p, a, b)) return true;
    // Half-open rule on y (an edge counts when one end is above p and the other at or below), so a ray through
    // a vertex is counted once, and horizontal edges never.
    if (a.y > p.y !== b.y > p.y) {
      const x = a.x + ((p.y - a.y) * (b.x - a.x)) / (b.y - a.y);
      if (p.x < x) inside = !inside;
    }
  }
  return inside;
}

function segmentsIntersect(a: RelPoint, b: RelPoint, c: RelPoint, d: RelPoint): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  const strictly = (u: number, v: number) =>
    (u > EDGE_EPSILON && v < -EDGE_EPSILON) || (u < -EDGE_EPSILON && v > EDGE_EPSILON);
  if (strictly(d1, d2) && strictly(d3, d4)) return true;
  return onSegment(a, c, d) || onSegment(b, c, d) || onSegment(c, a, b) || onSegment(d, a, b);
}

const fmt = (p: RelPoint) => `(${+p.x.toFixed(4)}, ${+p.y.toFixed(4)})`;

/**
 * What is wrong with a zone polygon, as sentences for the technician (empty when it is usable): at least three
 * points, each inside the frame ([0, 1] on both axes), no point repeated, an area of at least
 * `MIN_POLYGON_AREA`, and no edge crossing or touching another one (a simple polygon). Points are numbered from
 * 1 in the messages.
 */
export function polygonErrors(polygon: readonly RelPoint[]): string[] {
  const errors: string[] = [];
  if (polygon.length < 3) {
    errors.push(`a polygon needs at least 3 points, this one has ${polygon.length}`);
    return errors;
  }
  polygon.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) errors.push(`point ${i + 1} is not a number`);
    else if (p.x < 0 || p.x > 1 || p.y < 0 || p.y > 1) {
      errors.push(`point ${i + 1} ${fmt(p)} is outside the frame: x and y must be between 0 and 1`);
    }
  });
  if (errors.length > 0) return errors;

  const n = polygon.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = polygon[i] as RelPoint;
      const b = polygon[j] as RelPoint;
      if (Math.hypot(a.x - b.x, a.y - b.y) <= EDGE_EPSILON) {
        errors.push(`points ${i + 1} and ${j + 1} are the same point ${fmt(a)}`);
      }
    }
  }
  if (errors.length > 0) return errors;

  const area = polygonArea(polygon);
  if (area < MIN_POLYGON_AREA) {
    errors.push(
      `the polygon encloses almost nothing (${(area * 100).toFixed(3)} % of the frame, at least ${MIN_POLYGON_AREA * 100} %)`,
    );
  }

  const point = (k: number) => polygon[((k % n) + n) % n] as RelPoint;
  for (let i = 0; i < n; i++) {
    const a = point(i);
    const b = point(i + 1);
    for (let j = i + 1; j < n; j++) {
      const c = point(j);
      const d = point(j + 1);
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) {
        // Neighbouring edges share a vertex; they only overlap when the outline folds back on itself.
        const [shared, p, q] = j === i + 1 ? [b, a, d] : [a, b, c];
        if (Math.abs(cross(shared, p, q)) <= EDGE_EPSILON && (onSegment(q, shared, p) || onSegment(p, shared, q))) {
          errors.push(`edges ${i + 1}–${((i + 1) % n) + 1} and ${j + 1}–${((j + 1) % n) + 1} fold back on each other`);
        }
      } else if (segmentsIntersect(a, b, c, d)) {
        errors.push(`edges ${i + 1}–${((i + 1) % n) + 1} and ${j + 1}–${((j + 1) % n) + 1} cross or touch`);
      }
    }
  }
  return errors;
}

/** Sutherland–Hodgman: the part of `polygon` on the inner side of one box edge. */
function clipEdge(
  polygon: readonly RelPoint[],
  inside: (p: RelPoint) => boolean,
  cut: (p: RelPoint, q: RelPoint) => RelPoint,
): RelPoint[] {
  const out: RelPoint[] = [];
  for (let i = 0; i < polygon.length; i++) {
    const cur = polygon[i] as RelPoint;
    const prev = polygon[(i + polygon.length - 1) % polygon.length] as RelPoint;
    if (inside(cur)) {
      if (!inside(prev)) out.push(cut(prev, cur));
      out.push(cur);
    } else if (inside(prev)) {
      out.push(cut(prev, cur));
    }
  }
  return out;
}

const atX = (x: number) => (p: RelPoint, q: RelPoint) => ({ x, y: p.y + ((q.y - p.y) * (x - p.x)) / (q.x - p.x) });
const atY = (y: number) => (p: RelPoint, q: RelPoint) => ({ x: p.x + ((q.x - p.x) * (y - p.y)) / (q.y - p.y), y });

/**
 * Share of the box's area inside the polygon (0..1), exact: the polygon clipped to the box, divided by the box's
 * area. A box without area counts 1 or 0 by whether its centre is inside.
 */
export function boxFractionInPolygon(box: RelBox, polygon: readonly RelPoint[]): number {
  const area = boxArea(box);
  if (area <= 0) return pointInPolygon(boxCentre(box), polygon) ? 1 : 0;
  if (polygon.length < 3) return 0;
  let clipped: readonly RelPoint[] = polygon;
  clipped = clipEdge(clipped, (p) => p.x >= box.x1, atX(box.x1));
  clipped = clipEdge(clipped, (p) => p.x <= box.x2, atX(box.x2));
  clipped = clipEdge(clipped, (p) => p.y >= box.y1, atY(box.y1));
  clipped = clipEdge(clipped, (p) => p.y <= box.y2, atY(box.y2));
  if (clipped.length < 3) return 0;
  return Math.min(1, Math.max(0, polygonArea(clipped) / area));
}
