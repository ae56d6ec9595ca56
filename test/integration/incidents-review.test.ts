/**
 * The operator's review of incidents through the API contract, against a real engine on a real SQLite file with
 * real incidents: two RTSP cameras in different grid cells play the corridor clip (people walking), the real person
 * model and a restricted zone over the whole picture raise one intrusion incident per camera, each with a task
 * waiting for an operator. One is confirmed (its task is accepted and dispatched to the cell's inspector), the
 * other dismissed as a reflection (its untouched task is closed as a false alarm with that reason); reviews are
 * kept per reviewer; the incident's clip is served by the HTTP shell with byte ranges, so a <video> can seek.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushMessage, RequestOutput } from '../../electron/api/contract';
import type { ApiError } from '../../electron/api/result';
import type { TaskView } from '../../electron/api/tasks-contract';
import { ConfigSchema } from '../../electron/config/schema';
import { MEDIA_DIR } from '../../electron/engine/evidence';
import { startHttpShell, type HttpShell } from '../../electron/server/http-server';
import { builtDetectorWorker } from '../support/built-worker';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { until } from '../support/until';

const ROOT = join(import.meta.dirname, '../..');
const COVERED_CELL = '330199101001-01';
const li = { id: 'op-li', name: '李值班' };
const wang = { id: 'op-wang', name: '王值班' };
const WHOLE_PICTURE = [
  { x: 0, y: 0 },
  { x: 1, y: 0 },
  { x: 1, y: 1 },
  { x: 0, y: 1 },
];
const zone = { id: 'no-entry', name: '禁入区', kind: 'restricted', minDwellS: 1, polygon: WHOLE_PICTURE };
const gridFile = (name: string) => ({
  name,
  contentBase64: readFileSync(join(ROOT, 'fixtures/grid', name)).toString('base64'),
});

describe.runIf(canServeRtsp())('incident review through the API (real cameras, model, SQLite)', () => {
  let server: RtspServer;
  let t: TestEngine;
  let shell: HttpShell;
  const pushes: PushMessage[] = [];

  async function call<C extends 'incidents:list' | 'incidents:get' | 'incidents:review' | 'tasks:get' | 'tasks:list'>(
    channel: C,
    input: unknown,
  ): Promise<RequestOutput<C>> {
    const r = await t.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.data as RequestOutput<C>;
  }
  async function fails(channel: string, input: unknown): Promise<ApiError> {
    const r = await t.dispatch(channel, input);
    if (r.ok) throw new Error(`${channel} should have failed`);
    return r.error;
  }
  async function incidentOf(cameraId: string): Promise<{ id: string; taskId: string | null } | null> {
    const { incidents } = await call('incidents:list', {});
    const incident = incidents.find((i) => i.peak.cameraId === cameraId);
    if (!incident) return null;
    const detail = await call('incidents:get', { id: incident.id });
    return { id: incident.id, taskId: detail.taskId };
  }
  async function task(id: string): Promise<RequestOutput<'tasks:get'>> {
    return call('tasks:get', { id });
  }

  let gate: { id: string; taskId: string };
  let yard: { id: string; taskId: string };

  beforeAll(async () => {
    server = await startRtspServer({ clip: 'corridor_walk_intel.mp4' });
    const camera = (id: string, name: string, gridCell: string) => ({
      id,
      name,
      gridCell,
      detectUrl: server.url(),
      detect: { fps: 2, width: 480, height: 270 },
    });
    const config = ConfigSchema.parse({
      detection: { models: ['yolox_nano_coco_416'] },
      recording: { segmentS: 2, clipPreS: 2, clipPostS: 2 },
      incidents: { zones: { gate: [zone], yard: [zone] } },
      cameras: [camera('gate', '东门', COVERED_CELL), camera('yard', '后院', 'yard-cell')],
    });
    t = await startTestEngine(config, builtDetectorWorker());
    t.engine.events.subscribe((m) => pushes.push(m));
    const imported = await t.dispatch('grid:import', {
      files: [gridFile('grid.csv'), gridFile('inspectors.csv')],
      mode: 'replace',
    });
    if (!imported.ok) throw new Error(imported.error.message);
    shell = await startHttpShell({
      host: '127.0.0.1',
      port: 0,
      bodyLimitKb: 64,
      dispatch: t.dispatch,
      events: t.engine.events,
      logger: t.log.logger,
      staticDir: null,
      mediaDir: join(t.dataDir, MEDIA_DIR),
    });
  }, 60_000);

  afterAll(async () => {
    await t?.engine.settleEvidence(15_000);
    await shell?.close();
    await t?.close();
    await server?.stop();
  });

  it('shows each camera’s intrusion incident with the task waiting for an operator', async () => {
    const both = await until(
      async () => [await incidentOf('gate'), await incidentOf('yard')],
      (l) => l.every((i) => i?.taskId),
      90_000,
    );
    const [g, y] = both;
    if (!g?.taskId || !y?.taskId) throw new Error(`incidents not raised: ${JSON.stringify(both)}`);
    gate = { id: g.id, taskId: g.taskId };
    yard = { id: y.id, taskId: y.taskId };
    expect(gate.id).not.toBe(yard.id);
    const detail = await call('incidents:get', { id: gate.id });
    expect(detail.incident).toMatchObject({ id: gate.id, kind: 'intrusion' });
    expect(detail.reviews).toEqual([]);
    expect((await task(gate.taskId)).task).toMatchObject({ state: 'reported', incidentId: gate.id });
    const unreviewed = await call('incidents:list', { reviewerId: li.id, review: 'unreviewed' });
    expect(unreviewed.incidents.map((i) => i.id).sort()).toEqual([gate.id, yard.id].sort());
    expect(unreviewed.reviews).toEqual([]);
  }, 100_000);

  it('refuses wrong reviews with stable codes and changes nothing', async () => {
    const noReason = await fails('incidents:review', { id: yard.id, reviewer: li, verdict: 'dismissed' });
    expect(noReason.code).toBe('INVALID_REQUEST');
    expect(noReason.issues?.map((i) => i.path)).toEqual(['reason']);
    const badReason = await fails('incidents:review', {
      id: yard.id,
      reviewer: li,
      verdict: 'dismissed',
      reason: 'ghost',
    });
    expect(badReason.code).toBe('INVALID_REQUEST');
    const missing = await fails('incidents:review', { id: 'inc-404', reviewer: li, verdict: 'confirmed' });
    expect(missing.code).toBe('NOT_FOUND');
    expect((await fails('incidents:get', { id: 'inc-404' })).code).toBe('NOT_FOUND');
    expect((await fails('incidents:list', { review: 'unreviewed' })).code).toBe('INVALID_REQUEST');
    expect((await call('incidents:get', { id: yard.id })).reviews).toEqual([]);
  });

  it('dismissing closes the untouched task as a false alarm with the same reason, in its audit trail', async () => {
    const r = await call('incidents:review', {
      id: yard.id,
      reviewer: li,
      verdict: 'dismissed',
      reason: 'reflection',
      note: '玻璃反光',
    });
    expect(r.review).toMatchObject({ incidentId: yard.id, reviewer: li, verdict: 'dismissed', reason: 'reflection' });
    expect(r.task).toEqual({ id: yard.taskId, state: 'closed', applied: ['auto_close'] });
    const after = await task(yard.taskId);
    expect(after.task).toMatchObject({
      state: 'closed',
      touched: false,
      outcome: { kind: 'false_alarm', reason: 'reflection' },
    });
    expect(after.audit.at(-1)).toMatchObject({
      command: 'auto_close',
      actor: { role: 'system' },
      data: { outcome: 'false_alarm', reason: 'reflection' },
    });
    expect(after.audit.at(-1)?.note).toContain('李值班');
    expect(pushes).toContainEqual({
      type: 'incidents:reviewed',
      payload: { id: yard.id, reviewerId: li.id, verdict: 'dismissed', reason: 'reflection' },
    });
    expect(pushes.some((p) => p.type === 'tasks:changed' && p.payload.id === yard.taskId)).toBe(true);
  });

  it('confirming accepts the waiting task and dispatches it to the inspectors of its grid cell', async () => {
    const r = await call('incidents:review', { id: gate.id, reviewer: li, verdict: 'confirmed' });
    expect(r.task).toEqual({ id: gate.taskId, state: 'dispatched', applied: ['accept', 'dispatch'] });
    const after = await task(gate.taskId);
    expect(after.task.assignees).toContain('WG-0101');
    expect(after.audit.slice(-2).map((a) => [a.command, a.actor.id])).toEqual([
      ['accept', li.id],
      ['dispatch', li.id],
    ]);
  });

  it('keeps the reviewed state per reviewer; a second reviewer’s dismissal leaves a worked task to its people', async () => {
    const mine = await call('incidents:list', { reviewerId: li.id, review: 'reviewed' });
    expect(mine.incidents.map((i) => i.id).sort()).toEqual([gate.id, yard.id].sort());
    expect(mine.reviews.map((v) => [v.incidentId, v.verdict]).sort()).toEqual(
      [
        [gate.id, 'confirmed'],
        [yard.id, 'dismissed'],
      ].sort(),
    );
    expect((await call('incidents:list', { reviewerId: li.id, review: 'unreviewed' })).incidents).toEqual([]);
    const theirs = await call('incidents:list', { reviewerId: wang.id, review: 'unreviewed' });
    expect(theirs.incidents).toHaveLength(2);

    const second = await call('incidents:review', {
      id: gate.id,
      reviewer: wang,
      verdict: 'dismissed',
      reason: 'lamp',
    });
    expect(second.task).toEqual({ id: gate.taskId, state: 'dispatched', applied: ['comment'] });
    const detail = await call('incidents:get', { id: gate.id });
    expect(detail.taskId).toBe(gate.taskId);
    expect(detail.reviews.map((v) => [v.reviewer.id, v.verdict, v.reason])).toEqual([
      [li.id, 'confirmed', null],
      [wang.id, 'dismissed', 'lamp'],
    ]);
    const board = await call('tasks:list', { filter: { incidentId: gate.id } });
    expect(board.tasks.map((x: TaskView) => x.state)).toEqual(['dispatched']);
  });

  it('serves the incident’s clip with byte ranges, so the player can seek', async () => {
    const withClip = await until(
      () => call('incidents:get', { id: gate.id }),
      (d) => d.incident.evidence.some((e) => e.kind === 'clip'),
      30_000,
    );
    const clip = withClip.incident.evidence.find((e) => e.kind === 'clip');
    if (!clip) throw new Error('no clip kept');
    const url = new URL(`/media/${clip.file}`, shell.url);
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const size = (await whole.arrayBuffer()).byteLength;
    expect(size).toBeGreaterThan(1000);
    const part = await fetch(url, { headers: { range: 'bytes=100-599' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-599/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(500);
    const after = await fetch(url, { headers: { range: 'bytes=-200' } });
    expect(after.status).toBe(206);
    expect(after.headers.get('content-range')).toBe(`bytes ${size - 200}-${size - 1}/${size}`);
    // a range past the end is refused as players expect: 416 with the file's size
    const past = await fetch(url, { headers: { range: `bytes=${size + 10}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
  }, 40_000);
});
