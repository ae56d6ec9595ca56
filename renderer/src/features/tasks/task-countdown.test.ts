import { describe, expect, it } from 'vitest';
import { countdownOf, splitCountdown } from './task-countdown';

const HOUR = 3_600_000;
const created = Date.parse('2025-06-01T08:00:00Z');
/** A red task: two hours from its creation. */
const task = {
  state: 'dispatched' as const,
  createdAt: new Date(created).toISOString(),
  dueAt: new Date(created + 2 * HOUR).toISOString(),
  overdue: false,
};

describe('countdownOf', () => {
  it('is normal while a quarter or more of the limit is left', () => {
    expect(countdownOf(task, created + HOUR)).toEqual({ tone: 'normal', ms: HOUR });
    expect(countdownOf(task, created + 1.5 * HOUR).tone).toBe('normal');
  });

  it('turns amber with less than a quarter of the limit left', () => {
    expect(countdownOf(task, created + 1.5 * HOUR + 1)).toEqual({ tone: 'amber', ms: 0.5 * HOUR - 1 });
  });

  it('turns red at the deadline and after it', () => {
    expect(countdownOf(task, created + 2 * HOUR).tone).toBe('red');
    expect(countdownOf(task, created + 3 * HOUR)).toEqual({ tone: 'red', ms: -HOUR });
  });

  it('is red when the engine says the task is overdue (a stage deadline passed)', () => {
    expect(countdownOf({ ...task, overdue: true }, created).tone).toBe('red');
  });

  it('pauses while parked and ends once closed or voided', () => {
    expect(countdownOf({ ...task, state: 'parked' }, created + 3 * HOUR).tone).toBe('paused');
    expect(countdownOf({ ...task, state: 'closed' }, created + 3 * HOUR).tone).toBe('done');
    expect(countdownOf({ ...task, state: 'voided' }, created).tone).toBe('done');
  });
});

describe('splitCountdown', () => {
  it('writes hours, minutes and seconds, whole days apart', () => {
    expect(splitCountdown(HOUR + 2 * 60_000 + 3_999)).toEqual({ overdue: false, days: 0, clock: '01:02:03' });
    expect(splitCountdown(50 * HOUR + 5_000)).toEqual({ overdue: false, days: 2, clock: '02:00:05' });
  });

  it('counts the time since the deadline once overdue, zero included', () => {
    expect(splitCountdown(0)).toEqual({ overdue: true, days: 0, clock: '00:00:00' });
    expect(splitCountdown(-(25 * HOUR + 61_000))).toEqual({ overdue: true, days: 1, clock: '01:01:01' });
  });
});
