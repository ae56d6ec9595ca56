import { describe, expect, it } from 'vitest';
import { clockOf, elapsed } from './time-since';

const T = Date.parse('2026-11-29T08:00:00Z');

describe('elapsed', () => {
  it('gives the largest unit that fits, with the next one beside it', () => {
    expect(elapsed(T, T + 42_900)).toEqual({ unit: 'seconds', value: 42 });
    expect(elapsed(T, T + 5 * 60_000 + 7_000)).toEqual({ unit: 'minutes', value: 5, seconds: 7 });
    expect(elapsed(T, T + 3 * 3_600_000 + 25 * 60_000)).toEqual({ unit: 'hours', value: 3, minutes: 25 });
    expect(elapsed(T, T + 50 * 3_600_000)).toEqual({ unit: 'days', value: 2, hours: 2 });
  });

  it('never goes below zero when this clock is behind the engine’s', () => {
    expect(elapsed(T, T - 5000)).toEqual({ unit: 'seconds', value: 0 });
  });
});

describe('clockOf', () => {
  it('writes a duration the way a player does', () => {
    expect(clockOf(0)).toBe('0:00');
    expect(clockOf(7.6)).toBe('0:07');
    expect(clockOf(75)).toBe('1:15');
    expect(clockOf(3725)).toBe('1:02:05');
    expect(clockOf(-3)).toBe('0:00');
  });
});
