import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TASK_LIMITS,
  escalationDue,
  isOverdue,
  isStageOverdue,
  nextEscalationAt,
  timeLeft,
  type TaskLimits,
} from './task-deadlines';
import { reportTask, transition, type Actor, type TaskCommand, type TaskCore } from './task-lifecycle';

const MIN = 60_000;
const H = 60 * MIN;
const limits = DEFAULT_TASK_LIMITS;
const operator: Actor = { role: 'operator', id: 'op', name: 'op' };
const inspector: Actor = { role: 'inspector', id: 'w', name: 'w' };
const system: Actor = { role: 'system', id: 'engine', name: 'engine' };

/** 2026-11-30 23:30 in Beijing (UTC+8): a task reported just before midnight. */
const LATE_EVENING = Date.UTC(2026, 10, 30, 15, 30);

function step(task: TaskCore, command: TaskCommand, actor: Actor, at: number, l: TaskLimits = limits): TaskCore {
  const r = transition(task, command, actor, at, l);
  if (!r.ok) throw new Error(`${command.type}: ${r.message}`);
  return r.task;
}

/** Follows a task with an injected clock, applying escalations as the engine's timer would. */
function escalateAt(task: TaskCore, at: number, l: TaskLimits = limits): TaskCore {
  const level = escalationDue(task, at, l);
  return level > task.escalation ? step(task, { type: 'escalate', level }, system, at, l) : task;
}

describe('task time limits and escalation (injected clock)', () => {
  it('gives each tier its limit across midnight and month end', () => {
    for (const [severity, hours] of [
      ['red', 2],
      ['yellow', 24],
      ['blue', 72],
    ] as const) {
      const { task } = reportTask({ severity, handlerRole: 'inspector' }, operator, LATE_EVENING, limits);
      expect(task.dueAt - task.createdAt).toBe(hours * H);
      expect(isOverdue(task, task.dueAt)).toBe(false);
      expect(isOverdue(task, task.dueAt + 1)).toBe(true);
      expect(timeLeft(task, LATE_EVENING + H)).toBe((hours - 1) * H);
    }
    // the red task of 23:30 on 30 November is due at 01:30 on 1 December (Beijing)
    const { task } = reportTask({ severity: 'red', handlerRole: 'inspector' }, operator, LATE_EVENING, limits);
    expect(new Date(task.dueAt + 8 * H).toISOString()).toBe('2026-12-01T01:30:00.000Z');
  });

  it('escalates a red task to the township at its limit and to the county an hour later', () => {
    let t = reportTask({ severity: 'red', handlerRole: 'inspector' }, operator, LATE_EVENING, limits).task;
    t = step(t, { type: 'accept' }, operator, LATE_EVENING + 5 * MIN);
    t = step(t, { type: 'dispatch', assignees: ['w'] }, operator, LATE_EVENING + 8 * MIN);
    t = step(t, { type: 'start' }, inspector, LATE_EVENING + 20 * MIN);
    // 01:29 next day: still within the 2 h
    t = escalateAt(t, LATE_EVENING + 119 * MIN);
    expect(t.escalation).toBe(0);
    expect(nextEscalationAt(t, limits)).toBe(LATE_EVENING + 2 * H);
    // 01:31: township
    t = escalateAt(t, LATE_EVENING + 121 * MIN);
    expect(t.escalation).toBe(1);
    expect(nextEscalationAt(t, limits)).toBe(LATE_EVENING + 3 * H);
    t = escalateAt(t, LATE_EVENING + 179 * MIN);
    expect(t.escalation).toBe(1);
    // 02:31: county (half the red limit past the deadline)
    t = escalateAt(t, LATE_EVENING + 181 * MIN);
    expect(t.escalation).toBe(2);
    expect(nextEscalationAt(t, limits)).toBeNull();
  });

  it('escalates when a stage waits too long, before the task limit', () => {
    let t = reportTask({ severity: 'yellow', handlerRole: 'inspector' }, operator, LATE_EVENING, limits).task;
    expect(isStageOverdue(t, LATE_EVENING + 61 * MIN)).toBe(true);
    expect(isOverdue(t, LATE_EVENING + 61 * MIN)).toBe(false);
    t = escalateAt(t, LATE_EVENING + 61 * MIN);
    expect(t.escalation).toBe(1);
  });

  it('an approved extension moves the deadline and the escalation with it', () => {
    const created = LATE_EVENING;
    let t = reportTask({ severity: 'yellow', handlerRole: 'inspector' }, operator, created, limits).task;
    t = step(t, { type: 'accept' }, operator, created + 10 * MIN);
    t = step(t, { type: 'dispatch', assignees: ['w'] }, operator, created + 20 * MIN);
    t = step(t, { type: 'start' }, inspector, created + 2 * H);
    t = step(t, { type: 'request_extension', hours: 24, reason: '需协调供电所' }, inspector, created + 20 * H);
    // the request alone changes nothing: due 23:30 the next day
    expect(t.dueAt).toBe(created + 24 * H);
    t = step(t, { type: 'approve_extension' }, operator, created + 21 * H);
    expect(t.dueAt).toBe(created + 48 * H);
    // 25 h in (past the original limit, across two midnights): not overdue, not escalated
    t = escalateAt(t, created + 25 * H);
    expect(isOverdue(t, created + 25 * H)).toBe(false);
    expect(t.escalation).toBe(0);
    t = escalateAt(t, created + 48 * H + MIN);
    expect(t.escalation).toBe(1);
    // county: 12 h (half of yellow's 24 h) past the extended deadline
    t = escalateAt(t, created + 60 * H + MIN);
    expect(t.escalation).toBe(2);
  });

  it('does not run the clock while parked, nor escalate a parked task', () => {
    let t = reportTask({ severity: 'red', handlerRole: 'inspector' }, operator, LATE_EVENING, limits).task;
    t = step(t, { type: 'park', reason: '等待上级批复' }, operator, LATE_EVENING + 30 * MIN);
    expect(isOverdue(t, LATE_EVENING + 10 * H)).toBe(false);
    expect(escalationDue(t, LATE_EVENING + 10 * H, limits)).toBe(0);
    t = step(t, { type: 'resume' }, operator, LATE_EVENING + 10 * H + 30 * MIN);
    // 10 h parked: due 10 h later than it was
    expect(t.dueAt).toBe(LATE_EVENING + 12 * H);
    expect(t.state).toBe('reported');
  });

  it('stops at closed and voided tasks', () => {
    let t = reportTask({ severity: 'red', handlerRole: 'inspector' }, operator, LATE_EVENING, limits).task;
    t = step(t, { type: 'void', reason: '重复上报' }, operator, LATE_EVENING + MIN);
    expect(isOverdue(t, LATE_EVENING + 100 * H)).toBe(false);
    expect(nextEscalationAt(t, limits)).toBeNull();
  });

  it('takes configured limits', () => {
    const custom: TaskLimits = { tiersH: { red: 1, yellow: 8, blue: 48 }, countyAfterShare: 1 };
    const t = reportTask({ severity: 'red', handlerRole: 'inspector' }, operator, LATE_EVENING, custom).task;
    expect(t.dueAt).toBe(LATE_EVENING + H);
    expect(t.stageDueAt).toBeNull();
    expect(escalationDue(t, LATE_EVENING + H + 1, custom)).toBe(1);
    expect(escalationDue(t, LATE_EVENING + 2 * H + 1, custom)).toBe(2);
  });
});
