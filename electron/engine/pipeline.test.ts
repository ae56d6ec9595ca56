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
