/**
 * Measures a model on a labelled folder through the same path the engine uses (decode → preprocessing →
 * session → decoding → NMS → source pixels): AP50 per class, mAP50, the share of images without objects that get
 * a box at the operating threshold (false alarms), and the median timings.
 */
import { evaluateClass, meanAp, type OperatingPoint, type ScoredBox } from './average-precision';
import type { ClassMapping } from './class-map';
import type { DetectResult } from './detector';
import type { ModelManifest } from './model-manifest';
import type { Box, Detection, RawFrame } from './types';
import { yoloToBox, type YoloDataset } from './yolo-dataset';

/** Detections below this score do not count towards AP (they barely move it and slow NMS down). */
export const EVAL_SCORE_FLOOR = 0.001;

/** Thresholds at which every report also gives recall and precision, so a threshold can be chosen from one pass. */
export const CURVE_THRESHOLDS: readonly number[] = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

export interface ClassReport {
  label: string;
  groundTruth: number;
  detections: number;
  truePositives: number;
  ap50: number | null;
  /** Recall and precision at the operating threshold (null when the class has none). */
  atThreshold: OperatingPoint | null;
  /** Recall and precision at each of CURVE_THRESHOLDS. */
  curve: OperatingPoint[];
}

/** The highest score per class on one image without objects (classes without a detection left out). */
export interface NegativeImageScores {
  imageId: string;
  scores: Record<string, number>;
}

export interface ModelEvalReport {
  modelId: string;
  iou: number;
  images: number;
  failed: { imageId: string; message: string }[];
  classes: ClassReport[];
  map50: number | null;
  negatives: {
    images: number;
    withFalseAlarm: number;
    share: number | null;
    thresholds: Record<string, number>;
    /** Per image without objects, so the false-alarm share at any other threshold needs no second pass. */
    maxScores: NegativeImageScores[];
  };
  timings: { medianPreMs: number; medianInferMs: number; medianPostMs: number };
  classMapping: { source: ClassMapping['source']; dropped: string[] };
  labelProblems: string[];
}

export interface EvalDeps {
  decode: (path: string) => Promise<{ ok: true; frame: RawFrame } | { ok: false; error: { message: string } }>;
  detect: (frame: RawFrame) => Promise<DetectResult>;
}

/** Minimum scores for the detector used in a measurement: a low floor for measured classes, thresholds elsewhere. */
export function evalMinScores(
  model: ModelManifest,
  mapping: ClassMapping,
  thresholds: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = { ...thresholds };
  for (const index of mapping.toModel.values()) {
    const label = model.classes[index];
    if (label !== undefined) out[label] = EVAL_SCORE_FLOOR;
  }
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

interface Collected {
  dets: Map<number, ScoredBox[]>;
  gts: Map<number, Map<string, Box[]>>;
  negatives: number;
  withFalseAlarm: number;
  maxScores: NegativeImageScores[];
  timings: { pre: number[]; infer: number[]; post: number[] };
  failed: ModelEvalReport['failed'];
  droppedIds: Set<number>;
}

function isFalseAlarm(detections: readonly Detection[], thresholds: Record<string, number>): boolean {
  return detections.some((d) => {
    const t = thresholds[d.label];
    return t !== undefined && d.score >= t;
  });
}

async function collect(
  dataset: YoloDataset,
  mapping: ClassMapping,
  thresholds: Record<string, number>,
  deps: EvalDeps,
): Promise<Collected> {
  const c: Collected = {
    dets: new Map(),
    gts: new Map(),
    negatives: 0,
    withFalseAlarm: 0,
    maxScores: [],
    timings: { pre: [], infer: [], post: [] },
    failed: [],
    droppedIds: new Set(),
  };
  for (const cls of mapping.toModel.values()) c.gts.set(cls, new Map());
  for (const image of dataset.images) {
    const decoded = await deps.decode(image.imagePath);
    if (!decoded.ok) {
      c.failed.push({ imageId: image.imageId, message: decoded.error.message });
      continue;
    }
    const { width, height } = decoded.frame;
    let objects = 0;
    for (const b of image.boxes) {
      const cls = mapping.toModel.get(b.classId);
      if (cls === undefined) c.droppedIds.add(b.classId);
      const perImage = cls === undefined ? undefined : c.gts.get(cls);
      if (!perImage) continue;
      perImage.set(image.imageId, [...(perImage.get(image.imageId) ?? []), yoloToBox(b, width, height)]);
      objects++;
    }
    const r = await deps.detect(decoded.frame);
    c.timings.pre.push(r.timings.preMs);
    c.timings.infer.push(r.timings.inferMs);
    c.timings.post.push(r.timings.postMs);
    for (const d of r.detections) {
      const list = c.dets.get(d.classId) ?? [];
      list.push({ imageId: image.imageId, box: d.box, score: d.score });
      c.dets.set(d.classId, list);
    }
    if (objects === 0) {
      c.negatives++;
      if (isFalseAlarm(r.detections, thresholds)) c.withFalseAlarm++;
      const scores: Record<string, number> = {};
      for (const d of r.detections) scores[d.label] = Math.max(scores[d.label] ?? 0, d.score);
      c.maxScores.push({ imageId: image.imageId, scores });
    }
  }
  return c;
}

/**
 * `deps.detect` must come from a detector loaded with `evalMinScores(...)`; `thresholds` are the operating
 * thresholds (label → minimum score) that decide what counts as a false alarm on an image without objects.
 */
export async function evaluateModel(
  model: ModelManifest,
  dataset: YoloDataset,
  mapping: ClassMapping,
  options: { iou: number; thresholds: Record<string, number> },
  deps: EvalDeps,
): Promise<ModelEvalReport> {
  const c = await collect(dataset, mapping, options.thresholds, deps);
  const classes = [...new Set(mapping.toModel.values())].sort((a, b) => a - b);
  const reports: ClassReport[] = classes.map((cls) => {
    const label = model.classes[cls] ?? String(cls);
    const r = evaluateClass(
      c.dets.get(cls) ?? [],
      c.gts.get(cls) ?? new Map(),
      options.iou,
      options.thresholds[label],
      CURVE_THRESHOLDS,
    );
    const { groundTruth, detections, truePositives, ap, atThreshold, curve } = r;
    return { label, groundTruth, detections, truePositives, ap50: ap, atThreshold, curve };
  });
  const names = dataset.names ?? [];
  const extraDropped = [...c.droppedIds]
    .filter((id) => !mapping.dropped.some((d) => d.startsWith(`${id} `)))
    .map((id) => `${id}${names[id] ? ` (${names[id]})` : ''}`);
  return {
    modelId: model.id,
    iou: options.iou,
    images: dataset.images.length,
    failed: c.failed,
    classes: reports,
    map50: meanAp(reports.map((r) => r.ap50)),
    negatives: {
      images: c.negatives,
      withFalseAlarm: c.withFalseAlarm,
      share: c.negatives > 0 ? c.withFalseAlarm / c.negatives : null,
      thresholds: options.thresholds,
      maxScores: c.maxScores,
    },
    timings: {
      medianPreMs: median(c.timings.pre),
      medianInferMs: median(c.timings.infer),
      medianPostMs: median(c.timings.post),
    },
    classMapping: { source: mapping.source, dropped: [...mapping.dropped, ...extraDropped] },
    labelProblems: dataset.problems,
  };
}
