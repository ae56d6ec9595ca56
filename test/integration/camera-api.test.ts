/**
 * Cameras through the API, against a real engine, a real SQLite file, a real RTSP server and real ffmpeg:
 * add, change, test and remove cameras; stored cameras come back after a restart; passwords never come out.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraView, ProbeResultView } from '../../electron/api/contract';
import type { ApiError } from '../../electron/api/result';
import { ConfigSchema } from '../../electron/config/schema';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { startTestEngine, type TestEngine } from '../support/test-engine';

const PASSWORD = 'Cam-pa55!word';
const config = ConfigSchema.parse({
  cameras: [
    { id: 'fixed', name: '配置摄像头', gridCell: 'dc-09', detectUrl: 'rtsp://127.0.0.1:9/none', enabled: false },
  ],
});

describe.runIf(canServeRtsp())('cameras through the API (real engine, SQLite, RTSP server, ffmpeg)', () => {
  let server: RtspServer;
  let dataDir: string;
  let t: TestEngine;
  const pushes: string[] = [];

  async function call<T>(channel: string, input: unknown): Promise<T> {
    const r = await t.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.data as T;
  }
  async function fails(channel: string, input: unknown): Promise<ApiError> {
    const r = await t.dispatch(channel, input);
    if (r.ok) throw new Error(`${channel} should have failed`);
    expect(JSON.stringify(r.error)).not.toContain(PASSWORD);
    return r.error;
  }
  async function camera(id: string): Promise<CameraView | undefined> {
    return (await call<{ cameras: CameraView[] }>('cameras:list', {})).cameras.find((c) => c.id === id);
  }
  async function waitForState(id: string, state: string, timeoutMs = 15_000): Promise<CameraView | undefined> {
    const deadline = Date.now() + timeoutMs;
    let view = await camera(id);
    while (view?.status?.state !== state && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      view = await camera(id);
    }
    return view;
  }
  async function start(): Promise<void> {
    t = await startTestEngine(config, null, { dataDir });
    t.engine.events.subscribe((m) => pushes.push(JSON.stringify(m)));
  }

  beforeAll(async () => {
    server = await startRtspServer({ clip: 'corridor_walk_intel.mp4', user: 'admin', password: PASSWORD });
    dataDir = mkdtempSync(join(tmpdir(), 'anxun-camera-api-'));
    await start();
  });

  afterAll(async () => {
    await t.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const fields = () => ({
    name: '东村路口',
    gridCell: 'dc-01',
    detectUrl: `rtsp://127.0.0.1:${server.port}${server.mount}`,
    username: 'admin',
    password: PASSWORD,
    detect: { fps: 2, width: 320, height: 180 },
  });

  it('adds a camera that streams, shows it masked, and never returns the password', async () => {
    const view = await call<CameraView>('cameras:create', { id: 'east', ...fields() });
    expect(view).toMatchObject({ id: 'east', source: 'stored', username: 'admin', hasPassword: true, enabled: true });
    expect(view.url).toBe(`rtsp://admin:***@127.0.0.1:${server.port}${server.mount}`);
    expect(JSON.stringify(view)).not.toContain(PASSWORD);
    expect((await waitForState('east', 'streaming'))?.status?.state).toBe('streaming');
    expect(pushes.some((p) => p.includes('"cameras:changed"') && p.includes('east'))).toBe(true);
  });

  it('gives generated ids, and refuses duplicates, bad URLs and credentials inside the URL with field issues', async () => {
    const generated = await call<CameraView>('cameras:create', { ...fields(), enabled: false });
    expect(generated.id).toMatch(/^cam-[0-9a-f]{8}$/);
    expect((await fails('cameras:create', { id: 'east', ...fields() })).code).toBe('CONFLICT');
    expect((await fails('cameras:create', { id: 'fixed', ...fields() })).code).toBe('CONFLICT');
    const bad = await fails('cameras:create', { ...fields(), detectUrl: 'http://example.com/live' });
    expect(bad.code).toBe('INVALID_REQUEST');
    expect(bad.issues?.map((i) => i.path)).toEqual(['detectUrl']);
    const inline = await fails('cameras:create', {
      ...fields(),
      detectUrl: `rtsp://admin:${PASSWORD}@127.0.0.1:${server.port}/x`,
    });
    expect(inline.issues?.[0]?.message).toMatch(/username.*password/);
    const range = await fails('cameras:create', { ...fields(), detect: { fps: 50 } });
    expect(range.issues?.map((i) => i.path)).toEqual(['detect.fps']);
    await call('cameras:delete', { id: generated.id });
  });

  it('tests connections: the stored camera, an edit before saving, and each failure with its own code', async () => {
    const okResult = await call<ProbeResultView>('cameras:test', { cameraId: 'east' });
    expect(okResult).toMatchObject({ ok: true, codec: 'h264', width: 480, height: 270 });
    const wrong = await call<ProbeResultView>('cameras:test', { cameraId: 'east', password: `${PASSWORD}x` });
    expect(wrong).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
    const noPath = await call<ProbeResultView>('cameras:test', {
      cameraId: 'east',
      detectUrl: `${fields().detectUrl}x`,
    });
    expect(noPath).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const unreachable = await call<ProbeResultView>('cameras:test', { detectUrl: 'rtsp://127.0.0.1:9/live' });
    expect(unreachable).toMatchObject({ ok: false, code: 'UNREACHABLE' });
    const garbage = await call<ProbeResultView>('cameras:test', { detectUrl: 'not a url at all' });
    expect(garbage).toMatchObject({ ok: false, code: 'BAD_URL' });
    for (const r of [okResult, wrong, noPath, unreachable, garbage]) {
      expect(JSON.stringify(r)).not.toContain(PASSWORD);
      expect(r.elapsedMs).toBeLessThan(6000);
    }
    expect((await fails('cameras:test', {})).code).toBe('INVALID_REQUEST');
    expect((await fails('cameras:test', { cameraId: 'nobody' })).code).toBe('NOT_FOUND');
  });

  it('changes a camera and keeps its password when none is given; the configuration file’s camera is read-only', async () => {
    const renamed = await call<CameraView>('cameras:update', { id: 'east', changes: { name: '东村路口 2' } });
    expect(renamed).toMatchObject({ name: '东村路口 2', hasPassword: true });
    expect((await waitForState('east', 'streaming'))?.status?.state).toBe('streaming'); // the kept password works
    expect((await fails('cameras:update', { id: 'fixed', changes: { name: 'x' } })).code).toBe('CONFLICT');
    expect((await fails('cameras:delete', { id: 'fixed' })).code).toBe('CONFLICT');
    expect((await fails('cameras:update', { id: 'nobody', changes: { name: 'x' } })).code).toBe('NOT_FOUND');
    const bad = await fails('cameras:update', { id: 'east', changes: { detectUrl: 'rtsp://' } });
    expect(bad.code).toBe('INVALID_REQUEST');
    expect((await camera('east'))?.name).toBe('东村路口 2'); // a refused change changed nothing
  });

  it('keeps stored cameras across a restart, and the password out of the log file', async () => {
    await t.close();
    await start();
    const view = await waitForState('east', 'streaming');
    expect(view).toMatchObject({ source: 'stored', name: '东村路口 2', hasPassword: true });
    expect((await camera('fixed'))?.source).toBe('config');
    const logs = join(dataDir, 'logs');
    const text = readdirSync(logs)
      .map((f) => readFileSync(join(logs, f), 'utf8'))
      .join('\n');
    expect(text).toContain('connection tested');
    expect(text).not.toContain(PASSWORD);
  });

  it('clears the password, then removes the camera and stops streaming it', async () => {
    const cleared = await call<CameraView>('cameras:update', { id: 'east', changes: { password: null } });
    expect(cleared.hasPassword).toBe(false);
    expect(await call('cameras:delete', { id: 'east' })).toEqual({ id: 'east' });
    expect(await camera('east')).toBeUndefined();
    expect((await fails('cameras:delete', { id: 'east' })).code).toBe('NOT_FOUND');
  });
});
