import { describe, expect, it } from 'vitest';
import { splitDuration } from './format';

describe('splitDuration', () => {
  it('writes the part below a day as hh:mm:ss', () => {
    expect(splitDuration(0)).toEqual({ days: 0, clock: '00:00:00' });
    expect(splitDuration(59.9)).toEqual({ days: 0, clock: '00:00:59' });
    expect(splitDuration(3 * 3600 + 4 * 60 + 5)).toEqual({ days: 0, clock: '03:04:05' });
  });

  it('counts whole days apart', () => {
    expect(splitDuration(86_400)).toEqual({ days: 1, clock: '00:00:00' });
    expect(splitDuration(2 * 86_400 + 3661)).toEqual({ days: 2, clock: '01:01:01' });
  });

  it('treats a negative duration as zero', () => {
    expect(splitDuration(-5)).toEqual({ days: 0, clock: '00:00:00' });
  });
});
