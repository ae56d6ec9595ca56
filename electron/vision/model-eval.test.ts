import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveClassMapping } from './class-map';
import type { DetectResult } from './detector';
import { ModelManifestSchema } from './model-manifest';
import { CURVE_THRESHOLDS, evalMinScores, evaluateModel, median } from './model-eval';
import type { Detection, RawFrame } from './types';
import type { YoloDataset } from './yolo-dataset';

const model = ModelManifestSchema.parse(
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../models/fire_smoke_baseline_yolox_nano_416.manifest.json'), 'utf8'),
  ),
);

// three 100x100 images: one fire (and a "default" box that is not measured), one without objects, one unreadable
const dataset: YoloDataset = {
  names: ['Fire', 'default', 'smoke'],
  problems: [],
  images: [
    {
      imageId: 'fire.jpg',
      imagePath: 'fire.jpg',
      boxes: [
        { classId: 0, cx: 0.5, cy: 0.5, w: 0.2, h: 0.2 },
        { classId: 1, cx: 0.1, cy: 0.1, w: 0.1, h: 0.1 },
      ],
    },
    { imageId: 'empty.jpg', imagePath: 'empty.jpg', boxes: [] },
    { imageId: 'broken.jpg', imagePath: 'broken.jpg', boxes: [] },
  ],
};

const det = (label: 'fire' | 'smoke', score: number, x1: number): Detection => ({
  modelId: model.id,
  classId: label === 'fire' ? 0 : 1,
  label,
  score,
  box: { x1, y1: 40, x2: x1 + 20, y2: 60 },
});

const answers: Record<number, Detection[]> = {
  1: [det('fire', 0.9, 40), det('smoke', 0.3, 0)], // a found fire, a weak smoke
  2: [det('smoke', 0.6, 10)], // a false alarm at the operating threshold
};

describe('measuring a model', () => {
  it('computes AP per class, false alarms on images without objects, and lists what it could not measure', async () => {
    const mapping = resolveClassMapping(model.classes, dataset.names, undefined);
    if (!mapping.ok) throw new Error(mapping.message);
    let calls = 0;
    const frame: RawFrame = { width: 100, height: 100, data: new Uint8Array(30_000) };
    const report = await evaluateModel(
      model,
      dataset,
      mapping.mapping,
      { iou: 0.5, thresholds: model.operatingThresholds },
      {
        decode: (path) =>
          Promise.resolve(
            path === 'broken.jpg' ? { ok: false, error: { message: 'not an image' } } : { ok: true, frame },
          ),
        detect: (): Promise<DetectResult> =>
          Promise.resolve({
            detections: answers[++calls] ?? [],
            timings: { preMs: 1, inferMs: calls * 10, postMs: 0 },
          }),
      },
    );
    expect(report.classes.map((c) => [c.label, c.groundTruth, c.ap50])).toEqual([
      ['fire', 1, 1],
      ['smoke', 0, null],
    ]);
    expect(report.map50).toBe(1);
    expect(report.negatives).toMatchObject({ images: 1, withFalseAlarm: 1, share: 1 });
    // the false-alarm share at any other threshold can be worked out without a second pass
    expect(report.negatives.maxScores).toEqual([{ imageId: 'empty.jpg', scores: { smoke: 0.6 } }]);
    const fire = report.classes[0];
    expect(fire?.curve.map((p) => p.threshold)).toEqual(CURVE_THRESHOLDS);
    // the one fire detection (0.9) is a true positive up to 0.9 and gone above it
    expect(fire?.curve.find((p) => p.threshold === 0.9)).toMatchObject({ truePositives: 1, recall: 1, precision: 1 });
    expect(fire?.curve.find((p) => p.threshold === 0.95)).toMatchObject({ truePositives: 0, recall: 0 });
    expect(report.failed).toEqual([{ imageId: 'broken.jpg', message: 'not an image' }]);
    expect(report.classMapping).toEqual({ source: 'data.yaml names', dropped: ['1 (default)'] });
    expect(report.timings.medianInferMs).toBe(15);
  });

  it('asks the detector for low scores on measured classes only', () => {
    const mapping = resolveClassMapping(model.classes, ['smoke'], undefined);
    if (!mapping.ok) throw new Error(mapping.message);
    expect(evalMinScores(model, mapping.mapping, { fire: 0.5, smoke: 0.5 })).toEqual({ fire: 0.5, smoke: 0.001 });
  });

  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});
