import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import type { DetectOutcome, DetectRequest, DetectorService } from '../vision/detector-service';
import { DetectionPipeline, type FrameDetections } from './pipeline';

/** A detector that, like the real service with an idle worker, transfers each frame's bytes at once. */
function transferringDetector(seen: number[]): DetectorService {
  const fake = {
    detect(modelId: string, request: DetectRequest): Promise<DetectOutcome> {
      const { data } = request.frame;
      seen.push(data.byteLength);
      const moved = structuredClone(data, { transfer: [data.buffer as ArrayBuffer] }); // detaches `data` here
      const timings = { preMs: 0, inferMs: 0, postMs: 0, queueMs: 0, totalMs: 0 };
      return Promise.resolve({
        status: 'done',
        modelId,
        cameraId: request.cameraId,
        capturedAt: request.capturedAt,
        detections: [],
        timings,
        frameData: moved,
      });
    },
  };
  return fake as unknown as DetectorService;
}

describe('DetectionPipeline', () => {
  it('sends every model a whole frame even when the first one takes the original bytes at once', async () => {
    const seen: number[] = [];
    const results: FrameDetections[] = [];
    const pipeline = new DetectionPipeline({
      detector: transferringDetector(seen),
      modelIds: ['fire', 'person', 'person-light'],
      motion: {},
      logger: silentLogger(),
      onDetections: (result) => results.push(result),
    });
    const frame = { cameraId: 'cam', width: 8, height: 4, data: new Uint8Array(8 * 4 * 3), capturedAt: 1000 };
    await pipeline.handle(frame);
    expect(seen).toEqual([96, 96, 96]);
    expect(results).toHaveLength(1);
  });
});

/** A detector that answers from a script: boxes for the calls listed, none otherwise; it notes each request. */
function scriptedDetector(boxesOnCall: ReadonlySet<number>, requests: DetectRequest[]): DetectorService {
  const fake = {
    detect(modelId: string, request: DetectRequest): Promise<DetectOutcome> {
      requests.push(request);
      const box = { x1: 10, y1: 10, x2: 20, y2: 30 };
      const detections = boxesOnCall.has(requests.length)
        ? [{ modelId, classId: 0, label: 'fire', score: 0.6, box }]
        : [];
      const timings = { preMs: 0, inferMs: 0, postMs: 0, queueMs: 0, totalMs: 0 };
      return Promise.resolve({
        status: 'done',
        modelId,
        cameraId: request.cameraId,
        capturedAt: request.capturedAt,
        detections,
        timings,
        frameData: request.frame.data,
      });
    },
  };
  return fake as unknown as DetectorService;
}

describe('DetectionPipeline following a candidate', () => {
  it('analyses a still scene whole while the last analysed frame had boxes, and stops with them', async () => {
    const requests: DetectRequest[] = [];
    const pipeline = new DetectionPipeline({
      detector: scriptedDetector(new Set([1, 2]), requests),
      modelIds: ['fire'],
      motion: { fullScanIntervalS: 3600 },
      logger: silentLogger(),
      onDetections: () => undefined,
    });
    // the same still picture every half second: after the first frame, the gate alone would skip them all
    const still = (i: number) => ({
      cameraId: 'yard',
      width: 64,
      height: 36,
      data: new Uint8Array(64 * 36 * 3).fill(90),
      capturedAt: 1000 + i * 500,
    });
    for (let i = 0; i < 5; i++) await pipeline.handle(still(i));
    // frame 1: the gate's first frame (boxes); frame 2: followed (boxes); frame 3: followed (none); then skipped
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.region === undefined)).toBe(true);
    expect(pipeline.stats('yard')).toMatchObject({ frames: 5, detected: 3, skipped: 2, withBoxes: 2 });
  });
});
