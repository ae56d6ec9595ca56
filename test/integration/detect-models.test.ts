/**
 * The shipped models on real frames, through the engine's path: ffmpeg decode → preprocessing → onnxruntime →
 * decoding → NMS → frame pixels. Labelled boxes come from the fixtures' YOLO label files.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../../electron/media/ffmpeg';
import { decodeImageFile } from '../../electron/media/image-decode';
import type { OnnxDetector } from '../../electron/vision/detector';
import { iou } from '../../electron/vision/nms';
import { openDetector } from '../../electron/vision/open-detector';
import type { Box, Detection, RawFrame } from '../../electron/vision/types';
import { parseYoloLabels, yoloToBox } from '../../electron/vision/yolo-dataset';

const ROOT = resolve(import.meta.dirname, '../..');
const MODELS = join(ROOT, 'models');
const FIRE8 = join(ROOT, 'fixtures/frames/fire-8-valid/images');
const PEOPLE = join(ROOT, 'fixtures/frames/people/images');
const PLAIN = join(ROOT, 'fixtures/frames/plain/parking_lot.jpg');

let ffmpegPath = '';
const detectors = new Map<string, OnnxDetector>();

beforeAll(async () => {
  const r = await resolveFfmpeg();
  if (!r.binary) throw new Error(`no ffmpeg: ${r.problems.join('; ')}`);
  ffmpegPath = r.binary.path;
  for (const id of ['fire_smoke_baseline_yolox_nano_416', 'yolox_nano_coco_416', 'person_light_192']) {
    const opened = await openDetector(MODELS, id, { threads: 1 });
    if (!opened.ok) throw new Error(opened.reason.message);
    detectors.set(id, opened.detector);
  }
});

afterAll(async () => {
  for (const d of detectors.values()) await d.dispose();
});

async function frame(path: string): Promise<RawFrame> {
  const r = await decodeImageFile(path, { ffmpegPath });
  if (!r.ok) throw new Error(r.error.message);
  return r.frame;
}

/** Labelled boxes of one class of an image, in pixels. */
function labels(imagePath: string, classId: number, f: RawFrame): Box[] {
  const file = join(dirname(dirname(imagePath)), 'labels', basename(imagePath).replace(/\.[^.]+$/, '.txt'));
  return parseYoloLabels(readFileSync(file, 'utf8'))
    .boxes.filter((b) => b.classId === classId)
    .map((b) => yoloToBox(b, f.width, f.height));
}

async function detect(modelId: string, f: RawFrame, region?: Box): Promise<Detection[]> {
  const d = detectors.get(modelId);
  if (!d) throw new Error(`no detector ${modelId}`);
  return (await d.detect(f, region)).detections;
}

/** Every labelled box has a detection of `label` overlapping it by at least `minIou`. */
function everyFound(found: Detection[], label: string, truth: Box[], minIou = 0.5): boolean {
  return truth.every((t) => found.some((d) => d.label === label && iou(d.box, t) >= minIou));
}

describe('fire/smoke baseline on fire-8 frames (operating thresholds)', () => {
  const fire = [
    'fire2_mp4-33_jpg.rf.43a6bf58d94db700be8b8eb5a36bb30c.jpg',
    'fire2_mp4-39_jpg.rf.0200bd06b28f4406b01c87fd044af578.jpg',
  ];
  const smoke = [
    'newsmoke2_mp4-5_jpg.rf.42291eb9d8373b809442b73e7170caec.jpg',
    'smoke1_mp4-15_jpg.rf.69f8bdee2f478307ad42988f1c0d9b66.jpg',
  ];

  it.each(fire)('finds the fire where the label says: %s', async (name) => {
    const f = await frame(join(FIRE8, name));
    const found = await detect('fire_smoke_baseline_yolox_nano_416', f);
    const truth = labels(join(FIRE8, name), 0, f);
    expect(truth).toHaveLength(1);
    expect(everyFound(found, 'fire', truth, 0.7)).toBe(true);
    expect(found.every((d) => d.score >= 0.5)).toBe(true);
  });

  it.each(smoke)('finds the smoke where the label says: %s', async (name) => {
    const f = await frame(join(FIRE8, name));
    const found = await detect('fire_smoke_baseline_yolox_nano_416', f);
    expect(everyFound(found, 'smoke', labels(join(FIRE8, name), 2, f), 0.7)).toBe(true);
  });
});

describe('person models on people frames', () => {
  it.each(['corridor_07.jpg', 'indoor_06.jpg', 'office_01.jpg'])(
    'yolox_nano_coco_416 finds everyone: %s',
    async (name) => {
      const f = await frame(join(PEOPLE, name));
      const found = await detect('yolox_nano_coco_416', f);
      const truth = labels(join(PEOPLE, name), 0, f);
      expect(found).toHaveLength(truth.length);
      expect(everyFound(found, 'person', truth)).toBe(true);
    },
  );

  it.each(['corridor_07.jpg', 'indoor_06.jpg'])('person_light_192 finds everyone: %s', async (name) => {
    const f = await frame(join(PEOPLE, name));
    expect(everyFound(await detect('person_light_192', f), 'person', labels(join(PEOPLE, name), 0, f))).toBe(true);
  });

  it('finds the same people in a region (a moving area) as in the whole frame, in frame pixels', async () => {
    const f = await frame(join(PEOPLE, 'corridor_07.jpg'));
    const region = { x1: 101, y1: 40, x2: 400, y2: 270 }; // 299x230, offset
    const found = await detect('yolox_nano_coco_416', f, region);
    expect(found).toHaveLength(2);
    expect(everyFound(found, 'person', labels(join(PEOPLE, 'corridor_07.jpg'), 0, f))).toBe(true);
    expect(found.every((d) => d.box.x1 >= 101 && d.box.x2 <= 400 && d.box.y1 >= 40)).toBe(true);
  });
});

describe('a frame with neither people nor fire', () => {
  it.each(['fire_smoke_baseline_yolox_nano_416', 'yolox_nano_coco_416', 'person_light_192'])(
    '%s reports nothing at its operating thresholds',
    async (id) => {
      expect(await detect(id, await frame(PLAIN))).toEqual([]);
    },
  );

  it('the empty room stays below the person thresholds too', async () => {
    const f = await frame(join(PEOPLE, 'indoor_01.jpg'));
    expect(await detect('yolox_nano_coco_416', f)).toEqual([]);
    expect(await detect('person_light_192', f)).toEqual([]);
  });
});
