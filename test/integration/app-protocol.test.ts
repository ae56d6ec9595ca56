/**
 * The desktop window's `anxun://` handler on a real engine: live pictures from a real RTSP camera through the
 * engine's openLive and ffmpeg, and a file of the engine's media folder. Electron's binary cannot run here, so
 * the handler is called with web Requests, as `protocol.handle` would call it.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../electron/config/schema';
import { MEDIA_DIR } from '../../electron/engine/evidence';
import { createAppProtocolHandler } from '../../electron/main/app-protocol';
import { LIVE_BOUNDARY } from '../../electron/server/live-route';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { until } from '../support/until';

const untilSync = <T>(read: () => T, ok: (value: T) => boolean, timeoutMs: number): Promise<T> =>
  until(() => Promise.resolve(read()), ok, timeoutMs);

/** JPEG images of a multipart/x-mixed-replace body read so far. */
function jpegsIn(buffer: Buffer): Buffer[] {
  const images: Buffer[] = [];
  let rest = buffer;
  for (;;) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) return images;
    const head = rest.subarray(0, headEnd).toString('latin1');
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? NaN);
    if (!head.startsWith(`--${LIVE_BOUNDARY}\r\n`) || !Number.isFinite(length)) throw new Error(`bad part: ${head}`);
    const start = headEnd + 4;
    if (rest.length < start + length + 2) return images;
    images.push(rest.subarray(start, start + length));
    rest = rest.subarray(start + length + 2);
  }
}

describe.runIf(canServeRtsp())('anxun:// on a real engine (real RTSP server, real ffmpeg; no Electron)', () => {
  let server: RtspServer;
  let t: TestEngine;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    server = await startRtspServer({ clip: 'camera_room_gop1s.mp4' });
    const config = ConfigSchema.parse({
      cameras: [
        {
          id: 'gate',
          name: 'gate',
          gridCell: 'dc-01',
          detectUrl: server.url(),
          detect: { fps: 1, width: 160, height: 90 },
        },
      ],
      recording: { enabled: false },
      live: { idleStopS: 1, width: 320, fps: 5 },
    });
    t = await startTestEngine(config);
    handle = createAppProtocolHandler({
      mediaDir: join(t.dataDir, MEDIA_DIR),
      openLive: (id, viewer) => t.engine.services.openLive(id, viewer),
    });
  }, 30_000);

  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it('streams a camera’s live JPEG pictures and removes the viewer when the reader cancels', async () => {
    const response = await handle(new Request('anxun://live/gate.mjpg'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(`multipart/x-mixed-replace; boundary=${LIVE_BOUNDARY}`);
    const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
    if (!reader) throw new Error('no body');
    let received = Buffer.alloc(0);
    const deadline = Date.now() + 15_000;
    while (jpegsIn(received).length < 3 && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      received = Buffer.concat([received, value]);
    }
    const images = jpegsIn(received);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const jpeg of images) expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect(t.engine.services.liveStatus()[0]).toMatchObject({ cameraId: 'gate', viewers: 1 });

    await reader.cancel();
    const after = await untilSync(
      () => t.engine.services.liveStatus()[0]?.viewers ?? 0,
      (n) => n === 0,
      5000,
    );
    expect(after).toBe(0);
  }, 30_000);

  it('refuses an unknown camera with the API’s 404', async () => {
    const response = await handle(new Request('anxun://live/nobody.mjpg'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('serves a file of the engine’s media folder with ranges', async () => {
    const dir = join(t.dataDir, MEDIA_DIR);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'gate-clip.mp4'), Buffer.alloc(4096, 7));
    const part = await handle(new Request('anxun://media/gate-clip.mp4', { headers: { range: 'bytes=-96' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 4000-4095/4096');
    expect((await part.arrayBuffer()).byteLength).toBe(96);
  });
});
