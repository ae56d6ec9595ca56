import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_LIMITS } from './task-deadlines';
import {
  REFUSALS,
  ROLES,
  TASK_COMMANDS,
  TASK_STATES,
  reportTask,
  transition,
  type Actor,
  type Role,
  type TaskCommand,
  type TaskCommandType,
  type TaskCore,
  type TaskState,
} from './task-lifecycle';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 1, 0, 0);
const limits = DEFAULT_TASK_LIMITS;

const actors: Record<Role, Actor> = {
  operator: { role: 'operator', id: 'op-li', name: '李值班' },
  inspector: { role: 'inspector', id: 'insp-wang', name: '王网格' },
  technician: { role: 'technician', id: 'tech-zhao', name: '赵运维' },
  system: { role: 'system', id: 'engine', name: 'engine' },
};

/** A task of the inspector `insp-wang` in any state, with a pending extension where that makes sense. */
function taskIn(state: TaskState, over: Partial<TaskCore> = {}): TaskCore {
  const { task } = reportTask({ severity: 'yellow', handlerRole: 'inspector' }, actors.system, T0, limits);
  return {
    ...task,
    state,
    assignees: ['insp-wang'],
    parkedFrom: state === 'parked' ? 'handling' : null,
    parkedAt: state === 'parked' ? T0 + H : null,
    ...over,
  };
}

function command(type: TaskCommandType): TaskCommand {
  switch (type) {
    case 'dispatch':
    case 'reassign':
      return { type, assignees: ['insp-wang'] };
    case 'return':
    case 'rework':
    case 'reject_extension':
    case 'park':
    case 'void':
    case 'auto_close':
      return { type, reason: '原因' };
    case 'feedback':
      return { type, outcome: 'handled', note: '已处置' };
    case 'request_extension':
      return { type, hours: 12, reason: '等待消防部门' };
    case 'comment':
      return { type, note: '备注' };
    case 'escalate':
      return { type, level: 1 };
    default:
      return { type };
  }
}

/**
 * The whole matrix, written out by hand: for each command, the states it applies to, the roles that may give it
 * (for an inspector task), and the state it leads to (`same`: the state does not change).
 */
const ALLOWED: Record<TaskCommandType, { from: TaskState[]; roles: Role[]; to: TaskState | 'same' | 'parkedFrom' }> = {
  accept: { from: ['reported'], roles: ['operator', 'system'], to: 'accepted' },
  dispatch: { from: ['accepted', 'returned'], roles: ['operator', 'system'], to: 'dispatched' },
  reassign: { from: ['dispatched', 'handling'], roles: ['operator'], to: 'dispatched' },
  start: { from: ['dispatched'], roles: ['inspector'], to: 'handling' },
  return: { from: ['dispatched', 'handling'], roles: ['inspector'], to: 'returned' },
  feedback: { from: ['handling'], roles: ['inspector'], to: 'feedback' },
  verify: { from: ['feedback'], roles: ['operator'], to: 'verification' },
  close: { from: ['verification'], roles: ['operator'], to: 'closed' },
  rework: { from: ['verification'], roles: ['operator'], to: 'handling' },
  request_extension: { from: ['dispatched', 'handling'], roles: ['inspector'], to: 'same' },
  approve_extension: { from: ['dispatched', 'handling'], roles: ['operator'], to: 'same' },
  reject_extension: { from: ['dispatched', 'handling'], roles: ['operator'], to: 'same' },
  park: { from: ['reported', 'accepted', 'dispatched', 'handling', 'returned'], roles: ['operator'], to: 'parked' },
  resume: { from: ['parked'], roles: ['operator'], to: 'parkedFrom' },
  void: { from: ['reported', 'accepted', 'returned', 'parked'], roles: ['operator'], to: 'voided' },
  comment: {
    from: ['reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verification', 'returned', 'parked'],
    roles: ['operator', 'inspector', 'technician', 'system'],
    to: 'same',
  },
  escalate: {
    from: ['reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verification', 'returned'],
    roles: ['system'],
    to: 'same',
  },
  auto_close: {
    from: ['reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verification', 'returned', 'parked'],
    roles: ['system'],
    to: 'closed',
  },
};

describe('task lifecycle: the whole command × state × role matrix', () => {
  const cases = TASK_COMMANDS.flatMap((type) =>
    TASK_STATES.flatMap((state) => ROLES.map((role) => ({ type, state, role }))),
  );
  it('covers every command, state and role', () => {
    expect(cases).toHaveLength(18 * 10 * 4);
    expect(Object.keys(ALLOWED).sort()).toEqual([...TASK_COMMANDS].sort());
  });

  it.each(cases)('$type in $state by $role', ({ type, state, role }) => {
    const extensionPending = type === 'approve_extension' || type === 'reject_extension';
    const before = taskIn(
      state,
      extensionPending ? { extension: { hours: 12, reason: 'r', by: 'insp-wang', at: T0 } } : {},
    );
    const r = transition(before, command(type), actors[role], T0 + 2 * H, limits);
    const rule = ALLOWED[type];
    if (!rule.roles.includes(role)) {
      expect(r).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
      return;
    }
    if (!rule.from.includes(state)) {
      expect(r).toMatchObject({ ok: false, code: 'STATE_NOT_ALLOWED' });
      return;
    }
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
    if (!r.ok) return;
    const to = rule.to === 'same' ? state : rule.to === 'parkedFrom' ? 'handling' : rule.to;
    expect(r.task.state).toBe(to);
    expect(r.audit).toMatchObject({ command: type, from: state, to, actor: actors[role], at: T0 + 2 * H });
    expect(r.task.touched).toBe(role !== 'system');
  });

  it('has stable refusal codes', () => {
    expect(REFUSALS).toEqual([
      'ROLE_NOT_ALLOWED',
      'STATE_NOT_ALLOWED',
      'NOT_ASSIGNED',
      'EXTENSION_PENDING',
      'NO_EXTENSION_PENDING',
      'TOUCHED',
      'BAD_COMMAND',
    ]);
  });
});

describe('task lifecycle: guards beyond role and state', () => {
  const now = T0 + H;

  it('refuses an inspector acting on a task not dispatched to them', () => {
    const other: Actor = { role: 'inspector', id: 'insp-liu', name: '刘网格' };
    for (const type of ['start', 'return', 'comment'] as const) {
      expect(transition(taskIn('dispatched'), command(type), other, now, limits)).toMatchObject({
        ok: false,
        code: 'NOT_ASSIGNED',
      });
    }
  });

  it('lets any technician, and no inspector, work a technician task', () => {
    const maintenance = taskIn('dispatched', { handlerRole: 'technician', assignees: [] });
    expect(transition(maintenance, { type: 'start' }, actors.technician, now, limits).ok).toBe(true);
    expect(transition(maintenance, { type: 'start' }, actors.inspector, now, limits)).toMatchObject({
      ok: false,
      code: 'ROLE_NOT_ALLOWED',
    });
  });

  it('dispatches only to someone, and keeps the assignees given', () => {
    expect(
      transition(taskIn('accepted'), { type: 'dispatch', assignees: [' '] }, actors.operator, now, limits),
    ).toMatchObject({ ok: false, code: 'BAD_COMMAND' });
    const r = transition(
      taskIn('accepted', { assignees: [] }),
      { type: 'dispatch', assignees: ['a', 'b', 'a'] },
      actors.operator,
      now,
      limits,
    );
    expect(r.ok && r.task.assignees).toEqual(['a', 'b']);
    expect(r.ok && r.audit.data).toEqual({ assignees: ['a', 'b'] });
  });

  it('needs a reason code for a false alarm, and keeps it', () => {
    expect(
      transition(taskIn('handling'), { type: 'feedback', outcome: 'false_alarm' }, actors.inspector, now, limits),
    ).toMatchObject({ ok: false, code: 'BAD_COMMAND' });
    const r = transition(
      taskIn('handling'),
      { type: 'feedback', outcome: 'false_alarm', reason: 'steam', note: '锅炉蒸汽' },
      actors.inspector,
      now,
      limits,
    );
    expect(r.ok && r.task.outcome).toEqual({ kind: 'false_alarm', reason: 'steam', note: '锅炉蒸汽' });
  });

  it('takes one extension request at a time and moves the deadline only when approved', () => {
    const t = taskIn('handling');
    const asked = transition(t, command('request_extension'), actors.inspector, now, limits);
    if (!asked.ok) throw new Error(asked.message);
    expect(asked.task.dueAt).toBe(t.dueAt);
    expect(transition(asked.task, command('request_extension'), actors.inspector, now, limits)).toMatchObject({
      ok: false,
      code: 'EXTENSION_PENDING',
    });
    const approved = transition(asked.task, { type: 'approve_extension' }, actors.operator, now, limits);
    if (!approved.ok) throw new Error(approved.message);
    expect(approved.task.dueAt).toBe(t.dueAt + 12 * H);
    expect(approved.task.extendedH).toBe(12);
    expect(approved.task.extension).toBeNull();
    expect(transition(approved.task, { type: 'approve_extension' }, actors.operator, now, limits)).toMatchObject({
      ok: false,
      code: 'NO_EXTENSION_PENDING',
    });
    const rejected = transition(
      asked.task,
      { type: 'reject_extension', reason: '不予延期' },
      actors.operator,
      now,
      limits,
    );
    expect(rejected.ok && rejected.task.dueAt).toBe(t.dueAt);
  });

  it('returns a task to the centre without assignees, for re-dispatch', () => {
    const r = transition(taskIn('handling'), { type: 'return', reason: '不在本网格' }, actors.inspector, now, limits);
    expect(r.ok && r.task.state).toBe('returned');
    expect(r.ok && r.task.assignees).toEqual([]);
    expect(r.ok && r.audit.note).toBe('不在本网格');
  });

  it('parks without the clock running, and resumes where it was', () => {
    const t = taskIn('handling');
    const parked = transition(t, { type: 'park', reason: '等待上级' }, actors.operator, T0 + H, limits);
    if (!parked.ok) throw new Error(parked.message);
    const resumed = transition(parked.task, { type: 'resume' }, actors.operator, T0 + 31 * H, limits);
    if (!resumed.ok) throw new Error(resumed.message);
    expect(resumed.task.state).toBe('handling');
    expect(resumed.task.dueAt).toBe(t.dueAt + 30 * H);
    expect(resumed.task.parkedFrom).toBeNull();
  });

  it('rework goes back to handling, counts, and clears the outcome', () => {
    const t = taskIn('verification', { outcome: { kind: 'handled', reason: null, note: null } });
    const r = transition(t, { type: 'rework', reason: '现场仍有隐患' }, actors.operator, now, limits);
    expect(r.ok && r.task).toMatchObject({ state: 'handling', reworks: 1, outcome: null });
  });

  it('closes automatically only a task nobody touched', () => {
    const untouched = taskIn('dispatched', { handlerRole: 'technician', assignees: [] });
    const r = transition(untouched, { type: 'auto_close', reason: 'camera back' }, actors.system, now, limits);
    expect(r.ok && r.task).toMatchObject({ state: 'closed', closedAt: now, touched: false });
    const started = transition(untouched, { type: 'start' }, actors.technician, now, limits);
    if (!started.ok) throw new Error(started.message);
    expect(transition(started.task, { type: 'auto_close', reason: 'x' }, actors.system, now, limits)).toMatchObject({
      ok: false,
      code: 'TOUCHED',
    });
  });

  it('closes an untouched task as a false alarm with the reason code when its alert was dismissed', () => {
    const t = taskIn('reported', { assignees: [] });
    const command: TaskCommand = { type: 'auto_close', reason: 'dismissed at the centre', falseAlarm: 'steam' };
    const r = transition(t, command, actors.system, now, limits);
    expect(r.ok && r.task).toMatchObject({
      state: 'closed',
      closedAt: now,
      touched: false,
      outcome: { kind: 'false_alarm', reason: 'steam', note: 'dismissed at the centre' },
    });
    expect(r.ok && r.audit.data).toEqual({ outcome: 'false_alarm', reason: 'steam' });
  });

  it('only raises the escalation level', () => {
    const t = taskIn('handling', { escalation: 1 });
    expect(transition(t, { type: 'escalate', level: 1 }, actors.system, now, limits)).toMatchObject({
      ok: false,
      code: 'BAD_COMMAND',
    });
    const r = transition(t, { type: 'escalate', level: 2 }, actors.system, now, limits);
    expect(r.ok && r.task.escalation).toBe(2);
    expect(r.ok && r.audit.data).toEqual({ level: 'county' });
    expect(r.ok && r.task.touched).toBe(false);
  });

  it('sets the stage deadline of the stage entered', () => {
    const r = transition(taskIn('accepted'), command('dispatch'), actors.operator, now, limits);
    // yellow task, dispatched stage: 240 minutes to start on site
    expect(r.ok && r.task.stageDueAt).toBe(now + 240 * 60_000);
    const started = r.ok ? transition(r.task, { type: 'start' }, actors.inspector, now, limits) : null;
    expect(started?.ok && started.task.stageDueAt).toBeNull();
  });

  it('reports a new task with its deadline and first audit entry', () => {
    const { task, audit } = reportTask(
      { severity: 'red', handlerRole: 'inspector', note: '电话上报' },
      actors.operator,
      T0,
      limits,
    );
    expect(task).toMatchObject({ state: 'reported', dueAt: T0 + 2 * H, stageDueAt: T0 + 10 * 60_000, escalation: 0 });
    expect(audit).toEqual({
      at: T0,
      actor: actors.operator,
      command: 'report',
      from: null,
      to: 'reported',
      note: '电话上报',
      data: null,
    });
  });
});
