import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/log/logger';
import { decodeImageFile } from '../../electron/media/image-decode';
import { resolveFfmpeg } from '../../electron/media/ffmpeg';
import { DetectorService, type DetectOutcome } from '../../electron/vision/detector-service';
import { loadModelRegistry } from '../../electron/vision/model-registry';
import type { LoadedModelManifest } from '../../electron/vision/model-manifest';
import type { RawFrame } from '../../electron/vision/types';
import { builtDetectorWorker } from '../support/built-worker';

const ROOT = resolve(import.meta.dirname, '../..');
const FRAMES = join(ROOT, 'fixtures/frames/fire-8-valid/images');
const FIRE = 'fire_smoke_baseline_yolox_nano_416';

let service: DetectorService;
let models: LoadedModelManifest[];
let frame: RawFrame;

function copyOf(f: RawFrame): RawFrame {
  return { width: f.width, height: f.height, data: new Uint8Array(f.data) };
}

beforeAll(async () => {
  const registry = await loadModelRegistry(join(ROOT, 'models'));
  models = registry.flatMap((e) => (e.status === 'available' ? [e.model] : []));
  service = await DetectorService.start({
    models,
    threads: 1,
    workerPath: builtDetectorWorker(),
    logger: silentLogger(),
  });
  const ffmpeg = (await resolveFfmpeg()).binary;
  if (!ffmpeg) throw new Error('no ffmpeg');
  const first = readdirSync(FRAMES).filter((f) => f.startsWith('fire2'))[0] ?? '';
  const decoded = await decodeImageFile(join(FRAMES, first), { ffmpegPath: ffmpeg.path });
  if (!decoded.ok) throw new Error(decoded.error.message);
  frame = decoded.frame;
});

afterAll(() => service.stop());

describe('detector service (worker threads, real models)', () => {
  it('runs every shipped model in its own worker and reports it ready', () => {
    expect(models.map((m) => m.id)).toContain(FIRE);
    for (const lane of service.stats()) expect(lane).toMatchObject({ state: 'ready', reason: null });
  });

  it('returns detections in source-frame pixels with the model id, and hands the buffer back', async () => {
    const input = copyOf(frame);
    const outcome = await service.detect(FIRE, { cameraId: 'cam-1', frame: input, capturedAt: 1000 });
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.modelId).toBe(FIRE);
    expect(outcome.capturedAt).toBe(1000);
    expect(outcome.detections.length).toBeGreaterThan(0);
    for (const d of outcome.detections) {
      expect(d.modelId).toBe(FIRE);
      expect(d.box.x1).toBeGreaterThanOrEqual(0);
      expect(d.box.x2).toBeLessThanOrEqual(frame.width);
      expect(d.box.y2).toBeLessThanOrEqual(frame.height);
    }
    expect(outcome.frameData.byteLength).toBe(frame.width * frame.height * 3);
    expect(outcome.timings.inferMs).toBeGreaterThan(0);
  });

  it('keeps only the newest pending frame per camera', async () => {
    const outcomes: Promise<DetectOutcome>[] = [];
    for (let i = 0; i < 6; i += 1) {
      outcomes.push(service.detect(FIRE, { cameraId: 'busy', frame: copyOf(frame), capturedAt: i }));
    }
    const results = await Promise.all(outcomes);
    // the first two go straight to the worker (one is detected while the next waits in the worker's queue);
    // the 3rd-5th are replaced by the next one while they wait here; the 6th runs
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'superseded', 'superseded', 'superseded', 'done']);
    const last = results[5];
    expect(last?.status === 'done' && last.capturedAt).toBe(5);
  });

  it('serves several cameras in turn', async () => {
    const cams = ['a', 'b', 'c', 'd'];
    const results = await Promise.all(
      cams.map((cameraId) => service.detect(FIRE, { cameraId, frame: copyOf(frame), capturedAt: 1 })),
    );
    expect(results.map((r) => r.status === 'done' && r.cameraId)).toEqual(cams);
  });

  it('answers unavailable for an unknown model instead of throwing', async () => {
    const outcome = await service.detect('no-such-model', { cameraId: 'x', frame: copyOf(frame), capturedAt: 0 });
    expect(outcome).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('no-such-model') as string,
    });
  });
});

describe('a model that fails in the worker', () => {
  it('is unavailable with the reason, and the other models keep working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anxun-models-'));
    try {
      const fire = models.find((m) => m.id === FIRE);
      if (!fire) throw new Error('fire model missing');
      // the manifest's checksum matches these garbage bytes, so only onnxruntime can notice the file is bad
      const bad = join(dir, 'bad.onnx');
      writeFileSync(bad, 'not an onnx graph');
      copyFileSync(fire.filePath, join(dir, 'fire.onnx'));
      const broken = { ...fire, id: 'broken', filePath: bad };
      const svc = await DetectorService.start({
        models: [broken, { ...fire, filePath: join(dir, 'fire.onnx') }],
        threads: 1,
        workerPath: builtDetectorWorker(),
        logger: silentLogger(),
      });
      const stats = new Map(svc.stats().map((s) => [s.modelId, s]));
      expect(stats.get('broken')).toMatchObject({ state: 'unavailable' });
      expect(stats.get('broken')?.reason).toBeTruthy();
      const down = await svc.detect('broken', { cameraId: 'x', frame: copyOf(frame), capturedAt: 0 });
      expect(down.status).toBe('unavailable');
      const up = await svc.detect(FIRE, { cameraId: 'x', frame: copyOf(frame), capturedAt: 0 });
      expect(up.status).toBe('done');
      await svc.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
