/**
 * Zones drawn in the interface, through the API contract against a real engine on a real SQLite file: an RTSP
 * camera plays the corridor clip (people walking) to the real person model. People are detected but no alert is
 * raised until a restricted zone is saved through `zones:save`; then an intrusion alert of that zone follows,
 * without a restart. Invalid polygons are refused with the reason and store nothing; the configuration file's
 * zones are shown read-only and cannot be overwritten; a stale version is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushMessage, RequestOutput } from '../../electron/api/contract';
import type { ApiError } from '../../electron/api/result';
import { ConfigSchema } from '../../electron/config/schema';
import { builtDetectorWorker } from '../support/built-worker';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { until } from '../support/until';

const WHOLE_PICTURE = [
  { x: 0, y: 0 },
  { x: 1, y: 0 },
  { x: 1, y: 1 },
  { x: 0, y: 1 },
];
const CORNER = [
  { x: 0, y: 0 },
  { x: 0.05, y: 0 },
  { x: 0.05, y: 0.05 },
];
const fileMask = { id: 'clock', name: '时钟', kind: 'mask', polygon: CORNER };

describe.runIf(canServeRtsp())('zones through the API (real camera, model, SQLite)', () => {
  let server: RtspServer;
  let t: TestEngine;
  const pushes: PushMessage[] = [];

  async function call<C extends 'zones:get' | 'zones:save'>(channel: C, input: unknown): Promise<RequestOutput<C>> {
    const r = await t.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.data as RequestOutput<C>;
  }
  async function fails(channel: string, input: unknown): Promise<ApiError> {
    const r = await t.dispatch(channel, input);
    if (r.ok) throw new Error(`${channel} should have failed`);
    return r.error;
  }
  const intrusions = () =>
    pushes.filter((m) => m.type === 'alerts:changed' && m.payload.kind === 'intrusion' && m.payload.phase === 'raised');
  const people = () =>
    pushes.filter((m) => m.type === 'detections:made' && m.payload.detections.some((d) => d.label === 'person'));

  beforeAll(async () => {
    server = await startRtspServer({ clip: 'corridor_walk_intel.mp4' });
    const config = ConfigSchema.parse({
      detection: { models: ['yolox_nano_coco_416'] },
      recording: { enabled: false },
      incidents: { zones: { gate: [fileMask] } },
      cameras: [
        {
          id: 'gate',
          name: '东门',
          gridCell: 'c1',
          detectUrl: server.url(),
          detect: { fps: 2, width: 480, height: 270 },
        },
      ],
    });
    t = await startTestEngine(config, builtDetectorWorker());
    t.engine.events.subscribe((m) => pushes.push(m));
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('shows the configuration file’s mask read-only, and nothing of the interface yet', async () => {
    const view = await call('zones:get', { cameraId: 'gate' });
    expect(view).toMatchObject({ cameraId: 'gate', version: 0, updatedAt: null, zones: [] });
    expect(view.masks).toEqual([{ ...fileMask, origin: 'config' }]);
    expect((await fails('zones:get', { cameraId: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('refuses invalid polygons with the reason, and stores nothing', async () => {
    const crossing = [
      { x: 0.1, y: 0.1 },
      { x: 0.5, y: 0.5 },
      { x: 0.5, y: 0.1 },
      { x: 0.1, y: 0.5 },
    ];
    const bow = await fails('zones:save', {
      cameraId: 'gate',
      masks: [],
      zones: [{ id: 'z', name: 'Z', kind: 'restricted', polygon: crossing }],
    });
    expect(bow.code).toBe('INVALID_REQUEST');
    expect(bow.issues?.every((i) => i.path === 'zones.0.polygon')).toBe(true);
    expect(bow.issues?.map((i) => i.message).join('; ')).toMatch(/edges .* cross/);
    const outside = await fails('zones:save', {
      cameraId: 'gate',
      masks: [{ id: 'm', name: 'M', kind: 'mask', polygon: [...CORNER, { x: 1.5, y: 0.5 }] }],
      zones: [],
    });
    expect(outside.issues?.[0]?.message).toContain('outside the frame');
    const two = await fails('zones:save', {
      cameraId: 'gate',
      masks: [{ id: 'm', name: 'M', kind: 'mask', polygon: CORNER.slice(0, 2) }],
      zones: [],
    });
    expect(two.issues?.[0]?.message).toContain('at least 3 points');
    const dup = await fails('zones:save', {
      cameraId: 'gate',
      masks: [{ id: 'a', name: 'M', kind: 'mask', polygon: CORNER }],
      zones: [{ id: 'a', name: 'Z', kind: 'restricted', polygon: WHOLE_PICTURE }],
    });
    expect(dup.issues?.map((i) => i.path)).toEqual(['zones.0.id']);
    const view = await call('zones:get', { cameraId: 'gate' });
    expect(view.version).toBe(0);
    expect(view.zones).toEqual([]);
  });

  it('refuses to overwrite a zone of the configuration file', async () => {
    const error = await fails('zones:save', {
      cameraId: 'gate',
      masks: [{ ...fileMask, polygon: WHOLE_PICTURE }],
      zones: [],
    });
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'CONFIG_ZONE' });
    expect((await call('zones:get', { cameraId: 'gate' })).masks).toEqual([{ ...fileMask, origin: 'config' }]);
  });

  it('raises an intrusion alert only once the restricted zone is saved, without a restart', async () => {
    await until(
      () => Promise.resolve(people().length),
      (n) => n >= 3,
      60_000,
    );
    expect(intrusions()).toEqual([]);
    const saved = await call('zones:save', {
      cameraId: 'gate',
      masks: [],
      zones: [{ id: 'no-entry', name: '禁入区', kind: 'restricted', minDwellS: 1, polygon: WHOLE_PICTURE }],
      expectedVersion: 0,
    });
    expect(saved.version).toBe(1);
    expect(saved.zones).toEqual([
      {
        id: 'no-entry',
        name: '禁入区',
        kind: 'restricted',
        minDwellS: 1,
        labels: ['person'],
        polygon: WHOLE_PICTURE,
        origin: 'interface',
      },
    ]);
    expect(pushes.some((m) => m.type === 'zones:changed' && m.payload.version === 1)).toBe(true);
    const raised = await until(
      () => Promise.resolve(intrusions()),
      (l) => l.length > 0,
      60_000,
    );
    const first = raised[0];
    expect(first?.type === 'alerts:changed' && first.payload).toMatchObject({ cameraId: 'gate', zoneId: 'no-entry' });
  }, 130_000);

  it('forgets the zones of a deleted camera: one added again under its id starts without them', async () => {
    const camera = { name: '后院', gridCell: 'c1', detectUrl: server.url(), enabled: false };
    const created = await t.dispatch('cameras:create', { id: 'yard', ...camera });
    expect(created.ok).toBe(true);
    const mask = { id: 'lamp', name: '路灯', kind: 'mask', polygon: CORNER };
    expect((await call('zones:save', { cameraId: 'yard', masks: [mask], zones: [] })).masks).toHaveLength(1);
    expect((await t.dispatch('cameras:delete', { id: 'yard' })).ok).toBe(true);
    expect(
      pushes.some((m) => m.type === 'zones:changed' && m.payload.cameraId === 'yard' && m.payload.version === 0),
    ).toBe(true);
    expect((await t.dispatch('cameras:create', { id: 'yard', ...camera })).ok).toBe(true);
    expect(await call('zones:get', { cameraId: 'yard' })).toMatchObject({ version: 0, masks: [], zones: [] });
    await t.dispatch('cameras:delete', { id: 'yard' });
  });

  it('refuses a save based on a stale version', async () => {
    const error = await fails('zones:save', { cameraId: 'gate', masks: [], zones: [], expectedVersion: 0 });
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'STALE' });
    expect((await call('zones:get', { cameraId: 'gate' })).version).toBe(1);
  });
});
