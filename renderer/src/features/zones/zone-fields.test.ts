import { describe, expect, it } from 'vitest';
import { fieldProblem, formatSchedule, parseSchedule, ruleFields } from './zone-fields';

describe('rule fields from the schema', () => {
  it('reads bounds, defaults and descriptions of each kind’s numbers', () => {
    const crowd = ruleFields('crowding');
    expect(crowd.map((f) => f.key)).toEqual(['minDwellS', 'minCount']);
    expect(crowd[1]).toMatchObject({ min: 2, max: 1000, integer: true, defaultValue: 5 });
    expect(crowd[1]?.description).toContain('tracks inside');
    expect(ruleFields('restricted')).toEqual([
      expect.objectContaining({ key: 'minDwellS', min: 0, max: 86_400, integer: false, defaultValue: 3 }),
    ]);
    expect(ruleFields('loitering')[0]?.defaultValue).toBe(60);
  });

  it('checks a value against its field', () => {
    const [, count] = ruleFields('crowding');
    if (!count) throw new Error('no minCount');
    expect(fieldProblem(count, 3)).toBeNull();
    expect(fieldProblem(count, 2.5)).toEqual({ key: 'notInteger' });
    expect(fieldProblem(count, 1)).toEqual({ key: 'tooSmall', limit: 2 });
    expect(fieldProblem(count, 5000)).toEqual({ key: 'tooLarge', limit: 1000 });
    expect(fieldProblem(count, Number.NaN)).toEqual({ key: 'notNumber' });
  });
});

describe('schedules as text', () => {
  it('formats and reads back windows, weekdays included', () => {
    const windows = [
      { from: '22:00', to: '06:00' },
      { days: [1, 2, 3], from: '08:00', to: '18:00' },
    ];
    const text = formatSchedule(windows);
    expect(text).toBe('22:00-06:00\n1,2,3 08:00-18:00');
    expect(parseSchedule(text)).toEqual({ windows, badLines: [] });
  });

  it('reads blank text as no schedule, pads short hours, and names the lines it cannot read', () => {
    expect(parseSchedule('  \n')).toEqual({ windows: undefined, badLines: [] });
    expect(parseSchedule('8:00 – 9:30').windows).toEqual([{ from: '08:00', to: '09:30' }]);
    expect(parseSchedule('22:00-06:00\nnight\n9 08:00-10:00').badLines).toEqual([2, 3]);
  });
});
