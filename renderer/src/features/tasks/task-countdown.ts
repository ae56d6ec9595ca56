/**
 * The time-limit countdown of a task on the board: time left until its deadline, amber when less than a quarter of
 * its limit is left, red once it is overdue; paused while parked, none once closed or voided.
 */
import type { TaskView } from '@contract/tasks-contract';
import { isOpen } from '../../../../electron/domain/task-lifecycle';

/** Below this share of the whole limit left, the countdown turns amber. */
export const AMBER_SHARE = 0.25;

export type CountdownTone = 'normal' | 'amber' | 'red' | 'paused' | 'done';

export interface Countdown {
  tone: CountdownTone;
  /** Deadline minus now: negative once overdue. */
  ms: number;
}

type Timed = Pick<TaskView, 'state' | 'createdAt' | 'dueAt' | 'overdue'>;

export function countdownOf(task: Timed, now: number): Countdown {
  const due = Date.parse(task.dueAt);
  const ms = due - now;
  if (!isOpen(task.state)) return { tone: 'done', ms };
  if (task.state === 'parked') return { tone: 'paused', ms };
  if (ms <= 0 || task.overdue) return { tone: 'red', ms };
  const limit = due - Date.parse(task.createdAt);
  if (limit > 0 && ms < limit * AMBER_SHARE) return { tone: 'amber', ms };
  return { tone: 'normal', ms };
}

export interface CountdownParts {
  /** The deadline has passed: the parts count the time since. */
  overdue: boolean;
  days: number;
  /** Hours, minutes and seconds within the day, `HH:MM:SS`. */
  clock: string;
}

/** Splits a countdown into whole days and a clock; a countdown at zero is overdue. */
export function splitCountdown(ms: number): CountdownParts {
  const overdue = ms <= 0;
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const rest = total % 86_400;
  const pad = (value: number): string => String(value).padStart(2, '0');
  const clock = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
  return { overdue, days, clock };
}
