/**
 * What an operator's review of an incident does to the patrol task made for it. Pure: the task's state and the
 * review come in, the lifecycle commands to apply (and who gives them) go out; the engine applies them through
 * the task store, so every change lands in the task's audit trail.
 *
 * - Dismissed (a false alarm, with the same reason codes as an inspector's feedback): a task nobody has acted on
 *   yet is closed by the engine as a false alarm with that reason; a task someone is already working on is left
 *   to them, with a comment saying the centre dismissed the alert.
 * - Confirmed: a task still waiting as reported (alert kinds whose tasks wait for an operator) is accepted by the
 *   operator and dispatched to the inspectors of its grid cell when someone covers it; any other open task gets
 *   a comment.
 * - A closed or voided task, or none at all, is left as it is.
 */
import { isOpen, type FalseAlarmReason, type TaskCommand, type TaskState } from './task-lifecycle';

export const REVIEW_VERDICTS = ['confirmed', 'dismissed'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

export interface IncidentReview {
  verdict: ReviewVerdict;
  /** Required when dismissed; null when confirmed. */
  reason: FalseAlarmReason | null;
  reviewer: { id: string; name: string };
  note: string | null;
}

export interface ReviewedTask {
  state: TaskState;
  touched: boolean;
  /** Active inspectors covering the task's grid cell (for a dispatch on confirmation). */
  coveringInspectors: readonly string[];
}

/** `system`: the engine's own command; `reviewer`: given in the reviewing operator's name. */
export interface ReviewTaskStep {
  by: 'system' | 'reviewer';
  command: TaskCommand;
}

/** The audit note: what the centre decided, by whom, why. */
export function reviewNote(review: IncidentReview): string {
  const who = `${review.reviewer.name} (${review.reviewer.id})`;
  const text =
    review.verdict === 'dismissed'
      ? `alert dismissed at the centre by ${who}: ${review.reason ?? 'other'}`
      : `alert confirmed at the centre by ${who}`;
  return review.note ? `${text}; ${review.note}` : text;
}

export function taskStepsForReview(task: ReviewedTask | null, review: IncidentReview): ReviewTaskStep[] {
  if (task === null || !isOpen(task.state)) return [];
  const text = reviewNote(review);
  if (review.verdict === 'dismissed') {
    if (task.touched) return [{ by: 'reviewer', command: { type: 'comment', note: text } }];
    return [{ by: 'system', command: { type: 'auto_close', reason: text, falseAlarm: review.reason ?? 'other' } }];
  }
  if (task.state === 'reported') {
    const steps: ReviewTaskStep[] = [{ by: 'reviewer', command: { type: 'accept', note: text } }];
    if (task.coveringInspectors.length > 0) {
      steps.push({
        by: 'reviewer',
        command: { type: 'dispatch', assignees: [...task.coveringInspectors], note: 'by grid cell' },
      });
    }
    return steps;
  }
  return [{ by: 'reviewer', command: { type: 'comment', note: text } }];
}
