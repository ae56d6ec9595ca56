import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushMessage } from '../api/contract';
import { AppError } from '../api/dispatch';
import { TasksConfigSchema } from '../config/tasks-schema';
import type { Incident } from '../domain/correlator';
import { silentLogger } from '../log/logger';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { GridRepo } from '../store/grid-repo';
import { TasksRepo } from '../store/tasks-repo';
import { TaskService } from './tasks';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.UTC(2026, 10, 29, 14, 0);

const cameras: Record<string, { name: string; gridCell: string }> = {
  'cam-east': { name: '东门', gridCell: 'dc-01' },
  'cam-barn': { name: '粮仓', gridCell: 'dc-01' },
  'cam-far': { name: '山脚', gridCell: 'xc-09' },
};

function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-1',
    family: 'fire',
    kind: 'fire',
    state: 'open',
    firstSeen: T0,
    lastSeen: T0 + 5000,
    endedAt: null,
    cameras: ['cam-east'],
    gridCells: ['dc-01'],
    alerts: [],
    peak: { score: 0.81, at: T0 + 2000, cameraId: 'cam-east', alertId: 'a-1' },
    reopened: 0,
    ...over,
  };
}

describe('task service (real SQLite file, injected clock)', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let repo: TasksRepo;
  let service: TaskService;
  let clock: number;
  let pushes: PushMessage[];
  let files: Record<string, { kind: 'snapshot' | 'clip'; file: string; at: number }[]>;

  function make(config: unknown = {}): TaskService {
    return new TaskService({
      repo,
      grid: new GridRepo(opened.db),
      config: TasksConfigSchema.parse(config),
      camera: (id) => cameras[id] ?? null,
      incidentEvidence: (id) => files[id] ?? [],
      language: 'zh-CN',
      publish: (m) => pushes.push(m),
      logger: silentLogger(),
      now: () => clock,
    });
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-task-service-'));
    opened = openDatabase(join(dir, 'anxun.db'));
    const at = new Date(T0).toISOString();
    opened.db.exec(`
      INSERT INTO grid_units VALUES ('cg', '城关镇', 'township', NULL, '${at}');
      INSERT INTO grid_units VALUES ('dc', '东村', 'village', 'cg', '${at}');
      INSERT INTO grid_units VALUES ('dc-01', '东村第一网格', 'cell', 'dc', '${at}');
      INSERT INTO grid_units VALUES ('xc', '西村', 'village', 'cg', '${at}');
      INSERT INTO grid_units VALUES ('xc-09', '西村第九网格', 'cell', 'xc', '${at}');
      INSERT INTO inspectors VALUES ('w01', '王芳', '13800000001', 1, '${at}');
      INSERT INTO inspectors VALUES ('w02', '刘强', '13800000002', 1, '${at}');
      INSERT INTO inspectors VALUES ('w03', '张伟', '13800000003', 0, '${at}');
      INSERT INTO inspector_cells VALUES ('w01', 'dc-01'), ('w02', 'dc-01'), ('w03', 'dc-01');
    `);
    repo = new TasksRepo(opened.db);
    clock = T0;
    pushes = [];
    files = {};
    service = make();
  });
  afterEach(() => {
    service.stop();
    opened.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns a fire incident into one red task dispatched to the cell’s active inspectors', () => {
    service.onIncident('opened', incident());
    const page = repo.list({}, clock, 10);
    expect(page.total).toBe(1);
    const task = page.tasks[0];
    expect(task).toMatchObject({
      state: 'dispatched',
      source: 'video_ai',
      category: 'fire',
      severity: 'red',
      assignees: ['w01', 'w02'],
      cellCode: 'dc-01',
      villageCode: 'dc',
      townshipCode: 'cg',
      incidentId: 'inc-1',
      cameraId: 'cam-east',
      title: '火焰告警 · 东门',
      touched: false,
      dueAt: T0 + 2 * H,
    });
    expect(repo.audit(task?.id ?? '').map((a) => [a.command, a.actor.role])).toEqual([
      ['report', 'system'],
      ['accept', 'system'],
      ['dispatch', 'system'],
    ]);
    expect(pushes).toContainEqual({
      type: 'tasks:changed',
      payload: { id: task?.id, number: 1, change: 'created', state: 'dispatched', escalation: 0 },
    });
  });

  it('attaches later updates and evidence of the incident to its one open task', () => {
    service.onIncident('opened', incident());
    service.onIncident('updated', incident({ lastSeen: T0 + 9000 }));
    service.onIncident('opened', incident());
    service.onIncident('updated', incident({ cameras: ['cam-east', 'cam-barn'], gridCells: ['dc-01'] }));
    files['inc-1'] = [
      { kind: 'clip', file: 'inc-1-east.mp4', at: T0 },
      { kind: 'snapshot', file: 'inc-1-east.jpg', at: T0 + 2000 },
    ];
    service.onIncidentEvidence('inc-1');
    service.onIncidentEvidence('inc-1');
    service.onIncident('reopened', incident({ reopened: 1 }));
    expect(repo.list({}, clock, 10).total).toBe(1);
    const task = repo.openForIncident('inc-1');
    const evidence = repo.evidence(task?.id ?? '');
    // in the order things happened (the snapshot's frame is the latest instant)
    expect(evidence.map((e) => [e.kind, e.file])).toEqual([
      ['incident', null],
      ['incident', null],
      ['clip', 'inc-1-east.mp4'],
      ['incident', null],
      ['snapshot', 'inc-1-east.jpg'],
    ]);
    expect(evidence[1]?.note).toContain('粮仓');
    expect(evidence[3]?.note).toContain('reopened');
  });

  it('holds intrusions for an operator, creates nothing for loitering, by default', () => {
    service.onIncident('opened', incident({ id: 'inc-2', kind: 'intrusion', family: 'person' }));
    service.onIncident('opened', incident({ id: 'inc-3', kind: 'loitering', family: 'person' }));
    const page = repo.list({}, clock, 10);
    expect(page.tasks.map((t) => [t.incidentId, t.state, t.severity])).toEqual([['inc-2', 'reported', 'yellow']]);
  });

  it('waits accepted when nobody covers the cell, and dispatches by hand then', () => {
    service.onIncident(
      'opened',
      incident({ id: 'inc-4', cameras: ['cam-far'], peak: { ...incident().peak, cameraId: 'cam-far' } }),
    );
    const task = repo.openForIncident('inc-4');
    expect(task).toMatchObject({ state: 'accepted', cellCode: 'xc-09', townshipCode: 'cg', assignees: [] });
    const r = service.transition({
      id: task?.id ?? '',
      command: { type: 'dispatch', assignees: ['w01'] },
      actor: { role: 'operator', id: 'op', name: '值班员' },
    });
    expect(r.task).toMatchObject({ state: 'dispatched', assignees: ['w01'], touched: true });
  });

  it('raises one maintenance task per outage and closes it when the camera is back, unless someone acted', () => {
    service.onCameraOffline('cam-east', T0 - 5 * MIN);
    service.onCameraOffline('cam-east', T0 - 5 * MIN);
    const first = repo.openCameraOffline('cam-east');
    expect(first).toMatchObject({ state: 'dispatched', handlerRole: 'technician', category: 'camera_offline' });
    expect(repo.list({}, clock, 10).total).toBe(1);
    clock += 10 * MIN;
    service.onCameraBack('cam-east', 15 * MIN);
    expect(repo.get(first?.id ?? '')).toMatchObject({ state: 'closed', closedAt: clock, touched: false });
    expect(repo.audit(first?.id ?? '').at(-1)).toMatchObject({
      command: 'auto_close',
      note: 'camera back after 15 min',
    });

    service.onCameraOffline('cam-east', clock);
    const second = repo.openCameraOffline('cam-east');
    service.transition({
      id: second?.id ?? '',
      command: { type: 'start' },
      actor: { role: 'technician', id: 't1', name: '赵' },
    });
    service.onCameraBack('cam-east', 3 * MIN);
    expect(repo.get(second?.id ?? '')).toMatchObject({ state: 'handling' });
    expect(repo.audit(second?.id ?? '').at(-1)).toMatchObject({ command: 'comment', actor: { role: 'system' } });
  });

  it('escalates overdue tasks on its timer’s check: township, then county', () => {
    service.onIncident('opened', incident());
    // red and dispatched: 30 min to start on site, 2 h for the whole task, county 1 h after that
    clock = T0 + 29 * MIN;
    expect(service.checkEscalations()).toBe(0);
    clock = T0 + 31 * MIN;
    expect(service.checkEscalations()).toBe(1);
    expect(service.checkEscalations()).toBe(0);
    clock = T0 + 2 * H + 1;
    expect(service.checkEscalations()).toBe(0);
    clock = T0 + 3 * H + 1;
    expect(service.checkEscalations()).toBe(1);
    const task = repo.openForIncident('inc-1');
    expect(task?.escalation).toBe(2);
    expect(
      repo
        .audit(task?.id ?? '')
        .filter((a) => a.command === 'escalate')
        .map((a) => a.data),
    ).toEqual([{ level: 'township' }, { level: 'county' }]);
  });

  it('refuses commands with the API’s codes and the lifecycle’s reason', () => {
    service.onIncident('opened', incident());
    const id = repo.openForIncident('inc-1')?.id ?? '';
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        if (error instanceof AppError) return { code: error.code, reason: error.reason };
        throw error;
      }
      throw new Error('not refused');
    };
    const stranger = { role: 'inspector' as const, id: 'w09', name: '外人' };
    expect(refusal(() => service.transition({ id, command: { type: 'start' }, actor: stranger }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'NOT_ASSIGNED',
    });
    const op = { role: 'operator' as const, id: 'op', name: '值班员' };
    expect(refusal(() => service.transition({ id, command: { type: 'close' }, actor: op }))).toEqual({
      code: 'CONFLICT',
      reason: 'STATE_NOT_ALLOWED',
    });
    expect(refusal(() => service.transition({ id: 'nope', command: { type: 'close' }, actor: op }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'NOT_FOUND',
    });
    expect(
      refusal(() => service.transition({ id, command: { type: 'comment', note: 'x' }, actor: op, expectedVersion: 1 })),
    ).toEqual({ code: 'CONFLICT', reason: 'STALE' });
  });

  it('takes hand-reported tasks, dispatched by grid cell when asked', () => {
    const op = { role: 'operator' as const, id: 'op', name: '值班员' };
    const t = service.create({
      source: 'hotline',
      category: 'safety_hazard',
      severity: 'yellow',
      title: '电线裸露',
      description: '村民来电：东村小卖部门口电线裸露',
      cellCode: 'dc-01',
      place: '东村小卖部',
      position: null,
      actor: op,
      dispatch: 'grid',
    });
    expect(t).toMatchObject({ state: 'dispatched', assignees: ['w01', 'w02'], source: 'hotline', touched: true });
    expect(() =>
      service.create({ ...t, source: 'manual', cellCode: 'nowhere', place: null, position: null, actor: op }),
    ).toThrow(/unknown grid cell/);
  });
});
