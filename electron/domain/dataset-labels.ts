/**
 * The label maths of the training-data export: which dataset class an alert kind becomes, a YOLO label line from
 * an alert's peak box (relative to the whole frame, 0..1, as the detector reports it), where the peak instant
 * falls inside a clip, the image names, and the export's summary. Pure: no I/O, no clock.
 */
import type { RelBox } from './incident-types';

/** The classes of an exported `data.yaml`, in index order. The training pipeline maps the ones it trains. */
export const DATASET_CLASSES = ['fire', 'smoke', 'person'] as const;
export type DatasetClass = (typeof DATASET_CLASSES)[number];

/** Alert kinds about people (a zone rule on the person detector) are labelled `person`. */
const CLASS_OF_KIND: Readonly<Record<string, DatasetClass>> = {
  fire: 'fire',
  smoke: 'smoke',
  intrusion: 'person',
  loitering: 'person',
  crowding: 'person',
  fall: 'person',
};

export function datasetClassOf(alertKind: string): DatasetClass | null {
  return CLASS_OF_KIND[alertKind] ?? null;
}

export function classIndex(cls: DatasetClass): number {
  return DATASET_CLASSES.indexOf(cls);
}

/** Smallest side a labelled box may have, in pixels of the exported frame. */
export const MIN_BOX_PX = 2;

export type LabelResult =
  | { ok: true; line: string; box: { cx: number; cy: number; w: number; h: number } }
  | { ok: false; reason: 'invalid-box' | 'outside-frame' | 'degenerate-box' };

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const fixed = (v: number) => v.toFixed(6);

/**
 * The YOLO line `class cx cy w h` (all relative) of a box relative to the frame: corners put in order, clipped to
 * the frame, refused when not finite, wholly outside, or thinner than MIN_BOX_PX on the frame of `width`×`height`.
 */
export function yoloLabel(cls: DatasetClass, box: RelBox, width: number, height: number): LabelResult {
  const values = [box.x1, box.y1, box.x2, box.y2];
  if (!values.every(Number.isFinite) || !(width > 0) || !(height > 0)) return { ok: false, reason: 'invalid-box' };
  const [x1, x2] = [Math.min(box.x1, box.x2), Math.max(box.x1, box.x2)];
  const [y1, y2] = [Math.min(box.y1, box.y2), Math.max(box.y1, box.y2)];
  if (x2 <= 0 || y2 <= 0 || x1 >= 1 || y1 >= 1) return { ok: false, reason: 'outside-frame' };
  const [cx1, cy1, cx2, cy2] = [clamp01(x1), clamp01(y1), clamp01(x2), clamp01(y2)];
  const w = cx2 - cx1;
  const h = cy2 - cy1;
  if (w * width < MIN_BOX_PX - 1e-6 || h * height < MIN_BOX_PX - 1e-6) return { ok: false, reason: 'degenerate-box' };
  const out = { cx: cx1 + w / 2, cy: cy1 + h / 2, w, h };
  const line = [String(classIndex(cls)), fixed(out.cx), fixed(out.cy), fixed(out.w), fixed(out.h)].join(' ');
  return { ok: true, line, box: out };
}

/**
 * When a clip cut for an event at `eventAtMs` with `postS` seconds after it starts, counted back from its end: it
 * was cut to end at the event plus the post-roll (its start was moved back to a key frame, so the end is the better
 * guess), unless the recording stopped earlier. The evidence row keeps the event instant and the clip's length only.
 */
export function clipStartFromEnd(eventAtMs: number, postS: number, durationS: number): number {
  return eventAtMs + postS * 1000 - durationS * 1000;
}

/** Seconds from a clip's first frame to `peakAtMs`, or null when the peak is not inside the clip. */
export function peakOffsetS(clipStartMs: number, durationS: number, peakAtMs: number): number | null {
  if (![clipStartMs, durationS, peakAtMs].every(Number.isFinite) || durationS <= 0) return null;
  const offset = (peakAtMs - clipStartMs) / 1000;
  // the last frame starts a little before the end: leave a tenth of a second
  if (offset < 0 || offset > Math.max(0, durationS - 0.1)) return null;
  return Math.round(offset * 1000) / 1000;
}

/** A file-name-safe image stem: `<incident>__<alert>`; the part before `__` groups an incident's frames. */
export function imageStem(incidentId: string, alertId: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'x';
  return `${safe(incidentId)}__${safe(alertId)}`;
}

/** Why an alert or incident gave no image. */
export type SkipReason =
  | 'no-clip'
  | 'peak-outside-clip'
  | 'frame-failed'
  | 'no-box'
  | 'invalid-box'
  | 'outside-frame'
  | 'degenerate-box'
  | 'kind-not-exported';

export interface ExportRowBrief {
  verdict: 'confirmed' | 'dismissed';
  reason: string | null;
  /** YOLO label lines; their first field is the class index. */
  labels: readonly string[];
}

export interface ExportSummary {
  images: number;
  /** Boxes by class, over the confirmed frames. */
  positives: Record<DatasetClass, number>;
  negatives: Record<string, number>;
  skipped: Record<string, number>;
}

/** The summary of a manifest's rows (images, boxes by class, negatives by reason) and of this run's skips. */
export function summarise(rows: readonly ExportRowBrief[], skipped: readonly SkipReason[]): ExportSummary {
  const positives = Object.fromEntries(DATASET_CLASSES.map((c) => [c, 0])) as Record<DatasetClass, number>;
  const negatives: Record<string, number> = {};
  const skips: Record<string, number> = {};
  for (const row of rows) {
    if (row.verdict === 'dismissed') negatives[row.reason ?? 'other'] = (negatives[row.reason ?? 'other'] ?? 0) + 1;
    else {
      for (const line of row.labels) {
        const cls = DATASET_CLASSES[Number(line.split(' ')[0])];
        if (cls) positives[cls] += 1;
      }
    }
  }
  for (const s of skipped) skips[s] = (skips[s] ?? 0) + 1;
  return { images: rows.length, positives, negatives, skipped: skips };
}
