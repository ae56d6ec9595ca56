import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TASK_LIMITS } from '../domain/task-deadlines';
import type { Actor } from '../domain/task-lifecycle';
import { openDatabase, type OpenedDatabase } from './database';
import { TasksRepo, type CreateTaskInput } from './tasks-repo';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 29, 2, 0);
const limits = DEFAULT_TASK_LIMITS;
const operator: Actor = { role: 'operator', id: 'op-li', name: '李值班' };
const system: Actor = { role: 'system', id: 'engine', name: 'engine' };
const wang: Actor = { role: 'inspector', id: 'insp-wang', name: '王网格' };

function input(over: Partial<CreateTaskInput> = {}): CreateTaskInput {
  return {
    source: 'video_ai',
    category: 'fire',
    severity: 'red',
    handlerRole: 'inspector',
    title: '火焰告警 · 东门',
    description: '东门摄像头发现火焰',
    cellCode: 'c-01',
    villageCode: 'v-01',
    townshipCode: 't-01',
    place: '东门',
    position: null,
    incidentId: null,
    cameraId: 'cam-east',
    ...over,
  };
}

describe('tasks repo (real SQLite file)', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let repo: TasksRepo;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-tasks-'));
    opened = openDatabase(join(dir, 'anxun.db'));
    repo = new TasksRepo(opened.db);
  });
  afterEach(() => {
    opened.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a task with its report, accept and dispatch in one go, numbered in order', () => {
    const a = repo.create(input({ incidentId: 'inc-1' }), system, T0, limits, [
      { command: { type: 'accept' }, actor: system },
      { command: { type: 'dispatch', assignees: ['insp-wang', 'insp-liu'] }, actor: system },
    ]);
    expect(a).toMatchObject({ number: 1, state: 'dispatched', assignees: ['insp-liu', 'insp-wang'], version: 3 });
    expect(a.dueAt).toBe(T0 + 2 * H);
    expect(repo.audit(a.id).map((r) => [r.seq, r.command, r.from, r.to])).toEqual([
      [1, 'report', null, 'reported'],
      [2, 'accept', 'reported', 'accepted'],
      [3, 'dispatch', 'accepted', 'dispatched'],
    ]);
    const b = repo.create(input({ source: 'hotline', cameraId: null }), operator, T0 + 1, limits);
    expect(b).toMatchObject({ number: 2, state: 'reported', touched: false, createdBy: 'operator:op-li' });
  });

  it('keeps one open task per incident, and allows a new one once it is closed', () => {
    const first = repo.create(input({ incidentId: 'inc-7' }), system, T0, limits);
    expect(() => repo.create(input({ incidentId: 'inc-7' }), system, T0, limits)).toThrow(/UNIQUE/);
    expect(repo.openForIncident('inc-7')?.id).toBe(first.id);
    expect(repo.apply(first.id, { type: 'void', reason: '误报' }, operator, T0 + H, limits).ok).toBe(true);
    expect(repo.openForIncident('inc-7')).toBeNull();
    expect(repo.create(input({ incidentId: 'inc-7' }), system, T0 + 2 * H, limits).number).toBe(2);
  });

  it('applies a command and its audit row together, and a refusal changes nothing', () => {
    const t = repo.create(input(), operator, T0, limits);
    const refused = repo.apply(t.id, { type: 'start' }, wang, T0 + 1, limits);
    expect(refused).toMatchObject({ ok: false, code: 'NOT_ASSIGNED' });
    expect(repo.get(t.id)).toEqual(t);
    expect(repo.audit(t.id)).toHaveLength(1);
    const ok = repo.apply(t.id, { type: 'accept', note: '已受理' }, operator, T0 + 2, limits);
    expect(ok).toMatchObject({ ok: true, replayed: false, task: { state: 'accepted', version: 2, touched: true } });
    expect(repo.audit(t.id).at(-1)).toMatchObject({ command: 'accept', note: '已受理', actor: operator, at: T0 + 2 });
  });

  it('refuses a stale version and an unknown task', () => {
    const t = repo.create(input(), operator, T0, limits);
    repo.apply(t.id, { type: 'accept' }, operator, T0 + 1, limits);
    expect(
      repo.apply(t.id, { type: 'park', reason: 'x' }, operator, T0 + 2, limits, { expectedVersion: 1 }),
    ).toMatchObject({ ok: false, code: 'STALE' });
    expect(repo.apply('nope', { type: 'accept' }, operator, T0, limits)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('applies a command with a client id once; the same id again is a replay', () => {
    const t = repo.create(input(), system, T0, limits, [
      { command: { type: 'accept' }, actor: system },
      { command: { type: 'dispatch', assignees: ['insp-wang'] }, actor: system },
    ]);
    const first = repo.apply(t.id, { type: 'start' }, wang, T0 + H, limits, { clientId: 'phone-1:0001' });
    const again = repo.apply(t.id, { type: 'start' }, wang, T0 + 2 * H, limits, { clientId: 'phone-1:0001' });
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(again).toMatchObject({ ok: true, replayed: true, task: { state: 'handling', version: 4 } });
    expect(repo.audit(t.id)).toHaveLength(4);
    const other = repo.apply(t.id, { type: 'comment', note: 'x' }, wang, T0, limits, { clientId: 'phone-1:0001' });
    expect(other).toMatchObject({ ok: false, code: 'CLIENT_ID_REUSED' });
  });

  it('refuses to update or delete audit rows', () => {
    const t = repo.create(input(), operator, T0, limits);
    expect(() => opened.db.prepare("UPDATE task_audit SET note = 'x'").run()).toThrow(/append-only/);
    expect(() => opened.db.prepare('DELETE FROM task_audit').run()).toThrow(/append-only/);
    expect(repo.audit(t.id)).toHaveLength(1);
  });

  it('lists the board page by page, soonest deadline first, with filters', () => {
    const severities = ['red', 'yellow', 'blue'] as const;
    for (let i = 0; i < 30; i++) {
      repo.create(
        input({
          severity: severities[i % 3] ?? 'red',
          townshipCode: i % 2 === 0 ? 't-01' : 't-02',
          title: i === 7 ? '河道垃圾 100%' : `任务 ${i}`,
        }),
        operator,
        T0 + i * 60_000,
        limits,
      );
    }
    const all: number[] = [];
    let after: string | null = null;
    do {
      const page = repo.list({}, T0, 7, after);
      expect(page.total).toBe(30);
      all.push(...page.tasks.map((t) => t.number));
      after = page.next;
    } while (after);
    expect(all).toHaveLength(30);
    expect(new Set(all).size).toBe(30);
    const dues = all.map((n) => repo.byNumber(n)?.dueAt ?? 0);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));

    const reds = repo.list({ townshipCode: 't-01', severities: ['red'] }, T0, 100);
    expect(reds.tasks.every((t) => t.townshipCode === 't-01' && t.severity === 'red')).toBe(true);
    expect(reds.total).toBe(5);
    // 3 h later every red task (2 h) is overdue
    expect(repo.list({ overdue: true }, T0 + 3 * H, 100).total).toBe(10);
    expect(repo.list({ overdue: true, open: true }, T0, 100).total).toBe(0);
    // LIKE wildcards in the text are taken literally
    expect(repo.list({ text: '100%' }, T0, 100).tasks.map((t) => t.title)).toEqual(['河道垃圾 100%']);
    expect(repo.list({ text: '%' }, T0, 100).total).toBe(1);
  });

  it('finds tasks whose escalation may be due', () => {
    const red = repo.create(input(), operator, T0, limits);
    repo.create(input({ severity: 'blue' }), operator, T0, limits);
    // the red task's stage (10 min to accept) passed; the blue one's (240 min) not yet
    expect(repo.escalationCandidates(T0 + 11 * 60_000).map((t) => t.id)).toEqual([red.id]);
    repo.apply(red.id, { type: 'escalate', level: 2 }, system, T0 + 11 * 60_000, limits);
    expect(repo.escalationCandidates(T0 + 11 * 60_000)).toEqual([]);
  });

  it('keeps evidence attached to a task', () => {
    const t = repo.create(input({ incidentId: 'inc-3' }), system, T0, limits);
    repo.addEvidence({ taskId: t.id, kind: 'incident', incidentId: 'inc-3', file: null, at: T0 + 5, note: 'updated' });
    repo.addEvidence({ taskId: t.id, kind: 'snapshot', incidentId: 'inc-3', file: 'a.jpg', at: T0 + 9, note: null });
    expect(repo.evidence(t.id).map((e) => [e.kind, e.file])).toEqual([
      ['incident', null],
      ['snapshot', 'a.jpg'],
    ]);
  });
});
