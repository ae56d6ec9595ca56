import { describe, expect, it } from 'vitest';
import { reviewNote, taskStepsForReview, type IncidentReview, type ReviewedTask } from './incident-review';

const reviewer = { id: 'op-li', name: '李值班' };
const dismissed: IncidentReview = { verdict: 'dismissed', reason: 'sunset', reviewer, note: null };
const confirmed: IncidentReview = { verdict: 'confirmed', reason: null, reviewer, note: '东门' };
const task = (over: Partial<ReviewedTask> = {}): ReviewedTask => ({
  state: 'reported',
  touched: false,
  coveringInspectors: [],
  ...over,
});

describe('taskStepsForReview', () => {
  it('closes an untouched task as a false alarm with the reviewer’s reason, by the engine', () => {
    for (const state of ['reported', 'dispatched', 'handling'] as const) {
      expect(taskStepsForReview(task({ state }), dismissed)).toEqual([
        {
          by: 'system',
          command: { type: 'auto_close', reason: reviewNote(dismissed), falseAlarm: 'sunset' },
        },
      ]);
    }
  });

  it('leaves a task someone works on to them, with a comment', () => {
    expect(taskStepsForReview(task({ state: 'handling', touched: true }), dismissed)).toEqual([
      { by: 'reviewer', command: { type: 'comment', note: reviewNote(dismissed) } },
    ]);
  });

  it('accepts a waiting task on confirmation and dispatches it when inspectors cover its cell', () => {
    expect(taskStepsForReview(task(), confirmed)).toEqual([
      { by: 'reviewer', command: { type: 'accept', note: reviewNote(confirmed) } },
    ]);
    expect(taskStepsForReview(task({ coveringInspectors: ['WG-1', 'WG-2'] }), confirmed)).toEqual([
      { by: 'reviewer', command: { type: 'accept', note: reviewNote(confirmed) } },
      { by: 'reviewer', command: { type: 'dispatch', assignees: ['WG-1', 'WG-2'], note: 'by grid cell' } },
    ]);
  });

  it('comments on a task already under way when the alert is confirmed', () => {
    expect(taskStepsForReview(task({ state: 'dispatched' }), confirmed)).toEqual([
      { by: 'reviewer', command: { type: 'comment', note: reviewNote(confirmed) } },
    ]);
  });

  it('leaves closed, voided and missing tasks alone', () => {
    expect(taskStepsForReview(null, dismissed)).toEqual([]);
    expect(taskStepsForReview(task({ state: 'closed' }), dismissed)).toEqual([]);
    expect(taskStepsForReview(task({ state: 'voided' }), confirmed)).toEqual([]);
  });

  it('says who decided what, and why', () => {
    expect(reviewNote(dismissed)).toBe('alert dismissed at the centre by 李值班 (op-li): sunset');
    expect(reviewNote(confirmed)).toBe('alert confirmed at the centre by 李值班 (op-li); 东门');
  });
});
