import { afterEach, describe, expect, it } from 'vitest';
import { WatchdogConfigSchema } from '../../electron/domain/camera-watchdog';
import { createLogger, type LogHandle } from '../../electron/log/logger';
import { CameraSupervisor, type CameraFrame, type CameraSignal } from '../../electron/media/camera-supervisor';
import { resolveFfmpeg, type FfmpegBinary } from '../../electron/media/ffmpeg';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';

const CLIP = 'corridor_walk_intel.mp4';
const DETECT = { fps: 4, width: 320, height: 180 };

async function systemFfmpeg(): Promise<FfmpegBinary> {
  const r = await resolveFfmpeg();
  if (!r.binary) throw new Error('no ffmpeg');
  return r.binary;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

describe.runIf(canServeRtsp())('camera supervisor against a real RTSP server and real ffmpeg', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function setup(stallTimeoutS = 3) {
    const server = await startRtspServer({ clip: CLIP });
    cleanup.push(() => server.stop());
    const log: LogHandle = await createLogger({ level: 'info', dir: null, fileSizeMb: 1, keepFiles: 1, stderr: false });
    const watchdog = WatchdogConfigSchema.parse({ stallTimeoutS, backoffInitialS: 0.2, backoffMaxS: 1 });
    const make = (cameraId: string, url: string) => {
      const s = new CameraSupervisor({
        cameraId,
        url,
        detect: DETECT,
        ffmpeg,
        watchdog,
        logger: log.logger,
        tickMs: 100,
      });
      cleanup.push(() => s.stop());
      return s;
    };
    const ffmpeg = await systemFfmpeg();
    return { server, make, log };
  }

  it('delivers frames of exactly the detect size, for two cameras at once', async () => {
    const { server, make } = await setup();
    const second = await startRtspServer({ clip: CLIP });
    cleanup.push(() => second.stop());
    const frames = new Map<string, CameraFrame[]>();
    for (const [id, url] of [
      ['cam-a', server.url()],
      ['cam-b', second.url()],
    ] as const) {
      const s = make(id, url);
      s.onFrame((f) => void frames.set(id, [...(frames.get(id) ?? []), f]));
      s.start();
    }
    const firstFrameMs = await until(
      () => (frames.get('cam-a')?.length ?? 0) >= 3 && (frames.get('cam-b')?.length ?? 0) >= 3,
      10_000,
      'frames',
    ).catch((error: unknown) => {
      const counts = [...frames].map(([id, list]) => `${id}: ${list.length}`).join(', ');
      throw new Error(`${String(error)} (${counts || 'no frames'})`);
    });
    expect(firstFrameMs).toBeLessThan(5000);
    for (const list of frames.values()) {
      for (const f of list) {
        expect([f.width, f.height]).toEqual([DETECT.width, DETECT.height]);
        expect(f.data.length).toBe(DETECT.width * DETECT.height * 3);
      }
    }
  });

  it('leaves streaming within 3 s when the server dies, and reconnects by itself when it returns', async () => {
    const { server, make } = await setup();
    const s = make('cam-1', server.url());
    const signals: CameraSignal[] = [];
    s.onSignal((sig) => signals.push(sig));
    let count = 0;
    s.onFrame(() => void (count += 1));
    s.start();
    await until(() => s.status().state === 'streaming', 10_000, 'streaming');
    const port = server.port;
    await server.stop();
    const leftMs = await until(() => s.status().state !== 'streaming', 5000, 'leaving streaming');
    expect(leftMs).toBeLessThan(3000);
    const reconnectsBefore = s.status().reconnects;
    const again: RtspServer = await startRtspServer({ clip: CLIP, port });
    cleanup.push(() => again.stop());
    const framesBefore = count;
    await until(() => s.status().state === 'streaming' && count > framesBefore, 15_000, 'streaming again');
    expect(s.status().reconnects).toBeGreaterThan(reconnectsBefore);
  });

  it('marks a frozen server stalled within the timeout + 2 s without hanging, and streams again after it thaws', async () => {
    const stallS = 3;
    const { server, make } = await setup(stallS);
    const s = make('cam-f', server.url());
    let count = 0;
    s.onFrame(() => void (count += 1));
    s.start();
    await until(() => s.status().state === 'streaming', 10_000, 'streaming');
    server.freeze();
    const stalledMs = await until(() => s.status().state === 'stalled', (stallS + 4) * 1000, 'stalled');
    expect(stalledMs).toBeLessThan((stallS + 2) * 1000);
    expect(s.status().stallsLastHour).toBe(1);
    server.thaw();
    const before = count;
    await until(() => s.status().state === 'streaming' && count > before, 20_000, 'streaming after thaw');
  });

  it('keeps only the newest frame while the consumer is busy, and counts the drops', async () => {
    const { server, make } = await setup();
    const s = make('cam-slow', server.url());
    let handled = 0;
    s.onFrame(async () => {
      handled += 1;
      await new Promise((r) => setTimeout(r, 1500));
    });
    s.start();
    await until(() => handled >= 3, 15_000, 'three frames handled');
    expect(s.status().dropped).toBeGreaterThan(0);
  });
});
