/**
 * The whole live pipeline inside a real engine: a real RTSP camera (GStreamer) → ffmpeg ingest → motion gate →
 * the real person model in its worker → `detections:made` pushes and the camera's pipeline counters. Also the
 * demo camera, which plays the shipped fire clip through the same path with no RTSP server at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraView, PushMessage } from '../../electron/api/contract';
import { ConfigSchema } from '../../electron/config/schema';
import { builtDetectorWorker } from '../support/built-worker';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { until } from '../support/until';

describe.runIf(canServeRtsp())('live pipeline in the engine (real RTSP camera, ffmpeg, motion gate, model)', () => {
  let server: RtspServer;
  let t: TestEngine;
  const detections: Extract<PushMessage, { type: 'detections:made' }>['payload'][] = [];

  async function camera(id: string): Promise<CameraView | undefined> {
    const r = await t.dispatch('cameras:list', {});
    if (!r.ok) throw new Error(r.error.message);
    return (r.data as { cameras: CameraView[] }).cameras.find((c) => c.id === id);
  }

  beforeAll(async () => {
    server = await startRtspServer({ clip: 'corridor_walk_intel.mp4' });
    const config = ConfigSchema.parse({
      detection: { models: ['yolox_nano_coco_416'] },
      cameras: [
        {
          id: 'corridor',
          name: '走廊',
          gridCell: 'dc-01',
          detectUrl: server.url(),
          detect: { fps: 4, width: 480, height: 270 },
        },
      ],
      demo: { camera: true },
    });
    t = await startTestEngine(config, builtDetectorWorker());
    t.engine.events.subscribe((m) => {
      if (m.type === 'detections:made') detections.push(m.payload);
    });
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it('finds the people walking down the corridor and pushes their boxes', async () => {
    await until(
      () => Promise.resolve(detections.filter((d) => d.cameraId === 'corridor').length),
      (n) => n >= 2,
      30_000,
    );
    const corridor = detections.filter((d) => d.cameraId === 'corridor');
    expect(corridor.length).toBeGreaterThanOrEqual(2);
    const first = corridor[0];
    expect(first?.frame).toEqual({ width: 480, height: 270 });
    expect(first?.detections.some((d) => d.label === 'person' && d.modelId === 'yolox_nano_coco_416')).toBe(true);
    for (const d of first?.detections ?? []) {
      expect(d.box.x1).toBeGreaterThanOrEqual(0);
      expect(d.box.x2).toBeLessThanOrEqual(480);
      expect(d.score).toBeGreaterThan(0);
    }
    expect(Date.parse(first?.capturedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const view = await camera('corridor');
    expect(view?.pipeline?.frames).toBeGreaterThanOrEqual(view?.pipeline?.detected ?? Infinity);
    expect(view?.pipeline?.withBoxes).toBeGreaterThanOrEqual(2);
    expect(view?.pipeline?.lastDetectionAt).not.toBeNull();
  }, 45_000);

  it('plays the demo camera in real time through the same pipeline', async () => {
    const demo = await until(
      () => camera('demo'),
      (v) => (v?.pipeline?.frames ?? 0) >= 3,
      20_000,
    );
    expect(demo).toMatchObject({ source: 'demo', url: 'demo:fire_cctv_fire8.mp4', hasPassword: false });
    expect(demo?.status?.state).toBe('streaming');
    expect(demo?.pipeline?.detected).toBeGreaterThanOrEqual(1); // the first frame always goes to the detector
    // real time: about 2 frames a second, not the whole clip at decoding speed
    const before = demo?.pipeline?.frames ?? 0;
    await new Promise((r) => setTimeout(r, 3000));
    const after = (await camera('demo'))?.pipeline?.frames ?? 0;
    expect(after - before).toBeGreaterThanOrEqual(3);
    expect(after - before).toBeLessThanOrEqual(9);
    const r = await t.dispatch('cameras:update', { id: 'demo', changes: { name: 'x' } });
    expect(r.ok ? null : r.error.code).toBe('CONFLICT');
    const test = await t.dispatch('cameras:test', { cameraId: 'demo' }); // a clip on disk has no connection
    expect(test.ok ? null : test.error.code).toBe('CONFLICT');
    const gone = await t.dispatch('cameras:delete', { id: 'demo' });
    expect(gone.ok ? null : gone.error.code).toBe('CONFLICT');
  }, 40_000);
});
