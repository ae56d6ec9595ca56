/**
 * Time limits of patrol tasks: one for the whole task per severity tier (defaults red 2 h, yellow 24 h, blue 72 h),
 * one per waiting stage (accept, dispatch, start on site), and the escalation they drive: a task past its limit
 * goes from the village to the township, and on to the county when it stays overdue. Pure: time passed in.
 */
import type { EscalationLevel, SeverityTier, TaskCore, TaskState } from './task-lifecycle';

const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface TaskLimits {
  /** The whole task, from report to close, per tier (hours). */
  tiersH: Record<SeverityTier, number>;
  /** Stages that wait for someone, per tier (minutes): how long a task may sit reported, accepted, dispatched. */
  stagesMin?: Partial<Record<'reported' | 'accepted' | 'dispatched', Record<SeverityTier, number>>>;
  /**
   * Escalation to the county: the task is still open this share of its tier's limit after its deadline
   * (default 0.5: a red task 1 h past its 2 h limit).
   */
  countyAfterShare?: number;
}

export const DEFAULT_TASK_LIMITS: Required<TaskLimits> = {
  tiersH: { red: 2, yellow: 24, blue: 72 },
  stagesMin: {
    reported: { red: 10, yellow: 60, blue: 240 },
    accepted: { red: 10, yellow: 60, blue: 240 },
    dispatched: { red: 30, yellow: 240, blue: 1440 },
  },
  countyAfterShare: 0.5,
};

export function taskDueAt(createdAt: number, severity: SeverityTier, limits: TaskLimits): number {
  return createdAt + limits.tiersH[severity] * HOUR;
}

/** The deadline of the stage a task enters at `at`, or null when that stage has none. */
export function stageDueAt(state: TaskState, severity: SeverityTier, at: number, limits: TaskLimits): number | null {
  if (state !== 'reported' && state !== 'accepted' && state !== 'dispatched') return null;
  const minutes = limits.stagesMin?.[state]?.[severity];
  return minutes === undefined ? null : at + minutes * MINUTE;
}

/** Open (not closed, voided or parked: parked time does not count) and past the whole task's limit. */
export function isOverdue(task: Pick<TaskCore, 'state' | 'dueAt'>, now: number): boolean {
  return isRunning(task.state) && now > task.dueAt;
}

/** Open and past the current stage's limit. */
export function isStageOverdue(task: Pick<TaskCore, 'state' | 'stageDueAt'>, now: number): boolean {
  return isRunning(task.state) && task.stageDueAt !== null && now > task.stageDueAt;
}

function isRunning(state: TaskState): boolean {
  return state !== 'closed' && state !== 'voided' && state !== 'parked';
}

/** Milliseconds left before the whole task's limit (negative once overdue). */
export function timeLeft(task: Pick<TaskCore, 'dueAt'>, now: number): number {
  return task.dueAt - now;
}

/**
 * The level a task should be escalated to now: township once it (or its stage) is past its limit, county once
 * it is `countyAfterShare` of its tier's limit past the deadline. Never lower than the level it has.
 */
export function escalationDue(
  task: Pick<TaskCore, 'state' | 'dueAt' | 'stageDueAt' | 'severity' | 'escalation'>,
  now: number,
  limits: TaskLimits,
): EscalationLevel {
  if (!isRunning(task.state)) return task.escalation;
  let level: EscalationLevel = 0;
  if (isOverdue(task, now) || isStageOverdue(task, now)) level = 1;
  const share = limits.countyAfterShare ?? DEFAULT_TASK_LIMITS.countyAfterShare;
  if (now > task.dueAt + limits.tiersH[task.severity] * HOUR * share) level = 2;
  return level > task.escalation ? level : task.escalation;
}

/** The next instant at which `escalationDue` may change (for the engine's timer), or null. */
export function nextEscalationAt(
  task: Pick<TaskCore, 'state' | 'dueAt' | 'stageDueAt' | 'severity' | 'escalation'>,
  limits: TaskLimits,
): number | null {
  if (!isRunning(task.state) || task.escalation >= 2) return null;
  const share = limits.countyAfterShare ?? DEFAULT_TASK_LIMITS.countyAfterShare;
  const county = task.dueAt + limits.tiersH[task.severity] * HOUR * share;
  if (task.escalation === 1) return county;
  return Math.min(task.dueAt, task.stageDueAt ?? Infinity);
}
