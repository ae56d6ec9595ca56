/**
 * The boxes drawn over a tile: the latest `detections:made` of its camera, in the detect frame's pixels, turned
 * into shares of the picture (the live picture has the same aspect as the detect frame only when the technician
 * set it so, so boxes are placed relative to the picture, not in pixels) and faded out as they age. Pure.
 */

export interface Detection {
  label: string;
  score: number;
  box: { x1: number; y1: number; x2: number; y2: number };
}

/** One camera's latest detections as the page received them. */
export interface LatestDetections {
  /** When the push arrived, this machine's clock (the engine's clock may differ on another machine). */
  receivedAt: number;
  frame: { width: number; height: number };
  detections: readonly Detection[];
}

export interface OverlayBox {
  /** Left, top, width and height as shares (0–1) of the picture. */
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  score: number;
  opacity: number;
}

/** Boxes are drawn in full this long after they arrived... */
export const BOX_HOLD_MS = 2000;
/** ...then fade out over this long. */
export const BOX_FADE_MS = 1000;

export function boxOpacity(ageMs: number): number {
  if (ageMs <= BOX_HOLD_MS) return 1;
  return Math.max(0, 1 - (ageMs - BOX_HOLD_MS) / BOX_FADE_MS);
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

export function overlayBoxes(latest: LatestDetections | undefined, now: number): OverlayBox[] {
  if (!latest || latest.frame.width <= 0 || latest.frame.height <= 0) return [];
  const opacity = boxOpacity(now - latest.receivedAt);
  if (opacity <= 0) return [];
  const { width, height } = latest.frame;
  return latest.detections.flatMap(({ label, score, box }) => {
    const x1 = clamp01(box.x1 / width);
    const y1 = clamp01(box.y1 / height);
    const x2 = clamp01(box.x2 / width);
    const y2 = clamp01(box.y2 / height);
    if (x2 <= x1 || y2 <= y1) return [];
    return [{ x: x1, y: y1, w: x2 - x1, h: y2 - y1, label, score, opacity }];
  });
}

/** When the newest detections arrived (0 when none did): the page's clock ticks fast until they faded. */
export function lastArrival(latest: Iterable<LatestDetections>): number {
  let at = 0;
  for (const entry of latest) at = Math.max(at, entry.receivedAt);
  return at;
}
