import { describe, expect, it } from 'vitest';
import { parseDateBound } from './dataset-export-range';

describe('parseDateBound', () => {
  it('reads a day in the local zone: its start for since, the start of the next day for until', () => {
    expect(parseDateBound('2026-03-01', 'since')).toBe(new Date(2026, 2, 1).getTime());
    expect(parseDateBound('2026-02-28', 'until')).toBe(new Date(2026, 2, 1).getTime());
  });
  it('reads a full ISO time with its offset', () => {
    expect(parseDateBound('2026-03-01T08:30:00+08:00', 'since')).toBe(Date.parse('2026-03-01T00:30:00Z'));
    expect(parseDateBound('2026-03-01T00:30Z', 'until')).toBe(Date.parse('2026-03-01T00:30:00Z'));
  });
  it('refuses days that do not exist and other text', () => {
    for (const bad of ['2026-02-30', '2026-13-01', 'yesterday', '2026/03/01', '2026-03-01T08:30', '', '1700000000'])
      expect(parseDateBound(bad, 'since')).toBeNull();
  });
});
