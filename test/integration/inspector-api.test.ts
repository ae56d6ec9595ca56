/**
 * Inspectors' phones against the real engine, a real SQLite file and the real HTTPS LAN listener (trusted
 * through its own CA only): pairing, own tasks only, accept / check-in with an uploaded photo and a position /
 * false-alarm report seen step by step in the desktop's audit trail, replays changing nothing, refusals with
 * stable codes, uploads re-encoded without metadata, and the 404 for everything the listener does not serve.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeTask, PairOutput, UploadOutput } from '../../electron/api/inspector-contract';
import type { AuditView, TaskEvidenceView, TaskView } from '../../electron/api/tasks-contract';
import { ACCEPT_NOTE } from '../../electron/engine/inspectors-me';
import { hashSecret } from '../../electron/engine/inspectors-tokens';
import type { LanServer } from '../../electron/server/lan-server';
import { startLanListener } from '../../electron/server/lan-start';
import { PairThrottle } from '../../electron/server/pair-throttle';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { jpegWithExif, pngWithMetadata } from './inspector-images';
import { lanClient, type LanAnswer } from './inspector-lan-client';

const ROOT = join(import.meta.dirname, '../..');
const file = (name: string) => ({
  name,
  contentBase64: readFileSync(join(ROOT, 'fixtures/grid', name)).toString('base64'),
});
const operator = { role: 'operator', id: 'op-li', name: '李值班' } as const;
const CHEN = 'WG-0101';
const WANG = 'WG-0102';

describe('inspector phones over the HTTPS LAN listener (real engine, SQLite, TLS)', () => {
  let t: TestEngine;
  let lan: LanServer;
  let lanCall: ReturnType<typeof lanClient>;
  let chen: PairOutput;
  let wang: PairOutput;
  let chenTask: TaskView;
  let wangTask: TaskView;

  async function desk<T>(channel: string, input: unknown): Promise<T> {
    const r = await t.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.reason ?? ''} ${r.error.message}`);
    return r.data as T;
  }
  async function data<T>(answer: Promise<LanAnswer>): Promise<T> {
    const a = await answer;
    const body = a.json();
    if (!body.ok) throw new Error(`${a.status} ${JSON.stringify(body.error)}`);
    return body.data as T;
  }
  const me = (channel: string, token: string, json: unknown = {}) => lanCall(`/api/${channel}`, { token, json });
  async function pair(inspectorId: string, deviceName: string): Promise<PairOutput> {
    const code = await desk<{ code: string; url: string }>('inspectors:pair', { inspectorId });
    return await data<PairOutput>(lanCall('/api/pair', { json: { code: code.code, deviceName } }));
  }
  async function createTask(cellCode: string, title: string): Promise<TaskView> {
    return desk<TaskView>('tasks:create', {
      source: 'hotline',
      category: 'fire',
      severity: 'red',
      title,
      cellCode,
      actor: operator,
      dispatch: 'grid',
    });
  }

  beforeAll(async () => {
    t = await startTestEngine();
    await desk('grid:import', { files: [file('grid.csv'), file('inspectors.csv')], mode: 'replace' });
    lan = await startLanListener({
      engine: t.engine,
      lan: { enabled: true, host: '127.0.0.1', port: 0 },
      dataDir: t.dataDir,
      staticDir: null,
      logger: t.log.logger,
      throttle: new PairThrottle({ windowMs: 60_000, free: 2, baseDelayMs: 200, maxDelayMs: 800, blockAfter: 6 }),
    });
    lanCall = lanClient(lan.url, lan.caPem);
    chenTask = await createTask('330199101001-01', '陈的任务：仓库冒烟');
    wangTask = await createTask('330199101001-03', '王的任务：路边起火');
  });
  afterAll(async () => {
    await lan?.close();
    await t?.close();
  });

  it('serves over TLS that verifies with its own CA only, and nothing but the phone routes', async () => {
    expect(lan.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/phone\/$/);
    const ca = await lanCall('/ca.crt');
    expect(ca.status).toBe(200);
    expect(ca.body.toString()).toBe(lan.caPem);
    await expect(lanCall('/ca.crt', { ca: null })).rejects.toThrow(/self.signed|unable to verify|certificate/i);
    for (const [path, method] of [
      ['/', 'GET'],
      ['/index.html', 'GET'],
      ['/api/tasks:list', 'POST'],
      ['/api/system:status', 'POST'],
      ['/api/ws', 'GET'],
      ['/media/../anxun.db', 'GET'],
      ['/phone/sw.js', 'GET'], // no built page here: no service worker either
    ] as const) {
      const r = await lanCall(path, { method, ...(method === 'POST' ? { json: {} } : {}) });
      expect(r.status, path).toBe(404);
    }
    const list = await desk<{ lan: { enabled: boolean; url: string; caFingerprint: string } }>('inspectors:list', {});
    expect(list.lan).toEqual({ enabled: true, url: lan.url, caFingerprint: lan.caFingerprint });
  });

  it('pairs with a one-time code: the token works, the code twice or after expiry is refused', async () => {
    const code = await desk<{ code: string; url: string; payload: string; expiresAt: string }>('inspectors:pair', {
      inspectorId: CHEN,
    });
    expect(code.code).toMatch(/^\d{10}$/);
    expect(code.url).toBe(`${lan.url}#pair=${code.code}`);
    expect(code.payload).toBe(code.url);
    expect(Date.parse(code.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    chen = await data<PairOutput>(lanCall('/api/pair', { json: { code: code.code, deviceName: '陈的手机' } }));
    expect(chen.inspector).toEqual({ id: CHEN, name: '陈建国' });
    expect(chen.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const again = await lanCall('/api/pair', { json: { code: code.code, deviceName: '别人的手机' } });
    expect(again.status).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', reason: 'CODE_USED' });

    const side = t.engine.services.inspectorSide();
    side.repo.addCode(hashSecret('5555666677'), CHEN, Date.now() - 1000, 'test', Date.now() - 60_000);
    const expired = await lanCall('/api/pair', { json: { code: '5555666677', deviceName: 'x' } });
    expect(expired.status).toBe(403);
    expect(expired.json().error).toMatchObject({ code: 'FORBIDDEN', reason: 'CODE_EXPIRED' });

    wang = await pair(WANG, '王的手机');
    const devices = await desk<{ devices: { name: string; revokedAt: string | null }[] }>('inspectors:devices', {
      inspectorId: CHEN,
    });
    expect(devices.devices.map((d) => d.name)).toEqual(['陈的手机']);
    // the token is stored only as its hash
    const db = readFileSync(join(t.dataDir, 'anxun.db'));
    expect(db.includes(Buffer.from(chen.token))).toBe(false);
    expect(db.includes(Buffer.from(code.code))).toBe(false);
  });

  it('shows each inspector their own tasks only, and refuses another inspector’s task', async () => {
    const mine = await data<{ tasks: MeTask[] }>(me('me:tasks', chen.token));
    expect(mine.tasks.map((x) => x.id)).toEqual([chenTask.id]);
    expect(mine.tasks[0]).toMatchObject({
      state: 'dispatched',
      accepted: false,
      actions: ['accept', 'return', 'checkin'],
    });
    expect(mine.tasks[0]?.timeLeftS).toBeGreaterThan(0);
    const theirs = await data<{ tasks: MeTask[] }>(me('me:tasks', wang.token));
    expect(theirs.tasks.map((x) => x.id)).toEqual([wangTask.id]);
    const who = await data<{ inspector: { id: string; cells: { code: string }[] } }>(me('me:get', chen.token));
    expect(who.inspector.id).toBe(CHEN);

    const peek = await me('me:task', chen.token, { id: wangTask.id });
    expect(peek.status).toBe(404);
    expect(peek.json().error).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_YOUR_TASK' });
    expect(peek.body.toString()).not.toContain('路边起火');
    const act = await me('me:act', chen.token, {
      taskId: wangTask.id,
      clientId: 'c-steal-0001',
      action: { type: 'accept' },
    });
    expect(act.status).toBe(404);
    expect((await desk<{ audit: AuditView[] }>('tasks:get', { id: wangTask.id })).audit.at(-1)?.command).toBe(
      'dispatch',
    );
  });

  let photoId = '';

  it('stores an uploaded PNG as a JPEG without its metadata, under a server-made name', async () => {
    const marker = 'GPS-30.2741N-120.1551E';
    const png = pngWithMetadata(marker);
    expect(png.includes(Buffer.from(marker))).toBe(true);
    const up = await lanCall('/api/uploads', {
      token: chen.token,
      raw: png,
      headers: { 'content-type': 'image/png', 'x-upload-id': 'up-0001-chen', 'x-file-name': '../../x.jpg' },
    });
    const out = await data<UploadOutput>(Promise.resolve(up));
    expect(out).toMatchObject({ width: 96, height: 64, replayed: false });
    photoId = out.photoId;
    const uploads = join(t.dataDir, 'media', 'uploads');
    expect(readdirSync(uploads)).toEqual([`${photoId}.jpg`]);
    expect(readdirSync(t.dataDir)).not.toContain('x.jpg');
    const stored = readFileSync(join(uploads, `${photoId}.jpg`));
    expect([...stored.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(stored.includes(Buffer.from(marker))).toBe(false);
    expect(stored.includes(Buffer.from('Exif'))).toBe(false);

    const replay = await data<UploadOutput>(
      lanCall('/api/uploads', { token: chen.token, raw: png, headers: { 'x-upload-id': 'up-0001-chen' } }),
    );
    expect(replay).toEqual({ ...out, replayed: true });
    expect(readdirSync(uploads)).toHaveLength(1);
  });

  it('turns an EXIF-rotated JPEG upright and drops its EXIF; refuses a non-image named .jpg', async () => {
    const jpeg = jpegWithExif('GPS-SECRET-MARK');
    const up = await data<UploadOutput>(lanCall('/api/uploads', { token: chen.token, raw: jpeg }));
    expect({ width: up.width, height: up.height }).toEqual({ width: 32, height: 64 });
    const stored = readFileSync(join(t.dataDir, 'media', 'uploads', `${up.photoId}.jpg`));
    expect(stored.includes(Buffer.from('GPS-SECRET-MARK'))).toBe(false);

    const fake = await lanCall('/api/uploads', {
      token: chen.token,
      raw: Buffer.from('#!/bin/sh\necho not a photo\n'.repeat(20)),
      headers: { 'content-type': 'image/jpeg', 'x-file-name': 'photo.jpg' },
    });
    expect(fake.status).toBe(400);
    expect(fake.json().error).toMatchObject({ code: 'INVALID_REQUEST', reason: 'UNSUPPORTED_TYPE' });
    const noToken = await lanCall('/api/uploads', { raw: jpeg });
    expect(noToken.status).toBe(401);
    expect(readdirSync(join(t.dataDir, 'media', 'uploads')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('accepts, checks in with the photo and a position, reports a false alarm: each step in the desktop’s trail', async () => {
    const accepted = await data<{ task: MeTask; replayed: boolean }>(
      me('me:act', chen.token, { taskId: chenTask.id, clientId: 'c-0001-accept', action: { type: 'accept' } }),
    );
    expect(accepted.task).toMatchObject({ accepted: true, actions: ['return', 'checkin'] });
    const checkin = {
      type: 'checkin',
      position: { lat: 30.2741, lon: 120.1551, accuracyM: 12 },
      at: '2026-11-30T14:03:00+08:00',
      photoIds: [photoId],
    };
    const checked = await data<{ task: MeTask }>(
      me('me:act', chen.token, { taskId: chenTask.id, clientId: 'c-0002-checkin', action: checkin }),
    );
    expect(checked.task).toMatchObject({ state: 'handling', actions: ['return', 'report'] });
    const report = { type: 'report', outcome: 'false_alarm', reason: 'steam', note: '锅炉房排汽' };
    const reported = await data<{ task: MeTask }>(
      me('me:act', chen.token, { taskId: chenTask.id, clientId: 'c-0003-report', action: report }),
    );
    expect(reported.task.state).toBe('feedback');

    const seen = await desk<{ audit: AuditView[]; evidence: TaskEvidenceView[] }>('tasks:get', { id: chenTask.id });
    const byChen = seen.audit.filter((a) => a.actor.id === CHEN);
    expect(byChen.map((a) => [a.command, a.actor.role, a.actor.name])).toEqual([
      ['comment', 'inspector', '陈建国'],
      ['start', 'inspector', '陈建国'],
      ['feedback', 'inspector', '陈建国'],
    ]);
    expect(byChen[0]?.note).toBe(ACCEPT_NOTE);
    expect(byChen[1]?.data).toEqual({ checkin: { ...checkin.position, at: checkin.at, photos: 1 } });
    expect(byChen[2]?.data).toEqual({ outcome: 'false_alarm', reason: 'steam' });
    expect(seen.evidence.filter((e) => e.kind === 'photo').map((e) => e.file)).toEqual([`uploads/${photoId}.jpg`]);

    // the same client ids again: answered as replays, nothing changes
    const before = seen.audit.length;
    for (const [clientId, action] of [
      ['c-0001-accept', { type: 'accept' }],
      ['c-0002-checkin', checkin],
      ['c-0003-report', report],
    ] as const) {
      const r = await data<{ replayed: boolean }>(me('me:act', chen.token, { taskId: chenTask.id, clientId, action }));
      expect(r.replayed).toBe(true);
    }
    const after = await desk<{ audit: AuditView[]; evidence: TaskEvidenceView[] }>('tasks:get', { id: chenTask.id });
    expect(after.audit).toHaveLength(before);
    expect(after.evidence).toHaveLength(seen.evidence.length);

    // the photo is served to its inspector, not to another
    const own = await lanCall(`/media/uploads/${photoId}.jpg`, { token: chen.token });
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect((await lanCall(`/media/uploads/${photoId}.jpg`, { token: wang.token })).status).toBe(404);
    expect((await lanCall(`/media/uploads/${photoId}.jpg`)).status).toBe(401);
    const detail = await data<{ evidence: { url: string | null }[] }>(me('me:task', chen.token, { id: chenTask.id }));
    expect(detail.evidence.map((e) => e.url)).toContain(`/media/uploads/${photoId}.jpg`);
  });

  it('attaches the photos of an action whose state change was stored before a crash, when the phone sends it again', async () => {
    const task = await createTask('330199101001-01', '陈的任务：配电箱冒烟');
    const up = await data<UploadOutput>(
      lanCall('/api/uploads', {
        token: chen.token,
        raw: pngWithMetadata('crash'),
        headers: { 'content-type': 'image/png', 'x-upload-id': 'up-0002-chen' },
      }),
    );
    const checkin = {
      type: 'checkin',
      position: { lat: 30.2742, lon: 120.1552, accuracyM: 8 },
      at: '2026-11-30T15:10:00+08:00',
      photoIds: [up.photoId],
    };
    // the state change as me:act stores it (same client id), and then the engine stopped before the photos
    await desk('tasks:transition', {
      id: task.id,
      command: { type: 'start', checkin: { ...checkin.position, at: checkin.at, photos: 1 } },
      actor: { role: 'inspector', id: CHEN, name: '陈建国' },
      clientId: `insp:${CHEN}:c-0009-checkin`,
    });
    const photosOf = async () =>
      (await desk<{ evidence: TaskEvidenceView[] }>('tasks:get', { id: task.id })).evidence.filter(
        (e) => e.kind === 'photo',
      );
    expect(await photosOf()).toEqual([]);
    // the phone got no answer and sends the action again: a replay, and the photo is attached now, once
    for (let i = 0; i < 2; i++) {
      const again = await data<{ replayed: boolean; task: MeTask }>(
        me('me:act', chen.token, { taskId: task.id, clientId: 'c-0009-checkin', action: checkin }),
      );
      expect(again).toMatchObject({ replayed: true, task: { state: 'handling' } });
      expect((await photosOf()).map((e) => e.file)).toEqual([`uploads/${up.photoId}.jpg`]);
    }
  });

  it('refuses a photo of another inspector and a lifecycle step out of order, with stable reasons', async () => {
    const foreign = await me('me:act', wang.token, {
      taskId: wangTask.id,
      clientId: 'w-0001-checkin',
      action: {
        type: 'checkin',
        position: { lat: 30, lon: 120, accuracyM: 5 },
        at: new Date().toISOString(),
        photoIds: [photoId],
      },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json().error).toMatchObject({ reason: 'PHOTO_NOT_FOUND' });
    const early = await me('me:act', wang.token, {
      taskId: wangTask.id,
      clientId: 'w-0002-report',
      action: { type: 'report', outcome: 'handled' },
    });
    expect(early.status).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'CONFLICT', reason: 'STATE_NOT_ALLOWED' });
  });

  it('refuses 50 MB uploads while they stream, and leaves nothing on disk', async () => {
    const uploads = join(t.dataDir, 'media', 'uploads');
    const files = readdirSync(uploads).sort();
    const big = Buffer.alloc(50 * 1024 * 1024, 0xff);
    big[0] = 0xff;
    big[1] = 0xd8;
    const declared = await lanCall('/api/uploads', { token: chen.token, raw: big });
    expect(declared.status).toBe(413);
    expect(declared.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reason: 'TOO_LARGE' });

    const { Readable } = await import('node:stream');
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x11);
    const stream = new Readable({
      read() {
        if (sent >= 50) return this.push(null);
        sent++;
        this.push(chunk);
      },
    });
    const chunked = await lanCall('/api/uploads', { token: chen.token, raw: stream });
    expect(chunked.status).toBe(413);
    expect(sent).toBeLessThan(50);
    expect(readdirSync(uploads).sort()).toEqual(files);
  });

  it('answers wrong-typed bodies on every phone route with a 4xx and an error code, never a 5xx', async () => {
    const wrong: unknown[] = [null, 42, 'text', [1, 2], { unexpectedField: true }, { id: { wrong: [true] } }];
    const actWrong = [
      { taskId: 5, clientId: 'c-0001-xxxx', action: { type: 'accept' } },
      { taskId: chenTask.id, clientId: 'short', action: { type: 'accept' } },
      { taskId: chenTask.id, clientId: 'c-0009-xxxx', action: { type: 'fly' } },
      { taskId: chenTask.id, clientId: 'c-0009-xxxx', action: { type: 'report', outcome: 'false_alarm' } },
      {
        taskId: chenTask.id,
        clientId: 'c-0009-xxxx',
        action: { type: 'checkin', position: { lat: 'north', lon: 1, accuracyM: 1 }, at: 'now' },
      },
      {
        taskId: chenTask.id,
        clientId: 'c-0009-xxxx',
        action: { type: 'report', outcome: 'handled', photoIds: ['../../etc/passwd'] },
      },
    ];
    const cases: [string, unknown][] = [
      ...['me:get', 'me:tasks', 'me:task', 'me:act'].flatMap((c) => wrong.map((b): [string, unknown] => [c, b])),
      ...actWrong.map((b): [string, unknown] => ['me:act', b]),
      ...wrong.map((b): [string, unknown] => ['pair', b]),
      ['pair', { code: 12345678, deviceName: 'x' }],
      ['pair', { code: '123', deviceName: 'x' }],
      ['pair', { code: '12345678', deviceName: '' }],
    ];
    for (const [channel, body] of cases) {
      const r = await lanCall(`/api/${channel}`, { token: chen.token, json: JSON.stringify(body) });
      const label = `${channel} ${JSON.stringify(body)}`;
      expect(r.status, label).toBeGreaterThanOrEqual(400);
      expect(r.status, label).toBeLessThan(500);
      expect(r.json().ok, label).toBe(false);
      expect(r.json().error?.code, label).toMatch(/^[A-Z_]+$/);
    }
    const malformed = await lanCall('/api/me:tasks', { token: chen.token, json: '{"includeClosed": tru' });
    expect(malformed.status).toBe(400);
    expect(malformed.json().error?.code).toBe('MALFORMED_JSON');
    const form = await lanCall('/api/me:tasks', {
      token: chen.token,
      raw: Buffer.from('a=1'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
  });

  it('answers 401 without a token, with a made-up one and after revoking; 403 off duty', async () => {
    const none = await lanCall('/api/me:tasks', { json: {} });
    expect([none.status, none.json().error?.reason]).toEqual([401, 'TOKEN_MISSING']);
    const fake = await me('me:tasks', 'A'.repeat(43));
    expect([fake.status, fake.json().error?.reason]).toEqual([401, 'TOKEN_INVALID']);

    const spare = await pair(CHEN, '陈的备用机');
    expect((await me('me:get', spare.token)).status).toBe(200);
    const revoked = await desk<{ revokedAt: string | null }>('inspectors:revoke', { deviceId: spare.device.id });
    expect(revoked.revokedAt).not.toBeNull();
    const after = await me('me:get', spare.token);
    expect([after.status, after.json().error?.reason]).toEqual([401, 'TOKEN_REVOKED']);
    expect((await me('me:get', chen.token)).status).toBe(200);
    const rows = await desk<{ inspectors: { id: string; devices: number }[] }>('inspectors:list', {});
    expect(rows.inspectors.find((i) => i.id === CHEN)?.devices).toBe(1);

    await desk('inspectors:set-active', { inspectorId: WANG, active: false });
    const off = await me('me:tasks', wang.token);
    expect([off.status, off.json().error?.reason]).toEqual([403, 'INSPECTOR_INACTIVE']);
    await desk('inspectors:set-active', { inspectorId: WANG, active: true });
    expect((await me('me:tasks', wang.token)).status).toBe(200);
  });

  it('slows down wrong pairing codes from one client, then refuses them with 429 and Retry-After', async () => {
    const times: number[] = [];
    let last: LanAnswer | null = null;
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      last = await lanCall('/api/pair', { json: { code: `9${String(i).padStart(9, '0')}`, deviceName: 'guess' } });
      times.push(performance.now() - started);
      if (last.status === 429) break;
    }
    // failures 1-2 answer at once, the 3rd waits 200 ms, the 4th 400, the 5th and 6th 800; the 7th is refused
    expect(times[0]).toBeLessThan(150);
    expect(times[2]).toBeGreaterThanOrEqual(190);
    expect(times[3]).toBeGreaterThanOrEqual(390);
    expect(times[5]).toBeGreaterThanOrEqual(790);
    expect(last?.status).toBe(429);
    expect(last?.json().error).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_ATTEMPTS' });
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    // even the right code waits out the refusal
    const code = await desk<{ code: string }>('inspectors:pair', { inspectorId: CHEN });
    expect((await lanCall('/api/pair', { json: { code: code.code, deviceName: 'x' } })).status).toBe(429);
  });
});
