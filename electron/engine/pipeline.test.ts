import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import type { DetectOutcome, DetectRequest, DetectorService } from '../vision/detector-service';
import { DetectionPipeline, type FrameDetections } from './pipeline';

/** A finished detection of `request` with these boxes, handing back `frameData`. */
function done(
  modelId: string,
  request: DetectRequest,
  detections: Extract<DetectOutcome, { status: 'done' }>['detections'],
  frameData: Uint8Array,
): Promise<DetectOutcome> {
  const timings = { preMs: 0, inferMs: 0, postMs: 0, queueMs: 0, totalMs: 0 };
  const { cameraId, capturedAt } = request;
  return Promise.resolve({ status: 'done', modelId, cameraId, capturedAt, detections, timings, frameData });
}

/** A detector that, like the real service with an idle worker, transfers each frame's bytes at once. */
function transferringDetector(seen: number[]): DetectorService {
  const fake = {
    detect(modelId: string, request: DetectRequest): Promise<DetectOutcome> {
      const { data } = request.frame;
      seen.push(data.byteLength);
      const moved = structuredClone(data, { transfer: [data.buffer as ArrayBuffer] }); // detaches `data` here
      return done(modelId, request, [], moved);
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

/** A detector that answers from a script: a fire box at `score` for the calls listed, none otherwise. */
function scriptedDetector(scoreOnCall: ReadonlyMap<number, number>, requests: DetectRequest[]): DetectorService {
  const fake = {
    detect(modelId: string, request: DetectRequest): Promise<DetectOutcome> {
      requests.push(request);
      const score = scoreOnCall.get(requests.length);
      const box = { x1: 10, y1: 10, x2: 20, y2: 30 };
      const detections = score === undefined ? [] : [{ label: 'fire', classId: 0, score, box, modelId }];
      return done(modelId, request, detections, request.frame.data);
    },
  };
  return fake as unknown as DetectorService;
}

/** The same still picture every half second: after the first frame, the motion gate alone skips them all. */
const still = (i: number, cameraId = 'yard') => ({
  cameraId,
  width: 64,
  height: 36,
  data: new Uint8Array(64 * 36 * 3).fill(90),
  capturedAt: 1000 + i * 500,
});

describe('DetectionPipeline following a candidate', () => {
  function pipelineWith(scores: Map<number, number>, requests: DetectRequest[]) {
    return new DetectionPipeline({
      detector: scriptedDetector(scores, requests),
      modelIds: ['fire'],
      motion: { fullScanIntervalS: 3600 },
      logger: silentLogger(),
      onDetections: () => undefined,
      // like the engine with the default fire policy: a box reaching 0.5 asks for the vote's other 4 frames
      followFrames: (r) => (r.detections.some((d) => d.score >= 0.5) ? 4 : 0),
    });
  }

  it('analyses a still scene whole for the frames asked after a candidate, then goes back to the gate', async () => {
    const requests: DetectRequest[] = [];
    const pipeline = pipelineWith(new Map([[1, 0.6]]), requests);
    for (let i = 0; i < 8; i++) await pipeline.handle(still(i));
    // frame 1: the gate's first frame (a candidate); frames 2-5: followed whole (nothing); 6-8: skipped
    expect(requests.map((r) => r.capturedAt)).toEqual([1000, 1500, 2000, 2500, 3000]);
    expect(requests.every((r) => r.region === undefined)).toBe(true);
    expect(pipeline.stats('yard')).toMatchObject({ frames: 8, detected: 5, skipped: 3, followed: 4, withBoxes: 1 });
  });

  it('keeps following while the candidate comes back, and a box under the threshold asks for nothing', async () => {
    const requests: DetectRequest[] = [];
    const pipeline = pipelineWith(
      new Map([
        [1, 0.3],
        [2, 0.6],
      ]),
      requests,
    );
    await pipeline.handle(still(0));
    await pipeline.handle(still(1)); // the 0.3 box asked nothing: skipped by the gate
    expect(requests).toHaveLength(1);
    const scores = new Map([
      [1, 0.7],
      [3, 0.7],
    ]);
    const followed: DetectRequest[] = [];
    const again = pipelineWith(scores, followed);
    for (let i = 0; i < 12; i++) await again.handle(still(i));
    // frame 1's candidate asks for frames 2-5, frame 3's again for 4-7: 7 calls, then the gate skips the rest
    expect(followed.map((r) => (r.capturedAt - 1000) / 500 + 1)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(again.stats('yard')).toMatchObject({ frames: 12, detected: 7, skipped: 5, followed: 6, withBoxes: 2 });
  });

  it('forgets the following with the gate (a reconnect) and keeps cameras apart', async () => {
    const requests: DetectRequest[] = [];
    const pipeline = pipelineWith(new Map([[1, 0.9]]), requests);
    await pipeline.handle(still(0, 'yard'));
    await pipeline.handle(still(0, 'gate')); // its own first frame: nothing found, nothing followed
    await pipeline.handle(still(1, 'gate'));
    expect(requests.map((r) => r.cameraId)).toEqual(['yard', 'gate']);
    pipeline.resetGate('yard');
    await pipeline.handle(still(1, 'yard')); // a first frame again (the gate forgot), not a followed one
    await pipeline.handle(still(2, 'yard'));
    expect(requests.map((r) => r.cameraId)).toEqual(['yard', 'gate', 'yard']);
  });
});
