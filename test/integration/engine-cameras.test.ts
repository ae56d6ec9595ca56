import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraView } from '../../electron/api/contract';
import type { TaskView } from '../../electron/api/tasks-contract';
import { ConfigSchema } from '../../electron/config/schema';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { startTestEngine, type TestEngine } from '../support/test-engine';

const PASSWORD = 'Pa55-w0rd!secret';

describe.runIf(canServeRtsp())('engine with cameras (real RTSP server, real ffmpeg)', () => {
  let server: RtspServer;
  let t: TestEngine;

  async function cameras(): Promise<Map<string, CameraView>> {
    const r = await t.dispatch('cameras:list', {});
    if (!r.ok) throw new Error(r.error.message);
    return new Map((r.data as { cameras: CameraView[] }).cameras.map((c) => [c.id, c]));
  }

  beforeAll(async () => {
    server = await startRtspServer({ clip: 'corridor_walk_intel.mp4', user: 'admin', password: PASSWORD });
    const url = server.url();
    const camera = (id: string, password: string) => ({
      id,
      name: id,
      gridCell: 'dc-01',
      detectUrl: url,
      username: 'admin',
      password,
      detect: { fps: 2, width: 320, height: 180 },
    });
    const config = ConfigSchema.parse({
      cameras: [
        camera('gate', PASSWORD),
        camera('wrong-pass', `${PASSWORD}-nope`),
        { ...camera('off', PASSWORD), enabled: false },
      ],
    });
    t = await startTestEngine(config);
  });

  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it('streams the camera with the right password and reports its health', async () => {
    const deadline = Date.now() + 15_000;
    let gate = (await cameras()).get('gate');
    while (gate?.status?.state !== 'streaming' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      gate = (await cameras()).get('gate');
    }
    expect(gate?.status?.state).toBe('streaming');
    expect(gate).toMatchObject({ username: 'admin', hasPassword: true, enabled: true, gridCell: 'dc-01' });
    expect(gate?.url).toContain('admin:***@127.0.0.1');
    expect((await cameras()).get('off')?.status).toBeNull();
  });

  it('never returns or logs the password, also for the camera whose password is wrong', async () => {
    await new Promise((r) => setTimeout(r, 2500)); // let the wrong password fail and be logged a few times
    const list = await cameras();
    expect(list.get('wrong-pass')?.status?.state).not.toBe('streaming');
    expect(JSON.stringify([...list.values()])).not.toContain(PASSWORD);
    const logs = join(t.dataDir, 'logs');
    const text = readdirSync(logs)
      .map((f) => readFileSync(join(logs, f), 'utf8'))
      .join('\n');
    expect(text).toContain('wrong-pass'); // the camera is in the log...
    expect(text).not.toContain(PASSWORD); // ...its password is not
  });
});

describe.runIf(canServeRtsp())('engine pushes camera offline and back (real RTSP server killed and restarted)', () => {
  it('raises camera:offline once after the debounce and camera:back once when the camera returns; its maintenance task opens and closes with it', async () => {
    let server = await startRtspServer({ clip: 'corridor_walk_intel.mp4' });
    const port = server.port;
    const config = ConfigSchema.parse({
      // a stall timeout well above a first connect under load, so that a reconnect is not cut short
      ingest: { stallTimeoutS: 6, backoffInitialS: 0.2, backoffMaxS: 1, offlineDebounceS: 3 },
      cameras: [
        {
          id: 'flaky',
          name: 'flaky',
          gridCell: 'dc-02',
          detectUrl: server.url(),
          detect: { fps: 2, width: 160, height: 90 },
        },
      ],
    });
    const t = await startTestEngine(config);
    const pushes: { type: string; payload: unknown }[] = [];
    t.engine.events.subscribe((m) => {
      if (m.type === 'camera:offline' || m.type === 'camera:back') pushes.push(m);
    });
    const state = async () => {
      const r = await t.dispatch('cameras:list', {});
      return r.ok ? (r.data as { cameras: CameraView[] }).cameras[0]?.status?.state : undefined;
    };
    const maintenance = async () => {
      const r = await t.dispatch('tasks:list', { filter: { categories: ['camera_offline'] } });
      return r.ok ? (r.data as { tasks: TaskView[] }).tasks : [];
    };
    const waitFor = async (ok: () => boolean | Promise<boolean>, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await ok()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    };
    try {
      await waitFor(async () => (await state()) === 'streaming', 15_000);
      expect(await state()).toBe('streaming');
      // a slow first connect may itself have counted as an outage, with its own (already closed) task
      pushes.length = 0;
      const earlier = new Set((await maintenance()).map((task) => task.id));
      await server.stop();
      await waitFor(() => pushes.length > 0, 10_000);
      await new Promise((r) => setTimeout(r, 2500)); // more reconnect failures: still one signal
      expect(pushes.map((p) => p.type)).toEqual(['camera:offline']);
      expect(await state()).toBe('offline');
      const outageTasks = async () => (await maintenance()).filter((task) => !earlier.has(task.id));
      expect(await outageTasks()).toMatchObject([
        { state: 'dispatched', handlerRole: 'technician', cameraId: 'flaky', source: 'system' },
      ]);
      server = await startRtspServer({ clip: 'corridor_walk_intel.mp4', port });
      await waitFor(() => pushes.length > 1, 30_000);
      expect(pushes.map((p) => p.type)).toEqual(['camera:offline', 'camera:back']);
      expect(pushes[1]?.payload).toMatchObject({ cameraId: 'flaky' });
      expect((pushes[1]?.payload as { offlineForS: number }).offlineForS).toBeGreaterThan(3);
      // nobody touched it: the engine closed it
      expect(await outageTasks()).toMatchObject([{ state: 'closed', touched: false }]);
    } finally {
      await t.close();
      await server.stop();
    }
  }, 90_000);
});
