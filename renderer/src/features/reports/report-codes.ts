/**
 * The codes a report counts by, in the order the screen lists them, taken from the shared contract. Categories
 * and false-alarm reasons arrive as plain strings (the engine lists any code it finds), so they are checked
 * here before the screen looks up their words.
 */
import { SeverityTierSchema, TaskCategorySchema, TaskSourceSchema, TaskStateSchema } from '@contract/tasks-contract';
import type { TaskView } from '@contract/tasks-contract';

export type TaskState = (typeof TASK_STATES)[number];
export type TaskSource = (typeof TASK_SOURCES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type TaskCategory = (typeof TASK_CATEGORIES)[number];
export type FalseAlarmReason = NonNullable<NonNullable<TaskView['outcome']>['reason']> | 'unspecified';

export const TASK_STATES = TaskStateSchema.options;
export const TASK_SOURCES = TaskSourceSchema.options;
export const SEVERITIES = SeverityTierSchema.options;
export const TASK_CATEGORIES = TaskCategorySchema.options;

/** The reasons an inspector can give for a false alarm, and `unspecified` for one given without a reason. */
export const FALSE_ALARM_REASONS = [
  'sunset',
  'lamp',
  'steam',
  'cooking',
  'reflection',
  'other',
  'unspecified',
] as const satisfies readonly FalseAlarmReason[];

/** Fails to compile when the contract gains a reason this list does not have. */
export const REASONS_COMPLETE: [FalseAlarmReason] extends [(typeof FALSE_ALARM_REASONS)[number]] ? true : false = true;

export function isTaskCategory(code: string): code is TaskCategory {
  return (TASK_CATEGORIES as readonly string[]).includes(code);
}

export function isFalseAlarmReason(code: string): code is FalseAlarmReason {
  return (FALSE_ALARM_REASONS as readonly string[]).includes(code);
}
