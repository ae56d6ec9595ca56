/**
 * The figures stated in the model manifests, reproduced through the engine's own decoding, preprocessing and
 * post-processing (the same code as `anxun eval-model`).
 */
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../../electron/media/ffmpeg';
import { decodeImageFile } from '../../electron/media/image-decode';
import { resolveClassMapping } from '../../electron/vision/class-map';
import { loadModelById } from '../../electron/vision/model-registry';
import { evalMinScores, evaluateModel, type ModelEvalReport } from '../../electron/vision/model-eval';
import { openDetector } from '../../electron/vision/open-detector';
import { readYoloDataset } from '../../electron/vision/yolo-dataset';

const ROOT = resolve(import.meta.dirname, '../..');
const MODELS = join(ROOT, 'models');
const FRAMES = join(ROOT, 'fixtures/frames');

let ffmpegPath = '';
/** Decoded frames, shared by the measurements of different models on one folder. */
const decoded = new Map<string, ReturnType<typeof decodeImageFile>>();
function decode(path: string): ReturnType<typeof decodeImageFile> {
  const cached = decoded.get(path) ?? decodeImageFile(path, { ffmpegPath });
  decoded.set(path, cached);
  return cached;
}

beforeAll(async () => {
  const r = await resolveFfmpeg();
  if (!r.binary) throw new Error(`no ffmpeg: ${r.problems.join('; ')}`);
  ffmpegPath = r.binary.path;
});

async function measure(modelId: string, folder: string): Promise<ModelEvalReport> {
  const dataset = await readYoloDataset(join(FRAMES, folder));
  const loaded = await loadModelById(MODELS, modelId);
  if (!loaded.ok) throw new Error(loaded.reason.message);
  const mapping = resolveClassMapping(loaded.model.classes, dataset.names, undefined);
  if (!mapping.ok) throw new Error(mapping.message);
  const thresholds = loaded.model.operatingThresholds;
  const opened = await openDetector(MODELS, modelId, {
    threads: 1,
    minScores: evalMinScores(loaded.model, mapping.mapping, thresholds),
  });
  if (!opened.ok) throw new Error(opened.reason.message);
  try {
    return await evaluateModel(
      loaded.model,
      dataset,
      mapping.mapping,
      { iou: 0.5, thresholds },
      {
        decode,
        detect: (frame) => opened.detector.detect(frame),
      },
    );
  } finally {
    await opened.detector.dispose();
  }
}

/** The manifest's first evaluation entry measured on `folder`. */
async function stated(modelId: string, folder: string) {
  const loaded = await loadModelById(MODELS, modelId);
  if (!loaded.ok) throw new Error(loaded.reason.message);
  const e = loaded.model.evaluation.find((x) => x.data.startsWith(`fixtures/frames/${folder}`));
  if (!e) throw new Error(`${modelId} states no figure for ${folder}`);
  return e;
}

describe('eval-model figures', () => {
  it('fire/smoke baseline on fire-8 valid: AP50 fire 0.633, smoke 0.771, mAP50 0.702 (as its manifest states)', async () => {
    const r = await measure('fire_smoke_baseline_yolox_nano_416', 'fire-8-valid');
    const e = await stated('fire_smoke_baseline_yolox_nano_416', 'fire-8-valid');
    expect(r.images).toBe(47);
    expect(r.failed).toEqual([]);
    expect(r.classes.map((c) => [c.label, c.groundTruth])).toEqual([
      ['fire', 18],
      ['smoke', 30],
    ]);
    expect(r.classMapping.dropped).toEqual(['1 (default)']);
    expect(r.classes[0]?.ap50).toBeCloseTo(e.ap50?.['fire'] ?? -1, 2);
    expect(r.classes[1]?.ap50).toBeCloseTo(e.ap50?.['smoke'] ?? -1, 2);
    expect(r.map50).toBeCloseTo(e.map50 ?? -1, 2);
    expect(Math.abs((r.map50 ?? 0) - 0.702)).toBeLessThan(0.01);
  }, 90_000);

  it('fire/smoke baseline on the people frames: every frame is a negative, 44 % get a box at 0.50', async () => {
    const r = await measure('fire_smoke_baseline_yolox_nano_416', 'people');
    expect(r.negatives.images).toBe(50);
    expect(r.negatives.share).toBeCloseTo(
      (await stated('fire_smoke_baseline_yolox_nano_416', 'people')).falseAlarmShare ?? -1,
      2,
    );
  }, 90_000);

  it('person models on the people frames: the COCO model finds clearly more people, neither raises a false box', async () => {
    const coco = await measure('yolox_nano_coco_416', 'people');
    const light = await measure('person_light_192', 'people');
    for (const [id, r] of [
      ['yolox_nano_coco_416', coco],
      ['person_light_192', light],
    ] as const) {
      const e = await stated(id, 'people');
      expect(r.classes[0]?.ap50).toBeCloseTo(e.ap50?.['person'] ?? -1, 2);
      expect(r.classes[0]?.atThreshold?.recall).toBeCloseTo(e.operatingPoint?.['person']?.recall ?? -1, 2);
      expect(r.negatives).toMatchObject({ images: 7, withFalseAlarm: 0 });
    }
    expect(coco.classes[0]?.atThreshold?.truePositives).toBe(64);
    expect(light.classes[0]?.atThreshold?.truePositives).toBe(45);
  }, 90_000);
});
