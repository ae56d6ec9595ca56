import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraView } from '../../electron/api/contract';
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
