/**
 * Recording inside a real engine: a real RTSP camera (GStreamer) recorded into the camera's ring under the data
 * folder, its state in cameras:list, and evidence cut through the API (recordings:clip, recordings:snapshot)
 * into the data folder's media/ folder. Clip lengths are checked with ffprobe.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraView } from '../../electron/api/contract';
import type { ApiError } from '../../electron/api/result';
import { ConfigSchema } from '../../electron/config/schema';
import { EvidenceService } from '../../electron/engine/evidence';
import { RECORDINGS_DIR } from '../../electron/engine/engine';
import { silentLogger } from '../../electron/log/logger';
import { resolveFfmpeg } from '../../electron/media/ffmpeg';
import type { RecorderStatus } from '../../electron/media/recorder';
import { decodeImageFile } from '../../electron/media/image-decode';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { until } from '../support/until';

const PASSWORD = 'Rec0rd-pw!';

function ffprobeDuration(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', file],
      (error, stdout) => (error ? reject(new Error(error.message)) : resolve(Number(stdout.trim()))),
    );
  });
}

describe.runIf(canServeRtsp())('recording in the engine (real RTSP camera, ffmpeg, ring, clips)', () => {
  let server: RtspServer;
  let t: TestEngine;

  async function call<T>(channel: string, input: unknown): Promise<T> {
    const r = await t.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.data as T;
  }
  async function error(channel: string, input: unknown): Promise<ApiError> {
    const r = await t.dispatch(channel, input);
    if (r.ok) throw new Error(`${channel} should have failed`);
    return r.error;
  }
  async function recording(): Promise<CameraView['recording']> {
    const { cameras } = await call<{ cameras: CameraView[] }>('cameras:list', {});
    return cameras.find((c) => c.id === 'room')?.recording ?? null;
  }

  beforeAll(async () => {
    server = await startRtspServer({ clip: 'camera_room_gop1s.mp4', user: 'admin', password: PASSWORD });
    const config = ConfigSchema.parse({
      recording: { segmentS: 2, budgetMb: 8 },
      cameras: [
        {
          id: 'room',
          name: '会议室',
          gridCell: 'dc-01',
          detectUrl: `rtsp://127.0.0.1:${server.port}${server.mount}`,
          username: 'admin',
          password: PASSWORD,
          detect: { fps: 1, width: 160, height: 90 },
        },
      ],
    });
    t = await startTestEngine(config);
    const deadline = Date.now() + 30_000;
    while (((await recording())?.segments ?? 0) < 5 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 45_000);

  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it('records the camera into its ring and reports it in cameras:list', async () => {
    const rec = await recording();
    expect(rec).toMatchObject({ state: 'recording', budgetBytes: 8 * 1024 * 1024, lastError: null });
    expect(rec?.segments).toBeGreaterThanOrEqual(5);
    expect(rec?.bytes).toBeGreaterThan(0);
    expect(rec?.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(Date.parse(rec?.newestAt ?? '')).toBeGreaterThan(Date.parse(rec?.oldestAt ?? ''));
  });

  it('cuts a clip around an instant that plays for the asked length, within one segment', async () => {
    const rec = await recording();
    const newest = Date.parse(rec?.newestAt ?? '');
    const at = new Date(newest - 3000).toISOString();
    const clip = await call<{ url: string; file: string; startedAt: string; durationS: number }>('recordings:clip', {
      cameraId: 'room',
      at,
      preS: 4,
      postS: 2,
    });
    expect(clip.url).toBe(`/media/${clip.file}`);
    expect(clip.file).toMatch(/^room-\d{8}T\d{6}Z-[0-9a-f]{6}\.mp4$/);
    const file = join(t.dataDir, 'media', clip.file);
    const duration = await ffprobeDuration(file);
    expect(duration).toBeGreaterThanOrEqual(6 - 0.5);
    expect(duration).toBeLessThanOrEqual(6 + 2 + 1); // one segment of slack: clips start at a key frame
    expect(Math.abs(duration - clip.durationS)).toBeLessThan(0.5);
    expect(Date.parse(clip.startedAt)).toBeLessThanOrEqual(Date.parse(at) - 4000 + 500);
  });

  it('waits for the segment being written when a clip is asked for the moment it ends', async () => {
    const at = new Date(Date.now() - 1000).toISOString();
    const clip = await call<{ durationS: number; startedAt: string }>('recordings:clip', {
      cameraId: 'room',
      at,
      preS: 3,
      postS: 1,
    });
    expect(clip.durationS).toBeGreaterThanOrEqual(4 - 0.5); // not cut short at the last finished segment
  });

  it('takes a JPEG snapshot of a recorded instant', async () => {
    const rec = await recording();
    const at = new Date(Date.parse(rec?.newestAt ?? '') - 1000).toISOString();
    const snap = await call<{ url: string; file: string; frameAt: string }>('recordings:snapshot', {
      cameraId: 'room',
      at,
      width: 320,
    });
    const jpeg = await readFile(join(t.dataDir, 'media', snap.file));
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(Date.parse(snap.frameAt)).toBeLessThanOrEqual(Date.parse(at));
  });

  it('takes a snapshot of "now" through the API once the ring has it, and refuses an instant to come', async () => {
    const now = new Date().toISOString();
    const snap = await call<{ file: string; frameAt: string }>('recordings:snapshot', { cameraId: 'room', at: now });
    const jpeg = await readFile(join(t.dataDir, 'media', snap.file));
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(Math.abs(Date.parse(snap.frameAt) - Date.parse(now))).toBeLessThan(2000);
    const later = await error('recordings:snapshot', {
      cameraId: 'room',
      at: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(later.code).toBe('INVALID_REQUEST');
  });

  it('draws the given boxes in red on a snapshot', async () => {
    const rec = await recording();
    const at = new Date(Date.parse(rec?.newestAt ?? '') - 1000).toISOString();
    const box = { x1: 0.25, y1: 0.25, x2: 0.75, y2: 0.75 };
    const snap = await call<{ file: string }>('recordings:snapshot', {
      cameraId: 'room',
      at,
      width: 320,
      boxes: [box],
    });
    const ffmpeg = await resolveFfmpeg({});
    const decoded = await decodeImageFile(join(t.dataDir, 'media', snap.file), {
      ffmpegPath: ffmpeg.binary?.path ?? '',
    });
    if (!decoded.ok) throw new Error(decoded.error.message);
    const { width, height, data } = decoded.frame;
    const bgr = (x: number, y: number) => [...data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];
    const [b, g, r] = bgr(Math.round(width * 0.5), Math.round(height * 0.25) + 1); // on the top edge
    expect(r).toBeGreaterThan(180);
    expect(g).toBeLessThan(90);
    expect(b).toBeLessThan(90);
    const bad = await error('recordings:snapshot', {
      cameraId: 'room',
      at,
      boxes: [{ x1: 0.5, y1: 0, x2: 0.2, y2: 1 }],
    });
    expect(bad.code).toBe('INVALID_REQUEST');
  });

  it("waits for the ring before an incident's snapshot of an instant still being recorded", async () => {
    // Evidence over the engine's real ring, with the ring's progress read from cameras:list as it goes.
    let status: Pick<RecorderStatus, 'state' | 'newestAt'> | null = null;
    const follow = setInterval(() => {
      void recording().then((r) => {
        status = r ? { state: r.state, newestAt: r.newestAt ? Date.parse(r.newestAt) : null } : null;
      });
    }, 100);
    try {
      const ffmpeg = await resolveFfmpeg({});
      const evidence = new EvidenceService({
        cameras: {
          get: (id) => (id === 'room' ? {} : undefined),
          ringDir: (id) => join(t.dataDir, RECORDINGS_DIR, id),
          recorderStatus: () => status,
        },
        ffmpeg: () => ffmpeg.binary,
        mediaDir: join(t.dataDir, 'media'),
        logger: silentLogger(),
      });
      await until(
        () => Promise.resolve(status),
        (value) => value !== null,
        5000,
      );
      // "now" lies in the segment being written: no finished segment holds it yet
      const now = new Date().toISOString();
      const early = await evidence.snapshot({ cameraId: 'room', at: now }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(String(early)).toMatch(/NO_RECORDING/);
      const waited = await evidence.snapshot({ cameraId: 'room', at: now }, 2);
      const jpeg = await readFile(join(t.dataDir, 'media', waited.file));
      expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect(Math.abs(Date.parse(waited.frameAt) - Date.parse(now))).toBeLessThan(2000);
    } finally {
      clearInterval(follow);
    }
  });

  it('answers clearly for times not recorded, times to come and unknown cameras', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const old = await error('recordings:clip', { cameraId: 'room', at: hourAgo });
    expect(old.code).toBe('NOT_FOUND');
    expect(old.message).toMatch(/NO_RECORDING/);
    const future = await error('recordings:clip', {
      cameraId: 'room',
      at: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(future.code).toBe('INVALID_REQUEST');
    expect((await error('recordings:snapshot', { cameraId: 'nobody', at: hourAgo })).code).toBe('NOT_FOUND');
    expect((await error('recordings:clip', { cameraId: 'room', at: 'yesterday' })).code).toBe('INVALID_REQUEST');
    const logs = join(t.dataDir, 'logs');
    const text = readdirSync(logs)
      .map((f) => readFileSync(join(logs, f), 'utf8'))
      .join('\n');
    expect(text).not.toContain(PASSWORD);
  });
});
