/**
 * The grid and patrol tasks through the API contract, against a real engine and a real SQLite file: import the
 * grid from CSV, report a task by hand, take it through its whole lifecycle with the roles that may, see every
 * step in its audit trail; refusals carry stable codes; wrong-typed requests are 4xx, never 5xx.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../electron/api/contract';
import type { ApiError } from '../../electron/api/result';
import type { AuditView, TaskView } from '../../electron/api/tasks-contract';
import { startTestEngine, type TestEngine } from '../support/test-engine';

const ROOT = join(import.meta.dirname, '../..');
const file = (name: string) => ({
  name,
  contentBase64: readFileSync(join(ROOT, 'fixtures/grid', name)).toString('base64'),
});

const operator = { role: 'operator', id: 'op-li', name: '李值班' } as const;
const chen = { role: 'inspector', id: 'WG-0101', name: '陈建国' } as const;
const CELL = '330199101001-01';

describe('grid and tasks through the API (real engine, real SQLite file)', () => {
  let t: TestEngine;
  const pushes: PushMessage[] = [];

  async function call<T>(channel: string, input: unknown): Promise<T> {
    const r = await t.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.reason ?? ''} ${r.error.message}`);
    return r.data as T;
  }
  async function fails(channel: string, input: unknown): Promise<ApiError> {
    const r = await t.dispatch(channel, input);
    if (r.ok) throw new Error(`${channel} should have failed`);
    return r.error;
  }

  beforeAll(async () => {
    t = await startTestEngine();
    t.engine.events.subscribe((m) => pushes.push(m));
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports the grid from spreadsheets, refuses bad rows without changing anything, exports it back', async () => {
    const imported = await call<{ ok: boolean; counts: { units: { added: number } } }>('grid:import', {
      files: [file('grid.csv'), file('inspectors.csv')],
      mode: 'replace',
    });
    expect(imported.ok).toBe(true);
    expect(imported.counts.units.added).toBeGreaterThan(10);
    expect(pushes.some((p) => p.type === 'grid:changed')).toBe(true);
    const before = await call<unknown>('grid:export', { format: 'json' });

    const bad = await call<{ ok: boolean; problems: { file: string; line: number | null }[] }>('grid:import', {
      files: [file('grid-bad-rows.csv')],
    });
    expect(bad.ok).toBe(false);
    expect(bad.problems.length).toBeGreaterThan(3);
    expect(bad.problems.every((p) => p.file === 'grid-bad-rows.csv' && p.line !== null)).toBe(true);
    expect(await call('grid:export', { format: 'json' })).toEqual(before);

    const csv = await call<{ files: { name: string; text: string }[] }>('grid:export', { format: 'csv' });
    expect(csv.files.map((f) => f.name)).toEqual(['grid.csv', 'inspectors.csv']);
    expect(csv.files[0]?.text.startsWith('\ufeff乡镇编码')).toBe(true);
    const again = await call<{ ok: boolean }>('grid:import', {
      files: csv.files.map((f) => ({ name: f.name, contentBase64: Buffer.from(f.text).toString('base64') })),
      mode: 'replace',
    });
    expect(again.ok).toBe(true);
    expect(await call('grid:export', { format: 'json' })).toEqual(before);
  });

  it('takes a hand-reported task through its whole lifecycle, every step in the audit trail', async () => {
    const created = await call<TaskView>('tasks:create', {
      source: 'hotline',
      category: 'safety_hazard',
      severity: 'yellow',
      title: '电线裸露',
      description: '12345 热线：东门社区菜场门口电线裸露',
      cellCode: CELL,
      place: '东门菜场',
      actor: operator,
      dispatch: 'grid',
    });
    expect(created).toMatchObject({ state: 'dispatched', place: { cellCode: CELL, townshipCode: '330199101' } });
    expect(created.assignees).toContain('WG-0101');
    const id = created.id;
    const step = (command: unknown, actor: unknown = operator) =>
      call<{ task: TaskView }>('tasks:transition', { id, command, actor }).then((r) => r.task);

    expect((await step({ type: 'start' }, chen)).state).toBe('handling');
    await step({ type: 'request_extension', hours: 24, reason: '需供电所配合' }, chen);
    const extended = await step({ type: 'approve_extension', note: '同意' });
    expect(Date.parse(extended.dueAt) - Date.parse(created.dueAt)).toBe(24 * 3_600_000);
    await step({ type: 'feedback', outcome: 'handled', note: '已包扎' }, chen);
    await step({ type: 'verify' });
    await step({ type: 'rework', reason: '照片不清楚' });
    await step({ type: 'feedback', outcome: 'handled', note: '已更换线缆' }, chen);
    await step({ type: 'verify' });
    const closed = await step({ type: 'close', note: '结案' });
    expect(closed).toMatchObject({ state: 'closed', reworks: 1, outcome: { kind: 'handled' } });

    const detail = await call<{ audit: AuditView[] }>('tasks:get', { id });
    expect(detail.audit.map((a) => `${a.command}:${a.actor.role}:${a.from ?? '-'}>${a.to}`)).toEqual([
      'report:operator:->reported',
      'accept:operator:reported>accepted',
      'dispatch:operator:accepted>dispatched',
      'start:inspector:dispatched>handling',
      'request_extension:inspector:handling>handling',
      'approve_extension:operator:handling>handling',
      'feedback:inspector:handling>feedback',
      'verify:operator:feedback>verification',
      'rework:operator:verification>handling',
      'feedback:inspector:handling>feedback',
      'verify:operator:feedback>verification',
      'close:operator:verification>closed',
    ]);
    expect(detail.audit.map((a) => a.seq)).toEqual(detail.audit.map((_, i) => i + 1));
    const changes = pushes.filter((p) => p.type === 'tasks:changed' && p.payload.id === id);
    // created, then nine commands
    expect(changes).toHaveLength(10);
  });

  it('refuses the wrong role, the wrong state and a stale version with stable codes', async () => {
    const task = await call<TaskView>('tasks:create', {
      source: 'patrol',
      category: 'environment',
      severity: 'blue',
      title: '河道垃圾',
      cellCode: CELL,
      actor: operator,
    });
    const transition = (command: unknown, actor: unknown, extra: object = {}) =>
      fails('tasks:transition', { id: task.id, command, actor, ...extra });
    expect(await transition({ type: 'start' }, chen)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ASSIGNED' });
    expect(await transition({ type: 'accept' }, chen)).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    expect(await transition({ type: 'close' }, operator)).toMatchObject({
      code: 'CONFLICT',
      reason: 'STATE_NOT_ALLOWED',
    });
    expect(await transition({ type: 'accept' }, operator, { expectedVersion: 7 })).toMatchObject({
      code: 'CONFLICT',
      reason: 'STALE',
    });
    expect(await transition({ type: 'feedback', outcome: 'false_alarm' }, operator)).toMatchObject({
      code: 'FORBIDDEN',
    });
    // the engine's own role cannot be claimed
    expect(await transition({ type: 'accept' }, { role: 'system', id: 'x', name: 'x' })).toMatchObject({
      code: 'INVALID_REQUEST',
    });
    expect(await transition({ type: 'escalate', level: 2 }, operator)).toMatchObject({ code: 'INVALID_REQUEST' });
    expect((await call<{ task: TaskView }>('tasks:get', { id: task.id })).task.version).toBe(1);
  });

  it('answers wrong-typed requests on every grid and task channel with INVALID_REQUEST', async () => {
    const wrong: [string, unknown][] = [
      ['tasks:list', { limit: 0 }],
      ['tasks:list', { filter: { states: ['burning'] } }],
      ['tasks:list', { filter: { overdue: 'yes' } }],
      ['tasks:get', {}],
      ['tasks:get', { id: 42 }],
      ['tasks:create', { source: 'video_ai', category: 'fire', severity: 'red', title: 'x', actor: operator }],
      ['tasks:create', { source: 'manual', category: 'fire', severity: 'purple', title: 'x', actor: operator }],
      ['tasks:create', { source: 'manual', category: 'fire', severity: 'red', title: '', actor: operator }],
      ['tasks:transition', { id: 'x', command: { type: 'explode' }, actor: operator }],
      ['tasks:transition', { id: 'x', command: { type: 'dispatch', assignees: [] }, actor: operator }],
      ['tasks:transition', { id: 'x', command: { type: 'request_extension', hours: -1, reason: 'r' }, actor: chen }],
      ['tasks:transition', { id: 'x', command: 'accept', actor: operator }],
      ['grid:import', { files: [] }],
      ['grid:import', { files: [{ name: 'a.csv', contentBase64: '%%%' }] }],
      ['grid:import', { files: [{ name: 'a.csv', contentBase64: 'YQ==' }], mode: 'wipe' }],
      ['grid:export', { format: 'xlsx' }],
    ];
    for (const [channel, input] of wrong) {
      expect((await fails(channel, input)).code, `${channel} ${JSON.stringify(input)}`).toBe('INVALID_REQUEST');
    }
    const unknownCell = await fails('tasks:create', {
      source: 'manual',
      category: 'other',
      severity: 'red',
      title: 'x',
      cellCode: 'nowhere',
      actor: operator,
    });
    expect(unknownCell).toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'cellCode' }] });
  });

  it('lists the board with filters and pages', async () => {
    const all = await call<{ tasks: TaskView[]; total: number; next: string | null }>('tasks:list', { limit: 1 });
    expect(all.total).toBe(2);
    expect(all.next).not.toBeNull();
    const second = await call<{ tasks: TaskView[]; next: string | null }>('tasks:list', { limit: 1, after: all.next });
    expect(second.tasks[0]?.id).not.toBe(all.tasks[0]?.id);
    expect(second.next).toBeNull();
    const open = await call<{ total: number }>('tasks:list', { filter: { open: true, townshipCode: '330199101' } });
    expect(open.total).toBe(1);
  });
});
