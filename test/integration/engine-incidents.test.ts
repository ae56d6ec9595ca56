/**
 * Incidents inside a real engine: a real RTSP camera (the corridor clip, people walking) → ffmpeg → motion gate →
 * the real person model → tracker, confirmation, a restricted zone over the whole picture → the correlator →
 * the incident stored in SQLite with its evidence: the snapshot with the person's box drawn, and a clip cut
 * from the recording ring (ffprobe checks its length).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentView, PushMessage } from '../../electron/api/contract';
import { ConfigSchema } from '../../electron/config/schema';
import { builtDetectorWorker } from '../support/built-worker';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { until } from '../support/until';

function ffprobeDuration(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', file],
      (e, out) => (e ? reject(new Error(e.message)) : resolve(Number(out.trim()))),
    );
  });
}

describe.runIf(canServeRtsp())('incidents in the engine (real RTSP camera, model, zone, ring)', () => {
  let server: RtspServer;
  let t: TestEngine;
  const pushes: PushMessage[] = [];

  async function incidents(): Promise<IncidentView[]> {
    const r = await t.dispatch('incidents:list', {});
    if (!r.ok) throw new Error(r.error.message);
    return (r.data as { incidents: IncidentView[] }).incidents;
  }

  beforeAll(async () => {
    server = await startRtspServer({ clip: 'corridor_walk_intel.mp4' });
    const config = ConfigSchema.parse({
      detection: { models: ['yolox_nano_coco_416'] },
      recording: { segmentS: 2, clipPreS: 2, clipPostS: 2 },
      incidents: {
        zones: {
          corridor: [
            {
              id: 'no-entry',
              name: '禁入区',
              kind: 'restricted',
              minDwellS: 1,
              polygon: [
                { x: 0, y: 0 },
                { x: 1, y: 0 },
                { x: 1, y: 1 },
                { x: 0, y: 1 },
              ],
            },
          ],
        },
      },
      cameras: [
        {
          id: 'corridor',
          name: '走廊',
          gridCell: 'dc-01',
          detectUrl: server.url(),
          detect: { fps: 4, width: 480, height: 270 },
        },
      ],
    });
    t = await startTestEngine(config, builtDetectorWorker());
    t.engine.events.subscribe((m) => pushes.push(m));
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it('opens one intrusion incident for people in the restricted zone, stored and pushed', async () => {
    const list = await until(incidents, (l) => l.length > 0, 40_000);
    expect(list).toHaveLength(1);
    const [incident] = list;
    expect(incident).toMatchObject({ id: 'inc-1', kind: 'intrusion', family: 'intrusion', state: 'open' });
    expect(incident?.alerts[0]?.cameraId).toBe('corridor');
    expect(incident?.alerts[0]?.peak.box).not.toBeNull();
    expect(pushes.some((m) => m.type === 'incidents:changed' && m.payload.change === 'opened')).toBe(true);
  }, 45_000);

  it('keeps the evidence: the peak snapshot and a clip with pre- and post-roll, with the models in force', async () => {
    const [incident] = await until(incidents, (l) => (l[0]?.evidence.length ?? 0) >= 2, 30_000);
    const snapshot = incident?.evidence.find((e) => e.kind === 'snapshot');
    const clip = incident?.evidence.find((e) => e.kind === 'clip');
    expect(snapshot && existsSync(join(t.dataDir, 'media', snapshot.file))).toBe(true);
    expect(clip && existsSync(join(t.dataDir, 'media', clip.file))).toBe(true);
    const duration = await ffprobeDuration(join(t.dataDir, 'media', clip?.file ?? ''));
    // at least the post-roll (the ring started with the engine, so the pre-roll may be short); at most
    // pre + post + one key-frame interval of the clip (2.9 s)
    expect(duration).toBeGreaterThanOrEqual(2 - 0.5);
    expect(duration).toBeLessThanOrEqual(4 + 3 + 0.5);
    expect(clip?.models).toEqual([
      expect.objectContaining({
        id: 'yolox_nano_coco_416',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      }),
    ]);
    expect(clip?.models[0]?.thresholds['person']).toBeGreaterThan(0);
  }, 40_000);
});
